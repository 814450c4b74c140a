import type { Database, Statement } from 'better-sqlite3';
import type {
  DomainEvent,
  EscalationRaised,
  NormReference,
  SignalAmended,
  SignalClassified,
  SignalMarkedDuplicate,
  SignalRecorded,
  SignalsAttached,
  SignalWithdrawn,
} from '@praktijklus/domain';
import type { RecordedEvent } from '@praktijklus/event-store';
import type { Projection, ProjectionContext } from '../projection';
import { distinctNormRefs, normaliseNormRef, tidyNormRef } from '../signals/norm-ref';
import { observedDayOf } from '../signals/signal-filter';
import { NORM_CONFLICTS_DROP, NORM_CONFLICTS_INDEXES, NORM_CONFLICTS_SCHEMA } from './schema';

export const NORM_CONFLICTS_PROJECTION = 'norm-conflicts';

type Params = Record<string, string | number | null>;

interface SignalFacts {
  signal_id: string;
  type: string;
  policy_domain: string;
  level: string;
  authority: string;
  government_layer: string;
  initiative_kind: string;
  observed_on: string;
  status: string;
  escalated: number;
  /** JSON array of the distinct normalised refs, sorted. */
  norm_refs: string;
  /** JSON array of the distinct [normalised ref, title] the signal gives, sorted. */
  norm_titles: string;
  revision: number;
}

type Value = string | number | null;

interface Writes {
  insertSignal: Statement<Value[]>;
  selectSignal: Statement<[string], SignalFacts>;
  updateSignal: Statement<Value[]>;
  insertPair: Statement<[Params]>;
  deletePair: Statement<[Params]>;
  countPair: Statement<[Params]>;
  uncountPair: Statement<[Params]>;
  dropEmptyPair: Statement<[Params]>;
  lastSeen: Statement<[Params]>;
  countAuthority: Statement<[Params]>;
  uncountAuthority: Statement<[Params]>;
  dropEmptyAuthority: Statement<[Params]>;
  spelling: Statement<[string, string]>;
  countTitle: Statement<[string, string, string]>;
  uncountTitle: Statement<[string, string, string]>;
  dropEmptyTitle: Statement<[string, string, string]>;
  /** The counted tables from the per-signal and per-pair rows (after a replay that deferred them). */
  aggregate: Array<Statement<[]>>;
  /** Whether the counted tables are left to `aggregate` (a replay from empty into a new file). */
  deferred: boolean;
}

const dataOf = <E extends DomainEvent>(event: RecordedEvent): E['data'] => event.data as unknown as E['data'];

const SIGNAL_COLUMNS = [
  'signal_id',
  'type',
  'policy_domain',
  'level',
  'authority',
  'government_layer',
  'initiative_kind',
  'observed_on',
  'status',
  'escalated',
  'norm_refs',
  'norm_titles',
  'revision',
] as const;

const UPDATED_COLUMNS = SIGNAL_COLUMNS.filter((column) => column !== 'signal_id');

// Every signal passes through these two: bound by position, which is cheaper than by name.
const prepareWrites = (db: Database): Writes => ({
  insertSignal: db.prepare<Value[]>(`
    INSERT INTO norm_conflicts_signals (${SIGNAL_COLUMNS.join(', ')})
    VALUES (${SIGNAL_COLUMNS.map(() => '?').join(', ')})
    ON CONFLICT (signal_id) DO NOTHING`),
  selectSignal: db.prepare<[string], SignalFacts>('SELECT * FROM norm_conflicts_signals WHERE signal_id = ?'),
  updateSignal: db.prepare<Value[]>(`
    UPDATE norm_conflicts_signals SET ${UPDATED_COLUMNS.map((column) => `${column} = ?`).join(', ')}
    WHERE signal_id = ?`),
  insertPair: db.prepare<[Params]>(`
    INSERT OR IGNORE INTO norm_conflicts_signal_pairs (norm_a, norm_b, signal_id, policy_domain, level,
      authority, government_layer, initiative_kind, observed_on, status, escalated)
    VALUES (@a, @b, @signal_id, @policy_domain, @level, @authority, @government_layer, @initiative_kind,
      @observed_on, @status, @escalated)`),
  deletePair: db.prepare<[Params]>(`
    DELETE FROM norm_conflicts_signal_pairs WHERE norm_a = @a AND norm_b = @b AND signal_id = @signal_id`),
  countPair: db.prepare<[Params]>(`
    INSERT INTO norm_conflicts_pairs (norm_a, norm_b, count, escalated_count, last_seen)
    VALUES (@a, @b, 1, @escalated, @observed_on)
    ON CONFLICT DO UPDATE SET count = count + 1, escalated_count = escalated_count + excluded.escalated_count,
      last_seen = MAX(last_seen, excluded.last_seen)`),
  uncountPair: db.prepare<[Params]>(`
    UPDATE norm_conflicts_pairs SET count = count - 1, escalated_count = escalated_count - @escalated
    WHERE norm_a = @a AND norm_b = @b`),
  dropEmptyPair: db.prepare<[Params]>(
    'DELETE FROM norm_conflicts_pairs WHERE norm_a = @a AND norm_b = @b AND count <= 0',
  ),
  // After a removal the latest observation may have gone: look again among the pair's active rows.
  lastSeen: db.prepare<[Params]>(`
    UPDATE norm_conflicts_pairs SET last_seen = (
      SELECT MAX(observed_on) FROM norm_conflicts_signal_pairs
      WHERE norm_a = @a AND norm_b = @b AND status = 'ACTIVE')
    WHERE norm_a = @a AND norm_b = @b`),
  countAuthority: db.prepare<[Params]>(`
    INSERT INTO norm_conflicts_pair_authorities (norm_a, norm_b, authority, n) VALUES (@a, @b, @authority, 1)
    ON CONFLICT DO UPDATE SET n = n + 1`),
  uncountAuthority: db.prepare<[Params]>(`
    UPDATE norm_conflicts_pair_authorities SET n = n - 1
    WHERE norm_a = @a AND norm_b = @b AND authority = @authority`),
  dropEmptyAuthority: db.prepare<[Params]>(`
    DELETE FROM norm_conflicts_pair_authorities
    WHERE norm_a = @a AND norm_b = @b AND authority = @authority AND n <= 0`),
  spelling: db.prepare('INSERT OR IGNORE INTO norm_conflicts_norms (norm_ref, spelling) VALUES (?, ?)'),
  countTitle: db.prepare(`
    INSERT INTO norm_conflicts_titles (norm_ref, title, authority, n) VALUES (?, ?, ?, 1)
    ON CONFLICT DO UPDATE SET n = n + 1`),
  uncountTitle: db.prepare(
    'UPDATE norm_conflicts_titles SET n = n - 1 WHERE norm_ref = ? AND title = ? AND authority = ?',
  ),
  dropEmptyTitle: db.prepare(
    'DELETE FROM norm_conflicts_titles WHERE norm_ref = ? AND title = ? AND authority = ? AND n <= 0',
  ),
  // What the running counts hold: ACTIVE signals only, the last day among them, no empty rows.
  aggregate: [
    `INSERT INTO norm_conflicts_pairs (norm_a, norm_b, count, escalated_count, last_seen)
     SELECT norm_a, norm_b, COUNT(*), SUM(escalated), MAX(observed_on) FROM norm_conflicts_signal_pairs
     WHERE status = 'ACTIVE' GROUP BY norm_a, norm_b`,
    `INSERT INTO norm_conflicts_pair_authorities (norm_a, norm_b, authority, n)
     SELECT norm_a, norm_b, authority, COUNT(*) FROM norm_conflicts_signal_pairs
     WHERE status = 'ACTIVE' GROUP BY norm_a, norm_b, authority`,
    `INSERT INTO norm_conflicts_titles (norm_ref, title, authority, n)
     SELECT t.value ->> 0, t.value ->> 1, s.authority, COUNT(*)
     FROM norm_conflicts_signals s, json_each(s.norm_titles) t
     WHERE s.type = 'CONFLICTING_NORMS' AND s.status = 'ACTIVE'
     GROUP BY 1, 2, 3`,
  ].map((sql) => db.prepare(sql)),
  deferred: false,
});

/** The unordered pairs of a signal's refs, each as [smaller, larger]. */
export const normPairs = (refs: readonly string[]): Array<[string, string]> => {
  const sorted = [...new Set(refs)].sort();
  const pairs: Array<[string, string]> = [];
  for (let i = 0; i < sorted.length; i += 1) {
    for (let j = i + 1; j < sorted.length; j += 1) pairs.push([sorted[i], sorted[j]]);
  }
  return pairs;
};

const refsOf = (norms: readonly NormReference[]): string => JSON.stringify(distinctNormRefs(norms).sort());

const titlesOf = (norms: readonly NormReference[]): string => {
  const titles = new Map<string, [string, string]>();
  for (const norm of norms) {
    const ref = normaliseNormRef(norm.ref);
    const title = norm.title?.trim();
    if (ref && title) titles.set(JSON.stringify([ref, title]), [ref, title]);
  }
  return JSON.stringify([...titles.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, pair]) => pair));
};

const isConflict = (facts: SignalFacts): boolean => facts.type === 'CONFLICTING_NORMS';

/**
 * Pairs of norm refs named together in CONFLICTING_NORMS signals: per pair the signals naming it
 * (with their facts, for filtered questions) and, for the unfiltered view, a running count of
 * ACTIVE signals, escalated ones, reporting authorities and the last day observed; per norm its
 * first spelling and the titles its ACTIVE conflict signals give. A change to a
 * signal takes its pairs out with the old facts and puts them back with the new, so amended
 * norms, types and statuses, duplicates and withdrawals all land right.
 */
export function createNormConflictsProjection(ctx: ProjectionContext): Projection {
  const cache = new WeakMap<Database, Writes>();
  const writesFor = (db: Database): Writes => {
    let writes = cache.get(db);
    if (!writes) {
      writes = prepareWrites(db);
      cache.set(db, writes);
    }
    return writes;
  };

  const titlesIn = (facts: SignalFacts): Array<[string, string]> =>
    JSON.parse(facts.norm_titles) as Array<[string, string]>;

  const addPairs = (w: Writes, facts: SignalFacts): void => {
    if (!isConflict(facts)) return;
    if (w.deferred) {
      for (const [a, b] of normPairs(JSON.parse(facts.norm_refs) as string[]))
        w.insertPair.run({ ...facts, a, b });
      return;
    }
    if (facts.status === 'ACTIVE') {
      for (const [ref, title] of titlesIn(facts)) w.countTitle.run(ref, title, facts.authority);
    }
    for (const [a, b] of normPairs(JSON.parse(facts.norm_refs) as string[])) {
      const params: Params = { ...facts, a, b };
      w.insertPair.run(params);
      if (facts.status !== 'ACTIVE') continue;
      w.countPair.run(params);
      w.countAuthority.run(params);
    }
  };

  const removePairs = (w: Writes, facts: SignalFacts): void => {
    if (!isConflict(facts)) return;
    if (w.deferred) {
      for (const [a, b] of normPairs(JSON.parse(facts.norm_refs) as string[]))
        w.deletePair.run({ ...facts, a, b });
      return;
    }
    if (facts.status === 'ACTIVE') {
      for (const [ref, title] of titlesIn(facts)) {
        w.uncountTitle.run(ref, title, facts.authority);
        w.dropEmptyTitle.run(ref, title, facts.authority);
      }
    }
    for (const [a, b] of normPairs(JSON.parse(facts.norm_refs) as string[])) {
      const params: Params = { ...facts, a, b };
      w.deletePair.run(params);
      if (facts.status !== 'ACTIVE') continue;
      w.uncountPair.run(params);
      w.dropEmptyPair.run(params);
      w.lastSeen.run(params);
      w.uncountAuthority.run(params);
      w.dropEmptyAuthority.run(params);
    }
  };

  const rememberSpellings = (w: Writes, norms: readonly NormReference[]): void => {
    for (const norm of norms) {
      const spelling = tidyNormRef(norm.ref);
      if (spelling) w.spelling.run(normaliseNormRef(spelling), spelling);
    }
  };

  const record = (w: Writes, event: RecordedEvent): void => {
    const d = dataOf<SignalRecorded>(event);
    const facts: SignalFacts = {
      signal_id: d.signalId,
      type: d.type,
      policy_domain: d.policyDomain,
      level: d.level,
      authority: d.reportingAuthority,
      government_layer: ctx.layerOf(d.reportingAuthority) ?? '',
      initiative_kind: d.initiativeKind,
      observed_on: observedDayOf(d.observedAt),
      status: 'ACTIVE',
      escalated: 0,
      norm_refs: refsOf(d.norms),
      norm_titles: titlesOf(d.norms),
      revision: event.revision,
    };
    if (w.insertSignal.run(...SIGNAL_COLUMNS.map((column) => facts[column])).changes === 0) return;
    rememberSpellings(w, d.norms);
    addPairs(w, facts);
  };

  const change = (
    w: Writes,
    signalId: string,
    revision: number | undefined,
    mutate: (facts: SignalFacts) => void,
  ): void => {
    const before = w.selectSignal.get(signalId);
    // A signal event at or before the stored revision was applied already.
    if (!before || (revision !== undefined && revision <= before.revision)) return;
    const after = { ...before };
    mutate(after);
    if (revision !== undefined) after.revision = revision;
    w.updateSignal.run(...UPDATED_COLUMNS.map((column) => after[column]), after.signal_id);
    const relevant = SIGNAL_COLUMNS.some(
      (column) => column !== 'revision' && before[column] !== after[column],
    );
    if (!relevant) return;
    removePairs(w, before);
    addPairs(w, after);
  };

  const escalate = (w: Writes, signalIds: readonly string[]): void => {
    for (const signalId of new Set(signalIds)) {
      change(w, signalId, undefined, (facts) => {
        facts.escalated = 1;
      });
    }
  };

  return {
    name: NORM_CONFLICTS_PROJECTION,
    // 3: refs matched case-folded, first spellings kept, titles counted per authority.
    version: 3,
    migrate(db) {
      const w = cache.get(db);
      if (w) w.deferred = false;
      db.exec(NORM_CONFLICTS_SCHEMA);
    },
    deferAggregates(db) {
      writesFor(db).deferred = true;
    },
    aggregate(db) {
      const w = writesFor(db);
      for (const statement of w.aggregate) statement.run();
      w.deferred = false;
    },
    index(db) {
      db.exec(NORM_CONFLICTS_INDEXES);
    },
    drop(db) {
      cache.delete(db);
      db.exec(NORM_CONFLICTS_DROP);
    },
    apply(db, event) {
      switch (event.type) {
        case 'SignalRecorded':
          return record(writesFor(db), event);
        case 'SignalAmended': {
          const { signalId, changes } = dataOf<SignalAmended>(event);
          const w = writesFor(db);
          return change(w, signalId, event.revision, (facts) => {
            if (changes.type !== undefined) facts.type = changes.type;
            if (changes.policyDomain !== undefined) facts.policy_domain = changes.policyDomain;
            if (changes.level !== undefined) facts.level = changes.level;
            if (changes.initiativeKind !== undefined) facts.initiative_kind = changes.initiativeKind;
            if (changes.observedAt !== undefined) facts.observed_on = observedDayOf(changes.observedAt);
            if (changes.norms !== undefined) {
              facts.norm_refs = refsOf(changes.norms);
              facts.norm_titles = titlesOf(changes.norms);
              rememberSpellings(w, changes.norms);
            }
          });
        }
        case 'SignalClassified': {
          const d = dataOf<SignalClassified>(event);
          return change(writesFor(db), d.signalId, event.revision, (facts) => {
            if (d.policyDomain !== undefined) facts.policy_domain = d.policyDomain;
          });
        }
        case 'SignalMarkedDuplicate': {
          const d = dataOf<SignalMarkedDuplicate>(event);
          return change(writesFor(db), d.signalId, event.revision, (facts) => {
            if (facts.status !== 'WITHDRAWN') facts.status = 'DUPLICATE';
          });
        }
        case 'SignalWithdrawn': {
          const d = dataOf<SignalWithdrawn>(event);
          return change(writesFor(db), d.signalId, event.revision, (facts) => {
            facts.status = 'WITHDRAWN';
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
