import { endOfWorkingDays } from '@praktijklus/reference';
import { startTestServer, type TestServer } from './support/test-server';
import { AdministrationClient, utrechtOfficer } from './escalations.fixtures';

describe('the default deadline people recognise (booted server)', () => {
  let server: TestServer;
  let api: AdministrationClient;

  beforeAll(async () => {
    server = await startTestServer({ env: { ESCALATION_RESPONSE_WORKING_DAYS: '3' } });
    api = new AdministrationClient(server);
  });

  afterAll(async () => {
    await server.close();
  });

  it('is the end of the N-th working day in Amsterdam, said before raising and given when raising', async () => {
    const before = new Date();
    const answer = await server.graphql<{ data: { defaultRespondBy: string } }>('{ defaultRespondBy }', {
      token: utrechtOfficer,
    });
    const told = answer.body.data.defaultRespondBy;
    expect(told).toBe(endOfWorkingDays(before, 3).toISOString());
    expect(new Date(told).toLocaleTimeString('nl-NL', { timeZone: 'Europe/Amsterdam' })).toBe('23:59:59');

    const id = await api.raised({});
    const raised = await api.get<{ respondBy: string }>(`/api/v1/escalations/${id}`, utrechtOfficer);
    expect(raised.body.respondBy).toBe(told);
  });
});
