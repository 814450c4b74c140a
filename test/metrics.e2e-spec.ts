import {
  headOf,
  signalBody,
  ministryAnalyst,
  utrechtAnalyst,
  utrechtOfficer,
  type Written,
} from './signals.fixtures';
import { parsePrometheusText, select, total, type Scrape } from './support/prometheus-text';
import { startTestServer, type TestServer } from './support/test-server';

const METRICS_TOKEN = 'metrics-values-token-0123456789abcdef';
const RATE_LIMIT = 30;
const SIGNAL = 'query ($id: ID!) { signal(id: $id) { id } }';
const HTTP = 'praktijklus_http_request_duration_seconds';
const COMMANDS = 'praktijklus_commands_total';

/**
 * The values on /metrics, not only their presence: counters move by exactly what the requests did,
 * histograms are consistent, and the projector gauges agree with the log.
 */
describe('/metrics values', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({
      env: { METRICS_TOKEN, RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT) },
    });
  });

  afterAll(async () => {
    await server.close();
  });

  const scrape = async (): Promise<Scrape> => {
    const response = await server.request<string>('GET', '/metrics', { token: METRICS_TOKEN });
    expect(response.status).toBe(200);
    return parsePrometheusText(String(response.text));
  };
  const record = async (): Promise<Written> => {
    const response = await server.request<Written>('POST', '/api/v1/signals', {
      token: utrechtOfficer,
      body: signalBody(),
    });
    expect(response.status).toBe(201);
    return response.body;
  };
  const delta = (before: Scrape, after: Scrape, name: string, labels: Record<string, string> = {}) =>
    total(after, name, labels) - total(before, name, labels);

  it('parses as the text format, every family typed, every histogram consistent', async () => {
    await record();
    const metrics = await scrape();
    const family = (name: string) => name.replace(/_(bucket|sum|count)$/, '');
    for (const sample of metrics.samples) {
      expect([sample.name, metrics.types.has(sample.name) || metrics.types.has(family(sample.name))]).toEqual(
        [sample.name, true],
      );
    }
    expect(metrics.types.get(HTTP)).toBe('histogram');
    expect(metrics.types.get(COMMANDS)).toBe('counter');
    // Per series: buckets never fall as `le` grows, and the +Inf bucket is the count.
    for (const count of select(metrics, `${HTTP}_count`)) {
      const buckets = select(metrics, `${HTTP}_bucket`, count.labels)
        .map((bucket) => ({ le: Number(bucket.labels.le.replace('+Inf', 'Infinity')), value: bucket.value }))
        .sort((a, b) => a.le - b.le);
      for (let i = 1; i < buckets.length; i++)
        expect(buckets[i].value).toBeGreaterThanOrEqual(buckets[i - 1].value);
      expect(buckets[buckets.length - 1]).toEqual({ le: Infinity, value: count.value });
    }
  });

  it('counts N recorded signals exactly once each: command, HTTP request, append', async () => {
    const n = 3;
    const before = await scrape();
    for (let i = 0; i < n; i++) await record();
    const after = await scrape();

    expect(delta(before, after, COMMANDS, { type: 'RecordSignal', outcome: 'ok' })).toBe(n);
    expect(delta(before, after, COMMANDS, { type: 'RecordSignal' })).toBe(n);
    const route = { method: 'POST', route: '/api/v1/signals', status: '201' };
    expect(delta(before, after, `${HTTP}_count`, route)).toBe(n);
    expect(delta(before, after, `${HTTP}_bucket`, { ...route, le: '+Inf' })).toBe(n);
    expect(delta(before, after, `${HTTP}_sum`, route)).toBeGreaterThan(0);
    expect(delta(before, after, 'praktijklus_event_store_append_duration_seconds_count')).toBe(n);
    expect(delta(before, after, 'praktijklus_event_store_group_commit_appends')).toBe(n);
    const transactions = delta(before, after, 'praktijklus_event_store_group_commits');
    expect(transactions).toBeGreaterThanOrEqual(1);
    expect(transactions).toBeLessThanOrEqual(n);
  });

  it('counts a command the domain refuses as refused, and a stale If-Match as a conflict', async () => {
    const { id } = await record();
    const withdraw = (headers: Record<string, string> = {}) =>
      server.request('POST', `/api/v1/signals/${id}/withdraw`, {
        token: utrechtOfficer,
        body: { reason: 'Dubbel ingediend.' },
        headers,
      });
    const before = await scrape();
    expect((await withdraw()).status).toBe(200);
    const refused = await withdraw();
    expect(refused.status).toBe(409);
    const stale = await withdraw({ 'if-match': '"0"' });
    expect(stale.status).toBe(412);
    const after = await scrape();

    const withdrawals = (outcome: string) =>
      delta(before, after, COMMANDS, { type: 'WithdrawSignal', outcome });
    expect([
      withdrawals('ok'),
      withdrawals('refused'),
      withdrawals('conflict'),
      withdrawals('error'),
    ]).toEqual([1, 1, 1, 0]);
    const route = { method: 'POST', route: '/api/v1/signals/:id/withdraw' };
    for (const status of ['200', '409', '412']) {
      expect([status, delta(before, after, `${HTTP}_count`, { ...route, status })]).toEqual([status, 1]);
    }
    // Refused and conflicting commands append nothing.
    expect(delta(before, after, 'praktijklus_event_store_append_duration_seconds_count')).toBe(1);
  });

  it('shows every projection at the log head, no event behind and no lag, once X-Consistent-With answered', async () => {
    const last = await record();
    const read = await server.graphql<{ data?: { signal: { id: string } | null } }>(SIGNAL, {
      token: utrechtOfficer,
      variables: { id: last.id },
      headers: { 'x-consistent-with': last.position },
    });
    expect(read.body.data?.signal?.id).toBe(last.id);
    const head = await headOf(server);
    expect(head).toBe(last.position);

    const metrics = await scrape();
    const positions = select(metrics, 'praktijklus_projection_position');
    expect(positions.length).toBeGreaterThanOrEqual(5);
    for (const position of positions) {
      const projection = { projection: position.labels.projection };
      expect([projection, position.value]).toEqual([projection, Number(head)]);
      expect([projection, total(metrics, 'praktijklus_projection_events_behind', projection)]).toEqual([
        projection,
        0,
      ]);
      expect(select(metrics, 'praktijklus_projection_lag_seconds', projection)).toEqual([
        { name: 'praktijklus_projection_lag_seconds', labels: projection, value: 0 },
      ]);
    }
  });

  it('times a new asOf moment and counts the events it replayed; the same moment again replays none', async () => {
    const last = await record();
    await new Promise((resolve) => setTimeout(resolve, 5));
    const asOf = new Date().toISOString();
    const ask = () =>
      server.graphql<{ data?: { signals: { totalCount: number } } }>(
        'query ($asOf: String) { signals(asOf: $asOf) { totalCount } }',
        { token: utrechtAnalyst, variables: { asOf } },
      );
    const before = await scrape();
    expect((await ask()).body.data?.signals.totalCount).toBeGreaterThan(0);
    const afterNew = await scrape();
    expect((await ask()).body.data?.signals.totalCount).toBeGreaterThan(0);
    const afterSame = await scrape();

    // No snapshot yet (SNAPSHOT_INTERVAL_EVENTS is 50,000): the whole log up to the moment.
    expect(delta(before, afterNew, 'praktijklus_as_of_events_replayed_total')).toBe(Number(last.position));
    expect(delta(before, afterNew, 'praktijklus_as_of_replay_duration_seconds_count')).toBe(1);
    expect(delta(before, afterNew, 'praktijklus_as_of_replay_duration_seconds_sum')).toBeGreaterThan(0);
    expect(delta(afterNew, afterSame, 'praktijklus_as_of_events_replayed_total')).toBe(0);
    expect(delta(afterNew, afterSame, 'praktijklus_as_of_replay_duration_seconds_count')).toBe(0);
  });

  it('counts every request the rate limit refused, and only those', async () => {
    const before = await scrape();
    const statuses: number[] = [];
    for (let i = 0; i < RATE_LIMIT + 5; i++) {
      statuses.push((await server.graphql('{ policyDomains { code } }', { token: ministryAnalyst })).status);
    }
    const after = await scrape();
    const refused = statuses.filter((status) => status === 429).length;
    expect(refused).toBe(5);
    expect(statuses.filter((status) => status === 200)).toHaveLength(RATE_LIMIT);
    expect(delta(before, after, 'praktijklus_rate_limit_refusals_total')).toBe(refused);
    const route = { method: 'POST', route: '/graphql' };
    expect(delta(before, after, `${HTTP}_count`, { ...route, status: '429' })).toBe(refused);
    expect(delta(before, after, `${HTTP}_count`, { ...route, status: '200' })).toBe(RATE_LIMIT);
  });
});
