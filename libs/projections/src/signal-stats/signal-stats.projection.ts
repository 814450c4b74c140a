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

interface Writes {
  insert: Statement<[Params]>;
  select: Statement<[string], Fact>;
  update: Statement<[Params]>;
  cells: Array<{ cuboid: Cuboid; key: string[]; add: Statement<[Params]> }>;
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
    return { cuboid, key, add };
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

  const bump = (w: Writes, fact: Fact, dn: number, de: number): void => {
    const params: Params = { ...fact, day: fact.observed_on, dn, de };
    for (const cell of w.cells) cell.add.run(params);
  };

  /** Moves a signal's counts from the cells of `before` to those of `after`. */
  const move = (w: Writes, before: Fact, after: Fact): void => {
    for (const cell of w.cells) {
      const same = cell.key.every((column) => cellValue(before, column) === cellValue(after, column));
      if (same) {
        const de = after.escalated - before.escalated;
        if (de !== 0) cell.add.run({ ...after, day: after.observed_on, dn: 0, de });
      } else {
        cell.add.run({ ...before, day: before.observed_on, dn: -1, de: -before.escalated });
        cell.add.run({ ...after, day: after.observed_on, dn: 1, de: after.escalated });
      }
    }
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
    bump(w, fact, 1, 0);
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
      db.exec(SIGNAL_STATS_DROP);
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
