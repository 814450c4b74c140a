import { Actor, DecisionOutcome, EscalationStatus, hasRole, instantMillis } from '../shared';
import { EscalationEvent } from './escalation.events';

export interface EscalationDetails {
  id: string;
  title: string;
  reason: string;
  signalIds: string[];
  /** The raising authority. */
  raisedBy: string;
  raisedByUser: string;
  raisedAt: string;
  addressedTo: string;
  respondBy: string;
  /** Authorities involved besides the raising and the addressed one. */
  involvedAuthorities: string[];
  /** Authorities the escalation was transferred away from, oldest first. */
  previousAddressees: string[];
  acknowledgedAt: string | null;
  reopenedAt: string | null;
  /** The authority the current deadline waits on: the addressee, or the one non-response climbed to. */
  awaited: string;
  /** When the current deadline was recorded as passed; null while it has not (or was moved). */
  deadlinePassedAt: string | null;
  /** Authorities non-response climbed to, in order. */
  climbedTo: string[];
  /** Non-response reached an authority with nobody above it. */
  chainEnded: boolean;
}

interface Undecided {
  outcome: null;
  rationale: null;
  decidedBy: null;
  decidedAt: null;
  summary: null;
  resolvedAt: null;
}

interface Decided {
  outcome: DecisionOutcome;
  rationale: string;
  /** The authority that decided: the addressee at the time of the decision. */
  decidedBy: string;
  decidedAt: string;
}

/** Plain JSON: the REST `GET` can return it as the escalation's current state. */
export type EscalationState =
  | { status: 'EMPTY' }
  | ({ status: 'RAISED' } & EscalationDetails & Undecided)
  | ({ status: 'ACKNOWLEDGED' } & EscalationDetails & Undecided)
  | ({ status: 'DECIDED' } & EscalationDetails & Decided & { summary: null; resolvedAt: null })
  | ({ status: 'RESOLVED' } & EscalationDetails & Decided & { summary: string; resolvedAt: string });

export type ExistingEscalationState = Exclude<EscalationState, { status: 'EMPTY' }>;

const UNDECIDED: Undecided = {
  outcome: null,
  rationale: null,
  decidedBy: null,
  decidedAt: null,
  summary: null,
  resolvedAt: null,
};

export const initialEscalationState = (): EscalationState => ({ status: 'EMPTY' });

export const evolveEscalation = (state: EscalationState, event: EscalationEvent): EscalationState => {
  if (event.type === 'EscalationRaised') {
    const { escalationId, ...raised } = event.data;
    return {
      status: 'RAISED',
      id: escalationId,
      ...raised,
      involvedAuthorities: [],
      previousAddressees: [],
      acknowledgedAt: null,
      reopenedAt: null,
      awaited: raised.addressedTo,
      deadlinePassedAt: null,
      climbedTo: [],
      chainEnded: false,
      ...UNDECIDED,
    };
  }
  // Events before EscalationRaised cannot occur in a stream the deciders wrote.
  if (state.status === 'EMPTY') return state;
  switch (event.type) {
    case 'EscalationAcknowledged':
      return { ...state, ...UNDECIDED, status: 'ACKNOWLEDGED', acknowledgedAt: event.data.acknowledgedAt };
    case 'AuthorityInvolved':
      return { ...state, involvedAuthorities: [...state.involvedAuthorities, event.data.authority] };
    case 'SignalsAttached':
      return { ...state, signalIds: [...state.signalIds, ...event.data.signalIds] };
    case 'EscalationTransferred':
      // Back to RAISED: the new addressee still has to acknowledge it.
      return {
        ...state,
        ...UNDECIDED,
        status: 'RAISED',
        addressedTo: event.data.to,
        respondBy: event.data.respondBy,
        previousAddressees: [...state.previousAddressees, event.data.from],
        acknowledgedAt: null,
        // A new addressee with a new deadline: the chain starts again from it.
        awaited: event.data.to,
        deadlinePassedAt: null,
        chainEnded: false,
      };
    case 'EscalationDecided':
      return {
        ...state,
        status: 'DECIDED',
        outcome: event.data.outcome,
        rationale: event.data.rationale,
        decidedBy: event.data.decidedBy ?? state.addressedTo,
        decidedAt: event.data.decidedAt,
        summary: null,
        resolvedAt: null,
      };
    case 'EscalationResolved':
      if (state.status !== 'DECIDED' && state.status !== 'RESOLVED') return state;
      return { ...state, status: 'RESOLVED', summary: event.data.summary, resolvedAt: event.data.resolvedAt };
    case 'EscalationReopened':
      // A reopened escalation awaits a new decision, so the earlier decision no longer stands.
      return {
        ...state,
        ...UNDECIDED,
        status: 'ACKNOWLEDGED',
        respondBy: event.data.respondBy ?? state.respondBy,
        reopenedAt: event.data.reopenedAt,
        awaited: state.addressedTo,
        deadlinePassedAt: null,
        chainEnded: false,
      };
    case 'EscalationDeadlinePassed':
      return { ...state, deadlinePassedAt: event.data.passedAt };
    case 'EscalationEscalatedForNonResponse': {
      const { to, respondBy } = event.data;
      if (to === null || respondBy === null) return { ...state, chainEnded: true };
      return {
        ...state,
        involvedAuthorities: state.involvedAuthorities.includes(to)
          ? state.involvedAuthorities
          : [...state.involvedAuthorities, to],
        climbedTo: [...state.climbedTo, to],
        awaited: to,
        respondBy,
        deadlinePassedAt: null,
      };
    }
    default: {
      const unknown: never = event;
      throw new Error(`unknown escalation event ${JSON.stringify(unknown)}`);
    }
  }
};

/** Not yet decided: a deadline can pass and non-response can climb. */
export const isEscalationAwaitingDecision = (state: EscalationState): state is ExistingEscalationState =>
  state.status === 'RAISED' || state.status === 'ACKNOWLEDGED';

/** The raising, the addressed and the involved authorities; previous addressees are no longer parties. */
export const escalationPartiesOf = (state: ExistingEscalationState): string[] => [
  ...new Set([state.raisedBy, state.addressedTo, ...state.involvedAuthorities]),
];

/** Analysts see every escalation; everybody else only those their authority is a party to. */
export const isEscalationVisibleTo = (
  state: EscalationState,
  actor: Actor,
): state is ExistingEscalationState =>
  state.status !== 'EMPTY' &&
  (hasRole(actor, 'analyst') || escalationPartiesOf(state).includes(actor.authority));

/** Overdue: not decided yet and `now` is past `respondBy`. */
export const isEscalationOverdue = (state: EscalationState, now: string): boolean =>
  (state.status === 'RAISED' || state.status === 'ACKNOWLEDGED') &&
  instantMillis(now) > instantMillis(state.respondBy);

/** What the agreement and experiment deciders need to know about an escalation the handler loaded. */
export type EscalationFact =
  | { id: string; exists: false }
  | {
      id: string;
      exists: true;
      status: EscalationStatus;
      outcome: DecisionOutcome | null;
      addressedTo: string;
      decidedBy: string | null;
    };

/** With a `viewer`, an escalation the viewer may not read counts as absent, so refusals reveal nothing. */
export const escalationFactOf = (id: string, state: EscalationState, viewer?: Actor): EscalationFact =>
  state.status === 'EMPTY' || (viewer !== undefined && !isEscalationVisibleTo(state, viewer))
    ? { id, exists: false }
    : {
        id,
        exists: true,
        status: state.status,
        outcome: state.outcome,
        addressedTo: state.addressedTo,
        decidedBy: state.decidedBy,
      };
