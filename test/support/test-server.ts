import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DynamicModule, Type } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { DestinationStream } from 'pino';
import { createApp } from '../../apps/server/src/app';
import { parseSettings, type Settings } from '@praktijklus/config';
import { SILENT_SINK, type LogSink } from '../../apps/server/src/logging/structured-log';
import { e2eOnPostgres, postgresEnvFor } from './postgres-e2e';
import {
  readResponse,
  TEST_JWT_SECRET,
  testToken,
  type TestResponse,
  type TokenClaims,
} from '@praktijklus/testing';

export interface TestRequestOptions {
  /** A bearer token, or claims to issue one from. */
  token?: string | TokenClaims;
  /** Sent as JSON unless a string (sent as is, with the content type you set in headers). */
  body?: unknown;
  headers?: Record<string, string>;
}

export interface TestServer {
  url: string;
  dataDir: string;
  settings: Settings;
  app: NestFastifyApplication;
  token(claims: TokenClaims): Promise<string>;
  request<T = unknown>(method: string, path: string, options?: TestRequestOptions): Promise<TestResponse<T>>;
  /** POST /graphql with `{ query, variables }`. */
  graphql<T = unknown>(
    query: string,
    options?: {
      token?: string | TokenClaims;
      variables?: Record<string, unknown>;
      headers?: Record<string, string>;
    },
  ): Promise<TestResponse<T>>;
  close(): Promise<void>;
}

export interface StartTestServerOptions {
  /** Settings as environment variables (PORT, DATA_DIR, ... as in API.md); these win over the defaults. */
  env?: Record<string, string>;
  /** Where structured security log lines go; silent by default. */
  securityLogSink?: LogSink;
  /** The application's log lines (requests, Nest, Fastify) go here at LOG_LEVEL (default info); silent without. */
  logDestination?: DestinationStream;
  /** Keep DATA_DIR after close (e.g. to restart a server on the same data). */
  keepDataDir?: boolean;
  /** Extra Nest modules to mount, e.g. a probe controller for a plumbing test. */
  modules?: Array<Type | DynamicModule>;
}

/**
 * The real application, in this process, on 127.0.0.1 and a free port, with a fresh temporary
 * DATA_DIR and the fixed test secret. Rate limiting is off unless `env` sets RATE_LIMIT_PER_MINUTE.
 */
export async function startTestServer(options: StartTestServerOptions = {}): Promise<TestServer> {
  const ownDataDir = options.env?.DATA_DIR === undefined;
  const dataDir = options.env?.DATA_DIR ?? mkdtempSync(join(tmpdir(), 'praktijklus-e2e-'));
  // The e2e-postgres project: the same tests on PostgreSQL, unless a test chose its store itself.
  const storeEnv =
    e2eOnPostgres() && options.env?.EVENT_STORE === undefined ? await postgresEnvFor(dataDir) : {};
  const settings = parseSettings({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    AUTH_JWT_SECRET: TEST_JWT_SECRET,
    RATE_LIMIT_PER_MINUTE: '0',
    // Tests run many servers on one machine; FULL fsyncs are tested where they matter.
    SQLITE_SYNCHRONOUS: 'NORMAL',
    LOG_LEVEL: options.logDestination === undefined ? 'silent' : 'info',
    // Time travel's history is a thread of its own per server: the tests of time travel turn it on.
    TIME_TRAVEL_HISTORY: 'off',
    ...storeEnv,
    ...options.env,
  });

  const app = await createApp(settings, {
    ...(options.logDestination === undefined
      ? { logger: ['error' as const] }
      : { logDestination: options.logDestination }),
    securityLogSink: options.securityLogSink ?? SILENT_SINK,
    ...(options.modules ? { modules: options.modules } : {}),
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');

  const token = (claims: TokenClaims): Promise<string> => testToken(claims);

  const request = async <T>(
    method: string,
    path: string,
    init: TestRequestOptions = {},
  ): Promise<TestResponse<T>> => {
    const headers: Record<string, string> = { ...init.headers };
    if (init.token !== undefined) {
      headers.authorization = `Bearer ${typeof init.token === 'string' ? init.token : await token(init.token)}`;
    }
    let body: string | undefined;
    if (init.body !== undefined) {
      if (typeof init.body === 'string') {
        body = init.body;
      } else {
        body = JSON.stringify(init.body);
        headers['content-type'] ??= 'application/json';
      }
    }
    const response = await fetch(`${url}${path}`, { method, headers, body });
    return readResponse<T>(response);
  };

  return {
    url,
    dataDir,
    settings,
    app,
    token,
    request,
    graphql: (query, init = {}) =>
      request('POST', '/graphql', {
        body: { query, ...(init.variables ? { variables: init.variables } : {}) },
        ...(init.token !== undefined ? { token: init.token } : {}),
        ...(init.headers ? { headers: init.headers } : {}),
      }),
    close: async () => {
      await app.close();
      if (ownDataDir && !options.keepDataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
