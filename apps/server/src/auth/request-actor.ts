import type { FastifyRequest } from 'fastify';
import { AuthenticationFailed } from '@praktijklus/auth';
import type { Actor } from '@praktijklus/domain';

/** The actor libs/auth's guard put on the request; only routes behind `@Roles(...)` have one. */
export function actorOf(request: FastifyRequest): Actor {
  const actor = (request as FastifyRequest & { actor?: Actor }).actor;
  if (!actor) throw new AuthenticationFailed('UNAUTHENTICATED', 'This action needs a bearer token.');
  return actor;
}
