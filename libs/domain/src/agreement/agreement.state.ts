import { dutchDateOf, FollowUpAssessment } from '../shared';
import { AgreementEvent } from './agreement.events';

export interface FollowUp {
  heldOn: string;
  assessment: FollowUpAssessment;
  notes: string;
  nextFollowUpOn: string | null;
  recordedBy: string;
  recordedAt: string;
}

export interface AgreementDetails {
  id: string;
  title: string;
  commitment: string;
  owner: string;
  parties: string[];
  dueBy: string;
  firstFollowUpOn: string;
  escalationId: string | null;
  madeBy: string;
  madeAt: string;
  percent: number;
  progressNote: string | null;
  progressReportedAt: string | null;
  /** In the order they were recorded, which need not be the order they were held. */
  followUps: FollowUp[];
  /** Set by the follow-up held last (not recorded last); null when it planned none. */
  nextFollowUpOn: string | null;
  /** When the platform recorded that `dueBy` passed; null before. */
  dueDatePassedAt: string | null;
  /** Planned follow-up dates the platform recorded as missed, oldest first. */
  missedFollowUps: string[];
}

/** Plain JSON: the REST `GET` can return it as the agreement's current state. */
export type AgreementState =
  | { status: 'EMPTY' }
  | ({ status: 'OPEN' } & AgreementDetails)
  | ({ status: 'FULFILLED' } & AgreementDetails & { result: string; closedAt: string })
  | ({ status: 'UNMET' } & AgreementDetails & { reason: string; closedAt: string })
  | ({ status: 'CANCELLED' } & AgreementDetails & { reason: string; closedAt: string });

export type ExistingAgreementState = Exclude<AgreementState, { status: 'EMPTY' }>;

export const initialAgreementState = (): AgreementState => ({ status: 'EMPTY' });

const heldLast = (followUps: readonly FollowUp[]): FollowUp | undefined =>
  followUps.reduce<FollowUp | undefined>(
    (latest, followUp) => (latest === undefined || followUp.heldOn >= latest.heldOn ? followUp : latest),
    undefined,
  );

export const evolveAgreement = (state: AgreementState, event: AgreementEvent): AgreementState => {
  if (event.type === 'AgreementMade') {
    const { agreementId, ...made } = event.data;
    return {
      status: 'OPEN',
      id: agreementId,
      ...made,
      percent: 0,
      progressNote: null,
      progressReportedAt: null,
      followUps: [],
      nextFollowUpOn: made.firstFollowUpOn,
      dueDatePassedAt: null,
      missedFollowUps: [],
    };
  }
  // Events before AgreementMade cannot occur in a stream the deciders wrote.
  if (state.status === 'EMPTY') return state;
  switch (event.type) {
    case 'ProgressReported':
      return {
        ...state,
        percent: event.data.percent,
        progressNote: event.data.note,
        progressReportedAt: event.data.reportedAt,
      };
    case 'FollowUpRecorded': {
      const { agreementId: _agreementId, ...followUp } = event.data;
      const followUps = [...state.followUps, followUp];
      return { ...state, followUps, nextFollowUpOn: heldLast(followUps)?.nextFollowUpOn ?? null };
    }
    case 'AgreementFulfilled':
      return { ...state, status: 'FULFILLED', result: event.data.result, closedAt: event.data.fulfilledAt };
    case 'AgreementMarkedUnmet':
      return { ...state, status: 'UNMET', reason: event.data.reason, closedAt: event.data.markedAt };
    case 'AgreementCancelled':
      return { ...state, status: 'CANCELLED', reason: event.data.reason, closedAt: event.data.cancelledAt };
    case 'AgreementDueDatePassed':
      return { ...state, dueDatePassedAt: event.data.passedAt };
    case 'FollowUpMissed':
      return { ...state, missedFollowUps: [...state.missedFollowUps, event.data.followUpOn] };
    default: {
      const unknown: never = event;
      throw new Error(`unknown agreement event ${JSON.stringify(unknown)}`);
    }
  }
};

/** Overdue: still open and today (in the Netherlands) is past `dueBy`. */
export const isAgreementOverdue = (state: AgreementState, now: string): boolean =>
  state.status === 'OPEN' && dutchDateOf(now) > state.dueBy;

/** A follow-up is overdue when the planned date has passed and no later conversation was held. */
export const isFollowUpOverdue = (state: AgreementState, now: string): boolean =>
  state.status === 'OPEN' && state.nextFollowUpOn !== null && dutchDateOf(now) > state.nextFollowUpOn;
