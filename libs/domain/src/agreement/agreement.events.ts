import { DomainEvent, FollowUpAssessment } from '../shared';

export type AgreementMade = DomainEvent<
  'AgreementMade',
  {
    agreementId: string;
    title: string;
    commitment: string;
    /** The authority that owns the agreement and answers for it. */
    owner: string;
    /** Authorities bound by the agreement; always includes the owner. */
    parties: string[];
    /** ISO date (YYYY-MM-DD). */
    dueBy: string;
    firstFollowUpOn: string;
    escalationId: string | null;
    madeBy: string;
    madeAt: string;
  }
>;
export type ProgressReported = DomainEvent<
  'ProgressReported',
  { agreementId: string; percent: number; note: string; reportedAt: string }
>;
export type FollowUpRecorded = DomainEvent<
  'FollowUpRecorded',
  {
    agreementId: string;
    heldOn: string;
    assessment: FollowUpAssessment;
    notes: string;
    nextFollowUpOn: string | null;
    recordedBy: string;
    recordedAt: string;
  }
>;
export type AgreementFulfilled = DomainEvent<
  'AgreementFulfilled',
  { agreementId: string; result: string; fulfilledAt: string }
>;
export type AgreementMarkedUnmet = DomainEvent<
  'AgreementMarkedUnmet',
  { agreementId: string; reason: string; markedAt: string }
>;
export type AgreementCancelled = DomainEvent<
  'AgreementCancelled',
  { agreementId: string; reason: string; cancelledAt: string }
>;

/** Recorded by the platform once: the agreement is still open the day after `dueBy`. */
export type AgreementDueDatePassed = DomainEvent<
  'AgreementDueDatePassed',
  { agreementId: string; dueBy: string; passedAt: string }
>;
/** Recorded by the platform once per planned date: no follow-up conversation was held by then. */
export type FollowUpMissed = DomainEvent<
  'FollowUpMissed',
  { agreementId: string; followUpOn: string; missedAt: string }
>;

export type AgreementEvent =
  | AgreementMade
  | ProgressReported
  | FollowUpRecorded
  | AgreementFulfilled
  | AgreementMarkedUnmet
  | AgreementCancelled
  | AgreementDueDatePassed
  | FollowUpMissed;
