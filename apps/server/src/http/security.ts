import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Server } from 'node:http';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { VERIFIED_SUBJECT, type VerifiedSubject } from '../auth/verified-subject';
import type { Settings } from '@praktijklus/config';
import { HttpProblem } from '../errors/problem';
import { Metrics } from '../metrics/metrics';

// Probes and scrapes come every few seconds from the platform, not from users.
const UNLIMITED_PATHS = new Set(['/health', '/ready', '/metrics']);

/**
 * Security headers, CORS (closed unless CORS_ORIGINS) and rate limiting per user — keyed by the
 * `sub` of a verified token, or by client address (through TRUST_PROXY) for anonymous requests.
 */
export async function registerSecurity(
  app: NestFastifyApplication,
  fastify: FastifyInstance,
  settings: Settings,
): Promise<void> {
  enforceRequestDeadline(fastify.server, settings.requestTimeoutMs);
  // Helmet's CSP middleware built once here: @fastify/helmet builds all its middleware again for
  // every request, and parsing these directives was most of that cost (~15 us a request).
  const contentSecurityPolicy = helmet.contentSecurityPolicy({
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      baseUri: ["'self'"],
      // Swagger UI's page carries inline styles; scripts stay same-origin only.
      styleSrc: ["'self'", "'unsafe-inline'"],
      scriptSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      frameAncestors: ["'none'"],
      formAction: ["'self'"],
      ...(settings.production ? { upgradeInsecureRequests: [] } : {}),
    },
  });
  await app.register(helmet, {
    contentSecurityPolicy: false,
    strictTransportSecurity: settings.production ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
  });
  fastify.addHook('onRequest', (request, reply, done) => contentSecurityPolicy(request.raw, reply.raw, done));
  if (!settings.production) relaxCspForGraphiql(fastify);

  if (settings.corsOrigins.length > 0) {
    app.enableCors({
      origin: settings.corsOrigins,
      methods: ['GET', 'POST', 'PATCH', 'OPTIONS'],
      allowedHeaders: [
        'Authorization',
        'Content-Type',
        'Idempotency-Key',
        'If-Match',
        'X-Consistent-With',
        'X-Correlation-Id',
      ],
      exposedHeaders: ['ETag', 'Location', 'Retry-After', 'X-Request-Id'],
      credentials: false,
      maxAge: 600,
    });
  }

  fastify.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });

  if (settings.rateLimitPerMinute > 0) {
    const identity = app.get<VerifiedSubject>(VERIFIED_SUBJECT);
    const metrics = app.get(Metrics);
    await app.register(rateLimit, {
      global: true,
      max: settings.rateLimitPerMinute,
      timeWindow: 60_000,
      hook: 'onRequest',
      allowList: (request: FastifyRequest) => UNLIMITED_PATHS.has(request.url.split('?')[0]),
      keyGenerator: async (request: FastifyRequest) => {
        const subject = await identity.subjectOf(request);
        return subject === undefined ? `address:${request.ip}` : `subject:${subject}`;
      },
      onExceeded: () => metrics.rateLimited.inc(),
      errorResponseBuilder: (_request, context) =>
        new HttpProblem(429, 'TOO_MANY_REQUESTS', `Too many requests; retry in ${context.after}.`, {
          'retry-after': String(Math.max(1, Math.ceil(context.ttl / 1000))),
        }),
    });
  }
}

/**
 * Fastify sets `requestTimeout` after creating the server, but Node enforces it only while
 * `headersTimeout` (default 60 s) is not longer, and checks every `connectionsCheckingInterval`
 * (default 30 s): without this a client dripping a byte now and then held a request open forever.
 * The interval is read when the server starts listening.
 */
function enforceRequestDeadline(server: Server, requestTimeoutMs: number): void {
  server.requestTimeout = requestTimeoutMs;
  server.headersTimeout = Math.min(server.headersTimeout, requestTimeoutMs);
  (server as Server & { connectionsCheckingInterval: number }).connectionsCheckingInterval = Math.min(
    1000,
    requestTimeoutMs,
  );
}

// GraphiQL (development only) loads React and its own bundle from unpkg and boots with an inline script.
function relaxCspForGraphiql(fastify: FastifyInstance): void {
  fastify.addHook('onSend', async (request, reply, payload) => {
    const type = reply.getHeader('content-type');
    if (request.url.startsWith('/graphql') && typeof type === 'string' && type.startsWith('text/html')) {
      void reply.header(
        'content-security-policy',
        "default-src 'self'; script-src 'self' 'unsafe-inline' https://unpkg.com; " +
          "style-src 'self' 'unsafe-inline' https://unpkg.com; img-src 'self' data:; font-src 'self' data:; " +
          "connect-src 'self'; object-src 'none'; frame-ancestors 'none'",
      );
    }
    return payload;
  });
}
