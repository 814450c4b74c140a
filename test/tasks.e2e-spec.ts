import type { TokenClaims } from '@praktijklus/testing';
import {
  AdministrationClient,
  amsterdamOfficer,
  analyst,
  provinceAdmin,
  strangerAdmin,
  utrechtOfficer,
} from './escalations.fixtures';
import { startTestServer, type TestServer } from './support/test-server';

interface Task {
  kind: string;
  entityId: string;
  title: string;
  dueAt: string | null;
  overdue: boolean;
}

const amsterdamAdmin: TokenClaims = { sub: 'admin-amsterdam', roles: ['admin'], authority: 'gm0363' };
/** Noord-Holland: the province non-response from Amsterdam climbs to. */
const noordHollandAdmin: TokenClaims = strangerAdmin;

const MY_TASKS = '{ myTasks { kind entityId title dueAt overdue } }';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `check` holds (read models and the reactor work on their own beat). */
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

const kindOf = (tasks: Task[], entityId: string): string[] =>
  tasks.filter((task) => task.entityId === entityId).map((task) => task.kind);

describe('myTasks: the inbox per role over GraphQL (booted server, reactor with short deadlines)', () => {
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

  const tasksOf = async (token: TokenClaims): Promise<Task[]> => {
    const response = await server.graphql<{ data?: { myTasks: Task[] }; errors?: unknown[] }>(MY_TASKS, {
      token,
    });
    if (response.status !== 200 || !response.body.data) {
      throw new Error(`myTasks answered ${response.status}: ${response.text}`);
    }
    return response.body.data.myTasks;
  };

  const until = (token: TokenClaims, check: (tasks: Task[]) => boolean) =>
    eventually(() => tasksOf(token), check);

  it("gives the addressed authority's admin each step of an escalation, and nobody else", async () => {
    const id = await api.raised();
    const raised = await until(provinceAdmin, (t) => kindOf(t, id).length > 0);
    expect(raised.find((t) => t.entityId === id)).toEqual({
      kind: 'ACKNOWLEDGE_ESCALATION',
      entityId: id,
      title: 'Zonnepanelen op monumenten: Bbl en omgevingsplan spreken elkaar tegen',
      dueAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      overdue: false,
    });

    await api.ok(`/api/v1/escalations/${id}/acknowledge`, provinceAdmin, {});
    await until(provinceAdmin, (t) => kindOf(t, id).join() === 'DECIDE_ESCALATION');
    await api.ok(`/api/v1/escalations/${id}/decide`, provinceAdmin, {
      outcome: 'POLICY_ADJUSTED',
      rationale: 'De verordening wordt aangepast voor zonnepanelen op monumenten.',
    });
    const decided = await until(provinceAdmin, (t) => kindOf(t, id).join() === 'RESOLVE_ESCALATION');
    expect(decided.find((t) => t.entityId === id)).toMatchObject({ dueAt: null, overdue: false });
    await api.ok(`/api/v1/escalations/${id}/resolve`, provinceAdmin, { summary: 'Beleid aangepast.' });
    await until(provinceAdmin, (t) => kindOf(t, id).length === 0);

    // The raising municipality's admin and an unrelated province have nothing to do on it.
    expect(kindOf(await tasksOf(amsterdamAdmin), id)).toEqual([]);
    expect(kindOf(await tasksOf(noordHollandAdmin), id)).toEqual([]);
  });

  it("gives the owner's admin follow-ups, progress and evaluations; others none of them", async () => {
    const agreementId = await api.agreement();
    const experimentId = await api.experiment();
    const tasks = await until(
      provinceAdmin,
      (t) => kindOf(t, agreementId).length === 2 && kindOf(t, experimentId).length === 1,
    );
    expect(kindOf(tasks, agreementId).sort()).toEqual(['HOLD_FOLLOW_UP', 'REPORT_PROGRESS']);
    expect(tasks.find((t) => t.kind === 'HOLD_FOLLOW_UP' && t.entityId === agreementId)?.dueAt).toMatch(
      /^\d{4}-\d\d-\d\d$/,
    );
    expect(kindOf(tasks, experimentId)).toEqual(['EVALUATE_EXPERIMENT']);
    const elsewhere = await tasksOf(noordHollandAdmin);
    expect(kindOf(elsewhere, agreementId)).toEqual([]);
    expect(kindOf(elsewhere, experimentId)).toEqual([]);
  });

  it('gives analysts unclassified signals until classified, and officers nothing', async () => {
    const signalId = await api.recordSignal();
    const before = await until(analyst, (t) => kindOf(t, signalId).length > 0);
    expect(before.find((t) => t.entityId === signalId)).toMatchObject({
      kind: 'CLASSIFY_SIGNAL',
      dueAt: null,
      overdue: false,
    });
    expect(await tasksOf(utrechtOfficer)).toEqual([]);
    expect(kindOf(await tasksOf(provinceAdmin), signalId)).toEqual([]);

    await api.ok(`/api/v1/signals/${signalId}/classify`, analyst, { themes: ['erfgoed'] });
    await until(analyst, (t) => kindOf(t, signalId).length === 0);
  });

  it('gives the province non-response climbed to the acknowledgement until it acknowledges', async () => {
    const signalId = await api.recordSignal(amsterdamOfficer);
    const id = await api.raise(
      [signalId],
      { addressedTo: 'gm0363', respondBy: new Date(Date.now() + 1000).toISOString() },
      amsterdamOfficer,
    );
    expect(kindOf(await tasksOf(noordHollandAdmin), id)).toEqual([]);

    const climbed = await until(noordHollandAdmin, (t) => kindOf(t, id).length > 0);
    expect(kindOf(climbed, id)).toEqual(['ACKNOWLEDGE_ESCALATION']);
    await api.ok(`/api/v1/escalations/${id}/acknowledge`, noordHollandAdmin, {});
    await until(noordHollandAdmin, (t) => kindOf(t, id).length === 0);
    // Deciding stays with the addressee.
    await until(amsterdamAdmin, (t) => kindOf(t, id).join() === 'DECIDE_ESCALATION');
  });

  it('answers most urgent first: overdue, then by deadline, then undated, at most 100', async () => {
    const tasks = await tasksOf(provinceAdmin);
    expect(tasks.length).toBeGreaterThan(0);
    expect(tasks.length).toBeLessThanOrEqual(100);
    const overdueFlags = tasks.map((t) => t.overdue);
    expect(overdueFlags).toEqual([...overdueFlags].sort((a, b) => Number(b) - Number(a)));
    const datedFlags = tasks.map((t) => t.dueAt !== null);
    expect(datedFlags).toEqual([...datedFlags].sort((a, b) => Number(b) - Number(a)));
  });

  it('refuses a caller without a token', async () => {
    const response = await server.graphql<{ errors?: Array<{ extensions?: { code?: string } }> }>(MY_TASKS);
    expect(JSON.stringify(response.body)).toContain('UNAUTHENTICATED');
  });
});
