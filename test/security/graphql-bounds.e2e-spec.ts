import type { TestResponse, TokenClaims } from '@praktijklus/testing';
import { startTestServer, type TestServer } from '../support/test-server';
import { signalBody } from '../signals.fixtures';
import { userOf } from './security.fixtures';

jest.setTimeout(90_000);

interface GraphqlAnswer<T> {
  data?: T | null;
  errors?: Array<{ message: string; extensions?: { code?: string; reason?: string } }>;
}

const analyst = userOf('analyst', 'mnre1034');
const utrecht = userOf('officer', 'gm0344');
const amsterdam = userOf('officer', 'gm0363');

const errorsOf = (response: TestResponse<unknown>) => (response.body as GraphqlAnswer<unknown>).errors ?? [];
const codesOf = (response: TestResponse<unknown>) =>
  errorsOf(response).map((error) => error.extensions?.code);

const STATS = `query ($groupBy: [SignalDimension!]!, $filter: SignalFilter, $bucket: TimeBucket) {
  signalStats(groupBy: $groupBy, filter: $filter, bucket: $bucket) {
    key { type policyDomain level authority governmentLayer initiativeKind period } count escalatedCount
  }
}`;

type StatRow = { key: Record<string, string | null>; count: number; escalatedCount: number };

/** How long `/health` takes to answer while `work` runs. */
async function healthDuring(server: TestServer, work: Promise<unknown>): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, 20));
  const started = Date.now();
  await server.request('GET', '/health');
  const waited = Date.now() - started;
  await work;
  return waited;
}

describe('GraphQL bounds on aggregates, filters and variables', () => {
  let server: TestServer;
  let position = '0';

  const record = async (token: TokenClaims, overrides: Record<string, unknown>): Promise<string> => {
    const response = await server.request<{ id: string; position: string }>('POST', '/api/v1/signals', {
      token,
      body: signalBody({ authorities: [token.authority], location: undefined, ...overrides }),
    });
    if (response.status !== 201) throw new Error(`record answered ${response.status}: ${response.text}`);
    position = response.body.position;
    return response.body.id;
  };
  const graphql = <T>(query: string, token: TokenClaims, variables?: Record<string, unknown>) =>
    server.graphql<GraphqlAnswer<T>>(query, {
      token,
      ...(variables ? { variables } : {}),
      headers: { 'x-consistent-with': position },
    });

  beforeAll(async () => {
    server = await startTestServer();
    // Amsterdam: one lone signal on 2025-11-03, three on 2025-11-04; Utrecht: one on 2025-11-03.
    await record(amsterdam, {
      observedAt: '2025-11-03',
      level: 'SYSTEM',
      norms: [
        { ref: 'Bkl art. 1.1', title: 'VERVALLEN - zie https://evil.example/login' },
        { ref: 'Bal art. 2.2' },
      ],
    });
    for (let i = 0; i < 3; i++) await record(amsterdam, { observedAt: '2025-11-04', level: 'POLICY' });
    await record(utrecht, { observedAt: '2025-11-03', level: 'POLICY' });
  });

  afterAll(async () => {
    await server.close();
  });

  describe('signalStats rows', () => {
    it('refuses grouping on more than four dimensions, which can only single signals out', async () => {
      const response = await graphql<unknown>(STATS, analyst, {
        groupBy: [
          'TYPE',
          'POLICY_DOMAIN',
          'LEVEL',
          'AUTHORITY',
          'GOVERNMENT_LAYER',
          'INITIATIVE_KIND',
          'PERIOD',
        ],
        bucket: 'DAY',
      });
      expect(response.status).toBe(200);
      expect(codesOf(response)).toEqual(['BAD_USER_INPUT']);
      expect(errorsOf(response)[0].message).toMatch(/at most 4 dimensions/);
    });

    it('weighs every alias of signalStats: five fit in a request, six are refused before any runs', async () => {
      const aliases = (n: number) =>
        Array.from({ length: n }, (_, i) => `s${i}: signalStats(groupBy: [TYPE]) { count }`).join(' ');
      expect(errorsOf(await graphql(`{ ${aliases(5)} }`, analyst))).toEqual([]);
      const refused = await graphql(`{ ${aliases(6)} }`, analyst);
      expect(refused.status).toBe(400);
      expect(refused.text).not.toContain('"data"');
      expect(codesOf(refused)).toEqual(['BAD_USER_INPUT']);
      expect(errorsOf(refused)[0].message).toMatch(/cost limit of 5000 exceeded/i);
    });

    it('weighs a question no pre-aggregated table holds (a scan of every signal) more: two fit, three do not', async () => {
      const scans = (n: number) =>
        Array.from(
          { length: n },
          (_, i) => `s${i}: signalStats(groupBy: [AUTHORITY, TYPE, LEVEL, PERIOD], bucket: WEEK) { count }`,
        ).join(' ');
      expect(errorsOf(await graphql(`{ ${scans(2)} }`, analyst))).toEqual([]);
      const refused = await graphql(
        `query ($g: [SignalDimension!]!) { ${scans(3).replace(/\[AUTHORITY, TYPE, LEVEL, PERIOD\]/g, '$g')} }`,
        analyst,
        {
          g: ['AUTHORITY', 'TYPE', 'LEVEL', 'PERIOD'],
        },
      );
      expect(refused.status).toBe(400);
      expect(errorsOf(refused)[0].message).toMatch(/cost limit of 5000 exceeded/i);
    });
  });

  describe('filter lists and variables', () => {
    it('refuses a filter list of more than 50 values with BAD_USER_INPUT, in every filter', async () => {
      const many = Array.from({ length: 51 }, (_, i) => `domein-${i}`);
      for (const [document, variables] of [
        [STATS, { groupBy: ['TYPE'], filter: { policyDomains: many } }],
        [
          'query ($filter: SignalFilter) { signals(filter: $filter, search: "zonnepanelen") { totalCount } }',
          { filter: { authorities: many } },
        ],
        [
          'query ($filter: SignalFilter) { normConflicts(filter: $filter) { count } }',
          { filter: { policyDomains: many } },
        ],
      ] as const) {
        const response = await graphql<unknown>(document, analyst, variables);
        expect(codesOf(response)).toEqual(['BAD_USER_INPUT']);
        expect(JSON.stringify(errorsOf(response))).toMatch(/no more than 50 elements/);
      }
    });

    it('counts the values of the variables in the cost: 15 aliases over 25,000 domains are refused at once, /health not held', async () => {
      const aliases = Array.from(
        { length: 15 },
        (_, i) => `s${i}: signals(filter: $filter, search: "zonnepanelen", first: 1) { totalCount }`,
      ).join(' ');
      const domains = Array.from({ length: 25_000 }, (_, i) => `d${i}`);
      const started = Date.now();
      const heavy = graphql<unknown>(`query ($filter: SignalFilter) { ${aliases} }`, analyst, {
        filter: { policyDomains: domains },
      });
      const waited = await healthDuring(server, heavy);
      const response = await heavy;
      expect(response.status).toBe(400);
      expect(response.text).not.toContain('"data"');
      expect(errorsOf(response)[0].message).toMatch(/cost limit of 5000 exceeded/i);
      // Before the bounds this request took 43 s here; margins are wide for a loaded CI machine.
      expect(Date.now() - started).toBeLessThan(5000);
      expect(waited).toBeLessThan(3000);
    });
  });

  describe('hidden signals in aggregates', () => {
    it('gives an officer no row under 3 signals that names another authority at day or week level', async () => {
      const rows = (
        await graphql<{ signalStats: StatRow[] }>(STATS, utrecht, {
          groupBy: ['AUTHORITY', 'LEVEL', 'PERIOD'],
          bucket: 'DAY',
        })
      ).body.data?.signalStats;
      expect(rows?.map((row) => [row.key.authority, row.key.period, row.count])).toEqual([
        ['gm0344', '2025-11-03', 1],
        ['gm0363', '2025-11-04', 3],
      ]);
      const filtered = (
        await graphql<{ signalStats: StatRow[] }>(STATS, utrecht, {
          groupBy: ['LEVEL', 'PERIOD'],
          bucket: 'WEEK',
          filter: { authorities: ['gm0363'], levels: ['SYSTEM'] },
        })
      ).body.data?.signalStats;
      expect(filtered).toEqual([]);
      // Months, and callers who may read every signal, see every group.
      const monthly = (
        await graphql<{ signalStats: StatRow[] }>(STATS, utrecht, {
          groupBy: ['AUTHORITY', 'LEVEL', 'PERIOD'],
          bucket: 'MONTH',
        })
      ).body.data?.signalStats;
      expect(monthly?.map((row) => [row.key.authority, row.key.level, row.count])).toEqual([
        ['gm0344', 'POLICY', 1],
        ['gm0363', 'POLICY', 3],
        ['gm0363', 'SYSTEM', 1],
      ]);
      const all = (
        await graphql<{ signalStats: StatRow[] }>(STATS, analyst, {
          groupBy: ['AUTHORITY', 'PERIOD'],
          bucket: 'DAY',
        })
      ).body.data?.signalStats;
      expect(all?.map((row) => row.count)).toEqual([1, 1, 3]);
    });

    it("shows an officer no pair and no title of another authority's lone signal", async () => {
      const conflicts = (token: TokenClaims) =>
        graphql<{ normConflicts: Array<{ normA: { ref: string; title: string | null }; count: number }> }>(
          '{ normConflicts { normA { ref title } normB { ref title } count authorities } }',
          token,
        );
      const ofUtrecht = (await conflicts(utrecht)).body.data?.normConflicts ?? [];
      expect(JSON.stringify(ofUtrecht)).not.toContain('Bkl');
      expect(JSON.stringify(ofUtrecht)).not.toContain('evil.example');
      const ofAmsterdam = (await conflicts(amsterdam)).body.data?.normConflicts ?? [];
      expect(JSON.stringify(ofAmsterdam)).toContain('evil.example');
    });
  });
});

describe('GraphQL in production', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ env: { NODE_ENV: 'production' } });
  });

  afterAll(async () => {
    await server.close();
  });

  it('sends no "Did you mean" of any kind: fields, enum literals, enum values in variables, arguments', async () => {
    // Each typo with the name a suggestion would give away.
    for (const [document, variables, suggestion] of [
      ['{ signalStats(groupBy: [LEVL]) { count } }', undefined, 'LEVEL'],
      ['query ($g: [SignalDimension!]!) { signalStats(groupBy: $g) { count } }', { g: ['LEVL'] }, 'LEVEL'],
      [
        'query ($f: SignalFilter) { signalStats(groupBy: [TYPE], filter: $f) { count } }',
        { f: { levels: ['SYSTM'] } },
        'SYSTEM',
      ],
      ['{ signalStats(groupBy: [TYPE], filtr: {}) { count } }', undefined, '"filter"'],
      [
        'query ($f: SignalFilter) { signals(filter: $f) { totalCount } }',
        { f: { level: ['POLICY'] } },
        'levels',
      ],
    ] as const) {
      const response = await server.graphql(document, {
        token: analyst,
        ...(variables ? { variables } : {}),
      });
      expect(response.status).toBe(400);
      expect(response.text).not.toMatch(/did you mean/i);
      expect(response.text).not.toContain(suggestion);
    }
  });
});
