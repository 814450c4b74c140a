import { createServer } from 'node:net';
import { lineDestination } from '../apps/server/src/logging/logger';
import { signalBody, utrechtOfficer, type Written } from './signals.fixtures';
import { startTestServer, type TestServer } from './support/test-server';

const METRICS_TOKEN = 'metrics-token-for-tests-0123456789abcdef';
// Distinctive enough that finding it in a log line can only be a leak of the request body.
const INITIATIVE = { name: 'Stichting Blauwe Reiger Logtest', contact: 'reiger.logtest@example.org' };

type LogLine = Record<string, unknown>;

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** The Prometheus text format, one sample a line (`name{a="b",...} value`); comments skipped. */
function parseMetrics(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})?\s+(\S+)$/.exec(line);
    if (!match) throw new Error(`not a sample line: ${line}`);
    const labels: Record<string, string> = {};
    for (const pair of (match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[pair[1]] = pair[2];
    samples.push({ name: match[1], labels, value: Number(match[3]) });
  }
  return samples;
}

/** Whether a listener of our own can bind `host:port`; closed again at once. */
function listensOn(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, host, () => probe.close(() => resolve(true)));
  });
}

const sum = (samples: Sample[], name: string, labels: Record<string, string> = {}): number =>
  samples
    .filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))
    .reduce((total, s) => total + s.value, 0);

describe('structured request log (nestjs-pino)', () => {
  let server: TestServer;
  const lines: string[] = [];
  let bearer: string;

  beforeAll(async () => {
    server = await startTestServer({ logDestination: lineDestination((line) => lines.push(line)) });
    bearer = await server.token(utrechtOfficer);
  });

  afterAll(async () => {
    await server.close();
  });

  it('writes one JSON line per request with ids, route pattern, status, duration and the caller by authority and role', async () => {
    const correlationId = '4f1c2b9e-6d3a-4e8f-9b1c-2a3d4e5f6a7b';
    const recorded = await server.request<Written>('POST', '/api/v1/signals', {
      token: bearer,
      headers: { 'x-correlation-id': correlationId },
      body: signalBody({ initiative: INITIATIVE }),
    });
    expect(recorded.status).toBe(201);
    const read = await server.request('GET', `/api/v1/signals/${recorded.body.id}`, { token: bearer });
    expect(read.status).toBe(200);

    const entries = lines.map((line) => JSON.parse(line) as LogLine);
    const requests = entries.filter((entry) => entry.event === 'request');
    expect(requests).toEqual([
      {
        time: expect.any(String),
        level: 'info',
        event: 'request',
        requestId: recorded.headers.get('x-request-id'),
        correlationId,
        method: 'POST',
        route: '/api/v1/signals',
        status: 201,
        durationMs: expect.any(Number),
        authority: 'gm0344',
        roles: ['officer'],
        refused: null,
      },
      expect.objectContaining({
        requestId: read.headers.get('x-request-id'),
        correlationId: read.headers.get('x-request-id'),
        method: 'GET',
        route: '/api/v1/signals/:id',
        status: 200,
      }),
    ]);
  });

  it('never writes a token, the authorization header or a name from a request body', async () => {
    await server.request('GET', '/api/v1/signals/not-a-uuid', {
      token: bearer,
      headers: { cookie: 'sid=x' },
    });
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      expect(line).not.toContain(bearer);
      expect(line).not.toContain(bearer.split('.')[1]);
      expect(line.toLowerCase()).not.toContain('authorization');
      expect(line).not.toContain('sid=x');
      expect(line).not.toContain(INITIATIVE.name);
      expect(line).not.toContain(INITIATIVE.contact);
      expect(line).not.toContain(utrechtOfficer.sub);
    }
  });

  it('folds a refusal into its request line', async () => {
    const response = await server.graphql('{ policyDomains { code } }');
    expect(response.status).toBe(200);
    const line = lines
      .map((l) => JSON.parse(l) as LogLine)
      .find((entry) => entry.event === 'request' && entry.requestId === response.headers.get('x-request-id'));
    expect(line).toMatchObject({ route: '/graphql', authority: null, refused: 'UNAUTHENTICATED' });
  });
});

describe('GET /metrics (prom-client)', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ env: { METRICS_TOKEN, RATE_LIMIT_PER_MINUTE: '3' } });
  });

  afterAll(async () => {
    await server.close();
  });

  const scrape = async (): Promise<Sample[]> => {
    const response = await server.request<string>('GET', '/metrics', { token: METRICS_TOKEN });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    return parseMetrics(String(response.text));
  };

  it('refuses a scrape without the token or with another one', async () => {
    expect((await server.request('GET', '/metrics')).status).toBe(401);
    expect((await server.request('GET', '/metrics', { token: `${METRICS_TOKEN}x` })).status).toBe(401);
    const officer = await server.request('GET', '/metrics', { token: utrechtOfficer });
    expect(officer.status).toBe(401);
  });

  it('counts requests, commands, appends, projections and rate-limit refusals', async () => {
    const before = await scrape();
    const route = { route: '/api/v1/signals', method: 'POST', status: '201' };
    const recorded = await server.request<Written>('POST', '/api/v1/signals', {
      token: utrechtOfficer,
      body: signalBody(),
    });
    expect(recorded.status).toBe(201);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await server.graphql('{ policyDomains { code } }')).status);
    expect(statuses).toContain(429);

    const after = await scrape();
    const name = 'praktijklus_http_request_duration_seconds_count';
    expect(sum(after, name, route) - sum(before, name, route)).toBe(1);
    expect(sum(after, 'praktijklus_commands_total', { type: 'RecordSignal', outcome: 'ok' })).toBe(
      sum(before, 'praktijklus_commands_total', { type: 'RecordSignal', outcome: 'ok' }) + 1,
    );
    expect(sum(after, 'praktijklus_event_store_append_duration_seconds_count')).toBeGreaterThan(
      sum(before, 'praktijklus_event_store_append_duration_seconds_count'),
    );
    expect(sum(after, 'praktijklus_event_store_group_commit_appends')).toBeGreaterThan(0);
    expect(sum(after, 'praktijklus_rate_limit_refusals_total')).toBeGreaterThan(0);
    expect(after.some((s) => s.name === 'praktijklus_projection_position' && s.labels.projection)).toBe(true);
    expect(after.some((s) => s.name === 'praktijklus_projection_lag_seconds')).toBe(true);
    expect(after.some((s) => s.name === 'praktijklus_reactor_outbox_depth')).toBe(true);
    expect(after.some((s) => s.name === 'praktijklus_reactor_pending_due_items')).toBe(true);
    expect(after.some((s) => s.name === 'process_cpu_user_seconds_total')).toBe(true);
    expect(after.some((s) => s.name === 'nodejs_eventloop_lag_seconds')).toBe(true);
  });
});

describe('/metrics is never public by accident', () => {
  it('is 404 like any unknown route without METRICS_TOKEN or METRICS_PORT', async () => {
    const server = await startTestServer();
    try {
      expect((await server.request('GET', '/metrics')).status).toBe(404);
    } finally {
      await server.close();
    }
  });

  it('serves METRICS_PORT on 127.0.0.1 only, and not on the main port', async () => {
    const port = 20000 + Math.floor(Math.random() * 20000);
    const server = await startTestServer({ env: { METRICS_PORT: String(port) } });
    try {
      expect((await server.request('GET', '/metrics')).status).toBe(404);
      const response = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(response.status).toBe(200);
      expect(
        parseMetrics(await response.text()).some((s) => s.name === 'process_cpu_user_seconds_total'),
      ).toBe(true);
      // Another address may take the port only if the metrics listener holds 127.0.0.1 alone, not every address.
      expect(await listensOn(port, '127.0.0.2')).toBe(true);
    } finally {
      await server.close();
    }
  });
});
