import type { Database, Statement } from 'better-sqlite3';
import { InvalidInput, isIsoDate, isIsoInstant } from '@praktijklus/domain';
import type {
  GovernmentLayer,
  InitiativeKind,
  SignalLevel,
  SignalStatus,
  SignalType,
} from '@praktijklus/domain';

/** The signal filter of API.md; lists are OR-ed within and AND-ed across, empty means no filter. */
export interface FeedbackLoopFilter {
  policyDomains?: readonly string[];
  types?: readonly SignalType[];
  levels?: readonly SignalLevel[];
  /** The reporting authority. */
  authorities?: readonly string[];
  /** The reporting authority's government layer. */
  governmentLayers?: readonly GovernmentLayer[];
  initiativeKinds?: readonly InitiativeKind[];
  /** Withdrawn signals never count; this can narrow to ACTIVE or DUPLICATE. */
  statuses?: readonly SignalStatus[];
  /** Inclusive dates (YYYY-MM-DD; a date-time is cut to its date) on `observedAt`. */
  observedFrom?: string;
  observedTo?: string;
}

export interface FeedbackLoopRow {
  policyDomain: string;
  /** Signals not withdrawn. */
  signals: number;
  /** Of those, in at least one escalation. */
  escalated: number;
  /** Of those, in at least one escalation with a standing decision. */
  decided: number;
  /** Of those, in at least one escalation decided POLICY_ADJUSTED. */
  policyAdjusted: number;
  /** Of those, in at least one escalation decided EXPERIMENT_GRANTED. */
  experimentGranted: number;
  /**
   * Median over the decided escalations with a signal of this domain of the days from the first
   * such signal's `observedAt` to the decision; null when none is decided.
   */
  medianDaysToDecision: number | null;
}

type Params = Record<string, string | number | null>;

const DAY_MS = 86_400_000;

const statements = new WeakMap<Database, Map<string, Statement<[Params]>>>();

/** Filters change the SQL text, so statements are cached per database and per text. */
const statement = <Row>(db: Database, sql: string): Statement<[Params], Row> => {
  let perDb = statements.get(db);
  if (!perDb) {
    perDb = new Map();
    statements.set(db, perDb);
  }
  let prepared = perDb.get(sql);
  if (!prepared) {
    prepared = db.prepare<[Params]>(sql);
    perDb.set(sql, prepared);
  }
  return prepared as Statement<[Params], Row>;
};

/**
 * Conditions on the dimensions shared by the signals, tallies and leads tables (same column names).
 * Withdrawn signals never count, whatever statuses the filter names.
 */
const sharedConditions = (alias: string, filter: FeedbackLoopFilter, params: Params): string[] => {
  const conditions: string[] = [];
  const oneOf = (column: string, name: string, values: readonly string[] | undefined): void => {
    if (!values || values.length === 0) return;
    conditions.push(`${alias}.${column} IN (SELECT value FROM json_each(@${name}))`);
    params[name] = JSON.stringify(values);
  };
  const requested = filter.statuses && filter.statuses.length > 0 ? filter.statuses : ['ACTIVE', 'DUPLICATE'];
  const statuses = requested.filter((status) => status !== 'WITHDRAWN');
  if (statuses.length === 0) conditions.push('0');
  oneOf('status', 'statuses', statuses);
  oneOf('policy_domain', 'policyDomains', filter.policyDomains);
  oneOf('type', 'types', filter.types);
  oneOf('level', 'levels', filter.levels);
  oneOf('reporting_layer', 'layers', filter.governmentLayers);
  oneOf('initiative_kind', 'initiativeKinds', filter.initiativeKinds);
  return conditions;
};

/** A period bound: a date, or a date-time cut to its date (the day as written); else refused. */
const day = (value: string, field: string): string => {
  if (isIsoDate(value) || isIsoInstant(value)) return value.slice(0, 10);
  throw new InvalidInput('INVALID_DATE', `${field} must be a date (YYYY-MM-DD) or an ISO date-time`, field);
};

/** Conditions the tallies cannot answer: the reporting authority and the period. */
const perSignalConditions = (alias: string, filter: FeedbackLoopFilter, params: Params): string[] => {
  const conditions: string[] = [];
  if (filter.authorities && filter.authorities.length > 0) {
    conditions.push(`${alias}.reporting_authority IN (SELECT value FROM json_each(@authorities))`);
    params.authorities = JSON.stringify(filter.authorities);
  }
  const from = filter.observedFrom === undefined ? undefined : day(filter.observedFrom, 'observedFrom');
  const to = filter.observedTo === undefined ? undefined : day(filter.observedTo, 'observedTo');
  if (from !== undefined && to !== undefined && from > to) {
    throw new InvalidInput('INVALID_PERIOD', 'observedFrom must not lie after observedTo', 'observedTo');
  }
  if (from !== undefined) {
    conditions.push(`${alias}.observed_on >= @observedFrom`);
    params.observedFrom = from;
  }
  if (to !== undefined) {
    conditions.push(`${alias}.observed_on <= @observedTo`);
    params.observedTo = to;
  }
  return conditions;
};

type Funnel = Omit<FeedbackLoopRow, 'medianDaysToDecision'>;
type Lead = { policyDomain: string; leadMs: number };

/** The funnel from the tallies: a few thousand rows at most, whatever the number of signals. */
const funnelFromTallies = (db: Database, filter: FeedbackLoopFilter): Funnel[] => {
  const params: Params = {};
  const where = sharedConditions('t', filter, params).join(' AND ');
  return statement<Funnel>(
    db,
    `SELECT t.policy_domain AS policyDomain, SUM(t.signals) AS signals, SUM(t.escalated) AS escalated,
            SUM(t.decided) AS decided, SUM(t.policy_adjusted) AS policyAdjusted,
            SUM(t.experiment_granted) AS experimentGranted
     FROM feedback_loop_tallies t WHERE ${where}
     GROUP BY t.policy_domain HAVING SUM(t.signals) > 0 ORDER BY t.policy_domain`,
  ).all(params);
};

/** Per domain and decided escalation, the lead from its earliest matching signal of that domain. */
const leadsOf = (db: Database, filter: FeedbackLoopFilter): Lead[] => {
  const params: Params = {};
  const where = [...perSignalConditions('t', filter, params), ...sharedConditions('t', filter, params)];
  return statement<Lead>(
    db,
    `SELECT t.policy_domain AS policyDomain, MAX(0, MAX(t.decided_ms) - MIN(t.observed_ms)) AS leadMs
     FROM feedback_loop_leads t WHERE ${where.join(' AND ')} GROUP BY t.policy_domain, t.escalation_id`,
  ).all(params);
};

/** The funnel from the signals the reporting-authority or period index selects. */
const funnelFromSignals = (db: Database, filter: FeedbackLoopFilter): Funnel[] => {
  const params: Params = {};
  const where = [...perSignalConditions('s', filter, params), ...sharedConditions('s', filter, params)];
  return statement<Funnel>(
    db,
    `SELECT s.policy_domain AS policyDomain, COUNT(*) AS signals, SUM(s.escalations > 0) AS escalated,
            SUM(s.decided > 0) AS decided, SUM(s.policy_adjusted > 0) AS policyAdjusted,
            SUM(s.experiment_granted > 0) AS experimentGranted
     FROM feedback_loop_signals s WHERE ${where.join(' AND ')}
     GROUP BY s.policy_domain ORDER BY s.policy_domain`,
  ).all(params);
};

/**
 * The median lead per domain read by position from the (domain, lead) index, for filters that
 * name at most domains. The LIMIT is literal: a bound LIMIT makes SQLite walk the index slower.
 */
const domainMedians = (db: Database, filter: FeedbackLoopFilter): Map<string, number> => {
  const params: Params = {};
  const domains = filter.policyDomains && filter.policyDomains.length > 0;
  if (domains) params.policyDomains = JSON.stringify(filter.policyDomains);
  const counts = statement<{ policyDomain: string; n: number }>(
    db,
    `SELECT policy_domain AS policyDomain, COUNT(*) AS n FROM feedback_loop_domain_leads
     ${domains ? 'WHERE policy_domain IN (SELECT value FROM json_each(@policyDomains))' : ''}
     GROUP BY policy_domain`,
  ).all(params);
  const medians = new Map<string, number>();
  for (const { policyDomain, n } of counts) {
    const middle = statement<{ median: number }>(
      db,
      `SELECT AVG(lead_ms) AS median FROM (
         SELECT lead_ms FROM feedback_loop_domain_leads WHERE policy_domain = @policyDomain
         ORDER BY lead_ms LIMIT ${n % 2 === 1 ? 1 : 2} OFFSET @skip)`,
    ).get({ policyDomain, skip: Math.floor((n - 1) / 2) });
    if (middle) medians.set(policyDomain, middle.median / DAY_MS);
  }
  return medians;
};

const withMedians = (funnel: Funnel[], leads: Lead[]): FeedbackLoopRow[] => {
  const leadDays = new Map<string, number[]>();
  for (const lead of leads) {
    const days = leadDays.get(lead.policyDomain) ?? [];
    days.push(lead.leadMs / DAY_MS);
    leadDays.set(lead.policyDomain, days);
  }
  return funnel.map((row) => ({
    ...row,
    medianDaysToDecision: medianOf(leadDays.get(row.policyDomain) ?? []),
  }));
};

const medianOf = (values: number[]): number | null => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/**
 * The funnel per policy domain, ordered by domain; domains without matching signals are left out.
 * A signal counts once per stage however many escalations it is in. The lead time of a decided
 * escalation within a domain runs from the earliest `observedAt` among its signals that match the
 * filter in that domain to its standing decision.
 */
export function feedbackLoop(db: Database, filter: FeedbackLoopFilter = {}): FeedbackLoopRow[] {
  const named = (values: readonly string[] | undefined): boolean => values !== undefined && values.length > 0;
  if (named(filter.authorities) || filter.observedFrom !== undefined || filter.observedTo !== undefined) {
    return withMedians(funnelFromSignals(db, filter), leadsOf(db, filter));
  }
  const dimensions = [
    filter.types,
    filter.levels,
    filter.governmentLayers,
    filter.initiativeKinds,
    filter.statuses,
  ];
  if (dimensions.some(named)) return withMedians(funnelFromTallies(db, filter), leadsOf(db, filter));
  const medians = domainMedians(db, filter);
  return funnelFromTallies(db, filter).map((row) => ({
    ...row,
    medianDaysToDecision: medians.get(row.policyDomain) ?? null,
  }));
}
