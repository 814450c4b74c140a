import type { Database } from 'better-sqlite3';
import type {
  AgreementStatus,
  DecisionOutcome,
  EscalationStatus,
  ExperimentStatus,
  PolicyConsequence,
  SignalStatus,
} from '@praktijklus/domain';
import { caseOutcomes, getSignal, type CaseOutcome } from '@praktijklus/projections';
import type { ReferenceData } from '@praktijklus/reference';

/**
 * Plain Dutch (B1) for each state the initiative may see. Built here, so the page and any other
 * client show the same words; codes stay alongside for machines.
 */
const SIGNAL_STATUS: Record<SignalStatus, string> = {
  ACTIVE: 'Uw melding is ontvangen en in behandeling.',
  DUPLICATE: 'Uw melding is samengevoegd met een melding over hetzelfde probleem.',
  WITHDRAWN: 'Deze melding is ingetrokken.',
};
const ESCALATION_STATUS: Record<EscalationStatus, string> = {
  RAISED: 'Voorgelegd. We wachten op een reactie.',
  ACKNOWLEDGED: 'In behandeling. Er komt een besluit.',
  DECIDED: 'Er is een besluit genomen.',
  RESOLVED: 'Afgerond.',
};
const OUTCOME: Record<DecisionOutcome, string> = {
  POLICY_ADJUSTED: 'Het beleid wordt aangepast.',
  EXPERIMENT_GRANTED: 'Er mag een proef worden gedaan.',
  CUSTOM_SOLUTION: 'Er komt een oplossing op maat.',
  NO_CHANGE: 'Er verandert niets.',
  REFERRED: 'Het is doorgestuurd naar een andere overheid.',
};
const AGREEMENT_STATUS: Record<AgreementStatus, string> = {
  OPEN: 'Loopt nog.',
  FULFILLED: 'Nagekomen.',
  UNMET: 'Niet nagekomen.',
  CANCELLED: 'Vervallen.',
};
const EXPERIMENT_STATUS: Record<ExperimentStatus, string> = {
  RUNNING: 'De proef loopt.',
  EVALUATED: 'De proef is beoordeeld.',
  CLOSED: 'De proef is afgesloten.',
};
const CONSEQUENCE: Record<PolicyConsequence, string> = {
  ADOPT_IN_POLICY: 'De aanpak wordt vast beleid.',
  ADJUST_AND_CONTINUE: 'De aanpak wordt aangepast en gaat door.',
  STOP: 'De aanpak stopt.',
  NO_CONSEQUENCE: 'Geen gevolgen voor het beleid.',
};

export interface FollowStatus {
  title: string;
  status: SignalStatus;
  statusText: string;
  escalations: Array<{
    title: string;
    status: EscalationStatus;
    statusText: string;
    raisedBy: string;
    addressedTo: string;
    raisedAt: string;
    respondBy: string;
    deadlinePassed: boolean;
    decision: { outcome: DecisionOutcome; outcomeText: string; rationale: string; decidedAt: string } | null;
    agreements: Array<{
      title: string;
      commitment: string;
      owner: string;
      dueBy: string;
      status: AgreementStatus;
      statusText: string;
    }>;
    experiments: Array<{
      title: string;
      owner: string;
      endsOn: string;
      status: ExperimentStatus;
      statusText: string;
      conclusion: string | null;
      policyConsequence: PolicyConsequence | null;
      policyConsequenceText: string | null;
    }>;
  }>;
  /** Policy changes that followed, with their effect; filled once policy changes have a read model. */
  policyChanges: never[];
}

/**
 * What an initiative may read of its own case: no person, no contact data, no description or
 * notes, nothing of other signals. Null when the signal is not (yet) in the read model.
 */
export function followStatusOf(
  db: Database,
  reference: ReferenceData,
  signalId: string,
  now: Date,
): FollowStatus | null {
  const signal = getSignal(db, signalId);
  if (signal === null) return null;
  const nameOf = (authority: string): string => reference.authority(authority)?.name ?? authority;
  return {
    title: signal.title,
    status: signal.status,
    statusText: SIGNAL_STATUS[signal.status],
    escalations: caseOutcomes(db, signal.escalationIds, now).map((outcome: CaseOutcome) => {
      const { escalation } = outcome;
      return {
        title: escalation.title,
        status: escalation.status,
        statusText: ESCALATION_STATUS[escalation.status],
        raisedBy: nameOf(escalation.raisedBy),
        addressedTo: nameOf(escalation.addressedTo),
        raisedAt: escalation.raisedAt,
        respondBy: escalation.respondBy,
        deadlinePassed: escalation.deadlinePassed,
        decision:
          escalation.outcome !== null && escalation.decidedAt !== null
            ? {
                outcome: escalation.outcome,
                outcomeText: OUTCOME[escalation.outcome],
                rationale: escalation.rationale ?? '',
                decidedAt: escalation.decidedAt,
              }
            : null,
        agreements: outcome.agreements.map((agreement) => ({
          title: agreement.title,
          commitment: agreement.commitment,
          owner: nameOf(agreement.owner),
          dueBy: agreement.dueBy,
          status: agreement.status,
          statusText: AGREEMENT_STATUS[agreement.status],
        })),
        experiments: outcome.experiments.map((experiment) => ({
          title: experiment.title,
          owner: nameOf(experiment.owner),
          endsOn: experiment.endsOn,
          status: experiment.status,
          statusText: EXPERIMENT_STATUS[experiment.status],
          conclusion: experiment.conclusion,
          policyConsequence: experiment.policyConsequence,
          policyConsequenceText:
            experiment.policyConsequence === null ? null : CONSEQUENCE[experiment.policyConsequence],
        })),
      };
    }),
    policyChanges: [],
  };
}
