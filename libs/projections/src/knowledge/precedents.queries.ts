import type { Database } from 'better-sqlite3';
import { InvalidInput } from '@praktijklus/domain';
import { normaliseNormRef } from '../signals/norm-ref';
import { cachedStatement } from '../signals/statement-cache';
import { caseOutcomes, type CaseOutcome } from './case-outcomes.queries';

export const MAX_PRECEDENTS = 20;

export type PrecedentBasis = 'SHARED_NORM' | 'SAME_TYPE_AND_DOMAIN';

export interface PrecedentRow extends CaseOutcome {
  basis: PrecedentBasis;
  /** How many of the signal's norms the escalation's signals share (0 on type and domain). */
  sharedNormCount: number;
}

interface Match {
  id: string;
  shared: number;
}

/**
 * Decided escalations whose signals share norms with this signal (else its type and policy domain),
 * most shared norms first, then most recently decided. Escalations the signal is in itself are not
 * precedents. Null when the signal does not exist.
 */
export function precedentsOf(
  db: Database,
  signalId: string,
  first: number,
  now: Date,
): PrecedentRow[] | null {
  if (!Number.isInteger(first) || first < 0) {
    throw new InvalidInput('INVALID_PAGE_SIZE', 'first must be a whole number of at least 0.', 'first');
  }
  const own = cachedStatement<{ norms: string; type: string; policyDomain: string; escalationIds: string }>(
    db,
    `SELECT norms, type, policy_domain AS policyDomain, escalation_ids AS escalationIds
     FROM signals WHERE signal_id = @id`,
  ).get({ id: signalId });
  if (!own) return null;
  const limit = Math.min(first, MAX_PRECEDENTS);
  if (limit === 0) return [];
  const refs = [
    ...new Set((JSON.parse(own.norms) as Array<{ ref: string }>).map((norm) => normaliseNormRef(norm.ref))),
  ];
  const params = { refs: JSON.stringify(refs), own: own.escalationIds, limit };
  // Walks the escalated signals only (signals_escalations), never all signals.
  const byNorms = cachedStatement<Match>(
    db,
    `SELECT se.escalation_id AS id, COUNT(DISTINCT n.norm_ref) AS shared
     FROM signals_escalations se
     JOIN signals s ON s.signal_id = se.signal_id
     JOIN signals_norms n ON n.seq = s.seq AND n.norm_ref IN (SELECT value FROM json_each(@refs))
     JOIN escalation_board_escalations e ON e.id = se.escalation_id AND e.decided_at IS NOT NULL
     WHERE se.escalation_id NOT IN (SELECT value FROM json_each(@own))
     GROUP BY se.escalation_id
     ORDER BY shared DESC, MAX(e.decided_at) DESC, se.escalation_id LIMIT @limit`,
  ).all(params);
  const matches =
    byNorms.length > 0
      ? byNorms
      : cachedStatement<Match>(
          db,
          `SELECT se.escalation_id AS id, 0 AS shared
           FROM signals_escalations se
           JOIN signals s ON s.signal_id = se.signal_id AND s.type = @type AND s.policy_domain = @policyDomain
           JOIN escalation_board_escalations e ON e.id = se.escalation_id AND e.decided_at IS NOT NULL
           WHERE se.escalation_id NOT IN (SELECT value FROM json_each(@own))
           GROUP BY se.escalation_id
           ORDER BY MAX(e.decided_at) DESC, se.escalation_id LIMIT @limit`,
        ).all({ own: own.escalationIds, limit, type: own.type, policyDomain: own.policyDomain });
  const shared = new Map(matches.map((match) => [match.id, match.shared]));
  return caseOutcomes(
    db,
    matches.map((match) => match.id),
    now,
  ).map((outcome) => {
    const count = shared.get(outcome.escalation.id) ?? 0;
    return { ...outcome, basis: count > 0 ? 'SHARED_NORM' : 'SAME_TYPE_AND_DOMAIN', sharedNormCount: count };
  });
}
