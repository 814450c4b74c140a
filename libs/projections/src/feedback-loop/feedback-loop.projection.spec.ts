import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { InvalidInput } from '@praktijklus/domain';
import type { EscalationEvent, GovernmentLayer, SignalEvent, SignalRecordedData } from '@praktijklus/domain';
import type { RecordedEvent } from '@praktijklus/event-store';
import type { Projection } from '../projection';
import { createFeedbackLoopProjection } from './feedback-loop.projection';
import { feedbackLoop } from './feedback-loop.queries';
import type { FeedbackLoopRow } from './feedback-loop.queries';

const ctx = {
  layerOf: (authority: string): GovernmentLayer | undefined =>
    authority.startsWith('gm') ? 'MUNICIPALITY' : authority.startsWith('pv') ? 'PROVINCE' : undefined,
};

type Any = SignalEvent | EscalationEvent;
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
        actor: { sub: 'user-1', authority: 'gm0344', roles: ['officer'] },
        correlationId: `c-${position}`,
        causationId: `c-${position}`,
        schemaVersion: 1,
      },
      streamId: `stream-${position}`,
      revision: 0,
      position: String(position).padStart(12, '0'),
      recordedAt: '2026-04-01T00:00:00.000Z',
    };
  };
};

const signal = (
  signalId: string,
  policyDomain: string,
  observedAt: string,
  more: Partial<SignalRecordedData> = {},
): SignalRecordedData => ({
  signalId,
  type: 'BARRIER',
  title: signalId,
  description: 'd',
  policyDomain,
  level: 'POLICY',
  initiativeKind: 'ENTREPRENEUR',
  observedAt,
  authorities: [],
  norms: [],
  initiative: null,
  location: null,
  reportingAuthority: 'gm0344',
  reportedBy: 'officer-1',
  recordedAt: '2026-03-01T00:00:00.000Z',
  ...more,
});

const raised = (escalationId: string, signalIds: string[]): Of<'EscalationRaised'>['data'] => ({
  escalationId,
  title: escalationId,
  reason: 'r',
  signalIds,
  raisedBy: 'gm0344',
  raisedByUser: 'officer-1',
  addressedTo: 'pv26',
  respondBy: '2026-06-01T00:00:00.000Z',
  raisedAt: '2026-02-01T00:00:00.000Z',
});

const decided = (
  escalationId: string,
  outcome: Of<'EscalationDecided'>['data']['outcome'],
  decidedAt: string,
) => ({
  escalationId,
  outcome,
  rationale: 'r',
  decidedAt,
});

const history = (): RecordedEvent[] => {
  const e = recorder();
  return [
    e('SignalRecorded', signal('s1', 'building', '2026-01-01')),
    e('SignalRecorded', signal('s2', 'building', '2026-01-10', { reportingAuthority: 'gm0363' })),
    e('SignalClassified', {
      signalId: 's2',
      themes: ['warmte'],
      policyDomain: 'energy',
      classifiedAt: '2026-03-02',
    }),
    e('SignalClassified', { signalId: 's1', themes: ['geluid'], classifiedAt: '2026-03-02T00:00:00.000Z' }),
    e(
      'SignalRecorded',
      signal('s3', 'water', '2026-02-01', {
        type: 'CONFLICTING_NORMS',
        level: 'SYSTEM',
        initiativeKind: 'GOVERNMENT',
        reportingAuthority: 'pv26',
      }),
    ),
    e('SignalRecorded', signal('s4', 'water', '2026-02-02')),
    e('SignalRecorded', signal('s5', 'building', '2026-01-05')),
    e('SignalMarkedDuplicate', { signalId: 's5', duplicateOf: 's1', markedAt: '2026-03-03T00:00:00.000Z' }),
    e('SignalRecorded', signal('s6', 'nature', '2026-03-01')),
    e('SignalRecorded', signal('s7', 'building', '2026-02-15')),
    e('SignalAmended', {
      signalId: 's7',
      changes: { policyDomain: 'heritage', observedAt: '2026-01-20' },
      amendedAt: '2026-03-04T00:00:00.000Z',
    }),
    // E1: building (s1 from 01-01, s5) and water (s3 from 02-01), later also heritage (s7 from 01-20).
    e('EscalationRaised', raised('e1', ['s1', 's5', 's3'])),
    e('EscalationAcknowledged', { escalationId: 'e1', acknowledgedAt: '2026-02-02T00:00:00.000Z' }),
    e('EscalationDecided', decided('e1', 'POLICY_ADJUSTED', '2026-03-01T00:00:00.000Z')),
    e('EscalationResolved', { escalationId: 'e1', summary: 's', resolvedAt: '2026-03-02T00:00:00.000Z' }),
    e('SignalsAttached', {
      escalationId: 'e1',
      signalIds: ['s7', 's1'],
      attachedAt: '2026-03-05T00:00:00.000Z',
    }),
    // E2: energy; granted an experiment, reopened, then decided NO_CHANGE 40 days after s2.
    e('EscalationRaised', raised('e2', ['s2'])),
    e('EscalationDecided', decided('e2', 'EXPERIMENT_GRANTED', '2026-02-09T00:00:00.000Z')),
    e('EscalationReopened', { escalationId: 'e2', reason: 'r', reopenedAt: '2026-02-10T00:00:00.000Z' }),
    e('EscalationDecided', decided('e2', 'NO_CHANGE', '2026-02-19T00:00:00.000Z')),
    // E3: a withdrawn water signal and s7, never decided.
    e('EscalationRaised', raised('e3', ['s4', 's7'])),
    e('SignalWithdrawn', { signalId: 's4', reason: 'r', withdrawnAt: '2026-03-06T00:00:00.000Z' }),
    // E4: s1 again, experiment granted 90 days after it was observed.
    e('EscalationRaised', raised('e4', ['s1'])),
    e('EscalationTransferred', {
      escalationId: 'e4',
      from: 'pv26',
      to: 'mnre1130',
      reason: 'r',
      respondBy: '2026-06-01T00:00:00.000Z',
      transferredAt: '2026-03-01T00:00:00.000Z',
    }),
    e('EscalationDecided', decided('e4', 'EXPERIMENT_GRANTED', '2026-04-01T00:00:00.000Z')),
  ];
};

const open = (projection: Projection): Database => {
  const db = new BetterSqlite3(':memory:');
  projection.migrate(db);
  projection.index?.(db);
  return db;
};

const applyAll = (projection: Projection, db: Database, events: RecordedEvent[]): void => {
  db.transaction(() => events.forEach((event) => projection.apply(db, event)))();
};

const dump = (db: Database): unknown[] =>
  [
    'feedback_loop_signals',
    'feedback_loop_tallies',
    'feedback_loop_escalations',
    'feedback_loop_escalation_signals',
    'feedback_loop_leads',
    'feedback_loop_domain_leads',
  ].map((table) =>
    db
      .prepare(`SELECT * FROM ${table}`)
      .all()
      .map((row) => JSON.stringify(row))
      .sort(),
  );

const row = (policyDomain: string, figures: Partial<FeedbackLoopRow>): FeedbackLoopRow => ({
  policyDomain,
  signals: 1,
  escalated: 0,
  decided: 0,
  policyAdjusted: 0,
  experimentGranted: 0,
  medianDaysToDecision: null,
  ...figures,
});

describe('feedback loop projection', () => {
  let projection: Projection;
  let db: Database;

  beforeEach(() => {
    projection = createFeedbackLoopProjection(ctx);
    db = open(projection);
    applyAll(projection, db, history());
  });

  afterEach(() => db.close());

  it('answers the funnel per policy domain with corrected domains and standing decisions', () => {
    expect(feedbackLoop(db)).toEqual([
      row('building', {
        signals: 2,
        escalated: 2,
        decided: 2,
        policyAdjusted: 2,
        experimentGranted: 1,
        medianDaysToDecision: (59 + 90) / 2,
      }),
      row('energy', { escalated: 1, decided: 1, medianDaysToDecision: 40 }),
      row('heritage', { escalated: 1, decided: 1, policyAdjusted: 1, medianDaysToDecision: 40 }),
      row('nature', {}),
      row('water', { escalated: 1, decided: 1, policyAdjusted: 1, medianDaysToDecision: 28 }),
    ]);
  });

  it('takes a reopened decision back until the escalation is decided again', () => {
    const e = recorder();
    applyAll(projection, db, [
      e('EscalationReopened', { escalationId: 'e2', reason: 'r', reopenedAt: '2026-03-01T00:00:00.000Z' }),
    ]);
    expect(feedbackLoop(db, { policyDomains: ['energy'] })).toEqual([row('energy', { escalated: 1 })]);
    applyAll(projection, db, [
      e('EscalationDecided', decided('e2', 'POLICY_ADJUSTED', '2026-03-11T00:00:00.000Z')),
    ]);
    expect(feedbackLoop(db, { policyDomains: ['energy'] })).toEqual([
      row('energy', { escalated: 1, decided: 1, policyAdjusted: 1, medianDaysToDecision: 60 }),
    ]);
  });

  it('applies the signal filter to the funnel and to the lead time', () => {
    expect(feedbackLoop(db, { policyDomains: ['water', 'energy'] }).map((r) => r.policyDomain)).toEqual([
      'energy',
      'water',
    ]);
    expect(feedbackLoop(db, { statuses: ['ACTIVE'], policyDomains: ['building'] })).toEqual([
      row('building', {
        escalated: 1,
        decided: 1,
        policyAdjusted: 1,
        experimentGranted: 1,
        medianDaysToDecision: (59 + 90) / 2,
      }),
    ]);
    expect(feedbackLoop(db, { statuses: ['WITHDRAWN'] })).toEqual([]);
    const water = [row('water', { escalated: 1, decided: 1, policyAdjusted: 1, medianDaysToDecision: 28 })];
    expect(feedbackLoop(db, { authorities: ['pv26'] })).toEqual(water);
    expect(feedbackLoop(db, { governmentLayers: ['PROVINCE'] })).toEqual(water);
    expect(feedbackLoop(db, { types: ['CONFLICTING_NORMS'] })).toEqual(water);
    expect(feedbackLoop(db, { levels: ['SYSTEM'] })).toEqual(water);
    expect(feedbackLoop(db, { initiativeKinds: ['GOVERNMENT'] })).toEqual(water);
    expect(feedbackLoop(db, { authorities: ['gm0363'] })).toEqual([
      row('energy', { escalated: 1, decided: 1, medianDaysToDecision: 40 }),
    ]);
  });

  it('measures lead time from the first signal inside the observed period', () => {
    expect(feedbackLoop(db, { observedFrom: '2026-01-05', observedTo: '2026-01-31T23:59:59Z' })).toEqual([
      row('building', { escalated: 1, decided: 1, policyAdjusted: 1, medianDaysToDecision: 55 }),
      row('energy', { escalated: 1, decided: 1, medianDaysToDecision: 40 }),
      row('heritage', { escalated: 1, decided: 1, policyAdjusted: 1, medianDaysToDecision: 40 }),
    ]);
  });

  it('refuses a period bound that is not a date', () => {
    expect(() => feedbackLoop(db, { observedFrom: 'yesterday' })).toThrow(InvalidInput);
    expect(() => feedbackLoop(db, { observedTo: '2026-02-30' })).toThrow(InvalidInput);
  });

  it('moves a decided signal with its withdrawal or corrected domain', () => {
    const e = recorder();
    applyAll(projection, db, [
      e('SignalWithdrawn', { signalId: 's1', reason: 'r', withdrawnAt: '2026-04-02T00:00:00.000Z' }),
      e('SignalClassified', { signalId: 's3', themes: [], policyDomain: 'soil', classifiedAt: '2026-04-02' }),
    ]);
    expect(feedbackLoop(db, { policyDomains: ['building', 'soil', 'water'] })).toEqual([
      row('building', { escalated: 1, decided: 1, policyAdjusted: 1, medianDaysToDecision: 55 }),
      row('soil', { escalated: 1, decided: 1, policyAdjusted: 1, medianDaysToDecision: 28 }),
    ]);
  });

  it('answers the same from the per-signal rows as from the tallies', () => {
    const everyDay = { observedFrom: '1900-01-01' };
    const filters = [
      {},
      { statuses: ['ACTIVE' as const] },
      { policyDomains: ['building', 'water'] },
      { types: ['BARRIER' as const], levels: ['POLICY' as const] },
      { governmentLayers: ['MUNICIPALITY' as const] },
      { initiativeKinds: ['ENTREPRENEUR' as const] },
    ];
    for (const filter of filters) {
      expect(feedbackLoop(db, { ...filter, ...everyDay })).toEqual(feedbackLoop(db, filter));
    }
    expect(feedbackLoop(db, everyDay)).toHaveLength(5);
  });

  it('gives identical rows when the same events are applied to a fresh database', () => {
    const replay = createFeedbackLoopProjection(ctx);
    const fresh = open(replay);
    applyAll(replay, fresh, history());
    expect(dump(fresh)).toEqual(dump(db));
    fresh.close();
  });

  it('gives identical rows after a batch rolled back by a crash is applied again', () => {
    const replay = createFeedbackLoopProjection(ctx);
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

  it('drops its tables', () => {
    projection.drop(db);
    expect(db.prepare(`SELECT name FROM sqlite_master WHERE name LIKE 'feedback_loop%'`).all()).toEqual([]);
  });
});
