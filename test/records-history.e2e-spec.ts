import { startTestServer, type TestServer } from './support/test-server';
import {
  AdministrationClient,
  analyst,
  dutchDate,
  inDays,
  ministryAdmin,
  provinceAdmin,
  utrechtOfficer,
} from './escalations.fixtures';

jest.setTimeout(30_000);

interface HistoryBody {
  type: string;
  revision: number;
  changes: Array<{ field: string; from: unknown; to: unknown }>;
}

describe('histories that show what changed, and classifications that change something', () => {
  let server: TestServer;
  let api: AdministrationClient;

  beforeAll(async () => {
    server = await startTestServer();
    api = new AdministrationClient(server);
  });

  afterAll(() => server?.close());

  const history = async (path: `/api/v1/${string}`, token = analyst): Promise<HistoryBody[]> => {
    const response = await server.request<HistoryBody[]>('GET', `${path}/history`, { token });
    expect(response.status).toBe(200);
    return response.body;
  };

  it("answers old -> new for a signal's amendments and classifications", async () => {
    const id = await api.recordSignal(utrechtOfficer, { title: 'Zonnepanelen op monument geweigerd' });
    const amended = await server.request('PATCH', `/api/v1/signals/${id}`, {
      token: utrechtOfficer,
      body: { title: 'Zonnepanelen op rijksmonument geweigerd', level: 'SYSTEM' },
    });
    expect(amended.status).toBe(200);
    await api.ok(`/api/v1/signals/${id}/classify`, analyst, { themes: ['erfgoed'], policyDomain: 'energy' });

    const entries = await history(`/api/v1/signals/${id}`);
    expect(entries.map(({ type, changes }) => ({ type, changes }))).toEqual([
      { type: 'SignalRecorded', changes: [] },
      {
        type: 'SignalAmended',
        changes: [
          {
            field: 'title',
            from: 'Zonnepanelen op monument geweigerd',
            to: 'Zonnepanelen op rijksmonument geweigerd',
          },
          { field: 'level', from: 'IMPLEMENTATION', to: 'SYSTEM' },
        ],
      },
      {
        type: 'SignalClassified',
        changes: [
          { field: 'themes', from: [], to: ['erfgoed'] },
          { field: 'policyDomain', from: 'heritage', to: 'energy' },
        ],
      },
    ]);
  });

  it('refuses an empty classification (400 EMPTY_CLASSIFICATION) and writes none that changes nothing', async () => {
    const id = await api.recordSignal(utrechtOfficer);
    const empty = await api.post(`/api/v1/signals/${id}/classify`, analyst, { themes: [] });
    expect(empty.status).toBe(400);
    expect(empty.body).toMatchObject({ code: 'EMPTY_CLASSIFICATION' });
    expect(JSON.stringify(empty.body)).toContain('"field":"themes"');

    await api.ok(`/api/v1/signals/${id}/classify`, analyst, { themes: ['erfgoed'] });
    await api.ok(`/api/v1/signals/${id}/classify`, analyst, { themes: ['erfgoed'] });
    expect((await history(`/api/v1/signals/${id}`)).map(({ type }) => type)).toEqual([
      'SignalRecorded',
      'SignalClassified',
    ]);
  });

  it("answers an agreement's last follow-up with its report text over GraphQL", async () => {
    const id = await api.agreement();
    const written = await api.ok(`/api/v1/agreements/${id}/follow-ups`, provinceAdmin, {
      heldOn: dutchDate(0),
      assessment: 'AT_RISK',
      notes: 'De begroting is nog niet rond; volgende maand beslist de staten.',
      nextFollowUpOn: dutchDate(30),
    });
    const response = await server.graphql<{
      data: { agreement: { lastFollowUp: { assessment: string; notes: string } | null } };
    }>('query ($id: ID!) { agreement(id: $id) { lastFollowUp { assessment notes } } }', {
      token: provinceAdmin,
      variables: { id },
      headers: { 'x-consistent-with': written.position },
    });
    expect(response.body.data.agreement.lastFollowUp).toEqual({
      assessment: 'AT_RISK',
      notes: 'De begroting is nog niet rond; volgende maand beslist de staten.',
    });
  });

  it('answers the addressee and the deadline before and after a transfer', async () => {
    const id = await api.acknowledged();
    const path = `/api/v1/escalations/${id}` as const;
    const before = (await api.get<{ respondBy: string }>(path, provinceAdmin)).body.respondBy;
    await api.ok(`${path}/transfer`, provinceAdmin, {
      to: 'mnre1171',
      reason: 'Rijksbeleid.',
      respondBy: inDays(60),
    });
    const after = (await api.get<{ respondBy: string }>(path, ministryAdmin)).body.respondBy;

    const transfer = (await history(path, ministryAdmin)).find(
      ({ type }) => type === 'EscalationTransferred',
    );
    expect(transfer?.changes).toEqual([
      { field: 'addressedTo', from: 'pv26', to: 'mnre1171' },
      { field: 'respondBy', from: before, to: after },
    ]);
    expect(after).not.toBe(before);
  });
});
