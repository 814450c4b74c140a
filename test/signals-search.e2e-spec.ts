import { startTestServer, type TestServer } from './support/test-server';
import { AdministrationClient, analyst, utrechtOfficer } from './escalations.fixtures';

jest.setTimeout(30_000);

interface SearchAnswer {
  data: {
    signals: {
      totalCount: number;
      edges: Array<{ node: { id: string; searchSnippet: Array<{ text: string; match: boolean }> | null } }>;
    } | null;
  } | null;
  errors?: Array<{ message: string; extensions: { code: string; reason?: string; field?: string } }>;
}

const SEARCH = `query ($search: String, $filter: SignalFilter) {
  signals(first: 20, search: $search, filter: $filter) {
    totalCount
    edges { node { id searchSnippet { text match } } }
  }
}`;

describe('searching signals in Dutch over GraphQL', () => {
  let server: TestServer;
  let client: AdministrationClient;
  let roof: string;
  let position: string;

  beforeAll(async () => {
    server = await startTestServer();
    client = new AdministrationClient(server);
    const written = await client.ok(
      '/api/v1/signals',
      utrechtOfficer,
      {
        type: 'BARRIER',
        title: 'Dakopbouw op rijwoning <script>alert(1)</script>',
        description: 'Voor een kleine dakopbouw is nog steeds een vergunning nodig, ook binnen de regels.',
        policyDomain: 'building',
        level: 'POLICY',
        initiativeKind: 'CITIZEN_INITIATIVE',
        observedAt: '2026-03-04',
        authorities: ['gm0344'],
        norms: [],
      },
      201,
    );
    roof = written.id;
    position = written.position;
  });

  afterAll(() => server?.close());

  const search = async (variables: Record<string, unknown>): Promise<SearchAnswer> => {
    const response = await server.graphql<SearchAnswer>(SEARCH, {
      token: analyst,
      variables,
      headers: { 'x-consistent-with': position },
    });
    return response.body;
  };

  it('finds "dakopbouw" by "dakopbouwen" and "vergunning" by "vergunningen"', async () => {
    for (const word of ['dakopbouwen', 'vergunningen', 'Vergunningen dakopbouwen']) {
      const answer = await search({ search: word });
      expect({ word, ids: answer.data?.signals?.edges.map(({ node }) => node.id) }).toEqual({
        word,
        ids: [roof],
      });
    }
  });

  it('shows the passage that matched as plain text parts, markup kept as text', async () => {
    const answer = await search({ search: 'vergunningen' });
    expect(answer.data?.signals?.edges[0].node.searchSnippet).toEqual([
      { text: 'Voor een kleine dakopbouw is nog steeds een ', match: false },
      { text: 'vergunning', match: true },
      { text: ' nodig, ook binnen de regels.', match: false },
    ]);
    const inTitle = await search({ search: 'script' });
    expect(inTitle.data?.signals?.edges[0].node.searchSnippet).toEqual([
      { text: 'Dakopbouw op rijwoning <', match: false },
      { text: 'script', match: true },
      { text: '>alert(1)</', match: false },
      { text: 'script', match: true },
      { text: '>', match: false },
    ]);
    const listed = await search({});
    expect(listed.data?.signals?.edges.find(({ node }) => node.id === roof)?.node.searchSnippet).toBeNull();
  });

  it('refuses a "from" date after the "to" date as BAD_USER_INPUT, with or without words', async () => {
    for (const words of [null, 'dakopbouw']) {
      const answer = await search({
        search: words,
        filter: { observedFrom: '2026-03-05', observedTo: '2026-03-04' },
      });
      expect(answer.data?.signals ?? null).toBeNull();
      expect(answer.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        reason: 'INVALID_PERIOD',
      });
    }
    for (const query of [
      'query ($filter: SignalFilter) { signalStats(groupBy: [], filter: $filter) { count } }',
      'query ($filter: SignalFilter) { feedbackLoop(filter: $filter) { escalated } }',
      'query ($filter: SignalFilter) { normConflicts(filter: $filter) { count } }',
    ]) {
      const response = await server.graphql<SearchAnswer>(query, {
        token: analyst,
        variables: { filter: { observedFrom: '2026-03-05', observedTo: '2026-03-04' } },
      });
      expect({ query, extensions: response.body.errors?.[0].extensions }).toMatchObject({
        query,
        extensions: { code: 'BAD_USER_INPUT', reason: 'INVALID_PERIOD' },
      });
    }
    const sameDay = await search({ filter: { observedFrom: '2026-03-04', observedTo: '2026-03-04' } });
    expect(sameDay.data?.signals?.totalCount).toBe(1);
  });
});
