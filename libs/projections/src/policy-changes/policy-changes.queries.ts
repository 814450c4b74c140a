import type { Database, Statement } from 'better-sqlite3';
import { dutchDateOf, InvalidInput } from '@praktijklus/domain';
import {
  type KeysetPage,
  keysetPage,
  keysetRead,
  type PageWindow,
  decodeKeyCursor,
  encodeKeyCursor,
} from '../paging';
import type { NormReference, PolicyChangeStatus } from '@praktijklus/domain';
import { normaliseNormRef } from '../signals/norm-ref';
import { poissonRateRatio } from './rate-ratio';
import { authorityKey, domainKey, normKey } from './signal-keys';

export const MAX_POLICY_CHANGE_PAGE_SIZE = 100;
/** The longest window an effect is measured over: ten years either side. */
export const MAX_EFFECT_WINDOW_DAYS = 3650;

export interface PolicyChangeRow {
  id: string;
  owner: string;
  title: string;
  description: string;
  policyDomain: string;
  norms: NormReference[];
  authorities: string[];
  /** ISO date (YYYY-MM-DD). */
  effectiveOn: string;
  escalationIds: string[];
  status: PolicyChangeStatus;
  recordedAt: string;
  amendedAt: string | null;
  withdrawnAt: string | null;
  withdrawnReason: string | null;
}

export interface PolicyChangeFilter {
  /** OR-ed; empty or absent means every status. */
  statuses?: readonly PolicyChangeStatus[];
  owner?: string;
  policyDomains?: readonly string[];
  escalationId?: string;
}

export interface ListPolicyChangesInput extends PageWindow {
  filter?: PolicyChangeFilter;
}

export type PolicyChangeEdge = PolicyChangeRow & { cursor: string };

export type PolicyChangePage = KeysetPage<PolicyChangeEdge>;

export const EFFECT_VERDICTS = ['DROPPED', 'ROSE', 'NO_CLEAR_CHANGE', 'TOO_EARLY'] as const;
export type EffectVerdict = (typeof EFFECT_VERDICTS)[number];

export interface PolicyEffect {
  windowDays: number;
  /** The before window is [beforeFrom, effectiveOn), the after window [effectiveOn, afterUntil). */
  beforeFrom: string;
  afterUntil: string;
  before: number;
  after: number;
  rateRatio: number | null;
  lower: number | null;
  upper: number | null;
  verdict: EffectVerdict;
}

type Params = Record<string, string | number | null>;
type StoredRow = Omit<PolicyChangeRow, 'norms' | 'authorities' | 'escalationIds'> & {
  norms: string;
  authorities: string;
  escalationIds: string;
};

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

const COLUMNS = `
  x.id, x.owner, x.title, x.description, x.policy_domain AS policyDomain, x.norms, x.authorities,
  x.effective_on AS effectiveOn, x.escalation_ids AS escalationIds, x.status, x.recorded_at AS recordedAt,
  x.amended_at AS amendedAt, x.withdrawn_at AS withdrawnAt, x.withdrawn_reason AS withdrawnReason`;

const toRow = (stored: StoredRow): PolicyChangeRow => ({
  ...stored,
  norms: JSON.parse(stored.norms) as NormReference[],
  authorities: JSON.parse(stored.authorities) as string[],
  escalationIds: JSON.parse(stored.escalationIds) as string[],
});

const whereClause = (conditions: string[]): string =>
  conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';

/** Policy changes, latest effective date first (then id), one page at a time. */
export function listPolicyChanges(db: Database, input: ListPolicyChangesInput): PolicyChangePage {
  const filter = input.filter ?? {};
  const read = keysetRead(input, MAX_POLICY_CHANGE_PAGE_SIZE);
  const params: Params = {};
  const where: string[] = [];
  const oneOf = (column: string, name: string, values: readonly string[] | undefined): void => {
    if (!values || values.length === 0) return;
    where.push(`${column} IN (SELECT value FROM json_each(@${name}))`);
    params[name] = JSON.stringify(values);
  };
  oneOf('x.status', 'statuses', filter.statuses);
  oneOf('x.policy_domain', 'policyDomains', filter.policyDomains);
  if (filter.owner !== undefined) {
    where.push('x.owner = @owner');
    params.owner = filter.owner;
  }
  if (filter.escalationId !== undefined) {
    where.push(
      'x.id IN (SELECT policy_change_id FROM policy_changes_escalations WHERE escalation_id = @escalationId)',
    );
    params.escalationId = filter.escalationId;
  }
  const { total } = statement<{ total: number }>(
    db,
    `SELECT COUNT(*) AS total FROM policy_changes x ${whereClause(where)}`,
  ).get(params) ?? { total: 0 };
  const paged = [...where];
  if (read.cursor !== null) {
    const cursor = decodeKeyCursor(read.cursor, read.cursorField);
    // Latest first: forward reads toward earlier dates, backward toward later ones.
    paged.push(`(x.effective_on, x.id) ${read.backward ? '>' : '<'} (@cursorEffectiveOn, @cursorId)`);
    params.cursorEffectiveOn = cursor.key;
    params.cursorId = cursor.id;
  }
  params.limit = read.limit + 1;
  const order = read.backward ? 'x.effective_on, x.id' : 'x.effective_on DESC, x.id DESC';
  const stored = statement<StoredRow>(
    db,
    `SELECT ${COLUMNS} FROM policy_changes x ${whereClause(paged)} ORDER BY ${order} LIMIT @limit`,
  ).all(params);
  return keysetPage(stored, read, total, (row) => ({
    ...toRow(row),
    cursor: encodeKeyCursor(row.effectiveOn, row.id),
  }));
}

export function getPolicyChange(db: Database, id: string): PolicyChangeRow | null {
  const stored = statement<StoredRow>(db, `SELECT ${COLUMNS} FROM policy_changes x WHERE x.id = @id`).get({
    id,
  });
  return stored ? toRow(stored) : null;
}

/**
 * The signals behind a change's escalations, in id order; with `visibleToAuthority`, only those that
 * authority reported (an officer's view of signals), so no other authority's signal is revealed.
 */
export function signalIdsOfPolicyChange(
  db: Database,
  change: PolicyChangeRow,
  visibleToAuthority?: string,
): string[] {
  const params: Params = { escalationIds: JSON.stringify(change.escalationIds) };
  if (visibleToAuthority !== undefined) params.authority = visibleToAuthority;
  return statement<{ signalId: string }>(
    db,
    `SELECT DISTINCT es.signal_id AS signalId FROM policy_changes_escalation_signals es
     ${visibleToAuthority === undefined ? '' : 'JOIN signals s ON s.signal_id = es.signal_id AND s.reporting_authority = @authority'}
     WHERE es.escalation_id IN (SELECT value FROM json_each(@escalationIds)) ORDER BY es.signal_id`,
  )
    .all(params)
    .map((row) => row.signalId);
}

/** The recorded (not withdrawn) changes a signal led to, through the escalations it is in. */
export function policyChangesOf(db: Database, signalId: string): PolicyChangeRow[] {
  return statement<StoredRow>(
    db,
    `SELECT ${COLUMNS} FROM policy_changes x
     WHERE x.status = 'RECORDED' AND x.id IN (
       SELECT pe.policy_change_id FROM policy_changes_escalation_signals es
       JOIN policy_changes_escalations pe ON pe.escalation_id = es.escalation_id
       WHERE es.signal_id = @signalId)
     ORDER BY x.effective_on DESC, x.id DESC`,
  )
    .all({ signalId })
    .map(toRow);
}

const DAY_MS = 86_400_000;

/** A calendar date `days` later (or earlier, negative); dates are UTC-free calendar days. */
export const addDays = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

// Only ACTIVE signals count (the keys hold no others): a duplicate reports the same case again, a
// withdrawn one was no case. DISTINCT: a signal naming two of the change's norms counts once.
const COUNT_BY_KEYS = `
  SELECT COALESCE(SUM(observed_on < @effectiveOn), 0) AS before,
         COALESCE(SUM(observed_on >= @effectiveOn), 0) AS after
  FROM (SELECT DISTINCT signal_id, observed_on FROM policy_changes_signal_keys
        WHERE key IN (SELECT value FROM json_each(@keys)) AND observed_on >= @from AND observed_on < @until)`;

/** Refuses a window outside 1..MAX_EFFECT_WINDOW_DAYS days. */
export const requireEffectWindow = (windowDays: number): number => {
  if (!Number.isInteger(windowDays) || windowDays < 1 || windowDays > MAX_EFFECT_WINDOW_DAYS) {
    throw new InvalidInput(
      'INVALID_WINDOW',
      `windowDays must be a whole number from 1 to ${MAX_EFFECT_WINDOW_DAYS}.`,
      'windowDays',
      { max: MAX_EFFECT_WINDOW_DAYS },
    );
  }
  return windowDays;
};

/**
 * Signals naming one of the change's norms (normalised as the signals read model stores them; with
 * no norms: of its policy domain and, when it names any, one of its authorities) observed in the
 * `windowDays` before `effectiveOn` against the `windowDays` from it, with the exact rate-ratio
 * interval. TOO_EARLY while the after window has not ended (Dutch date of `now`).
 */
export function policyChangeEffect(
  db: Database,
  change: PolicyChangeRow,
  windowDays: number,
  now: Date,
): PolicyEffect {
  const days = requireEffectWindow(windowDays);
  const from = addDays(change.effectiveOn, -days);
  const until = addDays(change.effectiveOn, days);
  const normRefs = [...new Set(change.norms.map((norm) => normaliseNormRef(norm.ref)))];
  const keys =
    normRefs.length > 0
      ? normRefs.map(normKey)
      : change.authorities.length > 0
        ? change.authorities.map((authority) => authorityKey(change.policyDomain, authority))
        : [domainKey(change.policyDomain)];
  const counts = statement<{ before: number; after: number }>(db, COUNT_BY_KEYS).get({
    effectiveOn: change.effectiveOn,
    from,
    until,
    keys: JSON.stringify(keys),
  }) ?? { before: 0, after: 0 };
  const interval = poissonRateRatio(counts.after, counts.before);
  return {
    windowDays: days,
    beforeFrom: from,
    afterUntil: until,
    before: counts.before,
    after: counts.after,
    ...interval,
    verdict: verdictOf(interval.lower, interval.upper, until > dutchDateOf(now.toISOString())),
  };
}

const verdictOf = (lower: number | null, upper: number | null, tooEarly: boolean): EffectVerdict => {
  if (tooEarly) return 'TOO_EARLY';
  if (upper !== null && upper < 1) return 'DROPPED';
  if (lower !== null && lower > 1) return 'ROSE';
  return 'NO_CLEAR_CHANGE';
};
