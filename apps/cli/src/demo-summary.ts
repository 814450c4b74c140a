import { dutchDateOf } from '@praktijklus/domain';
import type { DemoStep } from './demo-steps';

export interface DemoSummary {
  signals: number;
  withInitiative: number;
  withdrawn: number;
  duplicates: number;
  conflictSignals: number;
  escalations: Record<'RAISED' | 'ACKNOWLEDGED' | 'DECIDED' | 'RESOLVED', number>;
  overdueEscalations: number;
  transfers: number;
  agreements: Record<'OPEN' | 'FULFILLED' | 'UNMET' | 'CANCELLED', number>;
  overdueAgreements: number;
  followUpsOverdue: number;
  experiments: Record<'RUNNING' | 'EVALUATED' | 'CLOSED', number>;
  overdueExperiments: number;
}

/** What the history leaves at `now`: the figures the views should show once projected. */
export function summariseDemoHistory(steps: readonly DemoStep[], now: Date): DemoSummary {
  const today = dutchDateOf(now.toISOString());
  const summary: DemoSummary = {
    signals: 0,
    withInitiative: 0,
    withdrawn: 0,
    duplicates: 0,
    conflictSignals: 0,
    escalations: { RAISED: 0, ACKNOWLEDGED: 0, DECIDED: 0, RESOLVED: 0 },
    overdueEscalations: 0,
    transfers: 0,
    agreements: { OPEN: 0, FULFILLED: 0, UNMET: 0, CANCELLED: 0 },
    overdueAgreements: 0,
    followUpsOverdue: 0,
    experiments: { RUNNING: 0, EVALUATED: 0, CLOSED: 0 },
    overdueExperiments: 0,
  };
  const escalations = new Map<string, { status: keyof DemoSummary['escalations']; respondBy: string }>();
  const agreements = new Map<
    string,
    { status: keyof DemoSummary['agreements']; dueBy: string; next: string | null }
  >();
  const experiments = new Map<string, { status: keyof DemoSummary['experiments']; endsOn: string }>();
  for (const step of steps) {
    switch (step.kind) {
      case 'signal':
        if (step.command.type === 'RecordSignal') {
          summary.signals += 1;
          if (step.command.data.initiative) summary.withInitiative += 1;
          if (step.command.data.type === 'CONFLICTING_NORMS') summary.conflictSignals += 1;
        }
        if (step.command.type === 'WithdrawSignal') summary.withdrawn += 1;
        break;
      case 'mark-duplicate':
        summary.duplicates += 1;
        break;
      case 'raise-escalation':
        escalations.set(step.escalationId, { status: 'RAISED', respondBy: step.respondBy });
        break;
      case 'attach-signals':
        break;
      case 'escalation': {
        const escalation = escalations.get(step.escalationId);
        if (!escalation) break;
        const command = step.command;
        if (command.type === 'TransferEscalation') {
          summary.transfers += 1;
          escalations.set(step.escalationId, { status: 'RAISED', respondBy: command.data.respondBy });
        } else if (command.type === 'ReopenEscalation') {
          escalations.set(step.escalationId, { status: 'ACKNOWLEDGED', respondBy: command.data.respondBy });
        } else if (command.type === 'AcknowledgeEscalation') {
          escalation.status = 'ACKNOWLEDGED';
        } else if (command.type === 'DecideEscalation') {
          escalation.status = 'DECIDED';
        } else if (command.type === 'ResolveEscalation') {
          escalation.status = 'RESOLVED';
        }
        break;
      }
      case 'make-agreement':
        agreements.set(step.agreementId, { status: 'OPEN', dueBy: step.dueBy, next: step.firstFollowUpOn });
        break;
      case 'agreement': {
        const agreement = agreements.get(step.agreementId);
        if (!agreement) break;
        const command = step.command;
        if (command.type === 'RecordFollowUp') agreement.next = command.data.nextFollowUpOn;
        else if (command.type === 'FulfilAgreement') agreement.status = 'FULFILLED';
        else if (command.type === 'MarkAgreementUnmet') agreement.status = 'UNMET';
        else if (command.type === 'CancelAgreement') agreement.status = 'CANCELLED';
        break;
      }
      case 'start-experiment':
        experiments.set(step.experimentId, { status: 'RUNNING', endsOn: step.endsOn });
        break;
      case 'experiment': {
        const experiment = experiments.get(step.experimentId);
        if (!experiment) break;
        const command = step.command;
        if (command.type === 'ExtendExperiment') experiment.endsOn = command.data.endsOn;
        else if (command.type === 'EvaluateExperiment') experiment.status = 'EVALUATED';
        else experiment.status = 'CLOSED';
        break;
      }
      default: {
        const unknown: never = step;
        throw new Error(`unknown demo step ${JSON.stringify(unknown)}`);
      }
    }
  }
  for (const escalation of escalations.values()) {
    summary.escalations[escalation.status] += 1;
    const open = escalation.status === 'RAISED' || escalation.status === 'ACKNOWLEDGED';
    if (open && Date.parse(escalation.respondBy) < now.getTime()) summary.overdueEscalations += 1;
  }
  for (const agreement of agreements.values()) {
    summary.agreements[agreement.status] += 1;
    if (agreement.status === 'OPEN' && agreement.dueBy < today) summary.overdueAgreements += 1;
    if (agreement.status === 'OPEN' && agreement.next !== null && agreement.next < today)
      summary.followUpsOverdue += 1;
  }
  for (const experiment of experiments.values()) {
    summary.experiments[experiment.status] += 1;
    if (experiment.status === 'RUNNING' && experiment.endsOn < today) summary.overdueExperiments += 1;
  }
  return summary;
}
