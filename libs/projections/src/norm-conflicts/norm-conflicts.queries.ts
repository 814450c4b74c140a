import type { Database } from 'better-sqlite3';
import { InvalidInput } from '@praktijklus/domain';
import type { SignalStatus } from '@praktijklus/domain';
import {
  given,
  SignalFilter,
  SignalFilterColumns,
  signalFilterConditions,
  SqlParams,
  whereClause,
} from '../signals/signal-filter';
import { MIN_GROUP_SIZE } from '../disclosure';
import { cachedStatement } from '../signals/statement-cache';

export const MAX_NORM_CONFLICTS = 100;

export interface NormConflictRow {
  /** The pair's refs as first spelled; `normA` sorts before `normB` when normalised. */
  normA: string;
  normB: string;
  /** The most common title the ref's ACTIVE conflict signals give, when any does. */
  titleA: string | null;
  titleB: string | null;
  /** CONFLICTING_NORMS signals naming both (by default the ACTIVE ones). */
  count: number;
  /** Of those, signals in at least one escalation. */
  escalatedCount: number;
  /** Whether an escalation covers the pair: one of its signals is escalated. */
  escalated: boolean;
  /** The distinct reporting authorities of those signals, sorted. */
  authorities: string[];
  /** The latest day one of them was observed (`YYYY-MM-DD`). */
  lastSeen: string;
}

export interface ListNormConflictsInput {
  /**
   * Statuses default to ACTIVE only: a duplicate re-reports a conflict its original already
   * counts, and a withdrawn signal no longer stands. A `types` list without CONFLICTING_NORMS
   * leaves nothing.
   */
  filter?: SignalFilter;
  /** How many pairs, most frequent first; capped at MAX_NORM_CONFLICTS. */
  first: number;
  /**
   * The one authority whose signals the caller may read (an officer). Pairs and titles then come
   * from that authority's signals, or from at least MIN_GROUP_SIZE signals: one signal's free
   * text is not shown to officers who may not read it.
   */
  visibleToAuthority?: string;
}

const DEFAULT_STATUSES: readonly SignalStatus[] = ['ACTIVE'];

const columnsOf = (alias: string): SignalFilterColumns => ({
  type: `${alias}.type`,
  policyDomain: `${alias}.policy_domain`,
  level: `${alias}.level`,
  authority: `${alias}.authority`,
  governmentLayer: `${alias}.government_layer`,
  initiativeKind: `${alias}.initiative_kind`,
  status: `${alias}.status`,
  observedOn: `${alias}.observed_on`,
});

const COLUMNS = columnsOf('p');

/** The pair rows' filter columns with an index of their own. */
const INDEXED = new Set<keyof SignalFilterColumns>(['authority', 'policyDomain', 'observedOn']);

interface PairRecord {
  normA: string;
  normB: string;
  titleA: string | null;
  titleB: string | null;
  count: number;
  escalatedCount: number;
  authorities: string;
  lastSeen: string;
}

const titleOf = (ref: string): string => `
  (SELECT t.title FROM norm_conflicts_titles t WHERE t.norm_ref = ${ref} GROUP BY t.title
    HAVING SUM(t.n) >= @minGroup OR SUM(CASE WHEN t.authority = @own THEN t.n ELSE 0 END) > 0
    ORDER BY SUM(t.n) DESC, t.title LIMIT 1)`;

const spellingOf = (ref: string): string =>
  `coalesce((SELECT spelling FROM norm_conflicts_norms WHERE norm_ref = ${ref}), ${ref})`;

/** Both refs as spelled, with their titles, as normA/normB/titleA/titleB. */
const shown = (a: string, b: string): string => `
  ${spellingOf(a)} AS normA, ${spellingOf(b)} AS normB,
  ${titleOf(a)} AS titleA,
  ${titleOf(b)} AS titleB`;

/** Answered from the running counts: no filter but the default statuses. */
const FROM_RUNNING_COUNTS = `
  SELECT c.count AS count, c.escalated_count AS escalatedCount,
    c.last_seen AS lastSeen,
    (SELECT json_group_array(authority) FROM (SELECT authority FROM norm_conflicts_pair_authorities a
      WHERE a.norm_a = c.norm_a AND a.norm_b = c.norm_b ORDER BY authority)) AS authorities,
    ${shown('c.norm_a', 'c.norm_b')}
  FROM norm_conflicts_pairs c
  WHERE c.count > 0 AND (c.count >= @minGroup OR EXISTS (SELECT 1 FROM norm_conflicts_pair_authorities o
    WHERE o.norm_a = c.norm_a AND o.norm_b = c.norm_b AND o.authority = @own))
  ORDER BY c.count DESC, c.norm_a, c.norm_b
  LIMIT @limit`;

const pageSize = (first: number): number => {
  if (!Number.isInteger(first) || first < 0) {
    throw new InvalidInput('INVALID_PAGE_SIZE', 'first must be a whole number of at least 0.', 'first');
  }
  return Math.min(first, MAX_NORM_CONFLICTS);
};

const statusesOf = (filter: SignalFilter): SignalStatus[] =>
  given(filter.statuses) ? [...new Set(filter.statuses)].sort() : [...DEFAULT_STATUSES];

const isUnfiltered = (filter: SignalFilter): boolean =>
  !given(filter.policyDomains) &&
  !given(filter.levels) &&
  !given(filter.authorities) &&
  !given(filter.governmentLayers) &&
  !given(filter.initiativeKinds) &&
  filter.observedFrom === undefined &&
  filter.observedTo === undefined &&
  statusesOf(filter).join() === DEFAULT_STATUSES.join();

/** Norm pairs named together in conflict signals, most frequent first (ties by the refs). */
export function listNormConflicts(db: Database, input: ListNormConflictsInput): NormConflictRow[] {
  const filter = input.filter ?? {};
  const limit = pageSize(input.first);
  if (limit === 0) return [];
  if (given(filter.types) && !filter.types.includes('CONFLICTING_NORMS')) return [];

  // Callers who read every signal see every pair and title (@own matches no authority).
  const scope: SqlParams =
    input.visibleToAuthority === undefined
      ? { minGroup: 1, own: null }
      : { minGroup: MIN_GROUP_SIZE, own: input.visibleToAuthority };
  let records: PairRecord[];
  if (isUnfiltered(filter)) {
    records = cachedStatement<PairRecord>(db, FROM_RUNNING_COUNTS).all({ limit, ...scope });
  } else {
    const params: SqlParams = { limit, ...scope };
    // Pair rows exist only for CONFLICTING_NORMS signals: the type needs no condition of its own.
    const narrowed = { ...filter, types: undefined, statuses: statusesOf(filter) };
    const conditions = signalFilterConditions(narrowed, COLUMNS, params, INDEXED);
    // The same conditions (same parameters) on the rows of one pair, for the top pairs' authorities;
    // none may drive an index there: the pair's own key narrows best.
    const ofPair = signalFilterConditions(narrowed, columnsOf('q'), params, new Set());
    records = cachedStatement<PairRecord>(
      db,
      `SELECT count, escalatedCount, lastSeen,
         (SELECT json_group_array(DISTINCT q.authority) FROM norm_conflicts_signal_pairs q
           ${whereClause(['q.norm_a = keyA', 'q.norm_b = keyB', ...ofPair])}) AS authorities,
         ${shown('keyA', 'keyB')}
       FROM (
         SELECT p.norm_a AS keyA, p.norm_b AS keyB, COUNT(*) AS count, SUM(p.escalated) AS escalatedCount,
           MAX(p.observed_on) AS lastSeen
         FROM norm_conflicts_signal_pairs p
         ${whereClause(conditions)}
         GROUP BY p.norm_a, p.norm_b
         HAVING COUNT(*) >= @minGroup OR SUM(p.authority = @own) > 0
         ORDER BY count DESC, p.norm_a, p.norm_b
         LIMIT @limit
       )`,
    ).all(params);
  }
  return records.map((record) => ({
    normA: record.normA,
    normB: record.normB,
    titleA: record.titleA,
    titleB: record.titleB,
    count: record.count,
    escalatedCount: record.escalatedCount,
    escalated: record.escalatedCount > 0,
    authorities: (JSON.parse(record.authorities) as string[]).sort(),
    lastSeen: record.lastSeen,
  }));
}
