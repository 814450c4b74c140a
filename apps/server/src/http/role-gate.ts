import type { FastifyInstance } from 'fastify';
import type { Settings } from '@praktijklus/config';
import { HttpProblem } from '../errors/problem';

/**
 * ROLES lets one image run as a command, query or projector instance. Without `commands` the
 * REST API is not served here; without `queries` GraphQL is not mounted at all (see AppModule).
 */
export function registerRoleGate(fastify: FastifyInstance, settings: Settings): void {
  if (settings.roles.includes('commands')) return;
  fastify.addHook('onRequest', async (request) => {
    if (request.url.startsWith('/api/v1/') || request.url === '/api/v1') {
      throw new HttpProblem(404, 'ROLE_NOT_SERVED', 'This instance does not serve the REST API (ROLES).');
    }
  });
}
