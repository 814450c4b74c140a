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
      };
    default: {
      const unknown: never = event;
      throw new Error(`unknown escalation event ${JSON.stringify(unknown)}`);
    }
  }
};

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
