import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { EVENTS_FILE } from '@praktijklus/config';
import { spawnServer, testToken, type SpawnedServer } from '@praktijklus/testing';
import { signalBody, utrechtOfficer, type Written } from './signals.fixtures';

// Two servers as child processes on a shared machine: start-up alone takes seconds each.
jest.setTimeout(120_000);

const ROOT = resolve(__dirname, '..');

/** One span as OTLP/HTTP JSON carries it (ids in hex). */
interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes?: OtlpAttribute[];
}

interface OtlpAttribute {
  key: string;
  value: { stringValue?: string; intValue?: number | string; arrayValue?: unknown; boolValue?: boolean };
}

interface ExportRequest {
  resourceSpans: Array<{
    resource: { attributes: OtlpAttribute[] };
    scopeSpans: Array<{ scope: { name: string }; spans: OtlpSpan[] }>;
  }>;
}

const SPAN_KIND_SERVER = 2;
const SPAN_KIND_CLIENT = 3;
const SPAN_KIND_CONSUMER = 5;

/** An OTLP/HTTP collector in this process: keeps every JSON body POSTed to /v1/traces. */
class Receiver {
  readonly requests: ExportRequest[] = [];
  readonly bodies: string[] = [];
  private readonly server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      if (request.method === 'POST' && request.url === '/v1/traces') {
        this.bodies.push(body);
        this.requests.push(JSON.parse(body) as ExportRequest);
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });

  async listen(): Promise<string> {
    await new Promise<void>((done) => this.server.listen(0, '127.0.0.1', done));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  spans(): OtlpSpan[] {
    return this.requests.flatMap((r) =>
      r.resourceSpans.flatMap((rs) => rs.scopeSpans.flatMap((s) => s.spans)),
    );
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((done) => this.server.close(done));
  }
}

const attribute = (span: OtlpSpan, key: string): string | number | undefined => {
  const value = span.attributes?.find((a) => a.key === key)?.value;
  if (value === undefined) return undefined;
  return value.stringValue ?? (value.intValue === undefined ? undefined : Number(value.intValue));
};

async function until<T>(probe: () => T | undefined, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((done) => setTimeout(done, 100));
  }
}

async function postSignal(server: SpawnedServer, headers: Record<string, string> = {}): Promise<Written> {
  const response = await fetch(`${server.url}/api/v1/signals`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${await testToken(utrechtOfficer)}`,
      'content-type': 'application/json',
      ...headers,
    },
    body: JSON.stringify(signalBody()),
  });
  expect(response.status).toBe(201);
  return (await response.json()) as Written;
}

describe('OpenTelemetry traces with OTEL_EXPORTER_OTLP_ENDPOINT set', () => {
  const receiver = new Receiver();
  let dataDir: string;
  let server: SpawnedServer;
  // An upstream caller's trace: the server's spans must join it.
  const upstreamTraceId = '4bf92f3577b34da6a3ce929d0e0e4736';
  const traceparent = `00-${upstreamTraceId}-00f067aa0ba902b7-01`;
  let written: Written;
  const READ_TRACE_ID = '0af7651916cd43dd8448eb211c80319c';
  const READ_TRACEPARENT = `00-${READ_TRACE_ID}-b7ad6b7169203331-01`;

  beforeAll(async () => {
    const endpoint = await receiver.listen();
    dataDir = mkdtempSync(join(tmpdir(), 'praktijklus-tracing-'));
    server = await spawnServer({
      env: {
        DATA_DIR: dataDir,
        SQLITE_SYNCHRONOUS: 'NORMAL',
        OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
        OTEL_BSP_SCHEDULE_DELAY: '100',
      },
      startTimeoutMs: 60_000,
    });
    if (server.url === undefined) throw new Error(`the server did not start:\n${server.output()}`);
    written = await postSignal(server, { traceparent });
    // A probe, a scrape path and a read whose query string holds what could be a person's name.
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
    const read = await fetch(`${server.url}/api/v1/signals/${written.id}?naam=Jan%20Jansen`, {
      headers: { authorization: `Bearer ${await testToken(utrechtOfficer)}`, traceparent: READ_TRACEPARENT },
    });
    expect(read.status).toBeGreaterThanOrEqual(200);
  });

  afterAll(async () => {
    await server?.stop();
    await receiver.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('exports one trace from the HTTP request through the command and the append to the projection', async () => {
    const spansOfTrace = () => receiver.spans().filter((span) => span.traceId === upstreamTraceId);
    const projections = await until(() => {
      const found = spansOfTrace().filter((span) => span.name === 'project SignalRecorded');
      return found.length > 0 ? found : undefined;
    });
    const spans = spansOfTrace();
    const byId = new Map(spans.map((span) => [span.spanId, span]));
    const one = (name: string): OtlpSpan => {
      const matching = spans.filter((span) => span.name === name);
      expect(matching.map((span) => span.name)).toEqual([name]);
      return matching[0];
    };

    const http = spans.find(
      (span) => span.kind === SPAN_KIND_SERVER && span.parentSpanId === '00f067aa0ba902b7',
    );
    expect(http).toBeDefined();
    expect(attribute(http!, 'http.response.status_code')).toBe(201);
    const command = one('command RecordSignal');
    const append = one('append signal');
    expect(projections).toHaveLength(1);
    const [projection] = projections;

    // command → (Fastify's handler spans) → HTTP server span, the one the upstream traceparent named.
    const ancestors: string[] = [];
    for (
      let at = byId.get(command.parentSpanId ?? '');
      at !== undefined;
      at = byId.get(at.parentSpanId ?? '')
    ) {
      ancestors.push(at.spanId);
    }
    expect(ancestors).toContain(http!.spanId);
    expect(append.parentSpanId).toBe(command.spanId);
    expect(projection.parentSpanId).toBe(append.spanId);

    expect(append.kind).toBe(SPAN_KIND_CLIENT);
    expect(projection.kind).toBe(SPAN_KIND_CONSUMER);
    expect(attribute(command, 'praktijklus.command.type')).toBe('RecordSignal');
    expect(attribute(command, 'praktijklus.command.outcome')).toBe('ok');
    expect(attribute(command, 'praktijklus.stream.id')).toBe(`signal-${written.id}`);
    expect(attribute(append, 'db.system')).toBe('sqlite');
    expect(attribute(append, 'praktijklus.position')).toBe(written.position);
    expect(attribute(projection, 'praktijklus.position')).toBe(written.position);

    const service = receiver.requests[0].resourceSpans[0].resource.attributes.find(
      (a) => a.key === 'service.name',
    );
    expect(service?.value.stringValue).toBe('praktijklus');
  });

  it('keeps the trace context in the event metadata, and nothing personal in span attributes', async () => {
    const db = new Database(join(dataDir, EVENTS_FILE), { readonly: true, fileMustExist: true });
    let metadata: { traceparent?: string };
    try {
      const row = db
        .prepare('SELECT metadata FROM events WHERE stream_id = ?')
        .get(`signal-${written.id}`) as {
        metadata: string;
      };
      metadata = JSON.parse(row.metadata) as { traceparent?: string };
    } finally {
      db.close();
    }
    const append = receiver
      .spans()
      .find((span) => span.name === 'append signal' && span.traceId === upstreamTraceId);
    expect(metadata.traceparent).toBe(`00-${upstreamTraceId}-${append!.spanId}-01`);

    const exported = receiver.bodies.join('\n');
    expect(exported).not.toContain(signalBody().title as string);
    expect(exported).not.toContain(utrechtOfficer.sub);
    expect(exported).not.toMatch(/bearer|authorization|eyJ/i);
    const keys = new Set(receiver.spans().flatMap((span) => (span.attributes ?? []).map((a) => a.key)));
    expect(keys).not.toContain('client.address');
    expect(keys).not.toContain('user_agent.original');
  });

  it('keeps the names of query parameters but not their values, and does not trace probes', async () => {
    const read = await until(() =>
      receiver.spans().find((span) => span.traceId === READ_TRACE_ID && span.kind === SPAN_KIND_SERVER),
    );
    expect(attribute(read, 'url.query')).toBe('naam=REDACTED');
    const exported = receiver.bodies.join('\n');
    expect(exported).not.toContain('Jansen');
    const paths = receiver.spans().map((span) => attribute(span, 'url.path'));
    expect(paths).toContain(`/api/v1/signals/${written.id}`);
    expect(paths).not.toContain('/health');
  });
});

describe('OpenTelemetry spans still buffered at shutdown', () => {
  it('are sent when the server stops on SIGTERM', async () => {
    const receiver = new Receiver();
    const endpoint = await receiver.listen();
    const dataDir = mkdtempSync(join(tmpdir(), 'praktijklus-tracing-flush-'));
    const server = await spawnServer({
      env: {
        DATA_DIR: dataDir,
        SQLITE_SYNCHRONOUS: 'NORMAL',
        OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
        // Nothing is sent on the schedule during this test: only the shutdown can send it.
        OTEL_BSP_SCHEDULE_DELAY: '600000',
        OTEL_SERVICE_NAME: 'praktijklus-flush-test',
      },
      startTimeoutMs: 60_000,
    });
    try {
      if (server.url === undefined) throw new Error(`the server did not start:\n${server.output()}`);
      await postSignal(server);
      await new Promise((done) => setTimeout(done, 500));
      expect(receiver.requests).toEqual([]);
      await server.stop();
      const names = receiver.spans().map((span) => span.name);
      expect(names).toEqual(expect.arrayContaining(['command RecordSignal', 'append signal']));
      const service = receiver.requests[0].resourceSpans[0].resource.attributes.find(
        (a) => a.key === 'service.name',
      );
      expect(service?.value.stringValue).toBe('praktijklus-flush-test');
    } finally {
      await server.stop();
      await receiver.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

/** Runs `script` in a fresh Node process that loads the sources as the server does. */
function inChild(script: string, env: Record<string, string> = {}): string {
  return execFileSync(process.execPath, ['-r', join(ROOT, 'libs/testing/src/ts-register.js'), '-e', script], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
  });
}

describe('OpenTelemetry instrumentation', () => {
  it('patches http and the EventStoreDB client loaded after it (no cluster runs here to trace)', () => {
    const patched = inChild(
      `const tracing = require('./apps/server/src/tracing');
       const { EventStoreDBClient } = require('@eventstore/db-client');
       const http = require('node:http');
       process.stdout.write(JSON.stringify([
         EventStoreDBClient.prototype.appendToStream.__wrapped === true,
         EventStoreDBClient.prototype.subscribeToAll.__wrapped === true,
         http.Server.prototype.emit.__wrapped === true,
       ]));
       void tracing.shutdownTracing();`,
      { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:9' },
    );
    expect(JSON.parse(patched)).toEqual([true, true, true]);
  });
});

describe('OpenTelemetry traces without OTEL_EXPORTER_OTLP_ENDPOINT', () => {
  it('loads no SDK at all', () => {
    const loaded = inChild(
      `require('./apps/server/src/tracing');
       const { EventStoreDBClient } = require('@eventstore/db-client');
       process.stdout.write(JSON.stringify([
         Object.keys(require.cache).filter((f) => /@opentelemetry\\/(sdk|instrumentation|exporter)|@fastify\\/otel/.test(f)),
         EventStoreDBClient.prototype.appendToStream.__wrapped === true,
       ]));`,
    );
    expect(JSON.parse(loaded)).toEqual([[], false]);
  });

  it('exports nothing, even with the SDK variables for traces alone set', async () => {
    const receiver = new Receiver();
    const endpoint = await receiver.listen();
    const dataDir = mkdtempSync(join(tmpdir(), 'praktijklus-untraced-'));
    const server = await spawnServer({
      env: {
        DATA_DIR: dataDir,
        SQLITE_SYNCHRONOUS: 'NORMAL',
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `${endpoint}/v1/traces`,
        OTEL_BSP_SCHEDULE_DELAY: '100',
      },
      startTimeoutMs: 60_000,
    });
    try {
      if (server.url === undefined) throw new Error(`the server did not start:\n${server.output()}`);
      await postSignal(server, { traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' });
      await server.stop();
      const db = new Database(join(dataDir, EVENTS_FILE), { readonly: true, fileMustExist: true });
      try {
        const rows = db.prepare('SELECT metadata FROM events').all() as Array<{ metadata: string }>;
        expect(rows.length).toBeGreaterThan(0);
        for (const row of rows) expect(JSON.parse(row.metadata)).not.toHaveProperty('traceparent');
      } finally {
        db.close();
      }
      expect(receiver.requests).toEqual([]);
    } finally {
      await server.stop();
      await receiver.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
