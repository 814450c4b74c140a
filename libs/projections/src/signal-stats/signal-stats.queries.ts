import type { Database } from 'better-sqlite3';
import { InvalidInput } from '@praktijklus/domain';
import type { GovernmentLayer, InitiativeKind, SignalLevel, SignalType } from '@praktijklus/domain';
import {
  filterPeriod,
  given,
  SignalFilter,
  SignalFilterColumns,
  signalFilterConditions,
  SqlParams,
  whereClause,
} from '../signals/signal-filter';
import { MIN_GROUP_SIZE } from '../disclosure';
import { cachedStatement } from '../signals/statement-cache';
import { isFirstOfMonth, isLastOfMonth, monthOf, TIME_BUCKETS, TimeBucket } from './period';
import { Cuboid, CUBOIDS, DIMENSION_COLUMN, Grain, StatDimension } from './schema';

export type SignalDimension =
  'TYPE' | 'POLICY_DOMAIN' | 'LEVEL' | 'AUTHORITY' | 'GOVERNMENT_LAYER' | 'INITIATIVE_KIND' | 'PERIOD';

export const SIGNAL_DIMENSIONS: readonly SignalDimension[] = [
  'TYPE',
  'POLICY_DOMAIN',
  'LEVEL',
  'AUTHORITY',
  'GOVERNMENT_LAYER',
  'INITIATIVE_KIND',
  'PERIOD',
];

/** More dimensions in one question leave about one signal per group: it can only single them out. */
export const MAX_GROUP_DIMENSIONS = 4;

/**
 * The most groups one answer holds (about 2 MB); a question with more is refused, not cut. Every
 * authority by month over two years (about 8,500) fits; every authority by week does not.
 */
export const MAX_STAT_ROWS = 10_000;

/** The group a row counts; dimensions not grouped on are null. */
export interface SignalStatKey {
  type: SignalType | null;
  policyDomain: string | null;
  level: SignalLevel | null;
  /** The reporting authority. */
  authority: string | null;
  /** Null also when grouped on but the registry does not know the authority's layer. */
  governmentLayer: GovernmentLayer | null;
  initiativeKind: InitiativeKind | null;
  /** '2026-03-04' (DAY), '2026-W10' (ISO WEEK) or '2026-03' (MONTH), of the day observed. */
  period: string | null;
}

export interface SignalStatRow {
  key: SignalStatKey;
  count: number;
  /** Of `count`, the signals that are in at least one escalation. */
  escalatedCount: number;
}

export interface SignalStatsInput {
  /** Any combination; an empty list gives one row with the total. */
  groupBy: readonly SignalDimension[];
  /** Statuses default to all but WITHDRAWN. */
  filter?: SignalFilter;
  /** The period's size when grouping on PERIOD; default MONTH. */
  bucket?: TimeBucket | null;
  /**
   * The one authority whose signals the caller may read (an officer); absent for callers who read
   * every signal. Rows finer than a month that name another authority then need MIN_GROUP_SIZE.
   */
  visibleToAuthority?: string;
}

/** Where a question is answered: a cuboid's name, or `signals` for the per-signal table. */
export type StatsSource = string;

export interface SignalStatsOptions {
  /** `signals` answers from the per-signal table whatever cuboid fits (to check the cuboids). */
  source?: 'auto' | 'signals';
}

const DIMENSION_OF: Record<Exclude<SignalDimension, 'PERIOD'>, StatDimension> = {
  TYPE: 'type',
  POLICY_DOMAIN: 'policyDomain',
  LEVEL: 'level',
  AUTHORITY: 'authority',
  GOVERNMENT_LAYER: 'governmentLayer',
  INITIATIVE_KIND: 'initiativeKind',
};

const FILTERED: Array<[keyof SignalFilter, StatDimension]> = [
  ['types', 'type'],
  ['policyDomains', 'policyDomain'],
  ['levels', 'level'],
  ['authorities', 'authority'],
  ['governmentLayers', 'governmentLayer'],
  ['initiativeKinds', 'initiativeKind'],
];

const COLUMNS: SignalFilterColumns = {
  type: 'type',
  policyDomain: 'policy_domain',
  level: 'level',
  authority: 'authority',
  governmentLayer: 'government_layer',
  initiativeKind: 'initiative_kind',
  status: 'status',
  observedOn: 'observed_on',
};
const EVERY_COLUMN = new Set(Object.keys(COLUMNS) as Array<keyof SignalFilterColumns>);

const FACTS: Cuboid = {
  name: 'signals',
  table: 'signal_stats_signals',
  dimensions: ['type', 'policyDomain', 'level', 'authority', 'governmentLayer', 'initiativeKind'],
  grain: 'day',
};

interface Plan {
  /** Whole months only: no DAY or WEEK period, and a range (if any) of whole months. */
  monthly: boolean;
  dimensions: StatDimension[];
  period: TimeBucket | undefined;
  from: string | undefined;
  to: string | undefined;
  grain: Exclude<Grain, 'none'> | undefined;
  source: Cuboid;
}

const plan = (input: SignalStatsInput): Plan => {
  const groupBy = new Set(input.groupBy);
  for (const dimension of groupBy) {
    if (!SIGNAL_DIMENSIONS.includes(dimension)) {
      throw new InvalidInput('INVALID_DIMENSION', `unknown dimension ${String(dimension)}`, 'groupBy');
    }
  }
  if (groupBy.size > MAX_GROUP_DIMENSIONS) {
    throw new InvalidInput(
      'TOO_MANY_DIMENSIONS',
      `group on at most ${MAX_GROUP_DIMENSIONS} dimensions at a time`,
      'groupBy',
      { max: MAX_GROUP_DIMENSIONS },
    );
  }
  const bucket = input.bucket ?? 'MONTH';
  if (!TIME_BUCKETS.includes(bucket)) {
    throw new InvalidInput('INVALID_BUCKET', `unknown time bucket ${String(bucket)}`, 'bucket');
  }
  const filter = input.filter ?? {};
  const dimensions = SIGNAL_DIMENSIONS.filter(
    (dimension): dimension is Exclude<SignalDimension, 'PERIOD'> =>
      dimension !== 'PERIOD' && groupBy.has(dimension),
  ).map((dimension) => DIMENSION_OF[dimension]);
  const period = groupBy.has('PERIOD') ? bucket : undefined;
  const { from, to } = filterPeriod(filter);

  const needed = new Set(dimensions);
  for (const [field, dimension] of FILTERED) {
    const values = filter[field];
    if (Array.isArray(values) && given(values)) needed.add(dimension);
  }
  // Months answer a whole-month range and monthly periods; anything finer needs days.
  const monthAligned =
    (from === undefined || isFirstOfMonth(from)) && (to === undefined || isLastOfMonth(to));
  const ranged = from !== undefined || to !== undefined;
  let grain: Plan['grain'];
  if (period === 'DAY' || period === 'WEEK') grain = 'day';
  else if (period === 'MONTH' || ranged) grain = monthAligned ? 'month' : 'day';
  const fits = (cuboid: Cuboid): boolean =>
    [...needed].every((dimension) => cuboid.dimensions.includes(dimension)) &&
    (grain === undefined || cuboid.grain === 'day' || cuboid.grain === grain);
  const source = CUBOIDS.find(fits) ?? FACTS;
  const monthly = period !== 'DAY' && period !== 'WEEK' && monthAligned;
  return { monthly, dimensions, period, from, to, grain, source };
};

const periodColumn = (source: Cuboid, bucket: TimeBucket): string =>
  bucket === 'DAY' ? (source === FACTS ? 'observed_on' : 'day') : bucket === 'WEEK' ? 'week' : 'month';

/** Which table answers this question (for tests and for explaining a slow one). */
export function signalStatsSource(input: SignalStatsInput): StatsSource {
  return plan(input).source.name;
}

interface StatRecord {
  type?: string;
  policy_domain?: string;
  level?: string;
  authority?: string;
  government_layer?: string;
  initiative_kind?: string;
  period?: string;
  count: number | null;
  escalatedCount: number | null;
}

/**
 * Signal counts grouped by any combination of dimensions, with how many of them are escalated.
 * Rows come ordered by their key; groups without signals are left out.
 */
export function signalStats(
  db: Database,
  input: SignalStatsInput,
  options: SignalStatsOptions = {},
): SignalStatRow[] {
  const query = plan(input);
  const source = options.source === 'signals' ? FACTS : query.source;
  const filter = input.filter ?? {};
  const params: SqlParams = {};
  const conditions = signalFilterConditions(
    { ...filter, observedFrom: undefined, observedTo: undefined },
    COLUMNS,
    params,
    EVERY_COLUMN,
  );
  const timeColumn = source === FACTS ? 'observed_on' : source.grain === 'month' ? 'month' : 'day';
  const bound = (day: string): string => (timeColumn === 'month' ? monthOf(day) : day);
  if (query.from !== undefined) {
    conditions.push(`${timeColumn} >= @from`);
    params.from = bound(query.from);
  }
  if (query.to !== undefined) {
    conditions.push(`${timeColumn} <= @to`);
    params.to = bound(query.to);
  }

  const groups = query.dimensions.map((dimension) => DIMENSION_COLUMN[dimension]);
  const selected = [...groups];
  if (query.period !== undefined) {
    const column = periodColumn(source, query.period);
    groups.push(column);
    selected.push(`${column} AS period`);
  }
  const measures =
    source === FACTS
      ? 'COUNT(*) AS count, SUM(escalated) AS escalatedCount'
      : 'SUM(n) AS count, SUM(escalated) AS escalatedCount';
  // One row past the cap tells a question that is too wide from one that just fits.
  const grouping =
    groups.length > 0
      ? `GROUP BY ${groups.join(', ')} HAVING count > 0 ORDER BY ${groups.join(', ')} LIMIT ${MAX_STAT_ROWS + 1}`
      : '';
  const sql = `SELECT ${[...selected, measures].join(', ')} FROM ${source.table} ${whereClause(conditions)} ${grouping}`;
  const records = cachedStatement<StatRecord>(db, sql).all(params);
  if (records.length > MAX_STAT_ROWS) {
    throw new InvalidInput(
      'TOO_MANY_GROUPS',
      `the answer would have more than ${MAX_STAT_ROWS} groups: group on fewer dimensions, a coarser bucket or a narrower filter`,
      'groupBy',
      { max: MAX_STAT_ROWS },
    );
  }

  const rows = records.map((record) => ({
    key: {
      type: (record.type ?? null) as SignalType | null,
      policyDomain: record.policy_domain ?? null,
      level: (record.level ?? null) as SignalLevel | null,
      authority: record.authority ?? null,
      governmentLayer: (record.government_layer || null) as GovernmentLayer | null,
      initiativeKind: (record.initiative_kind ?? null) as InitiativeKind | null,
      period: record.period ?? null,
    },
    count: record.count ?? 0,
    escalatedCount: record.escalatedCount ?? 0,
  }));
  const own = input.visibleToAuthority;
  if (own === undefined || query.monthly) return rows;
  const filterNamesOther = (filter.authorities ?? []).some((authority) => authority !== own);
  const namesOther = (row: SignalStatRow): boolean =>
    row.key.authority !== null ? row.key.authority !== own : filterNamesOther;
  return rows.filter((row) => row.count >= MIN_GROUP_SIZE || !namesOther(row));
}
