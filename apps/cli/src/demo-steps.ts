import type {
  AcknowledgeEscalation,
  Actor,
  AmendSignal,
  CancelAgreement,
  ClassifySignal,
  CloseExperiment,
  DecideEscalation,
  EvaluateExperiment,
  ExtendExperiment,
  FulfilAgreement,
  InvolveAuthority,
  LegalRoute,
  MarkAgreementUnmet,
  RecordFollowUp,
  RecordSignal,
  ReopenEscalation,
  ReportProgress,
  ResolveEscalation,
  TransferEscalation,
  WithdrawSignal,
} from '@praktijklus/domain';
import type { InitiativeData } from '@praktijklus/commands';

/**
 * One command of the demo's history, at the moment it was given (`at`, the command's `now`).
 * Commands that need facts from other streams (signals of an escalation, the escalation of an
 * agreement) name those streams; the replay loads them the way the REST handlers do.
 */
export type DemoStep =
  | {
      kind: 'signal';
      at: number;
      signalId: string;
      command: RecordSignal | AmendSignal | ClassifySignal | WithdrawSignal;
      /** Personal data to keep in the vault under the command's reference once it is recorded. */
      initiative?: InitiativeData;
    }
  | { kind: 'mark-duplicate'; at: number; actor: Actor; now: string; signalId: string; duplicateOf: string }
  | {
      kind: 'escalation';
      at: number;
      escalationId: string;
      command:
        | AcknowledgeEscalation
        | InvolveAuthority
        | TransferEscalation
        | DecideEscalation
        | ResolveEscalation
        | ReopenEscalation;
    }
  | {
      kind: 'raise-escalation';
      at: number;
      actor: Actor;
      now: string;
      escalationId: string;
      title: string;
      reason: string;
      addressedTo: string;
      respondBy: string;
      signalIds: string[];
    }
  | {
      kind: 'attach-signals';
      at: number;
      actor: Actor;
      now: string;
      escalationId: string;
      signalIds: string[];
    }
  | {
      kind: 'agreement';
      at: number;
      agreementId: string;
      command: ReportProgress | RecordFollowUp | FulfilAgreement | MarkAgreementUnmet | CancelAgreement;
    }
  | {
      kind: 'make-agreement';
      at: number;
      actor: Actor;
      now: string;
      agreementId: string;
      title: string;
      commitment: string;
      owner: string;
      parties: string[];
      dueBy: string;
      firstFollowUpOn: string;
      escalationId: string | null;
    }
  | {
      kind: 'experiment';
      at: number;
      experimentId: string;
      command: ExtendExperiment | EvaluateExperiment | CloseExperiment;
    }
  | {
      kind: 'start-experiment';
      at: number;
      actor: Actor;
      now: string;
      experimentId: string;
      escalationId: string;
      title: string;
      hypothesis: string;
      legalRoute: LegalRoute;
      startsOn: string;
      endsOn: string;
    };

export interface DemoOptions {
  signals: number;
  seed: number;
  /** The present the history leads up to; nothing happens after it. */
  now: Date;
  /** The default response term of an escalation (ESCALATION_RESPONSE_WORKING_DAYS). */
  responseWorkingDays: number;
}
