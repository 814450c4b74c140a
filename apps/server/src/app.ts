import { randomUUID } from 'node:crypto';
import { DynamicModule, LoggerService, LogLevel, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { LogController, type FastifyInstance } from 'fastify';
import { Logger as PinoNestLogger } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { ensurePrivateDirectory } from '@praktijklus/event-store';
import { AppModule } from './app.module';
import { answerFrameworkError } from './errors/problem.filter';
import type { Settings } from '@praktijklus/config';
import { answerClientError } from './http/client-errors';
import { registerJsonOnlyBodies } from './http/json-bodies';
import { registerRoleGate } from './http/role-gate';
import { registerSecurity } from './http/security';
import { createLogger } from './logging/logger';
import { registerRequestLog } from './logging/request-log';
import { StructuredLog, type LogSink } from './logging/structured-log';
import { registerMetrics } from './metrics/metrics';
import { setUpOpenApi } from './openapi/openapi';
import {
  DEVELOPMENT_SIGN_IN,
  developmentSignInConstraint,
  developmentTokensAllowed,
  isDevelopmentSignInPath,
} from './web/development-sign-in';

export interface AppOptions {
  /** Nest's own console logger instead of the pino one; tests pass `false` or a level list. */
  logger?: LoggerService | LogLevel[] | false;
  /** Security events on a logger of their own writing to this sink (tests); default the application's logger. */
  securityLogSink?: LogSink;
  /** Where the application's log lines go (default stdout, or pino-pretty with LOG_FORMAT=pretty). */
  logDestination?: DestinationStream;
  /** Hold Nest's start-up logs until the application is up; a failed start then prints nothing of them. */
  bufferLogs?: boolean;
  /** More modules to mount (tests mount probe controllers this way). */
  modules?: Array<Type | DynamicModule>;
}

/**
 * The whole HTTP application, initialised but not listening: settings, stores, projector,
 * security, REST, GraphQL and OpenAPI. `bootstrap` also listens; tests use either.
 */
export async function createApp(
  settings: Settings,
  options: AppOptions = {},
): Promise<NestFastifyApplication> {
  ensurePrivateDirectory(settings.dataDir);
  ensurePrivateDirectory(settings.readModelsDir);
  const logger = createLogger(settings, options.logDestination);
  const securityLog = new StructuredLog(options.securityLogSink ?? logger);

  const adapter = new FastifyAdapter({
    bodyLimit: settings.bodyLimitBytes,
    // Fastify's types take no hop count, its proxy-addr does: a function says the same.
    trustProxy:
      typeof settings.trustProxy === 'number' ? trustHops(settings.trustProxy) : settings.trustProxy,
    requestTimeout: settings.requestTimeoutMs,
    // Idle sockets are cut well after the request timeout so a slow handler is not cut first.
    connectionTimeout: settings.requestTimeoutMs * 2,
    keepAliveTimeout: 10_000,
    return503OnClosing: true,
    genReqId: () => randomUUID(),
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    routerOptions: {
      maxParamLength: 200,
      ignoreTrailingSlash: true,
      constraints: { [DEVELOPMENT_SIGN_IN]: developmentSignInConstraint(settings) },
    },
    frameworkErrors: answerFrameworkError,
    clientErrorHandler: answerClientError,
    loggerInstance: logger,
    // One line per request from registerRequestLog instead of Fastify's two.
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: 'requestId' }),
  });

  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(settings, securityLog, logger, options.modules),
    adapter,
    {
      ...(options.logger === undefined ? {} : { logger: options.logger }),
      // Fastify's parsers are replaced by one JSON parser below; no urlencoded bodies.
      bodyParser: false,
      abortOnError: false,
      // Held until the pino logger below takes over, so no line is printed by Nest's console logger.
      bufferLogs: options.logger === undefined || (options.bufferLogs ?? false),
      autoFlushLogs: false,
    },
  );
  if (options.logger === undefined) app.useLogger(app.get(PinoNestLogger));
  const fastify = app.getHttpAdapter().getInstance() as unknown as FastifyInstance;
  registerRequestLog(fastify);
  await registerMetrics(app, fastify, settings);

  // Security headers first: the body and role hooks refuse requests early, and those answers need them too.
  await registerSecurity(app, fastify, settings);
  registerJsonOnlyBodies(fastify);
  registerRoleGate(fastify, settings);
  setUpOpenApi(app, developmentTokensAllowed(settings) ? {} : { notServed: isDevelopmentSignInPath });
  await app.init();
  app.flushLogs();
  return app;
}

/** `createApp` and listen on HOST:PORT (PORT 0: a free port; read it from `app.getUrl()`). */
export async function bootstrap(
  settings: Settings,
  options: AppOptions = {},
): Promise<NestFastifyApplication> {
  const app = await createApp(settings, options);
  try {
    await app.listen({ port: settings.port, host: settings.host });
  } catch (error) {
    await app.close();
    throw error;
  }
  return app;
}

function trustHops(hops: number): (address: string, hop: number) => boolean {
  return (_address, hop) => hop < hops;
}
