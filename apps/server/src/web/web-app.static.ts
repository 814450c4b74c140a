import { existsSync, statSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { HttpProblem } from '../errors/problem';
import { routeConstraint } from '../http/route-constraint';
import { isBrowserRoute } from './browser-routes';

/** Paths the web app never answers, so an unknown API route stays a problem+json 404. */
export const RESERVED_PREFIXES = ['/api', '/graphql', '/health', '/ready'] as const;

const isReserved = (path: string): boolean =>
  RESERVED_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));

/**
 * The router constraint that keeps the app's catch-all route off the reserved paths, so the router
 * answers those itself as it does without the web app: an over-long path parameter of an API route
 * is 414 there, not a fall-through to the catch-all and a 404.
 */
const WEB_APP_AREA = 'webAppArea';

function registerWebAppArea(fastify: FastifyInstance): void {
  if (fastify.hasConstraintStrategy(WEB_APP_AREA)) return;
  fastify.addConstraintStrategy(
    routeConstraint(WEB_APP_AREA, 'app', (url) => (isReserved(pathOf(url)) ? 'api' : 'app')),
  );
}

function pathOf(url: string): string {
  const path = url.split('?')[0];
  if (!path.includes('%')) return path;
  try {
    return decodeURIComponent(path);
  } catch {
    // Undecodable: the router refuses it as MALFORMED_URL before any handler.
    return path;
  }
}

/**
 * Where `npm run build:web` puts the app: apps/web/dist, found by walking up from this file (it
 * runs from apps/server/src/web under ts-node-like loaders and from dist/apps/server/src/web built).
 */
export function defaultWebDistDir(from: string = __dirname): string {
  let directory = resolve(from);
  for (let i = 0; i < 8; i++) {
    const candidate = join(directory, 'apps', 'web', 'dist');
    if (existsSync(join(directory, 'apps', 'web', 'index.html'))) return candidate;
    const parent = resolve(directory, '..');
    if (parent === directory) break;
    directory = parent;
  }
  return resolve(process.cwd(), 'apps', 'web', 'dist');
}

function fileInside(root: string, relative: string): string | undefined {
  const file = resolve(root, relative);
  if (file !== root && !file.startsWith(`${root}${sep}`)) return undefined;
  try {
    return statSync(file).isFile() ? file : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Serves the built single-page app at `/`: its files as they are (hashed assets cached for a year),
 * and index.html for the app's own routes (`isBrowserRoute`), so deep links like /signals/123 load
 * the app. Never shadows /api, /graphql, /health or /ready, nor any other path: those fall through
 * to the not-found handler.
 */
export function registerWebRoutes(fastify: FastifyInstance, distDir: string): void {
  const root = resolve(distDir);
  registerWebAppArea(fastify);
  void fastify.register(async (scope) => {
    await scope.register(fastifyStatic, { root, serve: false });

    const handler = async (request: FastifyRequest, reply: FastifyReply) => {
      let path: string;
      try {
        path = decodeURIComponent(request.url.split('?')[0]);
      } catch {
        return reply.callNotFound();
      }
      if (isReserved(path) || path.includes('\0')) return reply.callNotFound();

      const relative = path.replace(/^\/+/, '');
      if (relative !== '' && fileInside(root, relative)) {
        // Vite puts content-hashed names under assets/: those never change, everything else may.
        if (relative.startsWith('assets/')) {
          return reply.sendFile(relative, { maxAge: '365d', immutable: true });
        }
        return reply.header('cache-control', 'no-cache').sendFile(relative, { cacheControl: false });
      }
      // Neither a file nor a page of the app (a missing asset, `/metrics`): a 404, not the app.
      if (!isBrowserRoute(path)) return reply.callNotFound();
      if (!fileInside(root, 'index.html')) {
        throw new HttpProblem(
          503,
          'WEB_APP_NOT_BUILT',
          'The web app has not been built; run `npm run build:web` (npm start does it).',
        );
      }
      return reply.header('cache-control', 'no-cache').sendFile('index.html', { cacheControl: false });
    };

    scope.get('/', handler);
    scope.get('/*', { constraints: { [WEB_APP_AREA]: 'app' } }, handler);
  });
}

/** For a custom bootstrap: the same as importing `WebModule`, on an application not yet initialised. */
export function registerWebApp(app: NestFastifyApplication, distDir: string = defaultWebDistDir()): void {
  registerWebRoutes(app.getHttpAdapter().getInstance() as unknown as FastifyInstance, distDir);
}
