import { startTestServer, type TestServer } from './support/test-server';
import type { TokenClaims } from '../libs/testing/src/test-token';
import { AdministrationClient, analyst, provinceAdmin, utrechtOfficer } from './escalations.fixtures';

jest.setTimeout(30_000);

/** Amsterdam's administrator: reads every signal, so may escalate Utrecht's. */
const amsterdamAdmin: TokenClaims = { sub: 'admin-amsterdam', roles: ['admin'], authority: 'gm0363' };

interface SignalAnswer {
  signal: { escalated: boolean; escalationIds: string[]; revision: number } | null;
}

describe('GraphQL Signal against what REST shows the same reader', () => {
  let server: TestServer;
  let client: AdministrationClient;

  beforeAll(async () => {
    server = await startTestServer();
    client = new AdministrationClient(server);
  });

  afterAll(() => server?.close());

  const signalAs = async (token: TokenClaims, id: string, position: string): Promise<SignalAnswer> => {
    const response = await server.graphql<{ data: SignalAnswer }>(
      'query ($id: ID!) { signal(id: $id) { escalated escalationIds revision } }',
      { token, variables: { id }, headers: { 'x-consistent-with': position } },
    );
    expect(response.status).toBe(200);
    return response.body.data;
  };

  it("lists only the escalations the reader may open: another authority's escalation is not named", async () => {
    const signalId = await client.recordSignal(utrechtOfficer);
    const own = await client.raise([signalId]);
    const foreign = await client.ok(
      '/api/v1/escalations',
      amsterdamAdmin,
      {
        signalIds: [signalId],
        title: 'Amsterdam ziet dezelfde tegenstrijdigheid bij monumenten',
        reason: 'Ook hier lopen aanvragen vast op het Bbl en het omgevingsplan.',
        addressedTo: 'mnre1171',
      },
      201,
    );
    expect((await client.get(`/api/v1/escalations/${foreign.id}`, utrechtOfficer)).status).toBe(404);

    expect(await signalAs(utrechtOfficer, signalId, foreign.position)).toEqual({
      signal: { escalated: true, escalationIds: [own], revision: 0 },
    });
    expect((await signalAs(analyst, signalId, foreign.position)).signal?.escalationIds).toEqual([
      own,
      foreign.id,
    ]);
    const list = await server.graphql<{
      data: { signals: { edges: Array<{ node: { id: string; escalationIds: string[] } }> } };
    }>('{ signals(first: 100) { edges { node { id escalationIds } } } }', {
      token: utrechtOfficer,
      headers: { 'x-consistent-with': foreign.position },
    });
    expect(list.body.data.signals.edges.find(({ node }) => node.id === signalId)?.node.escalationIds).toEqual(
      [own],
    );
  });

  it("answers the signal's revision after an erasure as REST's ETag, so If-Match from GraphQL is accepted", async () => {
    const signalId = await client.recordSignal(utrechtOfficer, {
      initiative: { name: 'Energiecoöperatie Zonnedak', contact: 'info@zonnedak.example' },
    });
    const erased = await client.ok(`/api/v1/signals/${signalId}/erase-personal-data`, provinceAdmin, {});
    const etag = (await client.get(`/api/v1/signals/${signalId}`, utrechtOfficer)).headers.get('etag');

    const { signal } = await signalAs(utrechtOfficer, signalId, erased.position);
    expect(`"${signal?.revision}"`).toBe(etag);
    const withdrawn = await client.post(
      `/api/v1/signals/${signalId}/withdraw`,
      utrechtOfficer,
      { reason: 'Dubbel ingediend' },
      { 'if-match': `"${signal?.revision}"` },
    );
    expect(withdrawn.status).toBe(200);
  });
});
