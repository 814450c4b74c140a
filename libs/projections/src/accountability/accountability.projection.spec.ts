import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import type {
  AgreementEvent,
  EscalationEvent,
  ExperimentEvent,
  SignalEvent,
  SignalType,
} from '@praktijklus/domain';
import type { RecordedEvent } from '@praktijklus/event-store';
import type { Projection } from '../projection';
import { createAccountabilityProjection } from './accountability.projection';
import { accountability } from './accountability.queries';
import type { AuthorityAccountabilityRow } from './accountability.queries';

const ctx = { layerOf: () => undefined };

type Any = EscalationEvent | AgreementEvent | ExperimentEvent | SignalEvent;
type Of<T extends Any['type']> = Extract<Any, { type: T }>;

const recorder = () => {
  let position = 0;
  return <T extends Any['type']>(type: T, data: Of<T>['data']): RecordedEvent => {
    position += 1;
    return {
      id: `event-${position}`,
      type,
      data: data as unknown as Record<string, unknown>,
      metadata: {
        actor: { sub: 'admin-1', authority: 'pv26', roles: ['admin'] },
        correlationId: `c-${position}`,
        causationId: `c-${position}`,
        schemaVersion: 1,
      },
      streamId: `stream-${position}`,
      revision: 0,
      position: String(position).padStart(12, '0'),
      recordedAt: '2026-03-01T00:00:00.000Z',
    };
  };
};

const raised = (escalationId: string, addressedTo: string, raisedAt: string, respondBy: string) => ({
  escalationId,
  title: escalationId,
  reason: 'r',
  signalIds: ['s-1'],
  raisedBy: 'gm0344',
  raisedByUser: 'officer-1',
  addressedTo,
  respondBy,
  raisedAt,
});

const agreement = (agreementId: string, owner: string, dueBy: string, firstFollowUpOn: string) => ({
  agreementId,
  title: agreementId,
  commitment: 'c',
  owner,
  parties: [owner],
  dueBy,
  firstFollowUpOn,
  escalationId: null,
  madeBy: 'admin-1',
  madeAt: '2026-03-01T09:00:00.000Z',
});

const experiment = (experimentId: string, owner: string, endsOn: string) => ({
  experimentId,
  escalationId: 'esc-1',
  owner,
  title: experimentId,
  hypothesis: 'h',
  legalRoute: 'EXEMPTION' as const,
  startsOn: '2026-01-01',
  endsOn,
  startedAt: '2026-01-01T09:00:00.000Z',
});

const history = (): RecordedEvent[] => {
  const e = recorder();
  return [
    // esc-1: pv26 acknowledges after 6 h, transfers to mnre1130, which acknowledges after 24 h and
    // decides on time 3 days after receiving it.
    e('EscalationRaised', raised('esc-1', 'pv26', '2026-03-01T10:00:00.000Z', '2026-03-10T10:00:00.000Z')),
    e('EscalationAcknowledged', { escalationId: 'esc-1', acknowledgedAt: '2026-03-01T16:00:00.000Z' }),
    e('EscalationTransferred', {
      escalationId: 'esc-1',
      from: 'pv26',
      to: 'mnre1130',
      reason: 'Rijksregel',
      respondBy: '2026-03-12T10:00:00.000Z',
      transferredAt: '2026-03-02T10:00:00.000Z',
    }),
    e('EscalationAcknowledged', { escalationId: 'esc-1', acknowledgedAt: '2026-03-03T10:00:00.000Z' }),
    e('EscalationDecided', {
      escalationId: 'esc-1',
      outcome: 'POLICY_ADJUSTED',
      rationale: 'r',
      decidedAt: '2026-03-05T10:00:00.000Z',
    }),
    e('EscalationResolved', { escalationId: 'esc-1', summary: 's', resolvedAt: '2026-03-06T10:00:00.000Z' }),
    // esc-2: pv26 acknowledges after 24 h and decides late, 5 days after receiving it.
    e('EscalationRaised', raised('esc-2', 'pv26', '2026-03-01T10:00:00.000Z', '2026-03-05T10:00:00.000Z')),
    e('EscalationAcknowledged', { escalationId: 'esc-2', acknowledgedAt: '2026-03-02T10:00:00.000Z' }),
    e('EscalationDecided', {
      escalationId: 'esc-2',
      outcome: 'NO_CHANGE',
      rationale: 'r',
      decidedAt: '2026-03-06T10:00:00.000Z',
    }),
    // esc-3: never answered; overdue for pv26 once 2026-03-08 10:00 passes.
    e('EscalationRaised', raised('esc-3', 'pv26', '2026-03-02T10:00:00.000Z', '2026-03-08T10:00:00.000Z')),
    // esc-4: pv26 acknowledges after 12 h and decides on time after 1 day.
    e('EscalationRaised', raised('esc-4', 'pv26', '2026-03-03T10:00:00.000Z', '2026-03-20T10:00:00.000Z')),
    e('EscalationAcknowledged', { escalationId: 'esc-4', acknowledgedAt: '2026-03-03T22:00:00.000Z' }),
    e('EscalationDecided', {
      escalationId: 'esc-4',
      outcome: 'CUSTOM_SOLUTION',
      rationale: 'r',
      decidedAt: '2026-03-04T10:00:00.000Z',
    }),
    e('AgreementMade', agreement('ag-1', 'pv26', '2026-04-30', '2026-03-15')),
    e('FollowUpRecorded', {
      agreementId: 'ag-1',
      heldOn: '2026-03-15',
      assessment: 'ON_TRACK',
      notes: 'n',
      nextFollowUpOn: '2026-04-15',
      recordedBy: 'admin-1',
      recordedAt: '2026-03-15T12:00:00.000Z',
    }),
    e('AgreementMade', agreement('ag-2', 'pv26', '2026-03-31', '2026-03-15')),
    e('AgreementFulfilled', { agreementId: 'ag-2', result: 'r', fulfilledAt: '2026-03-20T10:00:00.000Z' }),
    e('AgreementMade', agreement('ag-3', 'pv26', '2026-03-31', '2026-03-15')),
    e('AgreementMarkedUnmet', { agreementId: 'ag-3', reason: 'r', markedAt: '2026-03-20T10:00:00.000Z' }),
    e('AgreementMade', agreement('ag-4', 'gm0344', '2026-03-31', '2026-03-10')),
    e('AgreementMade', agreement('ag-5', 'gm0344', '2026-02-01', '2026-01-10')),
    e('AgreementCancelled', { agreementId: 'ag-5', reason: 'r', cancelledAt: '2026-03-02T10:00:00.000Z' }),
    e('ExperimentStarted', experiment('ex-1', 'mnre1130', '2026-02-28')),
    e('ExperimentExtended', {
      experimentId: 'ex-1',
      previousEndsOn: '2026-02-28',
      endsOn: '2026-03-31',
      reason: 'r',
      extendedAt: '2026-02-20T10:00:00.000Z',
    }),
    e('ExperimentStarted', experiment('ex-2', 'mnre1130', '2026-02-28')),
    e('ExperimentEvaluated', {
      experimentId: 'ex-2',
      conclusion: 'c',
      policyConsequence: 'STOP',
      rationale: 'r',
      evaluatedAt: '2026-03-01T10:00:00.000Z',
    }),
    e('ExperimentClosed', { experimentId: 'ex-2', closedAt: '2026-03-02T10:00:00.000Z' }),
    e('ExperimentStarted', experiment('ex-3', 'ws0155', '2026-06-30')),
  ];
};

const open = (projection: Projection): Database => {
  const db = new BetterSqlite3(':memory:');
  projection.migrate(db);
  return db;
};

const applyAll = (projection: Projection, db: Database, events: RecordedEvent[]): void => {
  db.transaction(() => events.forEach((event) => projection.apply(db, event)))();
};

const dump = (db: Database): unknown[] =>
  [
    'accountability_authorities',
    'accountability_escalations',
    'accountability_receipts',
    'accountability_agreements',
    'accountability_experiments',
    'accountability_signals',
    'accountability_signal_shares',
  ].map((table) => db.prepare(`SELECT * FROM ${table} ORDER BY 1, 2`).all());

const at = (iso: string): Date => new Date(iso);

const zero = {
  escalationsReceived: 0,
  escalationsDecided: 0,
  escalationsDecidedOnTime: 0,
  decidedOnTimeRate: null,
  medianHoursToAcknowledge: null,
  medianDaysToDecision: null,
  openOverdue: 0,
  transfersIn: 0,
  transfersOut: 0,
  wronglyAddressedRate: null,
  signalsReported: 0,
  unclearAuthoritySignals: 0,
  unclearAuthorityRate: null,
  unclearAuthorityByDomain: [],
  agreementsOpen: 0,
  agreementsFulfilled: 0,
  agreementsUnmet: 0,
  agreementsOverdue: 0,
  followUpsOverdue: 0,
  experimentsOverdue: 0,
  nonResponses: 0,
};

describe('accountability projection', () => {
  let projection: Projection;
  let db: Database;

  beforeEach(() => {
    projection = createAccountabilityProjection(ctx);
    db = open(projection);
    applyAll(projection, db, history());
  });

  afterEach(() => db.close());

  it('answers every figure per authority with activity', () => {
    const expected: AuthorityAccountabilityRow[] = [
      { ...zero, authority: 'gm0344', agreementsOpen: 1, agreementsOverdue: 1, followUpsOverdue: 1 },
      {
        ...zero,
        authority: 'mnre1130',
        escalationsReceived: 1,
        escalationsDecided: 1,
        escalationsDecidedOnTime: 1,
        decidedOnTimeRate: 1,
        medianHoursToAcknowledge: 24,
        medianDaysToDecision: 3,
        transfersIn: 1,
        wronglyAddressedRate: 0,
        experimentsOverdue: 1,
      },
      {
        ...zero,
        authority: 'pv26',
        escalationsReceived: 4,
        escalationsDecided: 2,
        escalationsDecidedOnTime: 1,
        decidedOnTimeRate: 0.5,
        medianHoursToAcknowledge: 12,
        medianDaysToDecision: 3,
        openOverdue: 1,
        transfersOut: 1,
        wronglyAddressedRate: 0.25,
        agreementsOpen: 1,
        agreementsFulfilled: 1,
        agreementsUnmet: 1,
        followUpsOverdue: 1,
      },
      { ...zero, authority: 'ws0155' },
    ];
    expect(accountability(db, { now: at('2026-04-20T10:00:00Z') })).toEqual(expected);
  });

  it('counts open overdue escalations against now', () => {
    const pv26 = (now: string) => accountability(db, { authority: 'pv26', now: at(now) })[0].openOverdue;
    expect(pv26('2026-03-08T09:59:59Z')).toBe(0);
    expect(pv26('2026-03-08T10:00:01Z')).toBe(1);
  });

  it('compares deadlines as instants: one far beyond year 9999 in an old event is not overdue', () => {
    const fresh = open(projection);
    const e = recorder();
    applyAll(projection, fresh, [
      e(
        'EscalationRaised',
        raised('esc-far', 'gm0363', '2026-03-01T10:00:00.000Z', '9999-12-31T23:59:59-23:59'),
      ),
      e('EscalationAcknowledged', { escalationId: 'esc-far', acknowledgedAt: '2026-03-01T12:00:00.000Z' }),
    ]);
    expect(accountability(fresh, { authority: 'gm0363', now: at('2026-03-05T00:00:00Z') })[0]).toMatchObject({
      openOverdue: 0,
    });
    fresh.close();
  });

  it('judges agreement, follow-up and experiment deadlines on the Amsterdam date', () => {
    const row = (authority: string, now: string) => accountability(db, { authority, now: at(now) })[0];
    // 23:30 on 2026-03-31 in Amsterdam (CEST) is still the due date and the end date.
    expect(row('gm0344', '2026-03-31T21:30:00Z')).toMatchObject({
      agreementsOverdue: 0,
      followUpsOverdue: 1,
    });
    expect(row('gm0344', '2026-03-31T22:30:00Z')).toMatchObject({ agreementsOverdue: 1 });
    expect(row('mnre1130', '2026-03-31T21:30:00Z').experimentsOverdue).toBe(0);
    expect(row('mnre1130', '2026-03-31T22:30:00Z').experimentsOverdue).toBe(1);
    // The follow-up held on 2026-03-15 planned the next one for 2026-04-15.
    expect(row('pv26', '2026-04-15T12:00:00Z').followUpsOverdue).toBe(0);
    expect(row('pv26', '2026-04-16T12:00:00Z').followUpsOverdue).toBe(1);
    expect(row('gm0344', '2026-03-10T12:00:00Z').followUpsOverdue).toBe(0);
  });

  it('restricts to one authority, to a set of authorities, or to their intersection', () => {
    const now = at('2026-04-20T10:00:00Z');
    const ids = (input: { authority?: string; authorities?: string[] }) =>
      accountability(db, { ...input, now }).map((row) => row.authority);
    expect(ids({ authority: 'pv26' })).toEqual(['pv26']);
    expect(ids({ authorities: ['ws0155', 'pv26', 'pv99'] })).toEqual(['pv26', 'ws0155']);
    expect(ids({ authorities: [] })).toEqual([]);
    expect(ids({ authority: 'pv26', authorities: ['pv26', 'gm0344'] })).toEqual(['pv26']);
    expect(ids({ authority: 'pv26', authorities: ['gm0344'] })).toEqual([]);
    expect(ids({ authority: 'pv99' })).toEqual([]);
    expect(accountability(db, { authority: 'pv26', now })).toEqual(
      accountability(db, { now }).filter((row) => row.authority === 'pv26'),
    );
  });

  it('counts a reopened escalation overdue again but keeps its first decision as the one that counts', () => {
    const e = recorder();
    applyAll(projection, db, [
      e('EscalationReopened', { escalationId: 'esc-1', reason: 'r', reopenedAt: '2026-03-15T10:00:00.000Z' }),
    ]);
    const mnre = (now: string) => accountability(db, { authority: 'mnre1130', now: at(now) })[0];
    expect(mnre('2026-03-16T10:00:00Z').openOverdue).toBe(1);
    applyAll(projection, db, [
      e('EscalationDecided', {
        escalationId: 'esc-1',
        outcome: 'NO_CHANGE',
        rationale: 'r',
        decidedAt: '2026-03-20T10:00:00.000Z',
      }),
    ]);
    expect(mnre('2026-03-21T10:00:00Z')).toMatchObject({
      openOverdue: 0,
      escalationsDecided: 1,
      escalationsDecidedOnTime: 1,
      medianDaysToDecision: 3,
    });
  });

  it('judges a reopened escalation against the new deadline of its reopening', () => {
    const e = recorder();
    applyAll(projection, db, [
      e('EscalationReopened', {
        escalationId: 'esc-1',
        reason: 'r',
        respondBy: '2026-04-01T10:00:00.000Z',
        reopenedAt: '2026-03-15T10:00:00.000Z',
      }),
    ]);
    const mnre = (now: string) => accountability(db, { authority: 'mnre1130', now: at(now) })[0];
    expect(mnre('2026-03-16T10:00:00Z')).toMatchObject({ openOverdue: 0, escalationsDecidedOnTime: 1 });
    // Not decided again by the new deadline: overdue now, while its first decision stays on time.
    expect(mnre('2026-04-01T10:00:01Z')).toMatchObject({ openOverdue: 1, escalationsDecidedOnTime: 1 });
  });

  it('gives the share of active signals of type UNCLEAR_AUTHORITY per reporting authority and policy domain', () => {
    const e = recorder();
    const signal = (signalId: string, reportingAuthority: string, type: SignalType, policyDomain: string) =>
      e('SignalRecorded', {
        signalId,
        type,
        title: signalId,
        description: 'd',
        policyDomain,
        level: 'POLICY',
        initiativeKind: 'ENTREPRENEUR',
        observedAt: '2026-03-01',
        authorities: [reportingAuthority, 'pv26'],
        norms: [],
        initiative: null,
        location: null,
        reportingAuthority,
        reportedBy: 'officer-1',
        recordedAt: '2026-03-01T09:00:00.000Z',
      });
    applyAll(projection, db, [
      signal('s-1', 'gm0344', 'UNCLEAR_AUTHORITY', 'building'),
      signal('s-2', 'gm0344', 'BARRIER', 'building'),
      signal('s-3', 'gm0344', 'BARRIER', 'building'),
      signal('s-4', 'gm0344', 'KNOWLEDGE_GAP', 'energy'),
      signal('s-5', 'gm0344', 'UNCLEAR_AUTHORITY', 'energy'),
      signal('s-6', 'gm0363', 'UNCLEAR_AUTHORITY', 'water'),
      // s-2 becomes an unclear-authority signal; s-3 moves to energy; s-4 is withdrawn; s-5 repeats s-1.
      e('SignalAmended', {
        signalId: 's-2',
        changes: { type: 'UNCLEAR_AUTHORITY', authorities: ['gm0344', 'pv26'] },
        amendedAt: '2026-03-02T09:00:00.000Z',
      }),
      e('SignalClassified', {
        signalId: 's-3',
        themes: [],
        policyDomain: 'energy',
        classifiedAt: '2026-03-02T09:00:00.000Z',
      }),
      e('SignalWithdrawn', { signalId: 's-4', reason: 'r', withdrawnAt: '2026-03-02T09:00:00.000Z' }),
      e('SignalMarkedDuplicate', {
        signalId: 's-5',
        duplicateOf: 's-1',
        markedAt: '2026-03-02T09:00:00.000Z',
      }),
    ]);
    const now = at('2026-04-20T10:00:00Z');
    expect(accountability(db, { authority: 'gm0344', now })[0]).toMatchObject({
      signalsReported: 3,
      unclearAuthoritySignals: 2,
      unclearAuthorityRate: 2 / 3,
      unclearAuthorityByDomain: [
        { policyDomain: 'building', signals: 2, unclearAuthoritySignals: 2, unclearAuthorityRate: 1 },
        { policyDomain: 'energy', signals: 1, unclearAuthoritySignals: 0, unclearAuthorityRate: 0 },
      ],
    });
    expect(accountability(db, { authority: 'gm0363', now })).toEqual([
      {
        ...zero,
        authority: 'gm0363',
        signalsReported: 1,
        unclearAuthoritySignals: 1,
        unclearAuthorityRate: 1,
        unclearAuthorityByDomain: [
          { policyDomain: 'water', signals: 1, unclearAuthoritySignals: 1, unclearAuthorityRate: 1 },
        ],
      },
    ]);
  });

  it('takes the median of an even number of durations as the mean of the middle two', () => {
    const e = recorder();
    applyAll(projection, db, [
      e(
        'EscalationRaised',
        raised('esc-5', 'ws0155', '2026-03-01T00:00:00.000Z', '2026-03-10T00:00:00.000Z'),
      ),
      e('EscalationAcknowledged', { escalationId: 'esc-5', acknowledgedAt: '2026-03-01T01:00:00.000Z' }),
      e(
        'EscalationRaised',
        raised('esc-6', 'ws0155', '2026-03-01T00:00:00.000Z', '2026-03-10T00:00:00.000Z'),
      ),
      e('EscalationAcknowledged', { escalationId: 'esc-6', acknowledgedAt: '2026-03-01T04:00:00.000Z' }),
    ]);
    expect(accountability(db, { authority: 'ws0155', now: at('2026-03-02T00:00:00Z') })[0]).toMatchObject({
      escalationsReceived: 2,
      medianHoursToAcknowledge: 2.5,
      decidedOnTimeRate: null,
      medianDaysToDecision: null,
      openOverdue: 0,
    });
  });

  it('gives identical rows when the same events are applied to a fresh database', () => {
    const replay = createAccountabilityProjection(ctx);
    const fresh = open(replay);
    applyAll(replay, fresh, history());
    expect(dump(fresh)).toEqual(dump(db));
    fresh.close();
  });

  it('gives identical rows after a batch rolled back by a crash is applied again', () => {
    const replay = createAccountabilityProjection(ctx);
    const fresh = open(replay);
    const events = history();
    expect(() =>
      fresh.transaction(() => {
        events.forEach((event) => replay.apply(fresh, event));
        throw new Error('crash before the checkpoint');
      })(),
    ).toThrow('crash');
    applyAll(replay, fresh, events);
    expect(dump(fresh)).toEqual(dump(db));
    fresh.close();
  });

  it('counts a non-response against the authority it climbed away from, and an ended chain against the top', () => {
    const e = recorder();
    applyAll(projection, db, [
      e(
        'EscalationRaised',
        raised('esc-9', 'gm0363', '2026-03-01T10:00:00.000Z', '2026-03-05T10:00:00.000Z'),
      ),
      e('EscalationEscalatedForNonResponse', {
        escalationId: 'esc-9',
        from: 'gm0363',
        to: 'pv27',
        respondBy: '2026-04-05T10:00:00.000Z',
        escalatedAt: '2026-03-12T10:00:00.000Z',
      }),
      e('EscalationEscalatedForNonResponse', {
        escalationId: 'esc-9',
        from: 'pv27',
        to: 'mnre1130',
        respondBy: '2026-05-05T10:00:00.000Z',
        escalatedAt: '2026-04-12T10:00:00.000Z',
      }),
      e('EscalationEscalatedForNonResponse', {
        escalationId: 'esc-9',
        from: 'mnre1130',
        to: null,
        respondBy: null,
        escalatedAt: '2026-05-12T10:00:00.000Z',
      }),
    ]);
    const nonResponses = (authority: string) =>
      accountability(db, { authority, now: at('2026-06-01T00:00:00Z') })[0]?.nonResponses;
    expect([nonResponses('gm0363'), nonResponses('pv27'), nonResponses('mnre1130')]).toEqual([1, 1, 1]);
    // The addressee's own deadline still counts as open overdue: climbing does not let it off.
    expect(accountability(db, { authority: 'gm0363', now: at('2026-06-01T00:00:00Z') })[0].openOverdue).toBe(
      1,
    );
  });

  it('drops its tables', () => {
    projection.drop(db);
    expect(db.prepare(`SELECT name FROM sqlite_master WHERE name LIKE 'accountability%'`).all()).toEqual([]);
  });
});
