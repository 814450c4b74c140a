import type { FastifyRequest } from 'fastify';
import { noteRefusal } from './request-log';
import type { StructuredLog } from './structured-log';

export interface Refusal {
  status: number;
  code: string;
  /** What failed, for the operator (libs/auth's reason, or why a resource was hidden); never personal data. */
  reason: string | null;
  /** On GraphQL: the field that was refused. */
  graphqlPath?: string | null;
}

/**
 * One `authorization_refused` line, REST and GraphQL alike: who was refused where, by method, route
 * pattern and request id, without subject, name, token, address or resource id.
 */
export function logRefusal(log: StructuredLog, request: FastifyRequest | undefined, refusal: Refusal): void {
  if (request !== undefined) noteRefusal(request, refusal.code);
  log.write('warn', 'authorization_refused', {
    status: refusal.status,
    code: refusal.code,
    reason: refusal.reason,
    method: request?.method ?? null,
    route: request?.routeOptions?.url ?? null,
    ...(refusal.graphqlPath === undefined ? {} : { graphqlPath: refusal.graphqlPath }),
    requestId: request?.id ?? null,
  });
}
