import { startTestServer, type TestServer } from './support/test-server';
import {
  AdministrationClient,
  type HistoryEntry,
  provinceAdmin,
  utrechtOfficer,
} from './escalations.fixtures';
import type { TokenClaims } from '@praktijklus/testing';

const noordHollandAdmin: TokenClaims = { sub: 'admin-pv27', roles: ['admin'], authority: 'pv27' };
const ministryAdmin: TokenClaims = { sub: 'admin-ienw', roles: ['admin'], authority: 'mnre1130' };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `check` holds (the reactor works on its own beat), failing with the last value seen. */
async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean, ms = 15_000): Promise<T> {
  const until = Date.now() + ms;
  let value = await read();
  while (!check(value)) {
    if (Date.now() > until) throw new Error(`not reached in ${ms} ms: ${JSON.stringify(value)}`);
    await sleep(100);
    value = await read();
  }
  return value;
}

const types = (history: HistoryEntry[]): string[] => history.map((entry) => entry.type);

describe('the reactor: time passing becomes events (booted server, short deadlines)', () => {
  let server: TestServer;
  let api: AdministrationClient;

  beforeAll(async () => {
    server = await startTestServer({
      env: { DEADLINE_SCAN_INTERVAL_MS: '100', NON_RESPONSE_AFTER_WORKING_DAYS: '0' },
    });
    api = new AdministrationClient(server);
  });

  afterAll(async () => {
    await server.close();
  });

  const history = (id: string, token: TokenClaims = utrechtOfficer) =>
    api.get<HistoryEntry[]>(`/api/v1/escalations/${id}/history`, token).then((r) => r.body);

  it('records a passed deadline as the system, then climbs from the municipality to its province', async () => {
    const signalId = await api.recordSignal(utrechtOfficer, { policyDomain: 'noise' });
    const id = await api.raise([signalId], {
      addressedTo: 'gm0363',
      respondBy: new Date(Date.now() + 1500).toISOString(),
    });

    const passed = await eventually(
      () => history(id),
      (h) => types(h).includes('EscalationEscalatedForNonResponse'),
    );
    const deadline = passed.find((e) => e.type === 'EscalationDeadlinePassed');
    expect(deadline?.actor).toEqual({ sub: 'system', authority: 'system', roles: [] });
    expect(deadline?.data).toMatchObject({ awaited: 'gm0363' });
    const climb = passed.find((e) => e.type === 'EscalationEscalatedForNonResponse');
    expect(climb?.data).toMatchObject({ from: 'gm0363', to: 'pv27' });
    expect(Date.parse(String(climb?.data.respondBy))).toBeGreaterThan(Date.now());

    // The province now sees it and may acknowledge it; deciding stays with the addressee.
    const seen = await api.get<{ awaited: string; climbedTo: string[] }>(
      `/api/v1/escalations/${id}`,
      noordHollandAdmin,
    );
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({ awaited: 'pv27', climbedTo: ['pv27'] });
    await api.ok(`/api/v1/escalations/${id}/acknowledge`, noordHollandAdmin, {});
    const decide = await api.post(`/api/v1/escalations/${id}/decide`, noordHollandAdmin, {
      outcome: 'NO_CHANGE',
      rationale: 'Niet aan ons',
    });
    expect(decide.status).toBe(403);
    // Nothing was recorded twice.
    const once = await history(id);
    expect(types(once).filter((t) => t === 'EscalationDeadlinePassed')).toHaveLength(1);
    expect(types(once).filter((t) => t === 'EscalationEscalatedForNonResponse')).toHaveLength(1);
  });

  it('ends the chain visibly at a ministry', async () => {
    const signalId = await api.recordSignal(utrechtOfficer, { policyDomain: 'noise' });
    const id = await api.raise([signalId], {
      addressedTo: 'mnre1130',
      respondBy: new Date(Date.now() + 1000).toISOString(),
    });
    const after = await eventually(
      () => history(id),
      (h) => types(h).includes('EscalationEscalatedForNonResponse'),
    );
    expect(after.find((e) => e.type === 'EscalationEscalatedForNonResponse')?.data).toMatchObject({
      from: 'mnre1130',
      to: null,
      respondBy: null,
    });
    const view = await api.get<{ chainEnded: boolean }>(`/api/v1/escalations/${id}`, ministryAdmin);
    expect(view.body.chainEnded).toBe(true);
    await sleep(500);
    expect(
      types(await history(id)).filter((t) => t.startsWith('Escalation') && t !== 'EscalationRaised'),
    ).toEqual(['EscalationDeadlinePassed', 'EscalationEscalatedForNonResponse']);
  });

  it('records nothing for an escalation decided in time', async () => {
    const id = await api.raised({ respondBy: new Date(Date.now() + 1500).toISOString() });
    await api.ok(`/api/v1/escalations/${id}/acknowledge`, provinceAdmin, {});
    await api.ok(`/api/v1/escalations/${id}/decide`, provinceAdmin, {
      outcome: 'NO_CHANGE',
      rationale: 'Geen wijziging',
    });
    await sleep(2000);
    expect(types(await history(id))).toEqual([
      'EscalationRaised',
      'EscalationAcknowledged',
      'EscalationDecided',
    ]);
  });

  it('shows the reactor as leader in /ready', async () => {
    const ready = await server.request<{ reactor: { role: string; position: string | null } }>(
      'GET',
      '/ready',
    );
    expect(ready.body.reactor.role).toBe('leader');
    expect(ready.body.reactor.position).not.toBeNull();
  });
});
