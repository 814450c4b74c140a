import { startTestServer, type TestServer } from './support/test-server';
import type { TokenClaims } from '../libs/testing/src/test-token';
import {
  adminOf,
  analyst,
  officers,
  utrechtAnalyst,
  write,
  writeSignals,
  type WrittenSignal,
} from './views.fixtures';

// Each suite boots a server and writes its data set over HTTP; a loaded machine needs more than 5 s.
jest.setTimeout(30_000);

interface GraphqlError {
  message: string;
  path?: Array<string | number>;
  extensions: { code: string; reason?: string };
}
interface GraphqlBody<T> {
  data: T | null;
  errors?: GraphqlError[];
}
interface SignalPage {
  signals: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: Array<{ cursor: string; node: { id: string; reportingAuthority: string } }>;
  };
}

describe('GraphQL read side: access, paging, limits', () => {
  let server: TestServer;
  let signals: WrittenSignal[];
  let position: string;

  const ask = async <T>(
    query: string,
    token: TokenClaims,
    variables?: Record<string, unknown>,
  ): Promise<GraphqlBody<T>> => {
    const response = await server.graphql<GraphqlBody<T>>(query, {
      token,
      headers: { 'x-consistent-with': position },
      ...(variables ? { variables } : {}),
    });
    expect(response.status).toBe(200);
    return response.body;
  };

  beforeAll(async () => {
    server = await startTestServer();
    ({ signals, position } = await writeSignals(server));
  });

  afterAll(async () => {
    await server.close();
  });

  describe('read-your-writes', () => {
    it('finds a signal in the views right after the write that answered its position', async () => {
      for (let attempt = 0; attempt < 5; attempt++) {
        const written = await write(server, '/api/v1/signals', officers.gm0344, {
          type: 'KNOWLEDGE_GAP',
          title: `Lees je eigen schrijven ${attempt}`,
          description: 'Direct na het schrijven te lezen.',
          policyDomain: 'soil',
          level: 'PAPERWORK',
          initiativeKind: 'PROFESSIONAL',
          observedAt: '2025-12-01',
          authorities: ['gm0344'],
          norms: [],
        });
        const response = await server.graphql<
          GraphqlBody<{ signal: { title: string; revision: number } | null }>
        >('query ($id: ID!) { signal(id: $id) { title revision } }', {
          token: analyst,
          variables: { id: written.id },
          headers: { 'x-consistent-with': written.position },
        });
        expect(response.body.data?.signal).toEqual({
          title: `Lees je eigen schrijven ${attempt}`,
          revision: 0,
        });
        const withdrawn = await write(server, `/api/v1/signals/${written.id}/withdraw`, officers.gm0344, {
          reason: 'Alleen voor de test.',
        });
        position = withdrawn.position;
      }
    });
  });

  describe('cursor pagination', () => {
    const page = `query ($first: Int, $after: String, $statuses: [SignalStatus!]) {
      signals(first: $first, after: $after, filter: { statuses: $statuses }) {
        totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id reportingAuthority } }
      }
    }`;

    it('walks every signal exactly once, newest first, in pages of 7', async () => {
      const statuses = ['ACTIVE', 'DUPLICATE', 'WITHDRAWN'];
      const seen: string[] = [];
      let after: string | null = null;
      let pages = 0;
      let total = 0;
      for (;;) {
        const body: GraphqlBody<SignalPage> = await ask<SignalPage>(page, analyst, {
          first: 7,
          after,
          statuses,
        });
        const connection = body.data!.signals;
        total = connection.totalCount;
        seen.push(...connection.edges.map((edge) => edge.node.id));
        expect(connection.pageInfo.endCursor).toBe(
          connection.edges[connection.edges.length - 1]?.cursor ?? null,
        );
        pages += 1;
        if (!connection.pageInfo.hasNextPage) break;
        after = connection.pageInfo.endCursor;
      }
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen.length).toBe(total);
      expect(pages).toBe(Math.ceil(total / 7));
      const written = signals.map((signal) => signal.id);
      expect(seen.filter((id) => written.includes(id))).toEqual([...written].reverse());
    });

    it('refuses a page larger than 100 or smaller than 1 with BAD_USER_INPUT', async () => {
      for (const query of [
        '{ signals(first: 101) { totalCount } }',
        '{ signals(first: 0) { totalCount } }',
        '{ escalations(first: 101) { totalCount } }',
        '{ agreements(first: 1000) { totalCount } }',
        '{ experiments(first: 101) { totalCount } }',
        '{ normConflicts(first: 101) { count } }',
      ]) {
        const body = await ask(query, analyst);
        expect({ query, data: body.data, code: body.errors?.[0].extensions.code }).toEqual({
          query,
          data: null,
          code: 'BAD_USER_INPUT',
        });
        expect(body.errors?.[0].message).toMatch(/first must be an integer from 1 to 100/);
      }
      const hundred = await ask<SignalPage>(
        '{ signals(first: 100, filter: { statuses: [ACTIVE, DUPLICATE, WITHDRAWN] }) { edges { cursor } } }',
        analyst,
      );
      expect(hundred.errors).toBeUndefined();
      expect(hundred.data!.signals.edges.length).toBe(35);
    });

    it('refuses a cursor it did not hand out with BAD_USER_INPUT', async () => {
      for (const [query, after] of [
        ['query ($after: String) { signals(after: $after) { totalCount } }', 'not-a-cursor'],
        ['query ($after: String) { signals(after: $after, search: "warmtenet") { totalCount } }', 'bm9wZQ'],
        ['query ($after: String) { escalations(after: $after) { totalCount } }', 'not-a-cursor'],
        ['query ($after: String) { agreements(after: $after) { totalCount } }', 'e30'],
        ['query ($after: String) { experiments(after: $after) { totalCount } }', '!!'],
        ['query ($after: String) { signals(after: $after) { totalCount } }', 'x'.repeat(501)],
      ]) {
        const body = await ask(query, analyst, { after });
        expect({ query, code: body.errors?.[0].extensions.code, data: body.data }).toEqual({
          query,
          code: 'BAD_USER_INPUT',
          data: null,
        });
      }
    });
  });

  describe("officers' scope", () => {
    const count = `query ($authorities: [ID!]) { signals(filter: { authorities: $authorities }) { totalCount edges { node { reportingAuthority } } } }`;

    it('shows an officer only the signals of their own authority', async () => {
      const standing = signals.filter((s) => s.status !== 'WITHDRAWN');
      const own = await ask<SignalPage>(count, officers.gm0363);
      expect(own.data!.signals.totalCount).toBe(standing.filter((s) => s.authority === 'gm0363').length);
      expect(new Set(own.data!.signals.edges.map((edge) => edge.node.reportingAuthority))).toEqual(
        new Set(['gm0363']),
      );
      const others = await ask<SignalPage>(count, officers.gm0363, { authorities: ['gm0344'] });
      expect(others.data!.signals.totalCount).toBe(0);
      const all = await ask<SignalPage>(count, analyst, {
        authorities: ['gm0344', 'gm0363', 'pv26', 'so0697'],
      });
      expect(all.data!.signals.totalCount).toBe(standing.length);
      const admin = await ask<SignalPage>(count, adminOf('pv28'), {
        authorities: ['gm0344', 'gm0363', 'pv26', 'so0697'],
      });
      expect(admin.data!.signals.totalCount).toBe(standing.length);
    });

    it("answers null for another authority's signal, as if it did not exist", async () => {
      const utrechts = signals.find((s) => s.authority === 'gm0344')!;
      const query = 'query ($id: ID!) { signal(id: $id) { id } }';
      expect((await ask(query, officers.gm0363, { id: utrechts.id })).data).toEqual({ signal: null });
      expect((await ask(query, officers.gm0344, { id: utrechts.id })).data).toEqual({
        signal: { id: utrechts.id },
      });
      expect((await ask(query, analyst, { id: '00000000-0000-4000-8000-000000000000' })).data).toEqual({
        signal: null,
      });
    });

    it('refuses anonymous readers with UNAUTHENTICATED', async () => {
      const response = await server.graphql<GraphqlBody<unknown>>('{ signals { totalCount } }');
      expect(response.body.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    });

    it('lets no browser or proxy keep an answer: every one is Cache-Control: no-store', async () => {
      const answered = await server.graphql('{ signals(first: 1) { totalCount } }', { token: analyst });
      const refused = await server.graphql('{ signals { totalCount } }');
      const unparsable = await server.graphql('{ signals(', { token: analyst });
      expect([answered.status, refused.status, unparsable.status]).toEqual([200, 200, 400]);
      for (const response of [answered, refused, unparsable]) {
        expect(response.headers.get('cache-control')).toBe('no-store');
      }
    });
  });

  describe('personal data of the initiative', () => {
    const query = 'query ($id: ID!) { signal(id: $id) { title hasInitiative initiative { name contact } } }';
    let withInitiative: WrittenSignal;

    beforeAll(() => {
      withInitiative = signals.find((s) => s.initiative !== null && s.authority === 'gm0344')!;
    });

    it("shows the reporting authority's officers and administrators the name and contact", async () => {
      for (const reader of [officers.gm0344, adminOf('gm0344')]) {
        const body = await ask<{ signal: { initiative: { name: string; contact: string } } }>(query, reader, {
          id: withInitiative.id,
        });
        expect(body.errors).toBeUndefined();
        expect(body.data!.signal.initiative).toEqual(withInitiative.initiative);
      }
    });

    it("refuses another authority's administrator and the reporting authority's analyst that field", async () => {
      for (const reader of [adminOf('pv28'), utrechtAnalyst]) {
        const body = await ask<{ signal: { initiative: null } }>(query, reader, { id: withInitiative.id });
        expect(body.data!.signal.initiative).toBeNull();
        expect(body.errors).toEqual([
          expect.objectContaining({
            path: ['signal', 'initiative'],
            extensions: expect.objectContaining({ code: 'FORBIDDEN' }),
          }),
        ]);
        expect(JSON.stringify(body)).not.toContain(withInitiative.initiative!.name);
      }
    });

    it("refuses another authority's administrator that field with FORBIDDEN, the rest of the answer intact", async () => {
      const body = await ask<{ signal: { title: string; hasInitiative: boolean; initiative: null } }>(
        query,
        adminOf('pv28'),
        {
          id: withInitiative.id,
        },
      );
      expect(body.data).toEqual({
        signal: { title: withInitiative.title, hasInitiative: true, initiative: null },
      });
      expect(body.errors).toEqual([
        expect.objectContaining({
          path: ['signal', 'initiative'],
          extensions: expect.objectContaining({ code: 'FORBIDDEN', reason: 'PERSONAL_DATA_NOT_VISIBLE' }),
        }),
      ]);
      expect(JSON.stringify(body)).not.toContain(withInitiative.initiative!.name);
    });

    it('runs the check on every row of a list', async () => {
      const body = await ask<{ signals: { edges: Array<{ node: { initiative: unknown } }> } }>(
        '{ signals(first: 100) { edges { node { initiative { name } } } } }',
        analyst,
      );
      const rows = body.data!.signals.edges.length;
      expect(body.errors).toHaveLength(rows);
      expect(body.errors!.every((error) => error.extensions.code === 'FORBIDDEN')).toBe(true);
      for (const signal of signals.filter((s) => s.initiative)) {
        expect(JSON.stringify(body)).not.toContain(signal.initiative!.name);
      }
    });
  });

  describe('hostile queries', () => {
    const refusedQuickly = async (body: unknown, pattern: RegExp): Promise<void> => {
      const started = Date.now();
      const response = await server.request<GraphqlBody<unknown>>('POST', '/graphql', {
        token: analyst,
        body,
      });
      expect(Date.now() - started).toBeLessThan(1000);
      expect(response.body?.data ?? null).toBeNull();
      expect(response.body?.errors?.[0].message ?? response.text).toMatch(pattern);
    };

    it('refuses 50 aliases of the signals list', async () => {
      const aliases = Array.from({ length: 50 }, (_, i) => `s${i}: signals(first: 100) { totalCount }`).join(
        ' ',
      );
      await refusedQuickly({ query: `{ ${aliases} }` }, /(aliases limit of 15|cost limit of 5000) exceeded/i);
    });

    it('refuses 16 aliases even of a cheap list', async () => {
      const aliases = Array.from({ length: 16 }, (_, i) => `s${i}: signals(first: 1) { totalCount }`).join(
        ' ',
      );
      await refusedQuickly({ query: `{ ${aliases} }` }, /aliases limit of 15 exceeded/i);
    });

    it('refuses nesting past the depth limit', async () => {
      const deep = `{ signals { edges { node { norms { ${'ref { '.repeat(8)}x${' }'.repeat(8)} } } } } }`;
      await refusedQuickly({ query: deep }, /depth limit of 8 exceeded/i);
    });

    it('refuses a query of too many tokens as a parse failure, with 400', async () => {
      const fields = Array.from({ length: 2100 }, () => 'id').join(' ');
      await refusedQuickly(
        { query: `{ signals { edges { node { ${fields} } } } }` },
        /contains more tha[nt] 2000 tokens/i,
      );
      const response = await server.graphql<GraphqlBody<unknown>>(
        `{ signals { edges { node { ${fields} } } } }`,
        {
          token: analyst,
        },
      );
      expect(response.status).toBe(400);
      expect(response.body.errors?.map((error) => error.extensions.code)).toEqual(['GRAPHQL_PARSE_FAILED']);
    });

    it('answers a syntax error with 400 and GRAPHQL_PARSE_FAILED', async () => {
      for (const query of ['{ signals { totalCount }', '{ signals(first: ) { totalCount } }', '"']) {
        const response = await server.graphql<GraphqlBody<unknown>>(query, { token: analyst });
        expect(response.status).toBe(400);
        expect(response.body.errors?.map((error) => error.extensions.code)).toEqual(['GRAPHQL_PARSE_FAILED']);
        expect(response.body.errors?.[0].message).toMatch(/^Syntax Error: /);
      }
    });

    it('refuses mutations and subscriptions, which this read side has none of, with 400', async () => {
      for (const query of [
        'mutation { x }',
        'subscription { signals { totalCount } }',
        'mutation M { __typename }',
      ]) {
        const response = await server.graphql<GraphqlBody<unknown>>(query, { token: analyst });
        expect(response.status).toBe(400);
        expect(response.body.data ?? null).toBeNull();
        expect(response.body.errors?.map((error) => error.extensions.code)).toEqual([
          'GRAPHQL_VALIDATION_FAILED',
        ]);
        expect(response.body.errors?.[0].message).toMatch(/only queries/i);
      }
    });

    it('refuses a batch of operations', async () => {
      const started = Date.now();
      const response = await server.request('POST', '/graphql', {
        token: analyst,
        body: Array.from({ length: 20 }, () => ({ query: '{ signals { totalCount } }' })),
      });
      expect(Date.now() - started).toBeLessThan(1000);
      expect(response.status).toBe(400);
    });
  });
});
