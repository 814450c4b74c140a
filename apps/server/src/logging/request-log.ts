import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Actor } from '@praktijklus/domain';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const refusals = new WeakMap<FastifyRequest, string>();

/** Marks a request as refused, so its request line carries the refusal's code. */
export function noteRefusal(request: FastifyRequest, code: string): void {
  refusals.set(request, code);
}

/**
 * One line per request on the request's own logger (which binds `requestId`): what was asked,
 * how it ended, and for whom by authority and roles only. No subject, name, token, query string
 * or body: the route is the pattern (`/api/v1/signals/:id`), never the path with its ids.
 */
export function registerRequestLog(fastify: FastifyInstance): void {
  fastify.addHook('onResponse', (request, reply, done) => {
    const actor = (request as FastifyRequest & { actor?: Actor }).actor;
    const correlation = request.headers['x-correlation-id'];
    request.log.info({
      event: 'request',
      correlationId: typeof correlation === 'string' && UUID.test(correlation) ? correlation : request.id,
      method: request.method,
      route: request.routeOptions.url ?? null,
      status: reply.statusCode,
      durationMs: Math.round(reply.elapsedTime * 10) / 10,
      authority: actor?.authority ?? null,
      roles: actor?.roles ?? null,
      refused: refusals.get(request) ?? null,
    });
    done();
  });
}
