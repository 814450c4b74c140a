import type { SqliteEventStore } from '@praktijklus/event-store';
import { ReferenceData } from '@praktijklus/reference';
import { EVENT_STORE } from '../../apps/server/src/event-store/event-store.tokens';
import { startTestServer, type TestServer } from '../support/test-server';

const RAISING = 'gm0344';
const ADDRESSED = 'pv26';
const ATTACHERS = 36;
const INVOLVERS = 9;
const ACKNOWLEDGERS = 5;

const officer = (n: number) => ({
  sub: `officer-race-${n}`,
  roles: ['officer' as const],
  authority: RAISING,
});
const addressedAdmin = (n: number) => ({
  sub: `admin-race-${n}`,
  roles: ['admin' as const],
  authority: ADDRESSED,
});

interface Answer {
  kind: 'attach' | 'involve' | 'acknowledge';
  subject: string;
  status: number;
  type: string | null;
  body: { code?: string; revision?: number };
}

interface HistoryEntry {
  type: string;
  revision: number;
  data: { signalIds?: string[]; authority?: string };
}

const signal = (n: number): Record<string, unknown> => ({
  type: 'CROSS_GOVERNMENT_IMPACT',
  title: `Gedeelde netcongestie melding ${n}`,
  description:
    'Een aansluiting op het net wordt geweigerd terwijl provincie en gemeente elk naar de ander wijzen.',
  policyDomain: 'energy',
  level: 'SYSTEM',
  initiativeKind: 'ENTREPRENEUR',
  observedAt: '2025-06-02',
  authorities: [RAISING, ADDRESSED],
  norms: [],
});

describe('50 writers on one escalation stream', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });

  afterAll(async () => {
    await server.close();
  });

  it('keeps revisions contiguous, answers conflicts with 409, never 500, and writes only what it acknowledged', async () => {
    const signalIds: string[] = [];
    for (let n = 0; n <= ATTACHERS; n += 1) {
      const written = await server.request<{ id: string }>('POST', '/api/v1/signals', {
        token: officer(0),
        body: signal(n),
      });
      expect(written.status).toBe(201);
      signalIds.push(written.body.id);
    }
    const raised = await server.request<{ id: string }>('POST', '/api/v1/escalations', {
      token: officer(0),
      body: {
        signalIds: [signalIds[0]],
        title: 'Netcongestie blokkeert warmtenetten',
        reason: 'Meerdere initiatieven lopen vast op dezelfde weigering.',
        addressedTo: ADDRESSED,
      },
    });
    expect(raised.status).toBe(201);
    const id = raised.body.id;
    const others = ReferenceData.load()
      .authorities()
      .map((a) => a.id)
      .filter((a) => a !== RAISING && a !== ADDRESSED)
      .slice(0, INVOLVERS);

    const send = async (
      kind: Answer['kind'],
      subject: string,
      path: string,
      token: { sub: string; roles: Array<'officer' | 'admin'>; authority: string },
      body: Record<string, unknown>,
    ): Promise<Answer> => {
      const response = await server.request<Answer['body']>('POST', `/api/v1/escalations/${id}/${path}`, {
        token,
        body,
      });
      return {
        kind,
        subject,
        status: response.status,
        type: response.headers.get('content-type'),
        body: response.body,
      };
    };
    const writers: Array<Promise<Answer>> = [
      ...signalIds
        .slice(1)
        .map((signalId, n) => send('attach', signalId, 'signals', officer(n + 1), { signalIds: [signalId] })),
      ...others.map((authority, n) =>
        send('involve', authority, 'involve', addressedAdmin(n), {
          authority,
          reason: 'Deze partij bepaalt mee over de aansluiting.',
        }),
      ),
      ...Array.from({ length: ACKNOWLEDGERS }, (_, n) =>
        send('acknowledge', `ack-${n}`, 'acknowledge', addressedAdmin(100 + n), { note: 'Ontvangen' }),
      ),
    ];
    const store = server.app.get<symbol, SqliteEventStore>(EVENT_STORE);
    const before = store.groupCommitStats();
    expect(writers).toHaveLength(50);
    const answers = await Promise.all(writers);
    const after = store.groupCommitStats();

    // Written or refused as a conflict: nothing else, and never a server error.
    for (const answer of answers) {
      if (answer.status === 200) continue;
      expect(answer).toEqual({
        ...answer,
        status: 409,
        type: expect.stringMatching(/^application\/problem\+json/),
        body: expect.objectContaining({ code: expect.any(String) }),
      });
    }
    const ok = answers.filter((a) => a.status === 200);
    expect(ok.length).toBeGreaterThan(0);
    expect(answers.filter((a) => a.kind === 'acknowledge' && a.status === 200).length).toBeLessThanOrEqual(1);

    const history = await server.request<HistoryEntry[] | { events: HistoryEntry[] }>(
      'GET',
      `/api/v1/escalations/${id}/history`,
      { token: addressedAdmin(0) },
    );
    expect(history.status).toBe(200);
    const events = Array.isArray(history.body) ? history.body : history.body.events;
    // Contiguous revisions: the raise, then exactly one event per acknowledged write.
    expect(events.map((e) => e.revision)).toEqual(events.map((_, i) => i));
    expect(events).toHaveLength(1 + ok.length);
    expect(new Set(ok.map((a) => a.body.revision))).toEqual(new Set(events.slice(1).map((e) => e.revision)));

    const attachedInLog = events
      .filter((e) => e.type === 'SignalsAttached')
      .flatMap((e) => e.data.signalIds ?? [])
      .sort();
    const attachedAcknowledged = ok
      .filter((a) => a.kind === 'attach')
      .map((a) => a.subject)
      .sort();
    expect(attachedInLog).toEqual(attachedAcknowledged);
    const involvedInLog = events
      .filter((e) => e.type === 'AuthorityInvolved')
      .map((e) => e.data.authority)
      .sort();
    expect(involvedInLog).toEqual(
      ok
        .filter((a) => a.kind === 'involve')
        .map((a) => a.subject)
        .sort(),
    );
    expect(events.filter((e) => e.type === 'EscalationAcknowledged')).toHaveLength(
      ok.filter((a) => a.kind === 'acknowledge').length,
    );
    // Whether appends collided depends on scheduling; it is reported, the invariants above are asserted.
    const refusedAppends = after.appends - before.appends - ok.length;
    const codes = new Map<string, number>();
    for (const a of answers)
      if (a.status === 409) codes.set(a.body.code ?? '', (codes.get(a.body.code ?? '') ?? 0) + 1);
    console.log(
      `escalation-race: ${ok.length} written, ${refusedAppends} appends refused and retried, 409 by code ${JSON.stringify([...codes])}`,
    );
  });
});
