import type { ApolloDriverConfig } from '@nestjs/apollo';
import type { FastifyReply, FastifyRequest } from 'fastify';

// Typed through the driver's config: @apollo/server's CommonJS and ES-module typings are distinct types.
export type ApolloPlugin = NonNullable<ApolloDriverConfig['plugins']>[number];

/** The context every resolver receives: the Fastify request (the auth guard puts the actor on it). */
export interface GraphqlContext {
  req: FastifyRequest;
  reply: FastifyReply;
}
