import { Actor, hasRole, InitiativeKind, SignalLevel, SignalType } from '../shared';
import { InitiativeReference, NormReference, SignalEvent, SignalLocation } from './signal.events';

export interface SignalDetails {
  id: string;
  type: SignalType;
  title: string;
  description: string;
  policyDomain: string;
  level: SignalLevel;
  initiativeKind: InitiativeKind;
  observedAt: string;
  authorities: string[];
  norms: NormReference[];
  initiative: InitiativeReference | null;
  location: SignalLocation | null;
  reportingAuthority: string;
  reportedBy: string;
  recordedAt: string;
  amendedAt: string | null;
  themes: string[];
  classifiedAt: string | null;
  /** Kept when a duplicate is withdrawn, so the history of the pair stays readable. */
  duplicateOf: string | null;
  /** Set when the initiative's personal data was erased, cleared when an amendment brings new data. */
  personalDataErasedAt: string | null;
}

/** Plain JSON: the REST `GET` can return it as the signal's current state. */
export type SignalState =
  | { status: 'EMPTY' }
  | ({ status: 'ACTIVE' } & SignalDetails)
  | ({ status: 'DUPLICATE' } & SignalDetails & { duplicateOf: string })
  | ({ status: 'WITHDRAWN' } & SignalDetails & { withdrawnReason: string; withdrawnAt: string });

export type RecordedSignalState = Exclude<SignalState, { status: 'EMPTY' }>;

export const initialSignalState = (): SignalState => ({ status: 'EMPTY' });

export const evolveSignal = (state: SignalState, event: SignalEvent): SignalState => {
  switch (event.type) {
    case 'SignalRecorded': {
      const { signalId, ...recorded } = event.data;
      return {
        status: 'ACTIVE',
        id: signalId,
        ...recorded,
        amendedAt: null,
        themes: [],
        classifiedAt: null,
        duplicateOf: null,
        personalDataErasedAt: null,
      };
    }
    case 'SignalAmended':
      if (state.status === 'EMPTY') return state;
      return {
        ...state,
        ...event.data.changes,
        amendedAt: event.data.amendedAt,
        ...(event.data.changes.initiative !== undefined ? { personalDataErasedAt: null } : {}),
      };
    case 'SignalClassified':
      if (state.status === 'EMPTY') return state;
      return {
        ...state,
        themes: event.data.themes,
        policyDomain: event.data.policyDomain ?? state.policyDomain,
        classifiedAt: event.data.classifiedAt,
      };
    case 'SignalMarkedDuplicate':
      if (state.status === 'EMPTY' || state.status === 'WITHDRAWN') return state;
      return { ...state, status: 'DUPLICATE', duplicateOf: event.data.duplicateOf };
    case 'SignalWithdrawn':
      if (state.status === 'EMPTY') return state;
      return {
        ...state,
        status: 'WITHDRAWN',
        withdrawnReason: event.data.reason,
        withdrawnAt: event.data.withdrawnAt,
      };
    case 'SignalPersonalDataErased':
      if (state.status === 'EMPTY') return state;
      return { ...state, personalDataErasedAt: event.data.erasedAt };
    default: {
      const unknown: never = event;
      throw new Error(`unknown signal event ${JSON.stringify(unknown)}`);
    }
  }
};

/** Officers read their own authority's signals; analysts and administrators read all of them. */
export const isSignalVisibleTo = (state: SignalState, actor: Actor): state is RecordedSignalState =>
  state.status !== 'EMPTY' &&
  (hasRole(actor, 'analyst') || hasRole(actor, 'admin') || state.reportingAuthority === actor.authority);

/**
 * The initiative's personal data: only the reporting authority's officers and administrators see it;
 * analysts and other authorities work from the signal without the name and contact.
 */
export const mayReadInitiativeOf = (reportingAuthority: string, actor: Actor): boolean =>
  reportingAuthority === actor.authority && (hasRole(actor, 'officer') || hasRole(actor, 'admin'));

export const isInitiativeVisibleTo = (state: SignalState, actor: Actor): boolean =>
  state.status !== 'EMPTY' && mayReadInitiativeOf(state.reportingAuthority, actor);

/** What another aggregate's decider needs to know about a signal the handler loaded. */
export type SignalFact =
  | { id: string; exists: false }
  | { id: string; exists: true; withdrawn: boolean; duplicateOf: string | null };

/** With a `viewer`, a signal the viewer may not read counts as absent, so refusals reveal nothing. */
export const signalFactOf = (id: string, state: SignalState, viewer?: Actor): SignalFact =>
  state.status === 'EMPTY' || (viewer !== undefined && !isSignalVisibleTo(state, viewer))
    ? { id, exists: false }
    : { id, exists: true, withdrawn: state.status === 'WITHDRAWN', duplicateOf: state.duplicateOf };
