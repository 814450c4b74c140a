import type { Database } from 'better-sqlite3';
import { InvalidInput, isIsoDate, isIsoInstant } from '@praktijklus/domain';
import type { FeedbackLoopFilter } from '../feedback-loop/feedback-loop.queries';

/** What policy changes add to one policy domain's row of the feedback loop. */
export interface PolicyChangeFunnelRow {
  /** Signals (matching the filter) behind at least one recorded policy change. */
  policyChanged: number;
  /**
   * Median over the recorded changes with such a signal in this domain of the days from the
   * earliest of those signals' observed date to the change's `effectiveOn`; null when none.
   */
  medianDaysToPolicyChange: number | null;
}

type Params = Record<string, string | number | null>;

const DAY_MS = 86_400_000;

const day = (value: string, field: string): string => {
  if (isIsoDate(value) || isIsoInstant(value)) return value.slice(0, 10);
  throw new InvalidInput('INVALID_DATE', `${field} must be a date (YYYY-MM-DD) or an ISO date-time`, field);
};

/** The feedback loop's signal filter on the signals read model; withdrawn signals never count. */
const signalConditions = (filter: FeedbackLoopFilter, params: Params): string[] => {
  const conditions: string[] = [];
  const oneOf = (column: string, name: string, values: readonly string[] | undefined): void => {
    if (!values || values.length === 0) return;
    conditions.push(`s.${column} IN (SELECT value FROM json_each(@${name}))`);
    params[name] = JSON.stringify(values);
  };
  const requested = filter.statuses && filter.statuses.length > 0 ? filter.statuses : ['ACTIVE', 'DUPLICATE'];
  const statuses = requested.filter((status) => status !== 'WITHDRAWN');
  if (statuses.length === 0) conditions.push('0');
  oneOf('status', 'statuses', statuses);
  oneOf('policy_domain', 'policyDomains', filter.policyDomains);
  oneOf('type', 'types', filter.types);
  oneOf('level', 'levels', filter.levels);
  oneOf('government_layer', 'layers', filter.governmentLayers);
  oneOf('initiative_kind', 'initiativeKinds', filter.initiativeKinds);
  oneOf('reporting_authority', 'authorities', filter.authorities);
  const from = filter.observedFrom === undefined ? undefined : day(filter.observedFrom, 'observedFrom');
  const to = filter.observedTo === undefined ? undefined : day(filter.observedTo, 'observedTo');
  if (from !== undefined && to !== undefined && from > to) {
    throw new InvalidInput('INVALID_PERIOD', 'observedFrom must not lie after observedTo', 'observedTo');
  }
  if (from !== undefined) {
    conditions.push('s.observed_on >= @observedFrom');
    params.observedFrom = from;
  }
  if (to !== undefined) {
    conditions.push('s.observed_on <= @observedTo');
    params.observedTo = to;
  }
  return conditions;
};

// Signals behind recorded changes: few changes, each with few escalations, so this walks little.
const LINKED = `
  FROM policy_changes pc
  JOIN policy_changes_escalations pe ON pe.policy_change_id = pc.id
  JOIN policy_changes_escalation_signals es ON es.escalation_id = pe.escalation_id
  JOIN signals s ON s.signal_id = es.signal_id
  WHERE pc.status = 'RECORDED'`;

const medianOf = (values: number[]): number | null => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/** Per policy domain (of the signals), the policy-change stage of the feedback loop. */
export function policyChangeFunnel(
  db: Database,
  filter: FeedbackLoopFilter = {},
): Map<string, PolicyChangeFunnelRow> {
  const params: Params = {};
  const conditions = signalConditions(filter, params);
  const where = conditions.map((condition) => `AND ${condition}`).join(' ');
  const counts = db
    .prepare<[Params], { policyDomain: string; n: number }>(
      `SELECT s.policy_domain AS policyDomain, COUNT(DISTINCT s.seq) AS n ${LINKED} ${where}
       GROUP BY s.policy_domain`,
    )
    .all(params);
  const leads = db
    .prepare<[Params], { policyDomain: string; effectiveOn: string; firstObserved: string }>(
      `SELECT s.policy_domain AS policyDomain, pc.effective_on AS effectiveOn, MIN(s.observed_on) AS firstObserved
       ${LINKED} ${where} GROUP BY s.policy_domain, pc.id`,
    )
    .all(params);
  const days = new Map<string, number[]>();
  for (const lead of leads) {
    const list = days.get(lead.policyDomain) ?? [];
    list.push(
      (Date.parse(`${lead.effectiveOn}T00:00:00Z`) - Date.parse(`${lead.firstObserved}T00:00:00Z`)) / DAY_MS,
    );
    days.set(lead.policyDomain, list);
  }
  return new Map(
    counts.map(({ policyDomain, n }) => [
      policyDomain,
      { policyChanged: n, medianDaysToPolicyChange: medianOf(days.get(policyDomain) ?? []) },
    ]),
  );
}
