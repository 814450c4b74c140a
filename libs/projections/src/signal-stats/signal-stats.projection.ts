import type { Database, Statement } from 'better-sqlite3';
import type {
  DomainEvent,
  EscalationRaised,
  SignalAmended,
  SignalClassified,
  SignalMarkedDuplicate,
  SignalRecorded,
  SignalsAttached,
  SignalWithdrawn,
} from '@praktijklus/domain';
import type { RecordedEvent } from '@praktijklus/event-store';
import type { Projection, ProjectionContext } from '../projection';
import { observedDayOf } from '../signals/signal-filter';
import { isoWeekOf, monthOf } from './period';
import {
  cuboidCellsSql,
  cuboidColumns,
  cuboidKey,
  CUBOIDS,
  DELTA_COLUMNS,
  DELTAS,
  SIGNAL_STATS_DROP,
  SIGNAL_STATS_SCHEMA,
} from './schema';

export const SIGNAL_STATS_PROJECTION = 'signal-stats';

type Value = string | number | null;

/** A row of `signal_stats_signals`: one signal's current place in the statistics. */
interface Fact {
  signal_id: string;
  type: string;
  policy_domain: string;
  level: string;
  authority: string;
  government_layer: string;
  initiative_kind: string;
  observed_on: string;
  week: string;
  month: string;
  status: string;
  escalated: number;
  revision: number;
}

interface Writes {
  insert: Statement<Value[]>;
  select: Statement<[string], Fact>;
  update: Statement<Value[]>;
  delta: Statement<Value[]>;
  /** Per cuboid: add the batch's summed changes; then drop the cells they emptied. */
  cells: Array<{ add: Statement<[]>; prune: Statement<[]> }>;
  clear: Statement<[]>;
  /** Whether the cuboids are left to `aggregate` (a replay from empty into a new file). */
  deferred: boolean;
}

const dataOf = <E extends DomainEvent>(event: RecordedEvent): E['data'] => event.data as unknown as E['data'];

// Values are bound by position: binding by name costs more than the SQL it feeds.
const FACT_COLUMNS: ReadonlyArray<keyof Fact> = [
  'signal_id',
  'type',
  'policy_domain',
  'level',
  'authority',
  'government_layer',
  'initiative_kind',
  'observed_on',
  'week',
  'month',
  'status',
  'escalated',
  'revision',
];

const UPDATED_COLUMNS = FACT_COLUMNS.filter((column) => column !== 'signal_id');

const placeholders = (count: number): string => Array.from({ length: count }, () => '?').join(', ');

const prepareWrites = (db: Database): Writes => ({
  insert: db.prepare<Value[]>(`
    INSERT INTO signal_stats_signals (${FACT_COLUMNS.join(', ')}) VALUES (${placeholders(FACT_COLUMNS.length)})
    ON CONFLICT (signal_id) DO NOTHING`),
  select: db.prepare<[string], Fact>('SELECT * FROM signal_stats_signals WHERE signal_id = ?'),
  update: db.prepare<Value[]>(`
    UPDATE signal_stats_signals SET ${UPDATED_COLUMNS.map((column) => `${column} = ?`).join(', ')}
    WHERE signal_id = ?`),
  delta: db.prepare<Value[]>(`
    INSERT INTO temp.${DELTAS} (${DELTA_COLUMNS.join(', ')}, dn, de)
    VALUES (${placeholders(DELTA_COLUMNS.length + 2)})`),
  cells: CUBOIDS.map((cuboid) => {
    const key = cuboidKey(cuboid);
    const from = (column: string): string => (column === 'day' ? 'observed_on' : column);
    const derived = cuboid.grain === 'day' ? ['week', 'month'] : [];
    const columns = [...key, ...derived];
    const grouped = [...key.map(from), ...derived];
    // `WHERE true` keeps SQLite from reading ON CONFLICT as a join constraint.
    const add = db.prepare(`
      INSERT INTO ${cuboid.table} (${columns.join(', ')}, n, escalated)
      SELECT ${grouped.join(', ')}, SUM(dn), SUM(de) FROM temp.${DELTAS} WHERE true
      GROUP BY ${grouped.join(', ')} HAVING SUM(dn) <> 0 OR SUM(de) <> 0
      ON CONFLICT DO UPDATE SET n = n + excluded.n, escalated = escalated + excluded.escalated`);
    // Empty cells go, so the tables hold the same rows however the log was cut into batches.
    const prune = db.prepare(`
      DELETE FROM ${cuboid.table}
      WHERE n = 0 AND escalated = 0
        AND (${key.join(', ')}) IN (SELECT ${key.map(from).join(', ')} FROM temp.${DELTAS} WHERE dn < 0)`);
    return { add, prune };
  }),
  clear: db.prepare(`DELETE FROM temp.${DELTAS}`),
  deferred: false,
});

/** Per cuboid: its cells counted from the per-signal table (after a replay that deferred them). */
const aggregateSql = (): string[] =>
  CUBOIDS.map(
    (cuboid) => `INSERT INTO ${cuboid.table} (${cuboidColumns(cuboid).join(', ')}, n, escalated)
      ${cuboidCellsSql(cuboid)}`,
  );

/**
 * Signal counts, pre-aggregated: each signal lives in one cell of every cuboid (see `CUBOIDS`)
 * according to its type, current policy domain, level, reporting authority and its layer,
 * initiative kind, observed day and status, and counts as escalated once it is in an escalation.
 * Changes move it between cells, so every query groups thousands of cells, not a million rows.
 */
export function createSignalStatsProjection(ctx: ProjectionContext): Projection {
  const cache = new WeakMap<Database, Writes>();
  const writesFor = (db: Database): Writes => {
    let writes = cache.get(db);
    if (!writes) {
      writes = prepareWrites(db);
      cache.set(db, writes);
    }
    return writes;
  };

  /** Adds (or with -1 takes away) a signal's counts, to be summed per cell by `flush`. */
  const count = (w: Writes, fact: Fact, sign: 1 | -1): void => {
    if (w.deferred) return;
    w.delta.run(...DELTA_COLUMNS.map((column) => fact[column]), sign, sign * fact.escalated);
  };

  const observed = (observedAt: string): Pick<Fact, 'observed_on' | 'week' | 'month'> => {
    const day = observedDayOf(observedAt);
    return { observed_on: day, week: isoWeekOf(day), month: monthOf(day) };
  };

  const record = (w: Writes, event: RecordedEvent): void => {
    const d = dataOf<SignalRecorded>(event);
    const fact: Fact = {
      signal_id: d.signalId,
      type: d.type,
      policy_domain: d.policyDomain,
      level: d.level,
      authority: d.reportingAuthority,
      government_layer: ctx.layerOf(d.reportingAuthority) ?? '',
      initiative_kind: d.initiativeKind,
      ...observed(d.observedAt),
      status: 'ACTIVE',
      escalated: 0,
      revision: event.revision,
    };
    if (w.insert.run(...FACT_COLUMNS.map((column) => fact[column])).changes === 0) return;
    count(w, fact, 1);
  };

  const change = (
    w: Writes,
    signalId: string,
    revision: number | undefined,
    mutate: (fact: Fact) => void,
  ) => {
    const before = w.select.get(signalId);
    // A signal event at or before the stored revision was applied already.
    if (!before || (revision !== undefined && revision <= before.revision)) return;
    const after = { ...before };
    mutate(after);
    if (revision !== undefined) after.revision = revision;
    if (FACT_COLUMNS.every((column) => before[column] === after[column])) return;
    w.update.run(...UPDATED_COLUMNS.map((column) => after[column]), after.signal_id);
    count(w, before, -1);
    count(w, after, 1);
  };

  const escalate = (w: Writes, signalIds: readonly string[]): void => {
    for (const signalId of new Set(signalIds)) {
      change(w, signalId, undefined, (fact) => {
        fact.escalated = 1;
      });
    }
  };

  return {
    name: SIGNAL_STATS_PROJECTION,
    version: 2,
    migrate(db) {
      const w = cache.get(db);
      if (w) w.deferred = false;
      db.exec(SIGNAL_STATS_SCHEMA);
    },
    drop(db) {
      cache.delete(db);
      db.exec(SIGNAL_STATS_DROP);
    },
    deferAggregates(db) {
      writesFor(db).deferred = true;
    },
    aggregate(db) {
      // Not `writesFor`: a snapshot's copy has no temporary table of deltas to prepare against.
      for (const sql of aggregateSql()) db.prepare(sql).run();
      const w = cache.get(db);
      if (w) w.deferred = false;
    },
    flush(db) {
      const w = writesFor(db);
      if (w.deferred) return;
      for (const cell of w.cells) {
        cell.add.run();
        cell.prune.run();
      }
      w.clear.run();
    },
    apply(db, event) {
      switch (event.type) {
        case 'SignalRecorded':
          return record(writesFor(db), event);
        case 'SignalAmended': {
          const { signalId, changes } = dataOf<SignalAmended>(event);
          return change(writesFor(db), signalId, event.revision, (fact) => {
            if (changes.type !== undefined) fact.type = changes.type;
            if (changes.policyDomain !== undefined) fact.policy_domain = changes.policyDomain;
            if (changes.level !== undefined) fact.level = changes.level;
            if (changes.initiativeKind !== undefined) fact.initiative_kind = changes.initiativeKind;
            if (changes.observedAt !== undefined) Object.assign(fact, observed(changes.observedAt));
          });
        }
        case 'SignalClassified': {
          const d = dataOf<SignalClassified>(event);
          return change(writesFor(db), d.signalId, event.revision, (fact) => {
            if (d.policyDomain !== undefined) fact.policy_domain = d.policyDomain;
          });
        }
        case 'SignalMarkedDuplicate': {
          const d = dataOf<SignalMarkedDuplicate>(event);
          return change(writesFor(db), d.signalId, event.revision, (fact) => {
            if (fact.status !== 'WITHDRAWN') fact.status = 'DUPLICATE';
          });
        }
        case 'SignalWithdrawn': {
          const d = dataOf<SignalWithdrawn>(event);
          return change(writesFor(db), d.signalId, event.revision, (fact) => {
            fact.status = 'WITHDRAWN';
          });
        }
        case 'EscalationRaised':
          return escalate(writesFor(db), dataOf<EscalationRaised>(event).signalIds);
        case 'SignalsAttached':
          return escalate(writesFor(db), dataOf<SignalsAttached>(event).signalIds);
        default:
          return;
      }
    },
  };
}
