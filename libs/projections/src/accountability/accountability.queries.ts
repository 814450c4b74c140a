import type { Database, Statement } from 'better-sqlite3';
import { dutchDateOf } from '@praktijklus/domain';

/** Field names follow `AuthorityAccountability` in API.md; `authority` is the authority id. */
export interface AuthorityAccountabilityRow {
  authority: string;
  /** Escalations addressed to it, counting each transfer to it as one received. */
  escalationsReceived: number;
  /** Received escalations it decided (the first decision while addressed to it; a reopening does not undo it). */
  escalationsDecided: number;
  /** Of those, decided at or before the `respondBy` it had at the time. */
  escalationsDecidedOnTime: number;
  /** escalationsDecidedOnTime / escalationsDecided; null when it decided none. */
  decidedOnTimeRate: number | null;
  /** From being raised to it or transferred to it until its first acknowledgement. */
  medianHoursToAcknowledge: number | null;
  /** From being raised to it or transferred to it until its first decision. */
  medianDaysToDecision: number | null;
  /** Addressed to it now, not decided, and `now` is past `respondBy` (a reopening's new one). */
  openOverdue: number;
  transfersIn: number;
  transfersOut: number;
  /** Wrongly addressed: transfersOut / escalationsReceived; null when it received none. */
  wronglyAddressedRate: number | null;
  /** Active signals it reported (not withdrawn, not marked duplicate). */
  signalsReported: number;
  /** Of those, of type UNCLEAR_AUTHORITY. */
  unclearAuthoritySignals: number;
  /** unclearAuthoritySignals / signalsReported; null when it reported none. */
  unclearAuthorityRate: number | null;
  /** The same per policy domain (its current one), for domains with an active signal, by code. */
  unclearAuthorityByDomain: UnclearAuthorityShare[];
  /** Agreements it owns. */
  agreementsOpen: number;
  agreementsFulfilled: number;
  agreementsUnmet: number;
  /** Open and today (Europe/Amsterdam) is after `dueBy`. */
  agreementsOverdue: number;
  /** Open and today (Europe/Amsterdam) is after the next follow-up date, none held since. */
  followUpsOverdue: number;
  /** Experiments it owns that are not evaluated and whose `endsOn` has passed. */
  experimentsOverdue: number;
  /** Escalations whose deadline it let pass until non-response climbed past it (or ended at it). */
  nonResponses: number;
}

export interface UnclearAuthorityShare {
  policyDomain: string;
  signals: number;
  unclearAuthoritySignals: number;
  unclearAuthorityRate: number;
}

export interface AccountabilityInput {
  authority?: string;
  /** Restricts to these authorities (e.g. a government layer resolved by the caller); [] gives []. */
  authorities?: readonly string[];
  now: Date;
}

type Params = Record<string, string | number | null>;

/** Due and end dates are calendar dates in the Netherlands, so "past" is judged on the Dutch date. */
const todayInAmsterdam = (now: Date): string => dutchDateOf(now.toISOString());

const statements = new WeakMap<Database, Map<string, Statement<[Params]>>>();

/** The authority scope changes the SQL text, so statements are cached per database and per text. */
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

interface Totals {
  authority: string;
  received: number;
  transfersIn: number;
  transfersOut: number;
  acknowledged: number;
  decided: number;
  decidedOnTime: number;
  agreementsOpen: number;
  agreementsFulfilled: number;
  agreementsUnmet: number;
  openOverdue: number;
  agreementsOverdue: number;
  followUpsOverdue: number;
  experimentsOverdue: number;
  signalsReported: number;
  unclearAuthoritySignals: number;
  nonResponses: number;
}

interface StoredShare {
  authority: string;
  policyDomain: string;
  signals: number;
  unclearAuthoritySignals: number;
}

const rate = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

/**
 * The middle one or two of an authority's durations, read in order from the partial index. The
 * LIMIT is literal: a bound LIMIT makes SQLite walk the index several times slower.
 */
const medianSql = (column: string, take: 1 | 2): string => `
  SELECT AVG(value) AS median FROM (
    SELECT ${column} AS value FROM accountability_receipts
    WHERE authority = @authority AND ${column} IS NOT NULL
    ORDER BY ${column} LIMIT ${take} OFFSET @skip
  )`;

const median = (db: Database, column: string, authority: string, n: number): number | null => {
  if (n === 0) return null;
  const sql = medianSql(column, n % 2 === 1 ? 1 : 2);
  return (
    statement<{ median: number | null }>(db, sql).get({ authority, skip: Math.floor((n - 1) / 2) })?.median ??
    null
  );
};

/**
 * One row per authority with any activity (an escalation addressed to it, an agreement or
 * experiment it owns, or a signal it reported), ordered by authority id. Authorities without activity are left out; a
 * caller that lists every authority fills them in as zero rows. Overdue counts use `now`.
 */
export function accountability(db: Database, input: AccountabilityInput): AuthorityAccountabilityRow[] {
  if (input.authorities && input.authorities.length === 0) return [];
  // Deadlines are stored as epoch milliseconds; calendar dates as fixed-width `YYYY-MM-DD`.
  const params: Params = { now: input.now.getTime(), today: todayInAmsterdam(input.now) };
  const where = (column: string): string => {
    const all: string[] = [];
    if (input.authority !== undefined) all.push(`${column} = @authority`);
    if (input.authorities) all.push(`${column} IN (SELECT value FROM json_each(@authorities))`);
    return all.length > 0 ? `WHERE ${all.join(' AND ')}` : '';
  };
  if (input.authority !== undefined) params.authority = input.authority;
  if (input.authorities) params.authorities = JSON.stringify(input.authorities);

  // The overdue counts are correlated per authority so each reads only the overdue range of an
  // (authority, status, date) index, however long the history.
  const totals = statement<Totals>(
    db,
    `SELECT a.authority, a.escalations_received AS received, a.transfers_in AS transfersIn,
            a.transfers_out AS transfersOut, a.acknowledged, a.decided, a.decided_on_time AS decidedOnTime,
            a.agreements_open AS agreementsOpen, a.agreements_fulfilled AS agreementsFulfilled,
            a.agreements_unmet AS agreementsUnmet, a.signals_reported AS signalsReported,
            a.unclear_authority_signals AS unclearAuthoritySignals,
            a.non_responses AS nonResponses,
            (SELECT COUNT(*) FROM accountability_escalations e
              WHERE e.addressed_to = a.authority AND e.status IN ('RAISED', 'ACKNOWLEDGED')
                AND e.respond_by < @now) AS openOverdue,
            (SELECT COUNT(*) FROM accountability_agreements g
              WHERE g.owner = a.authority AND g.status = 'OPEN' AND g.due_by < @today) AS agreementsOverdue,
            (SELECT COUNT(*) FROM accountability_agreements g
              WHERE g.owner = a.authority AND g.status = 'OPEN' AND g.next_follow_up_on < @today)
              AS followUpsOverdue,
            (SELECT COUNT(*) FROM accountability_experiments x
              WHERE x.owner = a.authority AND x.status = 'RUNNING' AND x.ends_on < @today) AS experimentsOverdue
     FROM accountability_authorities a ${where('a.authority')} ORDER BY a.authority`,
  ).all(params);
  const shares = new Map<string, UnclearAuthorityShare[]>();
  const storedShares = statement<StoredShare>(
    db,
    `SELECT s.authority, s.policy_domain AS policyDomain, s.signals,
            s.unclear_authority_signals AS unclearAuthoritySignals
     FROM accountability_signal_shares s ${where('s.authority')} ORDER BY s.authority, s.policy_domain`,
  ).all(params);
  for (const share of storedShares) {
    const perAuthority = shares.get(share.authority) ?? [];
    perAuthority.push({
      policyDomain: share.policyDomain,
      signals: share.signals,
      unclearAuthoritySignals: share.unclearAuthoritySignals,
      unclearAuthorityRate: share.unclearAuthoritySignals / share.signals,
    });
    shares.set(share.authority, perAuthority);
  }
  return totals.map((t) => ({
    authority: t.authority,
    escalationsReceived: t.received,
    escalationsDecided: t.decided,
    escalationsDecidedOnTime: t.decidedOnTime,
    decidedOnTimeRate: rate(t.decidedOnTime, t.decided),
    medianHoursToAcknowledge: median(db, 'hours_to_acknowledge', t.authority, t.acknowledged),
    medianDaysToDecision: median(db, 'days_to_decision', t.authority, t.decided),
    openOverdue: t.openOverdue,
    transfersIn: t.transfersIn,
    transfersOut: t.transfersOut,
    wronglyAddressedRate: rate(t.transfersOut, t.received),
    signalsReported: t.signalsReported,
    unclearAuthoritySignals: t.unclearAuthoritySignals,
    unclearAuthorityRate: rate(t.unclearAuthoritySignals, t.signalsReported),
    unclearAuthorityByDomain: shares.get(t.authority) ?? [],
    agreementsOpen: t.agreementsOpen,
    agreementsFulfilled: t.agreementsFulfilled,
    agreementsUnmet: t.agreementsUnmet,
    agreementsOverdue: t.agreementsOverdue,
    followUpsOverdue: t.followUpsOverdue,
    experimentsOverdue: t.experimentsOverdue,
    nonResponses: t.nonResponses,
  }));
}
