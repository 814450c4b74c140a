import type { RecordedEvent } from '@praktijklus/event-store';
import { addWorkingDays, endOfDutchDate } from '@praktijklus/reference';

/** What can expire, one row per kind and stream at most. */
export const DUE_KINDS = [
  'escalation-deadline',
  'escalation-non-response',
  'agreement-due-date',
  'agreement-follow-up',
  'experiment-evaluation',
] as const;
export type DueKind = (typeof DUE_KINDS)[number];

/** Something that falls due at `dueAt`: the reactor then asks the entity's decider to record it. */
export interface Due {
  kind: DueKind;
  streamId: string;
  entityId: string;
  /** The date or instant that expires, as the events name it; the command carries it back. */
  key: string;
  /** Epoch milliseconds from which it is due. */
  dueAt: number;
}

export type DueChange =
  | { op: 'set'; due: Due; anchor?: string }
  | { op: 'settle'; kind: DueKind; streamId: string; key?: string }
  | { op: 'clear-stream'; streamId: string };

export interface DueDateRules {
  /** `NON_RESPONSE_AFTER_WORKING_DAYS`: how long after a passed deadline non-response climbs. */
  nonResponseAfterWorkingDays: number;
}

const text = (data: Record<string, unknown>, field: string): string | undefined =>
  typeof data[field] === 'string' ? (data[field] as string) : undefined;

// Strictly after: a deadline has passed once now is later than it.
const afterInstant = (instant: string): number => Date.parse(instant) + 1;
const afterDate = (date: string): number => endOfDutchDate(date).getTime();

/**
 * How one event changes what is due. Pure: the reactor applies the changes in the transaction that
 * moves its checkpoint past the event, so the table is exactly what the log up to there implies.
 */
export function dueChangesOf(event: RecordedEvent, rules: DueDateRules): DueChange[] {
  const { streamId, data } = event;
  const set = (kind: DueKind, idField: string, key: string | undefined, dueAt: (key: string) => number) => {
    const entityId = text(data, idField);
    return key === undefined || entityId === undefined
      ? []
      : [{ op: 'set' as const, due: { kind, streamId, entityId, key, dueAt: dueAt(key) } }];
  };
  const deadline = (respondBy: string | undefined) =>
    set('escalation-deadline', 'escalationId', respondBy, afterInstant);
  switch (event.type) {
    case 'EscalationRaised':
      return deadline(text(data, 'respondBy'));
    case 'EscalationTransferred':
      return [
        { op: 'settle', kind: 'escalation-non-response', streamId },
        ...deadline(text(data, 'respondBy')),
      ];
    case 'EscalationReopened':
      // A reopen carries its new deadline (events written before it did have none to watch).
      return deadline(text(data, 'respondBy'));
    case 'EscalationDecided':
      return [
        { op: 'settle', kind: 'escalation-deadline', streamId },
        { op: 'settle', kind: 'escalation-non-response', streamId },
      ];
    case 'EscalationDeadlinePassed': {
      const respondBy = text(data, 'respondBy');
      return [
        { op: 'settle', kind: 'escalation-deadline', streamId, key: respondBy },
        ...set('escalation-non-response', 'escalationId', respondBy, (key) =>
          Math.max(
            afterInstant(key),
            addWorkingDays(new Date(key), rules.nonResponseAfterWorkingDays).getTime(),
          ),
        ),
      ];
    }
    case 'EscalationEscalatedForNonResponse':
      // With nobody above (`to` null) the event names no new deadline, and nothing more falls due.
      return [
        { op: 'settle', kind: 'escalation-non-response', streamId },
        ...deadline(text(data, 'respondBy')),
      ];
    case 'AgreementMade':
      return [
        ...set('agreement-due-date', 'agreementId', text(data, 'dueBy'), afterDate),
        ...set('agreement-follow-up', 'agreementId', text(data, 'firstFollowUpOn'), afterDate),
      ];
    case 'FollowUpRecorded': {
      // The follow-up held last (not recorded last) plans the next one: the anchor keeps its date.
      const heldOn = text(data, 'heldOn');
      const next = text(data, 'nextFollowUpOn');
      const entityId = text(data, 'agreementId');
      if (heldOn === undefined || entityId === undefined) return [];
      return [
        {
          op: 'set',
          anchor: heldOn,
          due: {
            kind: 'agreement-follow-up',
            streamId,
            entityId,
            key: next ?? '',
            dueAt: next === undefined ? Number.NaN : afterDate(next),
          },
        },
      ];
    }
    case 'AgreementDueDatePassed':
      return [{ op: 'settle', kind: 'agreement-due-date', streamId, key: text(data, 'dueBy') }];
    case 'FollowUpMissed':
      return [{ op: 'settle', kind: 'agreement-follow-up', streamId, key: text(data, 'followUpOn') }];
    case 'AgreementFulfilled':
    case 'AgreementMarkedUnmet':
    case 'AgreementCancelled':
    case 'ExperimentEvaluated':
    case 'ExperimentClosed':
      return [{ op: 'clear-stream', streamId }];
    case 'ExperimentStarted':
    case 'ExperimentExtended':
      return set('experiment-evaluation', 'experimentId', text(data, 'endsOn'), afterDate);
    case 'ExperimentEvaluationOverdue':
      return [{ op: 'settle', kind: 'experiment-evaluation', streamId, key: text(data, 'endsOn') }];
    default:
      return [];
  }
}
