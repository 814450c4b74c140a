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
import { Cuboid, cuboidKey, CUBOIDS, SIGNAL_STATS_DROP, SIGNAL_STATS_SCHEMA } from './schema';

export const SIGNAL_STATS_PROJECTION = 'signal-stats';

type Params = Record<string, string | number | null>;

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

/** A pending change to one cuboid cell: `fact` names the cell, dn and de are the count changes. */
interface Delta {
  fact: Fact;
  dn: number;
  de: number;
}

interface Writes {
  insert: Statement<[Params]>;
  select: Statement<[string], Fact>;
  update: Statement<[Params]>;
  cells: Array<{ cuboid: Cuboid; key: string[]; add: Statement<[Params]>; prune: Statement<[Params]> }>;
}

const dataOf = <E extends DomainEvent>(event: RecordedEvent): E['data'] => event.data as unknown as E['data'];

const FACT_COLUMNS = [
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

/** The value of a cuboid column for a fact: `day` is the observed day, the rest share names. */
const cellValue = (fact: Fact, column: string): string | number =>
  column === 'day' ? fact.observed_on : (fact[column as keyof Fact] as string | number);

const prepareWrites = (db: Database): Writes => ({
  insert: db.prepare<[Params]>(`
    INSERT INTO signal_stats_signals (${FACT_COLUMNS.join(', ')})
    VALUES (${FACT_COLUMNS.map((column) => `@${column}`).join(', ')})
    ON CONFLICT (signal_id) DO NOTHING`),
  select: db.prepare<[string], Fact>('SELECT * FROM signal_stats_signals WHERE signal_id = ?'),
  update: db.prepare<[Params]>(`
    UPDATE signal_stats_signals SET ${FACT_COLUMNS.slice(1)
      .map((column) => `${column} = @${column}`)
      .join(', ')}
    WHERE signal_id = @signal_id`),
  cells: CUBOIDS.map((cuboid) => {
    const key = cuboidKey(cuboid);
    const columns = [...key, ...(cuboid.grain === 'day' ? ['week', 'month'] : [])];
    const add = db.prepare<[Params]>(`
      INSERT INTO ${cuboid.table} (${columns.join(', ')}, n, escalated)
      VALUES (${columns.map((column) => `@${column}`).join(', ')}, @dn, @de)
      ON CONFLICT DO UPDATE SET n = n + excluded.n, escalated = escalated + excluded.escalated`);
    // Empty cells go, so the tables hold the same rows however the log was cut into batches.
    const prune = db.prepare<[Params]>(`
      DELETE FROM ${cuboid.table}
      WHERE ${key.map((column) => `${column} = @${column}`).join(' AND ')} AND n = 0 AND escalated = 0`);
    return { cuboid, key, add, prune };
  }),
});

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

  // Count changes of the batch so far, per cuboid and cell, written by `flush`: a batch touches
  // far fewer cells than it has events, and one upsert per cell beats one per event.
  let pending: Array<Map<string, Delta>> = CUBOIDS.map(() => new Map());

  const add = (cell: number, key: readonly string[], fact: Fact, dn: number, de: number): void => {
    const id = key.map((column) => cellValue(fact, column)).join('\u0000');
    const cells = pending[cell];
    const delta = cells.get(id);
    if (delta) {
      delta.dn += dn;
      delta.de += de;
    } else {
      cells.set(id, { fact, dn, de });
    }
  };

  const bump = (w: Writes, fact: Fact): void => {
    w.cells.forEach((cell, index) => add(index, cell.key, fact, 1, 0));
  };

  /** Moves a signal's counts from the cells of `before` to those of `after`. */
  const move = (w: Writes, before: Fact, after: Fact): void => {
    w.cells.forEach((cell, index) => {
      const same = cell.key.every((column) => cellValue(before, column) === cellValue(after, column));
      if (same) {
        const de = after.escalated - before.escalated;
        if (de !== 0) add(index, cell.key, after, 0, de);
      } else {
        add(index, cell.key, before, -1, -before.escalated);
        add(index, cell.key, after, 1, after.escalated);
      }
    });
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
    if (w.insert.run({ ...fact }).changes === 0) return;
    bump(w, fact);
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
    if (FACT_COLUMNS.every((column) => before[column as keyof Fact] === after[column as keyof Fact])) return;
    w.update.run({ ...after });
    move(w, before, after);
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
    version: 1,
    migrate(db) {
      db.exec(SIGNAL_STATS_SCHEMA);
    },
    drop(db) {
      cache.delete(db);
      pending = CUBOIDS.map(() => new Map());
      db.exec(SIGNAL_STATS_DROP);
    },
    flush(db) {
      const w = writesFor(db);
      pending.forEach((cells, index) => {
        const { add: upsert, prune } = w.cells[index];
        for (const { fact, dn, de } of cells.values()) {
          if (dn === 0 && de === 0) continue;
          const params = { ...fact, day: fact.observed_on, dn, de };
          upsert.run(params);
          if (dn < 0) prune.run(params);
        }
      });
      pending = CUBOIDS.map(() => new Map());
    },
    discard() {
      pending = CUBOIDS.map(() => new Map());
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
