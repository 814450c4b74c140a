import type { ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext, type GqlContextType } from '@nestjs/graphql';
import type { Actor } from '@praktijklus/domain';

/** The part of a Fastify (or Node) request the auth pieces read and write. */
export interface AuthRequest {
  headers?: Record<string, string | string[] | undefined>;
  actor?: Actor;
}

/** The HTTP request behind a REST handler or a GraphQL resolver (`context.req`); else undefined. */
export function requestOf(context: ExecutionContext): AuthRequest | undefined {
  const type = context.getType<GqlContextType>();
  const request: unknown =
    type === 'http'
      ? context.switchToHttp().getRequest<unknown>()
      : type === 'graphql'
        ? GqlExecutionContext.create(context).getContext<{ req?: unknown } | undefined>()?.req
        : undefined;
  return typeof request === 'object' && request !== null ? (request as AuthRequest) : undefined;
}
