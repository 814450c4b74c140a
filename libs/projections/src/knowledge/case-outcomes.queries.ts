import type { Database } from 'better-sqlite3';
import type {
  AgreementStatus,
  DecisionOutcome,
  EscalationStatus,
  ExperimentStatus,
  LegalRoute,
  PolicyConsequence,
} from '@praktijklus/domain';
import { cachedStatement } from '../signals/statement-cache';

/** An escalation as public accountability shows it: authorities, deadline and decision, no people. */
export interface CaseEscalation {
  id: string;
  title: string;
  status: EscalationStatus;
  raisedBy: string;
  addressedTo: string;
  raisedAt: string;
  /** ISO instant. */
  respondBy: string;
  deadlinePassed: boolean;
  decidedAt: string | null;
  outcome: DecisionOutcome | null;
  rationale: string | null;
  resolvedAt: string | null;
}

export interface CaseAgreement {
  id: string;
  escalationId: string;
  title: string;
  commitment: string;
  owner: string;
  status: AgreementStatus;
  dueBy: string;
  closingNote: string | null;
}

export interface CaseExperiment {
  id: string;
  escalationId: string;
  title: string;
  owner: string;
  legalRoute: LegalRoute;
  status: ExperimentStatus;
  endsOn: string;
  conclusion: string | null;
  policyConsequence: PolicyConsequence | null;
}

/** What followed an escalation. Policy changes join here once their read model exists. */
export interface CaseOutcome {
  escalation: CaseEscalation;
  agreements: CaseAgreement[];
  experiments: CaseExperiment[];
}

interface StoredCaseEscalation extends Omit<CaseEscalation, 'respondBy' | 'deadlinePassed'> {
  respondBy: number;
}

/** The escalations with these ids with what followed them, in the order asked; absent ones left out. */
export function caseOutcomes(db: Database, escalationIds: readonly string[], now: Date): CaseOutcome[] {
  if (escalationIds.length === 0) return [];
  const ids = { ids: JSON.stringify(escalationIds) };
  const escalations = cachedStatement<StoredCaseEscalation>(
    db,
    `SELECT id, title, status, raised_by AS raisedBy, addressed_to AS addressedTo, raised_at AS raisedAt,
       respond_by AS respondBy, decided_at AS decidedAt, outcome, rationale, resolved_at AS resolvedAt
     FROM escalation_board_escalations WHERE id IN (SELECT value FROM json_each(@ids))`,
  ).all(ids);
  const agreements = cachedStatement<CaseAgreement>(
    db,
    `SELECT id, escalation_id AS escalationId, title, commitment, owner, status, due_by AS dueBy,
       closing_note AS closingNote
     FROM agreements_agreements WHERE escalation_id IN (SELECT value FROM json_each(@ids)) ORDER BY made_at, id`,
  ).all(ids);
  const experiments = cachedStatement<CaseExperiment>(
    db,
    `SELECT id, escalation_id AS escalationId, title, owner, legal_route AS legalRoute, status, ends_on AS endsOn,
       conclusion, policy_consequence AS policyConsequence
     FROM experiments_experiments WHERE escalation_id IN (SELECT value FROM json_each(@ids))
     ORDER BY started_at, id`,
  ).all(ids);
  const byId = new Map(escalations.map((row) => [row.id, row]));
  return escalationIds.flatMap((id) => {
    const stored = byId.get(id);
    if (!stored) return [];
    const undecided = stored.status === 'RAISED' || stored.status === 'ACKNOWLEDGED';
    return [
      {
        escalation: {
          ...stored,
          respondBy: new Date(stored.respondBy).toISOString(),
          deadlinePassed: undecided && stored.respondBy < now.getTime(),
        },
        agreements: agreements.filter((row) => row.escalationId === id),
        experiments: experiments.filter((row) => row.escalationId === id),
      },
    ];
  });
}
