import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { InvalidInput } from '@praktijklus/domain';
import type { DomainEvent, ExperimentEvent } from '@praktijklus/domain';
import type { RecordedEvent } from '@praktijklus/event-store';
import type { Projection } from '../projection';
import { createExperimentsProjection } from './experiments.projection';
import { getExperiment, listExperiments } from './experiments.queries';
import type { ExperimentFilter } from './experiments.queries';

const ctx = { layerOf: () => undefined };

const recorder = () => {
  let position = 0;
  return <E extends DomainEvent>(type: E['type'], data: E['data']): RecordedEvent => {
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

type Of<T extends ExperimentEvent['type']> = Extract<ExperimentEvent, { type: T }>;

const started = (
  overrides: Partial<Of<'ExperimentStarted'>['data']> & { experimentId: string },
): Of<'ExperimentStarted'>['data'] => ({
  escalationId: 'esc-a',
  owner: 'pv26',
  title: `Pilot ${overrides.experimentId}`,
  hypothesis: 'Minder geluid met nieuwe norm',
  legalRoute: 'EXPERIMENT_CLAUSE',
  startsOn: '2026-01-01',
  endsOn: '2026-06-30',
  startedAt: '2026-01-01T09:00:00.000Z',
  ...overrides,
});

const history = (): RecordedEvent[] => {
  const e = recorder();
  return [
    e<Of<'ExperimentStarted'>>('ExperimentStarted', started({ experimentId: 'ex-1' })),
    e<Of<'ExperimentExtended'>>('ExperimentExtended', {
      experimentId: 'ex-1',
      previousEndsOn: '2026-06-30',
      endsOn: '2026-09-30',
      reason: 'Meer metingen',
      extendedAt: '2026-06-01T09:00:00.000Z',
    }),
    e<Of<'ExperimentStarted'>>(
      'ExperimentStarted',
      started({ experimentId: 'ex-2', owner: 'mnre1130', escalationId: 'esc-b', endsOn: '2026-03-31' }),
    ),
    e<Of<'ExperimentStarted'>>('ExperimentStarted', started({ experimentId: 'ex-3', endsOn: '2026-02-28' })),
    e<Of<'ExperimentEvaluated'>>('ExperimentEvaluated', {
      experimentId: 'ex-3',
      conclusion: 'Werkt',
      policyConsequence: 'ADOPT_IN_POLICY',
      rationale: 'Meetbaar minder klachten',
      evaluatedAt: '2026-03-05T09:00:00.000Z',
    }),
    e<Of<'ExperimentStarted'>>('ExperimentStarted', started({ experimentId: 'ex-4', endsOn: '2026-01-31' })),
    e<Of<'ExperimentEvaluated'>>('ExperimentEvaluated', {
      experimentId: 'ex-4',
      conclusion: 'Werkt niet',
      policyConsequence: 'STOP',
      rationale: 'Geen effect',
      evaluatedAt: '2026-02-05T09:00:00.000Z',
    }),
    e<Of<'ExperimentClosed'>>('ExperimentClosed', {
      experimentId: 'ex-4',
      closedAt: '2026-02-06T09:00:00.000Z',
    }),
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

const dump = (db: Database): unknown => db.prepare('SELECT * FROM experiments_experiments ORDER BY id').all();

const at = (iso: string): Date => new Date(iso);

describe('experiments projection', () => {
  let projection: Projection;
  let db: Database;

  beforeEach(() => {
    projection = createExperimentsProjection(ctx);
    db = open(projection);
    applyAll(projection, db, history());
  });

  afterEach(() => db.close());

  it('keeps the extended end date and the number of extensions', () => {
    expect(getExperiment(db, 'ex-1', at('2026-07-01T10:00:00Z'))).toEqual({
      id: 'ex-1',
      escalationId: 'esc-a',
      owner: 'pv26',
      title: 'Pilot ex-1',
      hypothesis: 'Minder geluid met nieuwe norm',
      legalRoute: 'EXPERIMENT_CLAUSE',
      startsOn: '2026-01-01',
      endsOn: '2026-09-30',
      originalEndsOn: '2026-06-30',
      extensionCount: 1,
      status: 'RUNNING',
      conclusion: null,
      policyConsequence: null,
      rationale: null,
      startedAt: '2026-01-01T09:00:00.000Z',
      evaluatedAt: null,
      closedAt: null,
      overdue: false,
    });
  });

  it('keeps the evaluation and the closing', () => {
    const now = at('2026-07-01T10:00:00Z');
    expect(getExperiment(db, 'ex-3', now)).toMatchObject({
      status: 'EVALUATED',
      conclusion: 'Werkt',
      policyConsequence: 'ADOPT_IN_POLICY',
      evaluatedAt: '2026-03-05T09:00:00.000Z',
      overdue: false,
    });
    expect(getExperiment(db, 'ex-4', now)).toMatchObject({
      status: 'CLOSED',
      policyConsequence: 'STOP',
      closedAt: '2026-02-06T09:00:00.000Z',
      overdue: false,
    });
    expect(getExperiment(db, 'nope', now)).toBeNull();
  });

  it('flags a running experiment overdue from the day after its end in Amsterdam', () => {
    // 2026-03-31 23:59 CEST is still the end date; 00:01 on 2026-04-01 CEST is still 2026-03-31 in UTC.
    expect(getExperiment(db, 'ex-2', at('2026-03-31T21:59:00Z'))?.overdue).toBe(false);
    expect(getExperiment(db, 'ex-2', at('2026-03-31T22:01:00Z'))?.overdue).toBe(true);
  });

  it('lists ending first and pages with opaque cursors', () => {
    const now = at('2026-04-15T10:00:00Z');
    const first = listExperiments(db, { first: 2, now });
    expect(first.rows.map((row) => row.id)).toEqual(['ex-4', 'ex-3']);
    expect(first).toMatchObject({ totalCount: 4, hasNextPage: true, endCursor: first.rows[1].cursor });
    const second = listExperiments(db, { first: 2, after: first.endCursor, now });
    expect(second.rows.map((row) => row.id)).toEqual(['ex-2', 'ex-1']);
    expect(second.hasNextPage).toBe(false);
    expect(() => listExperiments(db, { first: 2, after: 'WyJ4Il0', now })).toThrow(InvalidInput);
  });

  it('filters on status, owner, escalation and overdue', () => {
    const ids = (filter: ExperimentFilter, now = at('2026-04-15T10:00:00Z')) =>
      listExperiments(db, { filter, first: 20, now }).rows.map((row) => row.id);
    expect(ids({ statuses: ['RUNNING'] })).toEqual(['ex-2', 'ex-1']);
    expect(ids({ statuses: ['EVALUATED', 'CLOSED'] })).toEqual(['ex-4', 'ex-3']);
    expect(ids({ owner: 'mnre1130' })).toEqual(['ex-2']);
    expect(ids({ escalationId: 'esc-a' })).toEqual(['ex-4', 'ex-3', 'ex-1']);
    expect(ids({ overdue: true })).toEqual(['ex-2']);
    expect(ids({ overdue: false })).toEqual(['ex-4', 'ex-3', 'ex-1']);
    expect(ids({ overdue: true }, at('2026-10-01T10:00:00Z'))).toEqual(['ex-2', 'ex-1']);
    expect(ids({ overdue: true, owner: 'pv26' }, at('2026-10-01T10:00:00Z'))).toEqual(['ex-1']);
  });

  it('gives identical rows when the same events are applied to a fresh database', () => {
    const replay = createExperimentsProjection(ctx);
    const fresh = open(replay);
    applyAll(replay, fresh, history());
    expect(dump(fresh)).toEqual(dump(db));
    fresh.close();
  });

  it('gives identical rows after a batch rolled back by a crash is applied again', () => {
    const replay = createExperimentsProjection(ctx);
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
    expect(db.prepare(`SELECT name FROM sqlite_master WHERE name LIKE 'experiments%'`).all()).toEqual([]);
  });
});
