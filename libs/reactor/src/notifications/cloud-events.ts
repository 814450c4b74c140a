import { CloudEvent, HTTP } from 'cloudevents';
import type { RecordedEvent } from '@praktijklus/event-store';
import { pageLinkOf } from './links';

/** The CloudEvents `type` of each domain event a subscriber can receive. */
export const NOTIFICATION_TYPE_OF: Readonly<Record<string, string>> = {
  SignalRecorded: 'nl.praktijklus.signal.recorded',
  EscalationRaised: 'nl.praktijklus.escalation.raised',
  EscalationAcknowledged: 'nl.praktijklus.escalation.acknowledged',
  EscalationTransferred: 'nl.praktijklus.escalation.transferred',
  EscalationDecided: 'nl.praktijklus.escalation.decided',
  EscalationResolved: 'nl.praktijklus.escalation.resolved',
  EscalationReopened: 'nl.praktijklus.escalation.reopened',
  EscalationDeadlinePassed: 'nl.praktijklus.escalation.deadline-passed',
  EscalationEscalatedForNonResponse: 'nl.praktijklus.escalation.escalated-for-non-response',
  AgreementMade: 'nl.praktijklus.agreement.made',
  AgreementDueDatePassed: 'nl.praktijklus.agreement.due-date-passed',
  FollowUpMissed: 'nl.praktijklus.agreement.follow-up-missed',
  AgreementFulfilled: 'nl.praktijklus.agreement.fulfilled',
  AgreementMarkedUnmet: 'nl.praktijklus.agreement.unmet',
  ExperimentStarted: 'nl.praktijklus.experiment.started',
  ExperimentEvaluationOverdue: 'nl.praktijklus.experiment.evaluation-overdue',
  ExperimentEvaluated: 'nl.praktijklus.experiment.evaluated',
};

export const NOTIFICATION_TYPES: readonly string[] = Object.values(NOTIFICATION_TYPE_OF);

/** Identifies this platform as the producer (NL GOV profile: a URN when no URL of the source applies). */
export const CLOUD_EVENT_SOURCE = 'urn:nld:praktijklus';

// Free text and people: the log keeps who reported or raised and what they wrote; a notification
// leaving the platform says what happened to which entity, never who or the initiative's details.
const WITHHELD = new Set([
  'initiative',
  'location',
  'reportedBy',
  'raisedByUser',
  'recordedBy',
  'madeBy',
  'description',
  'notes',
  'note',
]);

const ENTITY_ID_FIELDS = ['signalId', 'escalationId', 'agreementId', 'experimentId'] as const;

/** The id of the entity the event is about: the CloudEvent's `subject`. */
export const subjectOf = (event: RecordedEvent): string => {
  for (const field of ENTITY_ID_FIELDS) {
    const value = event.data[field];
    if (typeof value === 'string') return value;
  }
  return event.streamId;
};

export const notificationDataOf = (event: RecordedEvent): Record<string, unknown> =>
  Object.fromEntries(Object.entries(event.data).filter(([key]) => !WITHHELD.has(key)));

/**
 * The CloudEvents extension attribute with the app's page of the entity (lower-case letters only,
 * as the specification requires of attribute names); present only when PUBLIC_URL is set.
 */
export const PAGE_LINK_ATTRIBUTE = 'praktijklusweblink';

/** The structured-mode CloudEvents JSON of an event, or undefined for events nobody subscribes to. */
export function cloudEventOf(
  event: RecordedEvent,
  publicUrl?: string,
): { type: string; body: string } | undefined {
  const type = NOTIFICATION_TYPE_OF[event.type];
  if (type === undefined) return undefined;
  const link = pageLinkOf(publicUrl, type, subjectOf(event));
  const cloudEvent = new CloudEvent({
    specversion: '1.0',
    id: event.id,
    source: CLOUD_EVENT_SOURCE,
    type,
    subject: subjectOf(event),
    time: new Date(event.recordedAt).toISOString(),
    datacontenttype: 'application/json',
    data: notificationDataOf(event),
    ...(link === undefined ? {} : { [PAGE_LINK_ATTRIBUTE]: link }),
  });
  return { type, body: String(HTTP.structured(cloudEvent).body) };
}
