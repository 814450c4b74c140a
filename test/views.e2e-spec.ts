import { startTestServer, type TestServer } from './support/test-server';
import type { TokenClaims } from '../libs/testing/src/test-token';
import {
  adminOf,
  analyst,
  countBy,
  officers,
  write,
  writeSignals,
  type Written,
  type WrittenSignal,
} from './views.fixtures';

// Each suite boots a server and writes its data set over HTTP; a loaded machine needs more than 5 s.
jest.setTimeout(30_000);

interface GraphqlBody<T> {
  data: T;
  errors?: Array<{ message: string; extensions: { code: string } }>;
}

interface HistoryEntry {
  type: string;
  data: Record<string, unknown>;
}

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const dutchDate = (at: Date): string =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Amsterdam',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
const inDays = (days: number): string => dutchDate(new Date(Date.now() + days * DAY_MS));

/** The ISO week of a day, computed here apart from the read model's own. */
function isoWeek(day: string): string {
  const date = new Date(`${day}T12:00:00Z`);
  const thursday = new Date(date.getTime() + (3 - ((date.getUTCDay() + 6) % 7)) * DAY_MS);
  const firstThursday = new Date(Date.UTC(thursday.getUTCFullYear(), 0, 4));
  const week =
    1 +
    Math.round(
      (thursday.getTime() - firstThursday.getTime()) / DAY_MS / 7 -
        ((firstThursday.getUTCDay() + 6) % 7) / 7 +
        3 / 7,
    );
  return `${thursday.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

const median = (values: number[]): number | null => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/**
 * Every view answers the figures the test computes itself from what it wrote over REST: thirty
 * signals, six escalations through their lifecycle, four agreements and three experiments.
 */
describe('policy views answer correct figures', () => {
  let server: TestServer;
  let signals: WrittenSignal[];
  let position: string;
  const escalations: Record<string, Written & { signals: number[]; respondBy?: string }> = {};
  const agreements: Record<string, Written> = {};
  const experiments: Record<string, Written> = {};

  const post = async (path: string, token: TokenClaims, body?: Record<string, unknown>): Promise<Written> => {
    const written = await write(server, path, token, body);
    position = written.position;
    return written;
  };
  const query = async <T>(
    text: string,
    token: TokenClaims = analyst,
    variables?: Record<string, unknown>,
  ): Promise<T> => {
    const response = await server.graphql<GraphqlBody<T>>(text, {
      token,
      headers: { 'x-consistent-with': position },
      ...(variables ? { variables } : {}),
    });
    expect(response.body.errors).toBeUndefined();
    return response.body.data;
  };
  const raise = async (
    name: string,
    token: TokenClaims,
    indexes: number[],
    addressedTo: string,
    respondBy?: string,
  ): Promise<void> => {
    const written = await post('/api/v1/escalations', token, {
      signalIds: indexes.map((i) => signals[i].id),
      title: `Escalatie ${name}`,
      reason: 'Het knelpunt vraagt een bestuurlijk besluit.',
      addressedTo,
      ...(respondBy ? { respondBy } : {}),
    });
    escalations[name] = { ...written, signals: indexes, ...(respondBy ? { respondBy } : {}) };
  };
  const act = (name: string, action: string, token: TokenClaims, body: Record<string, unknown>) =>
    post(`/api/v1/escalations/${escalations[name].id}/${action}`, token, body);
  const history = async (kind: string, id: string): Promise<HistoryEntry[]> => {
    const response = await server.request<HistoryEntry[]>('GET', `/api/v1/${kind}/${id}/history`, {
      token: analyst,
    });
    expect(response.status).toBe(200);
    return response.body;
  };

  beforeAll(async () => {
    server = await startTestServer();
    ({ signals, position } = await writeSignals(server));

    await raise('E1', officers.gm0344, [1, 11], 'mnre1171');
    await act('E1', 'acknowledge', adminOf('mnre1171'), { note: 'In behandeling.' });
    await act('E1', 'involve', adminOf('mnre1171'), {
      authority: 'pv26',
      reason: 'Provinciale regels raken dit.',
    });
    await act('E1', 'decide', adminOf('mnre1171'), {
      outcome: 'POLICY_ADJUSTED',
      rationale: 'De regel wordt aangepast.',
    });
    await act('E1', 'resolve', adminOf('mnre1171'), { summary: 'Aangepast.' });

    await raise('E3', officers.gm0344, [6], 'mnre1130');
    await act('E3', 'transfer', adminOf('mnre1130'), { to: 'ws0636', reason: 'Het waterschap is bevoegd.' });
    await act('E3', 'acknowledge', adminOf('ws0636'), {});
    await act('E3', 'decide', adminOf('ws0636'), {
      outcome: 'EXPERIMENT_GRANTED',
      rationale: 'Proef met lozing.',
    });

    await raise('E4', officers.pv26, [3, 8], 'mnre1153');
    await act('E4', 'acknowledge', adminOf('mnre1153'), {});

    await raise('E5', adminOf('gm0344'), [0, 5], 'pv26');
    await act('E5', 'acknowledge', adminOf('pv26'), {});
    await act('E5', 'decide', adminOf('pv26'), { outcome: 'NO_CHANGE', rationale: 'De regel blijft.' });
    await act('E5', 'resolve', adminOf('pv26'), { summary: 'Geen wijziging.' });
    await act('E5', 'reopen', officers.gm0344, { reason: 'Het knelpunt blijft.' });

    await raise('E6', officers.so0697, [14], 'gm0344');

    const agreement = (owner: string, parties: string[], escalation?: string) => ({
      title: `Afspraak van ${owner}`,
      commitment: 'Een handreiking opstellen.',
      owner,
      parties,
      dueBy: inDays(90),
      firstFollowUpOn: inDays(30),
      ...(escalation ? { escalationId: escalations[escalation].id } : {}),
    });
    agreements.A1 = await post(
      '/api/v1/agreements',
      adminOf('mnre1171'),
      agreement('mnre1171', ['gm0344'], 'E1'),
    );
    await post(`/api/v1/agreements/${agreements.A1.id}/progress`, adminOf('mnre1171'), {
      percent: 40,
      note: 'Concept klaar.',
    });
    await post(`/api/v1/agreements/${agreements.A1.id}/follow-ups`, adminOf('gm0344'), {
      heldOn: inDays(0),
      assessment: 'ON_TRACK',
      notes: 'Goed gesprek.',
      nextFollowUpOn: inDays(30),
    });
    await post(`/api/v1/agreements/${agreements.A1.id}/fulfil`, adminOf('mnre1171'), {
      result: 'Handreiking gepubliceerd.',
    });
    agreements.A2 = await post(
      '/api/v1/agreements',
      adminOf('pv26'),
      agreement('pv26', ['gm0344', 'so0697']),
    );
    agreements.A3 = await post(
      '/api/v1/agreements',
      adminOf('ws0636'),
      agreement('ws0636', ['gm0344'], 'E3'),
    );
    await post(`/api/v1/agreements/${agreements.A3.id}/unmet`, adminOf('ws0636'), {
      reason: 'Geen capaciteit.',
    });
    agreements.A4 = await post('/api/v1/agreements', adminOf('pv26'), agreement('pv26', ['so0697']));
    await post(`/api/v1/agreements/${agreements.A4.id}/cancel`, adminOf('pv26'), { reason: 'Vervallen.' });

    const experiment = (startsOn: string, endsOn: string) => ({
      escalationId: escalations.E3.id,
      title: 'Proef met lozing van bemalingswater',
      hypothesis: 'Lozen onder voorwaarden schaadt de waterkwaliteit niet.',
      legalRoute: 'EXPERIMENT_CLAUSE',
      startsOn,
      endsOn,
    });
    // Ended long ago without an evaluation: overdue from the start.
    experiments.X1 = await post(
      '/api/v1/experiments',
      adminOf('ws0636'),
      experiment('2025-01-06', '2025-06-30'),
    );
    experiments.X2 = await post('/api/v1/experiments', adminOf('ws0636'), experiment(inDays(7), inDays(180)));
    await post(`/api/v1/experiments/${experiments.X2.id}/evaluate`, adminOf('ws0636'), {
      conclusion: 'Werkt.',
      policyConsequence: 'ADOPT_IN_POLICY',
      rationale: 'Opnemen in de waterschapsverordening.',
    });
    await post(`/api/v1/experiments/${experiments.X2.id}/close`, adminOf('ws0636'));
    experiments.X3 = await post('/api/v1/experiments', adminOf('ws0636'), experiment(inDays(0), inDays(100)));
    await post(`/api/v1/experiments/${experiments.X3.id}/extend`, adminOf('ws0636'), {
      endsOn: inDays(200),
      reason: 'Een seizoen extra meten.',
    });

    await raise('E2', officers.gm0363, [2], 'pv26');
  });

  afterAll(async () => {
    await server.close();
  });

  const standing = (): WrittenSignal[] => signals.filter((signal) => signal.status !== 'WITHDRAWN');
  const escalatedIndexes = (): Set<number> => new Set(Object.values(escalations).flatMap((e) => e.signals));
  const isEscalated = (signal: WrittenSignal): boolean => escalatedIndexes().has(signals.indexOf(signal));

  describe('signals', () => {
    const count = `query ($filter: SignalFilter, $search: String) { signals(filter: $filter, search: $search) { totalCount } }`;
    const total = async (filter: Record<string, unknown>, search?: string): Promise<number> =>
      (
        await query<{ signals: { totalCount: number } }>(count, analyst, {
          filter,
          ...(search ? { search } : {}),
        })
      ).signals.totalCount;

    it('counts every filter, OR within a list and AND across', async () => {
      const cases: Array<[Record<string, unknown>, (s: WrittenSignal) => boolean]> = [
        [{}, (s) => s.status !== 'WITHDRAWN'],
        [
          { types: ['BARRIER', 'KNOWLEDGE_GAP'] },
          (s) => s.status !== 'WITHDRAWN' && ['BARRIER', 'KNOWLEDGE_GAP'].includes(s.type),
        ],
        [
          { policyDomains: ['spatial-planning'] },
          (s) => s.status !== 'WITHDRAWN' && s.policyDomain === 'spatial-planning',
        ],
        [
          { levels: ['SYSTEM'], authorities: ['gm0344'] },
          (s) => s.status !== 'WITHDRAWN' && s.level === 'SYSTEM' && s.authority === 'gm0344',
        ],
        [
          { governmentLayers: ['PROVINCE', 'AGENCY'] },
          (s) => s.status !== 'WITHDRAWN' && ['PROVINCE', 'AGENCY'].includes(s.layer),
        ],
        [
          { initiativeKinds: ['ENTREPRENEUR'] },
          (s) => s.status !== 'WITHDRAWN' && s.initiativeKind === 'ENTREPRENEUR',
        ],
        [{ statuses: ['WITHDRAWN', 'DUPLICATE'] }, (s) => s.status !== 'ACTIVE'],
        [{ statuses: ['ACTIVE', 'DUPLICATE', 'WITHDRAWN'] }, () => true],
        [
          { observedFrom: '2025-10-01', observedTo: '2025-10-31' },
          (s) => s.status !== 'WITHDRAWN' && s.observedOn >= '2025-10-01' && s.observedOn <= '2025-10-31',
        ],
      ];
      for (const [filter, matches] of cases) {
        expect({ filter, total: await total(filter) }).toEqual({
          filter,
          total: signals.filter(matches).length,
        });
      }
    });

    it('finds signals by full text, with filters', async () => {
      const warmtenet = standing().filter((s) => s.title.startsWith('Warmtenet'));
      expect(await total({}, 'warmtenet')).toBe(warmtenet.length);
      expect(await total({}, 'warmte')).toBe(warmtenet.length);
      expect(await total({ authorities: ['gm0344'] }, 'warmtenet')).toBe(
        warmtenet.filter((s) => s.authority === 'gm0344').length,
      );
      expect(await total({}, 'omgevingsplan')).toBe(
        standing().filter((s) => s.norms.some((n) => /omgevingsplan/i.test(n.ref))).length,
      );
    });

    it('answers one signal as it was written, with its escalations', async () => {
      const signal = signals[1];
      const data = await query<{ signal: Record<string, unknown> }>(
        `query ($id: ID!) { signal(id: $id) { id type title level initiativeKind policyDomain observedAt observedOn
          authorities norms { ref title } reportingAuthority governmentLayer status escalated escalationIds hasInitiative } }`,
        analyst,
        { id: signal.id },
      );
      expect(data.signal).toEqual({
        id: signal.id,
        type: signal.type,
        title: signal.title,
        level: signal.level,
        initiativeKind: signal.initiativeKind,
        policyDomain: signal.policyDomain,
        observedAt: signal.observedAt,
        observedOn: signal.observedOn,
        authorities: signal.authorities,
        norms: signal.norms.map((norm) => ({ ref: norm.ref, title: norm.title ?? null })),
        reportingAuthority: signal.authority,
        governmentLayer: signal.layer,
        status: 'ACTIVE',
        escalated: true,
        escalationIds: [escalations.E1.id],
        hasInitiative: signal.initiative !== null,
      });
    });
  });

  describe('signal statistics', () => {
    const stats = async (groupBy: string[], filter: Record<string, unknown> = {}, bucket?: string) =>
      (
        await query<{
          signalStats: Array<{ key: Record<string, string | null>; count: number; escalatedCount: number }>;
        }>(
          `query ($groupBy: [SignalDimension!]!, $filter: SignalFilter, $bucket: TimeBucket) {
            signalStats(groupBy: $groupBy, filter: $filter, bucket: $bucket) {
              key { type policyDomain level authority governmentLayer initiativeKind period } count escalatedCount
            }
          }`,
          analyst,
          { groupBy, filter, ...(bucket ? { bucket } : {}) },
        )
      ).signalStats;
    const expected = (rows: WrittenSignal[], key: (s: WrittenSignal) => string) => {
      const counts = countBy(rows, key);
      const escalated = countBy(rows.filter(isEscalated), key);
      return Object.fromEntries(
        Object.entries(counts).map(([k, n]) => [k, { count: n, escalatedCount: escalated[k] ?? 0 }]),
      );
    };
    const answered = (
      rows: Awaited<ReturnType<typeof stats>>,
      key: (k: Record<string, string | null>) => string,
    ) =>
      Object.fromEntries(
        rows.map((row) => [key(row.key), { count: row.count, escalatedCount: row.escalatedCount }]),
      );

    it('groups on one dimension, the others null', async () => {
      const rows = await stats(['TYPE']);
      for (const row of rows)
        expect(row.key).toMatchObject({ policyDomain: null, level: null, authority: null, period: null });
      expect(answered(rows, (k) => String(k.type))).toEqual(expected(standing(), (s) => s.type));
    });

    it('groups on combinations, layers and initiative kinds', async () => {
      expect(answered(await stats(['AUTHORITY', 'LEVEL']), (k) => `${k.authority}/${k.level}`)).toEqual(
        expected(standing(), (s) => `${s.authority}/${s.level}`),
      );
      expect(
        answered(
          await stats(['GOVERNMENT_LAYER', 'INITIATIVE_KIND']),
          (k) => `${k.governmentLayer}/${k.initiativeKind}`,
        ),
      ).toEqual(expected(standing(), (s) => `${s.layer}/${s.initiativeKind}`));
      expect(
        answered(await stats(['POLICY_DOMAIN'], { levels: ['POLICY', 'SYSTEM'] }), (k) =>
          String(k.policyDomain),
        ),
      ).toEqual(
        expected(
          standing().filter((s) => ['POLICY', 'SYSTEM'].includes(s.level)),
          (s) => s.policyDomain,
        ),
      );
    });

    it('buckets periods by day, ISO week and month of the day observed', async () => {
      expect(answered(await stats(['PERIOD'], {}, 'DAY'), (k) => String(k.period))).toEqual(
        expected(standing(), (s) => s.observedOn),
      );
      expect(answered(await stats(['PERIOD'], {}, 'WEEK'), (k) => String(k.period))).toEqual(
        expected(standing(), (s) => isoWeek(s.observedOn)),
      );
      expect(answered(await stats(['PERIOD']), (k) => String(k.period))).toEqual(
        expected(standing(), (s) => s.observedOn.slice(0, 7)),
      );
      expect(
        answered(
          await stats(['PERIOD'], { observedFrom: '2025-09-10', observedTo: '2025-10-20' }, 'MONTH'),
          (k) => String(k.period),
        ),
      ).toEqual(
        expected(
          standing().filter((s) => s.observedOn >= '2025-09-10' && s.observedOn <= '2025-10-20'),
          (s) => s.observedOn.slice(0, 7),
        ),
      );
    });

    it('gives one total row without groups, and counts withdrawn signals only when asked', async () => {
      const [all] = await stats([]);
      expect({ count: all.count, escalatedCount: all.escalatedCount }).toEqual({
        count: standing().length,
        escalatedCount: standing().filter(isEscalated).length,
      });
      const withdrawn = await stats([], { statuses: ['WITHDRAWN'] });
      expect(withdrawn.map((row) => row.count)).toEqual([2]);
    });
  });

  describe('norm conflicts', () => {
    it('counts unordered, normalised pairs of active signals, escalated ones marked', async () => {
      const data = await query<{
        normConflicts: Array<{
          normA: { ref: string; title: string | null };
          normB: { ref: string };
          count: number;
          escalatedCount: number;
          escalated: boolean;
          authorities: string[];
          lastSeen: string;
        }>;
      }>(
        '{ normConflicts { normA { ref title } normB { ref } count escalatedCount escalated authorities lastSeen } }',
      );
      const pairs = new Map<string, WrittenSignal[]>();
      for (const signal of signals.filter((s) => s.conflict !== null && s.status === 'ACTIVE')) {
        pairs.set(signal.conflict!, [...(pairs.get(signal.conflict!) ?? []), signal]);
      }
      const expectedPairs = [...pairs.entries()]
        .map(([key, members]) => ({
          pair: key,
          count: members.length,
          escalatedCount: members.filter(isEscalated).length,
          escalated: members.some(isEscalated),
          authorities: [...new Set(members.map((s) => s.authority))].sort(),
          lastSeen: members
            .map((s) => s.observedOn)
            .sort()
            .pop(),
        }))
        .sort((a, b) => b.count - a.count || (a.pair < b.pair ? -1 : 1));
      expect(
        data.normConflicts.map((row) => ({
          pair: `${row.normA.ref} × ${row.normB.ref}`,
          count: row.count,
          escalatedCount: row.escalatedCount,
          escalated: row.escalated,
          authorities: row.authorities,
          lastSeen: row.lastSeen,
        })),
      ).toEqual(expectedPairs);
      expect(expectedPairs[0].count).toBe(3);
    });

    it('counts duplicates too when the filter asks for them', async () => {
      const data = await query<{ normConflicts: Array<{ count: number }> }>(
        '{ normConflicts(filter: { statuses: [ACTIVE, DUPLICATE] }) { count } }',
      );
      expect(data.normConflicts.map((row) => row.count)).toEqual([3, 3]);
    });
  });

  describe('escalation board', () => {
    const list = `query ($filter: EscalationFilter, $first: Int, $after: String) {
      escalations(filter: $filter, first: $first, after: $after) {
        totalCount pageInfo { hasNextPage endCursor }
        edges { node { id title status addressedTo addressedToAuthority { id name layer } raisedBy raisedAt respondBy overdue
          acknowledgedAt decidedAt outcome signalCount involvedAuthorities transferCount previousAddressees } }
      }
    }`;
    type Node = {
      id: string;
      status: string;
      addressedTo: string;
      addressedToAuthority: { id: string; layer: string } | null;
      raisedBy: string;
      respondBy: string;
      overdue: boolean;
      outcome: string | null;
      signalCount: number;
      involvedAuthorities: string[];
      transferCount: number;
      previousAddressees: string[];
      acknowledgedAt: string | null;
      decidedAt: string | null;
    };
    type Page = {
      escalations: {
        totalCount: number;
        pageInfo: { hasNextPage: boolean; endCursor: string };
        edges: Array<{ node: Node }>;
      };
    };
    const nodes = async (token: TokenClaims, filter: Record<string, unknown> = {}): Promise<Node[]> =>
      (await query<Page>(list, token, { filter, first: 100 })).escalations.edges.map((edge) => edge.node);
    const byId = (name: string) => escalations[name].id;

    it('shows each escalation where its lifecycle left it', async () => {
      const all = await nodes(analyst);
      const find = (name: string) => all.find((node) => node.id === byId(name))!;
      expect(all).toHaveLength(6);
      expect(find('E1')).toMatchObject({
        status: 'RESOLVED',
        addressedTo: 'mnre1171',
        addressedToAuthority: { id: 'mnre1171', layer: 'NATIONAL' },
        raisedBy: 'gm0344',
        outcome: 'POLICY_ADJUSTED',
        signalCount: 2,
        involvedAuthorities: ['pv26'],
        overdue: false,
      });
      expect(find('E3')).toMatchObject({
        status: 'DECIDED',
        addressedTo: 'ws0636',
        transferCount: 1,
        previousAddressees: ['mnre1130'],
        outcome: 'EXPERIMENT_GRANTED',
      });
      expect(find('E5')).toMatchObject({ status: 'ACKNOWLEDGED', outcome: null, decidedAt: null });
      expect(find('E4').acknowledgedAt).not.toBeNull();
      expect(find('E6')).toMatchObject({ status: 'RAISED', addressedTo: 'gm0344', signalCount: 1 });
      const deadlines = all.map((node) => node.respondBy);
      expect([...deadlines].sort()).toEqual(deadlines);
    });

    it('filters on status, addressee, raiser and overdue', async () => {
      const ids = async (filter: Record<string, unknown>) =>
        (await nodes(analyst, filter)).map((n) => n.id).sort();
      const names = (...list: string[]) => list.map(byId).sort();
      expect(await ids({ statuses: ['RAISED', 'ACKNOWLEDGED'] })).toEqual(names('E2', 'E4', 'E5', 'E6'));
      expect(await ids({ addressedTo: 'pv26' })).toEqual(names('E2', 'E5'));
      expect(await ids({ raisedBy: 'gm0344' })).toEqual(names('E1', 'E3', 'E5'));
      expect(await ids({ raisedBy: 'gm0344', statuses: ['DECIDED'] })).toEqual(names('E3'));
    });

    it('walks the board in pages of two, each escalation once', async () => {
      const seen: string[] = [];
      let after: string | null = null;
      for (;;) {
        const page: Page = await query<Page>(list, analyst, { first: 2, after });
        seen.push(...page.escalations.edges.map((edge) => edge.node.id));
        if (!page.escalations.pageInfo.hasNextPage) break;
        after = page.escalations.pageInfo.endCursor;
      }
      expect(seen.sort()).toEqual(
        Object.values(escalations)
          .map((e) => e.id)
          .sort(),
      );
    });

    it('shows officers and administrators only the escalations their authority raised, is addressed or is involved in', async () => {
      const visible = async (token: TokenClaims) => (await nodes(token)).map((n) => n.id).sort();
      const names = (...list: string[]) => list.map(byId).sort();
      expect(await visible(officers.gm0363)).toEqual(names('E2'));
      expect(await visible(officers.gm0344)).toEqual(names('E1', 'E3', 'E5', 'E6'));
      expect(await visible(officers.pv26)).toEqual(names('E1', 'E2', 'E4', 'E5'));
      expect(await visible(officers.so0697)).toEqual(names('E6'));
      // API.md: the authorities involved and analysts; an administrator is no analyst.
      expect(await visible(adminOf('pv26'))).toEqual(names('E1', 'E2', 'E4', 'E5'));
      expect(await visible(adminOf('pv28'))).toEqual([]);
      expect(await visible(analyst)).toHaveLength(6);
      const one = 'query ($id: ID!) { escalation(id: $id) { id } }';
      expect(await query(one, officers.gm0363, { id: byId('E1') })).toEqual({ escalation: null });
      expect(await query(one, adminOf('pv28'), { id: byId('E1') })).toEqual({ escalation: null });
      expect(await query(one, officers.pv26, { id: byId('E1') })).toEqual({ escalation: { id: byId('E1') } });
      const board = await query<{ escalationBoard: { open: number } }>(
        '{ escalationBoard { open } }',
        officers.gm0363,
      );
      expect(board.escalationBoard.open).toBe(1);
      const strangerBoard = await query<{ escalationBoard: { open: number } }>(
        '{ escalationBoard { open } }',
        adminOf('pv28'),
      );
      expect(strangerBoard.escalationBoard.open).toBe(0);
    });

    it('summarises open escalations, overall and per addressee', async () => {
      const data = await query<Record<string, Record<string, number>>>(`{
        all: escalationBoard { open overdue awaitingAcknowledgement decidedNotResolved oldestOpenDays }
        pv26: escalationBoard(authority: "pv26") { open awaitingAcknowledgement decidedNotResolved }
      }`);
      expect(data.all).toEqual({
        open: 5,
        overdue: expect.any(Number),
        awaitingAcknowledgement: 2,
        decidedNotResolved: 1,
        oldestOpenDays: 0,
      });
      expect(data.pv26).toEqual({ open: 2, awaitingAcknowledgement: 1, decidedNotResolved: 0 });
    });
  });

  describe('accountability', () => {
    type Row = {
      authority: string;
      escalationsReceived: number;
      escalationsDecided: number;
      decidedOnTimeRate: number | null;
      medianHoursToAcknowledge: number | null;
      medianDaysToDecision: number | null;
      openOverdue: number;
      transfersIn: number;
      transfersOut: number;
      agreementsOpen: number;
      agreementsFulfilled: number;
      agreementsUnmet: number;
      agreementsOverdue: number;
      followUpsOverdue: number;
      experimentsOverdue: number;
      wronglyAddressedRate: number | null;
      signalsReported: number;
      unclearAuthorityRate: number | null;
    };
    const fields = `authority escalationsReceived escalationsDecided decidedOnTimeRate medianHoursToAcknowledge
      medianDaysToDecision openOverdue transfersIn transfersOut agreementsOpen agreementsFulfilled agreementsUnmet
      agreementsOverdue followUpsOverdue experimentsOverdue wronglyAddressedRate signalsReported unclearAuthorityRate`;

    /** Receipt times per authority from the escalations' own histories, read over REST. */
    async function receipts(): Promise<Map<string, { acknowledge: number[]; decide: number[] }>> {
      const result = new Map<string, { acknowledge: number[]; decide: number[] }>();
      for (const escalation of Object.values(escalations)) {
        let holder = '';
        let receivedAt = 0;
        let acknowledged = false;
        let decided = false;
        for (const event of await history('escalations', escalation.id)) {
          const at = (field: string) => Date.parse(String(event.data[field]));
          if (event.type === 'EscalationRaised' || event.type === 'EscalationTransferred') {
            holder = String(event.type === 'EscalationRaised' ? event.data.addressedTo : event.data.to);
            receivedAt = at(event.type === 'EscalationRaised' ? 'raisedAt' : 'transferredAt');
            acknowledged = false;
            decided = false;
          }
          const entry = result.get(holder) ?? { acknowledge: [], decide: [] };
          if (event.type === 'EscalationAcknowledged' && !acknowledged) {
            entry.acknowledge.push((at('acknowledgedAt') - receivedAt) / HOUR_MS);
            acknowledged = true;
          }
          if (event.type === 'EscalationDecided' && !decided) {
            entry.decide.push((at('decidedAt') - receivedAt) / DAY_MS);
            decided = true;
          }
          result.set(holder, entry);
        }
      }
      return result;
    }

    it('answers every authority of the registry, with zeros where nothing happened', async () => {
      const data = await query<{ accountability: Row[]; authorities: Array<{ id: string }> }>(
        `{ accountability { ${fields} } authorities { id } }`,
      );
      expect(data.accountability.map((row) => row.authority)).toEqual(
        data.authorities.map((a) => a.id).sort(),
      );
      expect(data.accountability.find((row) => row.authority === 'gm0599')).toEqual({
        authority: 'gm0599',
        escalationsReceived: 0,
        escalationsDecided: 0,
        decidedOnTimeRate: null,
        medianHoursToAcknowledge: null,
        medianDaysToDecision: null,
        openOverdue: 0,
        transfersIn: 0,
        transfersOut: 0,
        agreementsOpen: 0,
        agreementsFulfilled: 0,
        agreementsUnmet: 0,
        agreementsOverdue: 0,
        followUpsOverdue: 0,
        experimentsOverdue: 0,
        wronglyAddressedRate: null,
        signalsReported: 0,
        unclearAuthorityRate: null,
      });
    });

    it('measures each authority that received escalations or owns agreements and experiments', async () => {
      const times = await receipts();
      const row = async (authority: string): Promise<Row> =>
        (
          await query<{ accountability: Row[] }>(
            `query ($a: ID) { accountability(authority: $a) { ${fields} } }`,
            officers.so0697,
            { a: authority },
          )
        ).accountability[0];
      const expectRow = async (authority: string, figures: Partial<Row>) => {
        const answered = await row(authority);
        const { acknowledge = [], decide = [] } = times.get(authority) ?? {};
        expect(answered).toMatchObject({ authority, ...figures });
        const hours = median(acknowledge);
        const days = median(decide);
        if (hours === null) expect(answered.medianHoursToAcknowledge).toBeNull();
        else expect(answered.medianHoursToAcknowledge).toBeCloseTo(hours, 6);
        if (days === null) expect(answered.medianDaysToDecision).toBeNull();
        else expect(answered.medianDaysToDecision).toBeCloseTo(days, 6);
      };
      await expectRow('mnre1171', {
        escalationsReceived: 1,
        escalationsDecided: 1,
        decidedOnTimeRate: 1,
        agreementsFulfilled: 1,
        agreementsOpen: 0,
      });
      await expectRow('mnre1130', {
        escalationsReceived: 1,
        escalationsDecided: 0,
        decidedOnTimeRate: null,
        transfersOut: 1,
        transfersIn: 0,
      });
      await expectRow('ws0636', {
        escalationsReceived: 1,
        transfersIn: 1,
        escalationsDecided: 1,
        decidedOnTimeRate: 1,
        agreementsUnmet: 1,
        experimentsOverdue: 1,
      });
      await expectRow('pv26', {
        escalationsReceived: 2,
        escalationsDecided: 1,
        agreementsOpen: 1,
        agreementsOverdue: 0,
        followUpsOverdue: 0,
      });
      await expectRow('mnre1153', { escalationsReceived: 1, escalationsDecided: 0, openOverdue: 0 });
      await expectRow('gm0344', { escalationsReceived: 1 });
    });

    it('gives the wrongly addressed rate and the unclear-authority share per authority and policy domain', async () => {
      type Rates = {
        authority: string;
        escalationsReceived: number;
        transfersOut: number;
        wronglyAddressedRate: number | null;
        signalsReported: number;
        unclearAuthoritySignals: number;
        unclearAuthorityRate: number | null;
        unclearAuthorityByDomain: Array<{
          policyDomain: string;
          signals: number;
          unclearAuthoritySignals: number;
          unclearAuthorityRate: number;
        }>;
      };
      const { accountability } = await query<{ accountability: Rates[] }>(
        `{ accountability { authority escalationsReceived transfersOut wronglyAddressedRate signalsReported
            unclearAuthoritySignals unclearAuthorityRate
            unclearAuthorityByDomain { policyDomain signals unclearAuthoritySignals unclearAuthorityRate } } }`,
      );
      const byId = new Map(accountability.map((row) => [row.authority, row]));
      expect(byId.get('mnre1130')?.wronglyAddressedRate).toBe(1);
      expect(byId.get('gm0599')?.wronglyAddressedRate).toBeNull();
      for (const row of accountability) {
        const expectedRate = row.escalationsReceived > 0 ? row.transfersOut / row.escalationsReceived : null;
        expect(row.wronglyAddressedRate).toBe(expectedRate);
      }

      // Recomputed from what the test wrote: active signals by reporting authority and current domain.
      const active = signals.filter((signal) => signal.status === 'ACTIVE');
      const reporters = [...new Set(signals.map((signal) => signal.authority))];
      expect(active.some((signal) => signal.type === 'UNCLEAR_AUTHORITY')).toBe(true);
      for (const authority of reporters) {
        const own = active.filter((signal) => signal.authority === authority);
        const unclear = own.filter((signal) => signal.type === 'UNCLEAR_AUTHORITY').length;
        const domains = [...new Set(own.map((signal) => signal.policyDomain))].sort();
        expect(byId.get(authority)).toMatchObject({
          signalsReported: own.length,
          unclearAuthoritySignals: unclear,
          unclearAuthorityRate: own.length > 0 ? unclear / own.length : null,
          unclearAuthorityByDomain: domains.map((policyDomain) => {
            const inDomain = own.filter((signal) => signal.policyDomain === policyDomain);
            const unclearInDomain = inDomain.filter((signal) => signal.type === 'UNCLEAR_AUTHORITY').length;
            return {
              policyDomain,
              signals: inDomain.length,
              unclearAuthoritySignals: unclearInDomain,
              unclearAuthorityRate: unclearInDomain / inDomain.length,
            };
          }),
        });
      }
    });

    it('narrows to a government layer', async () => {
      const data = await query<{ accountability: Row[]; authorities: Array<{ id: string }> }>(
        `{ accountability(layer: WATER_BOARD) { ${fields} } authorities(layer: WATER_BOARD) { id } }`,
      );
      expect(data.accountability.map((r) => r.authority)).toEqual(data.authorities.map((a) => a.id).sort());
      expect(data.accountability.filter((r) => r.escalationsReceived > 0).map((r) => r.authority)).toEqual([
        'ws0636',
      ]);
      const none = await query<{ accountability: Row[] }>(
        '{ accountability(authority: "ws0636", layer: PROVINCE) { authority } }',
      );
      expect(none.accountability).toEqual([]);
      const unknown = await server.graphql<GraphqlBody<unknown>>(
        '{ accountability(authority: "gm9999") { authority } }',
        { token: analyst },
      );
      expect(unknown.body.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    });
  });

  describe('feedback loop', () => {
    it('counts the funnel per policy domain', async () => {
      const data = await query<{
        feedbackLoop: Array<{
          policyDomain: string;
          signals: number;
          escalated: number;
          decided: number;
          policyAdjusted: number;
          experimentGranted: number;
          medianDaysToDecision: number | null;
        }>;
      }>(
        '{ feedbackLoop { policyDomain signals escalated decided policyAdjusted experimentGranted medianDaysToDecision } }',
      );
      // Standing decisions: E1 (policy adjusted) and E3 (experiment granted); E5 was reopened.
      const inEscalations = (...names: string[]) =>
        new Set(names.flatMap((name) => escalations[name].signals));
      const escalated = escalatedIndexes();
      const decided = inEscalations('E1', 'E3');
      const adjusted = inEscalations('E1');
      const granted = inEscalations('E3');
      const domains = [...new Set(standing().map((s) => s.policyDomain))].sort();
      expect(data.feedbackLoop).toEqual(
        domains.map((policyDomain) => {
          const members = standing()
            .filter((s) => s.policyDomain === policyDomain)
            .map((s) => signals.indexOf(s));
          return {
            policyDomain,
            signals: members.length,
            escalated: members.filter((i) => escalated.has(i)).length,
            decided: members.filter((i) => decided.has(i)).length,
            policyAdjusted: members.filter((i) => adjusted.has(i)).length,
            experimentGranted: members.filter((i) => granted.has(i)).length,
            medianDaysToDecision: members.some((i) => decided.has(i)) ? expect.any(Number) : null,
          };
        }),
      );
      for (const row of data.feedbackLoop) {
        if (row.decided > 0) expect(row.medianDaysToDecision).toBeGreaterThan(30);
        else expect(row.medianDaysToDecision).toBeNull();
      }
    });
  });

  describe('agreements and experiments', () => {
    it('lists agreements with their status, progress and follow-ups, and filters them', async () => {
      type Node = {
        id: string;
        status: string;
        progressPercent: number;
        followUpCount: number;
        overdue: boolean;
        followUpOverdue: boolean;
        lastFollowUp: { assessment: string } | null;
        parties: string[];
      };
      const ids = async (filter: Record<string, unknown>) =>
        (
          await query<{ agreements: { edges: Array<{ node: Node }> } }>(
            'query ($f: AgreementFilter) { agreements(filter: $f) { edges { node { id } } } }',
            analyst,
            { f: filter },
          )
        ).agreements.edges
          .map((edge) => edge.node.id)
          .sort();
      const names = (...list: string[]) => list.map((name) => agreements[name].id).sort();
      const all = await query<{ agreements: { totalCount: number; edges: Array<{ node: Node }> } }>(
        '{ agreements { totalCount edges { node { id status progressPercent followUpCount overdue followUpOverdue lastFollowUp { assessment } parties } } } }',
        officers.so0697,
      );
      expect(all.agreements.totalCount).toBe(4);
      const a1 = all.agreements.edges.find((edge) => edge.node.id === agreements.A1.id)!.node;
      expect(a1).toMatchObject({
        status: 'FULFILLED',
        progressPercent: 40,
        followUpCount: 1,
        lastFollowUp: { assessment: 'ON_TRACK' },
        overdue: false,
        parties: ['mnre1171', 'gm0344'],
      });
      expect(await ids({ statuses: ['OPEN'] })).toEqual(names('A2'));
      expect(await ids({ owner: 'pv26' })).toEqual(names('A2', 'A4'));
      expect(await ids({ party: 'gm0344' })).toEqual(names('A1', 'A2', 'A3'));
      expect(await ids({ escalationId: escalations.E3.id })).toEqual(names('A3'));
      expect(await ids({ overdue: true })).toEqual([]);
      const seen: string[] = [];
      let after: string | null = null;
      for (;;) {
        const page: {
          agreements: {
            pageInfo: { hasNextPage: boolean; endCursor: string };
            edges: Array<{ node: { id: string } }>;
          };
        } = await query(
          'query ($after: String) { agreements(first: 1, after: $after) { pageInfo { hasNextPage endCursor } edges { node { id } } } }',
          analyst,
          { after },
        );
        seen.push(...page.agreements.edges.map((edge) => edge.node.id));
        if (!page.agreements.pageInfo.hasNextPage) break;
        after = page.agreements.pageInfo.endCursor;
      }
      expect(seen.sort()).toEqual(names('A1', 'A2', 'A3', 'A4'));
    });

    it('lists experiments with evaluation overdue judged today', async () => {
      const data = await query<{
        all: {
          totalCount: number;
          edges: Array<{
            node: {
              id: string;
              status: string;
              overdue: boolean;
              extensionCount: number;
              policyConsequence: string | null;
            };
          }>;
        };
        overdue: { edges: Array<{ node: { id: string } }> };
        running: { totalCount: number };
      }>(`{
        all: experiments(filter: { owner: "ws0636" }) { totalCount edges { node { id status overdue extensionCount policyConsequence } } }
        overdue: experiments(filter: { overdue: true }) { edges { node { id } } }
        running: experiments(filter: { statuses: [RUNNING] }) { totalCount }
      }`);
      const find = (name: string) =>
        data.all.edges.find((edge) => edge.node.id === experiments[name].id)!.node;
      expect(data.all.totalCount).toBe(3);
      expect(find('X1')).toMatchObject({ status: 'RUNNING', overdue: true });
      expect(find('X2')).toMatchObject({
        status: 'CLOSED',
        overdue: false,
        policyConsequence: 'ADOPT_IN_POLICY',
      });
      expect(find('X3')).toMatchObject({ status: 'RUNNING', overdue: false, extensionCount: 1 });
      expect(data.overdue.edges.map((edge) => edge.node.id)).toEqual([experiments.X1.id]);
      expect(data.running.totalCount).toBe(2);
    });
  });

  describe('time-dependent fields', () => {
    it('turns an escalation overdue once its deadline passes, without any new event', async () => {
      // Raised here, after every other figure was checked, with a deadline just ahead.
      const respondBy = new Date(Date.now() + 1500).toISOString();
      await raise('E7', officers.gm0363, [2], 'pv26', respondBy);
      const figures = async () =>
        query<{
          escalation: { overdue: boolean };
          escalationBoard: { overdue: number };
          accountability: Array<{ openOverdue: number }>;
        }>(
          'query ($id: ID!) { escalation(id: $id) { overdue } escalationBoard { overdue } accountability(authority: "pv26") { openOverdue } }',
          analyst,
          { id: escalations.E7.id },
        );
      expect(await figures()).toEqual({
        escalation: { overdue: false },
        escalationBoard: { overdue: 0 },
        accountability: [{ openOverdue: 0 }],
      });
      await new Promise((resolve) => setTimeout(resolve, Date.parse(respondBy) - Date.now() + 50));
      expect(await figures()).toEqual({
        escalation: { overdue: true },
        escalationBoard: { overdue: 1 },
        accountability: [{ openOverdue: 1 }],
      });
    }, 20_000);
  });
});
