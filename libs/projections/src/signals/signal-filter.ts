import { InvalidInput, isIsoDate, isIsoInstant } from '@praktijklus/domain';
import type {
  GovernmentLayer,
  InitiativeKind,
  SignalLevel,
  SignalStatus,
  SignalType,
} from '@praktijklus/domain';

/**
 * The `SignalFilter` of API.md, shared by the signals list, the statistics and the norm conflicts.
 * Lists are OR-ed within and AND-ed across; an absent or empty list does not filter.
 */
export interface SignalFilter {
  types?: readonly SignalType[];
  /** The signal's current policy domain (a classification's correction overrides the recorded one). */
  policyDomains?: readonly string[];
  levels?: readonly SignalLevel[];
  /** The reporting authority (not the authorities a signal names). */
  authorities?: readonly string[];
  /** The reporting authority's government layer. */
  governmentLayers?: readonly GovernmentLayer[];
  initiativeKinds?: readonly InitiativeKind[];
  /** Absent or empty: every status except WITHDRAWN. */
  statuses?: readonly SignalStatus[];
  /** Inclusive, on the day observed (`YYYY-MM-DD`; a date-time is cut to its date). */
  observedFrom?: string;
  /** Inclusive, like `observedFrom`. */
  observedTo?: string;
}

export const DEFAULT_SIGNAL_STATUSES: readonly SignalStatus[] = ['ACTIVE', 'DUPLICATE'];

/**
 * The day a signal was observed: the date part as the officer wrote it, so a date-time keeps the
 * calendar date of its own offset (the same rule the feedback loop applies).
 */
export const observedDayOf = (observedAt: string): string => observedAt.slice(0, 10);

/** A filter bound: a date, or a date-time cut to its date; anything else is refused. */
export const filterDay = (value: string | undefined, field: string): string | undefined => {
  if (value === undefined) return undefined;
  if (isIsoDate(value)) return value;
  if (isIsoInstant(value)) return observedDayOf(value);
  throw new InvalidInput('INVALID_DATE', `${field} must be a date (YYYY-MM-DD) or an ISO date-time`, field);
};

/**
 * A filter's period as days. A start after the end is refused: it is a mistake, not a question
 * whose answer is an empty list.
 */
export const filterPeriod = (filter: SignalFilter): { from: string | undefined; to: string | undefined } => {
  const from = filterDay(filter.observedFrom, 'observedFrom');
  const to = filterDay(filter.observedTo, 'observedTo');
  if (from !== undefined && to !== undefined && from > to) {
    throw new InvalidInput('INVALID_PERIOD', 'observedFrom must not lie after observedTo', 'observedTo');
  }
  return { from, to };
};

/** The statuses a filter selects, defaults applied, in a stable order. */
export const selectedStatuses = (filter: SignalFilter): SignalStatus[] => {
  const requested = filter.statuses && filter.statuses.length > 0 ? filter.statuses : DEFAULT_SIGNAL_STATUSES;
  return [...new Set(requested)].sort();
};

/** A filter list worth a condition: present and not empty. */
export const given = <T>(values: readonly T[] | undefined): values is readonly T[] =>
  values !== undefined && values.length > 0;

/** The table columns a filter condition may name; fixed strings, never user input. */
export interface SignalFilterColumns {
  type: string;
  policyDomain: string;
  level: string;
  authority: string;
  governmentLayer: string;
  initiativeKind: string;
  status: string;
  observedOn: string;
}

export type SqlParams = Record<string, string | number | null>;

/**
 * SQL conditions for a filter over the given columns. Values travel as bound parameters (lists as
 * one JSON array parameter), so the SQL text depends only on which filters are present and the
 * prepared statement can be cached by that text. `indexable` lists the columns that may drive an
 * index; the others are written `+column`, which keeps SQLite from picking an index on a
 * low-selectivity column and sorting its matches instead of walking the primary order.
 */
export const signalFilterConditions = (
  filter: SignalFilter,
  columns: SignalFilterColumns,
  params: SqlParams,
  indexable: ReadonlySet<keyof SignalFilterColumns> = new Set(),
): string[] => {
  const conditions: string[] = [];
  const column = (key: keyof SignalFilterColumns): string =>
    indexable.has(key) ? columns[key] : `+${columns[key]}`;
  const oneOf = (
    key: keyof SignalFilterColumns,
    name: string,
    values: readonly string[] | undefined,
  ): void => {
    if (!given(values)) return;
    if (values.length === 1) {
      conditions.push(`${column(key)} = @${name}`);
      params[name] = values[0];
    } else {
      conditions.push(`${column(key)} IN (SELECT value FROM json_each(@${name}))`);
      params[name] = JSON.stringify([...new Set(values)]);
    }
  };
  oneOf('type', 'f_types', filter.types);
  oneOf('policyDomain', 'f_policyDomains', filter.policyDomains);
  oneOf('level', 'f_levels', filter.levels);
  oneOf('authority', 'f_authorities', filter.authorities);
  oneOf('governmentLayer', 'f_governmentLayers', filter.governmentLayers);
  oneOf('initiativeKind', 'f_initiativeKinds', filter.initiativeKinds);
  oneOf('status', 'f_statuses', selectedStatuses(filter));
  const { from, to } = filterPeriod(filter);
  if (from !== undefined) {
    conditions.push(`${column('observedOn')} >= @f_observedFrom`);
    params.f_observedFrom = from;
  }
  if (to !== undefined) {
    conditions.push(`${column('observedOn')} <= @f_observedTo`);
    params.f_observedTo = to;
  }
  return conditions;
};

export const whereClause = (conditions: string[]): string =>
  conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';

/**
 * An officer's view (`s` is the signals table): only what their authority reported, checked in SQL
 * on every path, so their scope never rests on the full-text index alone.
 */
export const officerScope = (input: { visibleToAuthority?: string }, params: SqlParams): string[] => {
  if (input.visibleToAuthority === undefined) return [];
  params.visibleTo = input.visibleToAuthority;
  return ['s.reporting_authority = @visibleTo'];
};
