import { startTestServer, type TestServer } from './support/test-server';
import type { TokenClaims } from '../libs/testing/src/test-token';
import { adminOf, analyst, officers, write } from './views.fixtures';

jest.setTimeout(60_000);

interface GraphqlBody<T> {
  data: T;
  errors?: Array<{ message: string; extensions: { code: string } }>;
}

interface Page {
  edges: Array<{ cursor: string; node: { id: string } }>;
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
}

const PAGE_FIELDS =
  'edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }';
const DUE = '2027-06-30';
const RESPOND_BY = '2027-03-01T17:00:00+01:00';

/**
 * Every connection pages forward (`first`/`after`) and backward (`last`/`before`) through the
 * same rows in the same order across page boundaries, where rows tie on the sort key (the same
 * due date, end date or deadline) and only the id breaks the tie.
 */
describe('Relay connections page both ways', () => {
  let server: TestServer;
  let position: string;

  const post = async (path: string, token: TokenClaims, body: Record<string, unknown> = {}) => {
    const written = await write(server, path, token, body);
    position = written.position;
    return written;
  };
  const graphql = async <T>(query: string, variables: Record<string, unknown> = {}) =>
    (
      await server.graphql<GraphqlBody<T>>(query, {
        token: analyst,
        variables,
        headers: { 'x-consistent-with': position },
      })
    ).body;
  const page = async (field: string, args: Record<string, unknown>): Promise<Page> => {
    const body = await graphql<Record<string, Page>>(
      `query ($first: Int, $after: String, $last: Int, $before: String) { ${field}(first: $first, after: $after, last: $last, before: $before) { ${PAGE_FIELDS} } }`,
      args,
    );
    expect(body.errors).toBeUndefined();
    return body.data[field];
  };

  beforeAll(async () => {
    server = await startTestServer();
    const signalIds: string[] = [];
    for (let i = 0; i < 7; i++) {
      const signal = await post('/api/v1/signals', officers.gm0344, {
        type: 'BARRIER',
        title: `Signaal ${i} voor het bladeren`,
        description: 'Om te bladeren.',
        policyDomain: 'water',
        level: 'POLICY',
        initiativeKind: 'CITIZEN_INITIATIVE',
        observedAt: '2026-10-01',
        authorities: ['gm0344'],
        norms: [],
      });
      signalIds.push(signal.id);
    }
    const escalationIds: string[] = [];
    for (let i = 0; i < 5; i++) {
      const escalation = await post('/api/v1/escalations', officers.gm0344, {
        signalIds: [signalIds[i]],
        title: `Escalatie ${i} met dezelfde termijn`,
        reason: 'Het knelpunt vraagt een besluit.',
        addressedTo: 'mnre1171',
        respondBy: RESPOND_BY,
      });
      escalationIds.push(escalation.id);
    }
    await post(`/api/v1/escalations/${escalationIds[0]}/acknowledge`, adminOf('mnre1171'));
    await post(`/api/v1/escalations/${escalationIds[0]}/decide`, adminOf('mnre1171'), {
      outcome: 'EXPERIMENT_GRANTED',
      rationale: 'Proef.',
    });
    for (let i = 0; i < 5; i++) {
      await post('/api/v1/agreements', adminOf('pv26'), {
        title: `Afspraak ${i} met dezelfde datum`,
        commitment: 'Een handreiking opstellen.',
        owner: 'pv26',
        parties: ['gm0344'],
        dueBy: DUE,
        firstFollowUpOn: '2027-01-01',
      });
      await post('/api/v1/experiments', adminOf('mnre1171'), {
        escalationId: escalationIds[0],
        title: `Experiment ${i} met dezelfde einddatum`,
        hypothesis: 'Het werkt.',
        legalRoute: 'EXPERIMENT_CLAUSE',
        startsOn: '2027-01-01',
        endsOn: DUE,
      });
    }
  });

  afterAll(async () => {
    await server.close();
  });

  for (const [field, size] of [
    ['signals', 7],
    ['escalations', 5],
    ['agreements', 5],
    ['experiments', 5],
  ] as const) {
    it(`${field}: forward and backward by two give the whole list in order`, async () => {
      const all = (await page(field, { first: 100 })).edges.map((edge) => edge.node.id);
      expect(all).toHaveLength(size);

      const forward: string[] = [];
      let after: string | null = null;
      for (let round = 0; ; round++) {
        const current: Page = await page(field, { first: 2, after });
        forward.push(...current.edges.map((edge) => edge.node.id));
        expect(current.pageInfo).toEqual({
          hasNextPage: forward.length < size,
          hasPreviousPage: false,
          startCursor: current.edges[0].cursor,
          endCursor: current.edges[current.edges.length - 1].cursor,
        });
        if (!current.pageInfo.hasNextPage) break;
        after = current.pageInfo.endCursor;
        expect(round).toBeLessThan(size);
      }
      expect(forward).toEqual(all);

      const backward: string[] = [];
      let before: string | null = null;
      for (let round = 0; ; round++) {
        const current: Page = await page(field, { last: 2, before });
        backward.unshift(...current.edges.map((edge) => edge.node.id));
        expect(current.pageInfo).toEqual({
          hasNextPage: false,
          hasPreviousPage: backward.length < size,
          startCursor: current.edges[0].cursor,
          endCursor: current.edges[current.edges.length - 1].cursor,
        });
        if (!current.pageInfo.hasPreviousPage) break;
        before = current.pageInfo.startCursor;
        expect(round).toBeLessThan(size);
      }
      expect(backward).toEqual(all);

      // Back from the middle: the two rows just before the third.
      const third = (await page(field, { first: 3 })).pageInfo.endCursor;
      expect((await page(field, { last: 2, before: third })).edges.map((e) => e.node.id)).toEqual(
        all.slice(0, 2),
      );
    });

    it(`${field}: refuses first with last, a mixed window and a cursor it did not hand out`, async () => {
      for (const args of [
        { first: 2, last: 2 },
        { last: 2, after: 'x' },
        { first: 2, before: 'x' },
        { last: 101 },
        { last: 0 },
        { last: 2, before: 'bm9wZQ' },
      ]) {
        const body = await graphql(
          `query ($first: Int, $after: String, $last: Int, $before: String) { ${field}(first: $first, after: $after, last: $last, before: $before) { ${PAGE_FIELDS} } }`,
          args,
        );
        expect({ args, code: body.errors?.[0]?.extensions.code }).toEqual({ args, code: 'BAD_USER_INPUT' });
      }
    });
  }
});
