import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import type { DomainEvent, EscalationEvent } from '@praktijklus/domain';
import type { RecordedEvent } from '@praktijklus/event-store';
import type { AgreementMade, ExperimentStarted, SignalClassified, SignalRecorded } from '@praktijklus/domain';
import { createAgreementsProjection } from '../agreements/agreements.projection';
import { createEscalationBoardProjection } from '../escalation-board/escalation-board.projection';
import { createExperimentsProjection } from '../experiments/experiments.projection';
import type { Projection } from '../projection';
import { createSignalsProjection } from '../signals/signals.projection';
import { MAX_TASKS, myTasks } from './tasks.queries';

type Of<T extends EscalationEvent['type']> = Extract<EscalationEvent, { type: T }>;

const ctx = { layerOf: () => undefined };
const NOW = new Date('2026-03-15T12:00:00.000Z');

let position = 0;
const recorded = <E extends DomainEvent>(type: E['type'], data: E['data']): RecordedEvent => {
  position += 1;
  return {
    id: `event-${position}`,
    type,
    data: data as unknown as Record<string, unknown>,
    metadata: {
      actor: { sub: 'user-1', authority: 'gm0344', roles: ['admin'] },
      correlationId: `c-${position}`,
      causationId: `c-${position}`,
      schemaVersion: 1,
    },
    streamId: `stream-${position}`,
    revision: position,
    position: String(position).padStart(12, '0'),
    recordedAt: '2026-03-01T00:00:00.000Z',
  };
};

const signal = (signalId: string, title: string, reportingAuthority = 'gm0344') =>
  recorded<SignalRecorded>('SignalRecorded', {
    signalId,
    type: 'BARRIER',
    title,
    description: 'Geluidsnorm',
    policyDomain: 'building',
    level: 'POLICY',
    initiativeKind: 'CITIZEN_INITIATIVE',
    observedAt: '2026-02-01',
    authorities: [reportingAuthority],
    norms: [],
    initiative: null,
    location: null,
    reportingAuthority,
    reportedBy: 'officer-1',
    recordedAt: '2026-02-01T09:00:00.000Z',
  });

const raised = (escalationId: string, addressedTo: string, respondBy: string) =>
  recorded<Of<'EscalationRaised'>>('EscalationRaised', {
    escalationId,
    title: `Escalatie ${escalationId}`,
    reason: 'Normen botsen',
    signalIds: ['s-1'],
    raisedBy: 'gm0344',
    raisedByUser: 'officer-1',
    addressedTo,
    respondBy,
    raisedAt: '2026-03-01T10:00:00.000Z',
  });

const agreement = (agreementId: string, owner: string, dueBy: string, firstFollowUpOn: string) =>
  recorded<AgreementMade>('AgreementMade', {
    agreementId,
    title: `Afspraak ${agreementId}`,
    commitment: 'Regel aanpassen',
    owner,
    parties: [owner],
    dueBy,
    firstFollowUpOn,
    escalationId: null,
    madeBy: 'admin-1',
    madeAt: '2026-03-01T10:00:00.000Z',
  });

const experiment = (experimentId: string, owner: string, endsOn: string) =>
  recorded<ExperimentStarted>('ExperimentStarted', {
    experimentId,
    escalationId: 'esc-decided',
    owner,
    title: `Experiment ${experimentId}`,
    hypothesis: 'Minder regels, meer woningen',
    legalRoute: 'EXPERIMENT_CLAUSE',
    startsOn: '2026-03-01',
    endsOn,
    startedAt: '2026-03-01T10:00:00.000Z',
  });

const history = (): RecordedEvent[] => [
  signal('s-1', 'Warmtepomp te luid'),
  signal('s-2', 'Tiny house zonder adres', 'gm0363'),
  signal('s-3', 'Al geclassificeerd'),
  recorded<SignalClassified>('SignalClassified', {
    signalId: 's-3',
    themes: ['energie'],
    classifiedAt: '2026-02-02T09:00:00.000Z',
  }),
  // pv26: one overdue RAISED, one ACKNOWLEDGED due later, one DECIDED.
  raised('esc-raised', 'pv26', '2026-03-10T17:00:00.000Z'),
  raised('esc-ack', 'pv26', '2026-03-20T17:00:00.000Z'),
  recorded<Of<'EscalationAcknowledged'>>('EscalationAcknowledged', {
    escalationId: 'esc-ack',
    acknowledgedAt: '2026-03-02T10:00:00.000Z',
  }),
  raised('esc-decided', 'pv26', '2026-03-05T17:00:00.000Z'),
  recorded<Of<'EscalationDecided'>>('EscalationDecided', {
    escalationId: 'esc-decided',
    outcome: 'EXPERIMENT_GRANTED',
    rationale: 'Proef',
    decidedAt: '2026-03-04T10:00:00.000Z',
  }),
  // ws0155 did not answer; non-response climbed to pv26, which is now awaited too.
  raised('esc-climbed', 'ws0155', '2026-03-08T17:00:00.000Z'),
  recorded<Of<'EscalationEscalatedForNonResponse'>>('EscalationEscalatedForNonResponse', {
    escalationId: 'esc-climbed',
    from: 'ws0155',
    to: 'pv26',
    respondBy: '2026-03-12T17:00:00.000Z',
    escalatedAt: '2026-03-09T10:00:00.000Z',
  }),
  // Addressed elsewhere, never climbed: nobody at pv26 has work on it.
  raised('esc-elsewhere', 'mnre1130', '2026-03-01T17:00:00.000Z'),
  agreement('agr-1', 'pv26', '2026-04-30', '2026-03-14'),
  agreement('agr-other', 'gm0363', '2026-03-01', '2026-03-01'),
  experiment('exp-1', 'pv26', '2026-03-16'),
];

describe('myTasks (read models on a SQLite file)', () => {
  let dir: string;
  let db: Database;
  let projections: Projection[];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tasks-'));
    db = new BetterSqlite3(join(dir, 'read-models.sqlite'));
    projections = [
      createSignalsProjection(ctx),
      createEscalationBoardProjection(ctx),
      createAgreementsProjection(ctx),
      createExperimentsProjection(ctx),
    ];
    for (const projection of projections) projection.migrate(db);
    db.transaction(() => {
      for (const event of history()) {
        for (const projection of projections) projection.apply(db, event);
      }
      for (const projection of projections) projection.flush?.(db);
    })();
    for (const projection of projections) projection.index?.(db);
  });

  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("gives an administrator their authority's work, overdue first, then by deadline, then undated", () => {
    const tasks = myTasks(db, { authority: 'pv26', roles: ['admin'], now: NOW });
    expect(tasks.map((t) => [t.kind, t.entityId, t.overdue])).toEqual([
      ['ACKNOWLEDGE_ESCALATION', 'esc-raised', true],
      ['ACKNOWLEDGE_ESCALATION', 'esc-climbed', true],
      ['HOLD_FOLLOW_UP', 'agr-1', true],
      ['EVALUATE_EXPERIMENT', 'exp-1', false],
      ['DECIDE_ESCALATION', 'esc-ack', false],
      ['REPORT_PROGRESS', 'agr-1', false],
      ['RESOLVE_ESCALATION', 'esc-decided', false],
    ]);
    expect(tasks[0]).toEqual({
      kind: 'ACKNOWLEDGE_ESCALATION',
      entityId: 'esc-raised',
      title: 'Escalatie esc-raised',
      dueAt: '2026-03-10T17:00:00.000Z',
      overdue: true,
    });
    expect(tasks.find((t) => t.kind === 'REPORT_PROGRESS')?.dueAt).toBe('2026-04-30');
    expect(tasks.find((t) => t.kind === 'RESOLVE_ESCALATION')?.dueAt).toBeNull();
  });

  it('gives the addressee that did not answer its acknowledgement still, and nothing of others', () => {
    const tasks = myTasks(db, { authority: 'ws0155', roles: ['admin'], now: NOW });
    expect(tasks.map((t) => [t.kind, t.entityId])).toEqual([['ACKNOWLEDGE_ESCALATION', 'esc-climbed']]);
  });

  it('drops the climbed-to task once the escalation is acknowledged', () => {
    const ack = recorded<Of<'EscalationAcknowledged'>>('EscalationAcknowledged', {
      escalationId: 'esc-climbed',
      acknowledgedAt: '2026-03-13T10:00:00.000Z',
    });
    for (const projection of projections) projection.apply(db, ack);
    const tasks = myTasks(db, { authority: 'pv26', roles: ['admin'], now: NOW });
    expect(tasks.map((t) => t.entityId)).not.toContain('esc-climbed');
  });

  it('gives an analyst the active signals without themes, oldest first, undated', () => {
    const tasks = myTasks(db, { authority: 'bzk', roles: ['analyst'], now: NOW });
    expect(tasks).toEqual([
      { kind: 'CLASSIFY_SIGNAL', entityId: 's-1', title: 'Warmtepomp te luid', dueAt: null, overdue: false },
      {
        kind: 'CLASSIFY_SIGNAL',
        entityId: 's-2',
        title: 'Tiny house zonder adres',
        dueAt: null,
        overdue: false,
      },
    ]);
  });

  it('gives an officer no tasks: none of the commands behind them is theirs', () => {
    expect(myTasks(db, { authority: 'pv26', roles: ['officer'], now: NOW })).toEqual([]);
  });

  it('judges a date-only deadline by the Dutch calendar day', () => {
    // 23:30 UTC on 16 March is already 17 March in Amsterdam: the experiment ending on the 16th is late.
    const late = myTasks(db, { authority: 'pv26', roles: ['admin'], now: new Date('2026-03-16T23:30:00Z') });
    expect(late.find((t) => t.kind === 'EVALUATE_EXPERIMENT')?.overdue).toBe(true);
    const inTime = myTasks(db, {
      authority: 'pv26',
      roles: ['admin'],
      now: new Date('2026-03-16T22:30:00Z'),
    });
    expect(inTime.find((t) => t.kind === 'EVALUATE_EXPERIMENT')?.overdue).toBe(false);
  });

  it(`answers at most ${MAX_TASKS} tasks, the oldest unclassified signals`, () => {
    const signals = createSignalsProjection(ctx);
    db.transaction(() => {
      for (let i = 0; i < MAX_TASKS + 20; i += 1) signals.apply(db, signal(`bulk-${i}`, `Signaal ${i}`));
      signals.flush?.(db);
    })();
    const tasks = myTasks(db, { authority: 'bzk', roles: ['analyst'], now: NOW });
    expect(tasks).toHaveLength(MAX_TASKS);
    expect(tasks[0].entityId).toBe('s-1');
    expect(tasks[MAX_TASKS - 1].entityId).toBe(`bulk-${MAX_TASKS - 3}`);
  });

  it('reads unclassified signals from their partial index, not by scanning every signal', () => {
    const plan = db
      .prepare(
        `EXPLAIN QUERY PLAN SELECT signal_id AS id, title FROM signals
         WHERE status = 'ACTIVE' AND themes = '[]' ORDER BY seq LIMIT ${MAX_TASKS}`,
      )
      .all() as { detail: string }[];
    expect(plan.map((row) => row.detail).join('\n')).toContain('signals_unclassified');
  });
});
