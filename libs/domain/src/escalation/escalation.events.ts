import { DecisionOutcome, DomainEvent } from '../shared';

export type EscalationRaised = DomainEvent<
  'EscalationRaised',
  {
    escalationId: string;
    title: string;
    reason: string;
    signalIds: string[];
    /** The raising authority. */
    raisedBy: string;
    /** The user (token `sub`) who raised it. */
    raisedByUser: string;
    addressedTo: string;
    respondBy: string;
    raisedAt: string;
  }
>;
export type EscalationAcknowledged = DomainEvent<
  'EscalationAcknowledged',
  { escalationId: string; note?: string; acknowledgedAt: string }
>;
export type AuthorityInvolved = DomainEvent<
  'AuthorityInvolved',
  { escalationId: string; authority: string; reason: string; involvedAt: string }
>;
export type SignalsAttached = DomainEvent<
  'SignalsAttached',
  { escalationId: string; signalIds: string[]; attachedAt: string }
>;
export type EscalationTransferred = DomainEvent<
  'EscalationTransferred',
  { escalationId: string; from: string; to: string; reason: string; respondBy: string; transferredAt: string }
>;
export type EscalationDecided = DomainEvent<
  'EscalationDecided',
  {
    escalationId: string;
    outcome: DecisionOutcome;
    rationale: string;
    decidedAt: string;
    /** The deciding (then addressed) authority; absent in events written before it was added. */
    decidedBy?: string;
  }
>;
export type EscalationResolved = DomainEvent<
  'EscalationResolved',
  { escalationId: string; summary: string; resolvedAt: string }
>;
export type EscalationReopened = DomainEvent<
  'EscalationReopened',
  {
    escalationId: string;
    reason: string;
    /** The new deadline; absent on reopenings recorded before issue 21, which kept the old one. */
    respondBy?: string;
    reopenedAt: string;
  }
>;

/** Recorded by the platform once per deadline: the addressed authority did not decide in time. */
export type EscalationDeadlinePassed = DomainEvent<
  'EscalationDeadlinePassed',
  {
    escalationId: string;
    /** The deadline that passed. */
    respondBy: string;
    /** The authority the deadline waited on. */
    awaited: string;
    passedAt: string;
  }
>;
/**
 * Recorded by the platform when a passed deadline stayed unanswered: the next authority in the chain
 * (municipality → province → ministry) is involved with a new deadline, or, with `to` null, the chain
 * ended at an authority that has nobody above it.
 */
export type EscalationEscalatedForNonResponse = DomainEvent<
  'EscalationEscalatedForNonResponse',
  {
    escalationId: string;
    /** The authority that did not respond. */
    from: string;
    to: string | null;
    /** The new deadline; null when the chain ended. */
    respondBy: string | null;
    escalatedAt: string;
  }
>;

export type EscalationEvent =
  | EscalationRaised
  | EscalationAcknowledged
  | AuthorityInvolved
  | SignalsAttached
  | EscalationTransferred
  | EscalationDecided
  | EscalationResolved
  | EscalationReopened
  | EscalationDeadlinePassed
  | EscalationEscalatedForNonResponse;
