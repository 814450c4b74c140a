import { Actor, hasRole } from '../shared';
import { CaseEvent } from './case.events';

export interface CaseDetails {
  id: string;
  title: string;
  /** In the order they were added. */
  signalIds: string[];
  /** The reporting authorities of its signals, in the order they first appeared. */
  parties: string[];
  createdBy: string;
  createdByAuthority: string;
  createdAt: string;
  updatedAt: string;
}

/** Plain JSON: the REST answers can return it as it is. */
export type CaseState = { status: 'EMPTY' } | ({ status: 'OPEN' } & CaseDetails);

export type ExistingCaseState = Exclude<CaseState, { status: 'EMPTY' }>;

export const initialCaseState = (): CaseState => ({ status: 'EMPTY' });

const union = (known: readonly string[], more: readonly string[]): string[] => [
  ...known,
  ...more.filter((value, index) => !known.includes(value) && more.indexOf(value) === index),
];

export const evolveCase = (state: CaseState, event: CaseEvent): CaseState => {
  switch (event.type) {
    case 'CaseCreated': {
      const { caseId, createdAt, ...created } = event.data;
      return { status: 'OPEN', id: caseId, ...created, createdAt, updatedAt: createdAt };
    }
    case 'SignalsAddedToCase':
      if (state.status === 'EMPTY') return state;
      return {
        ...state,
        signalIds: union(state.signalIds, event.data.signalIds),
        parties: union(state.parties, event.data.parties),
        updatedAt: event.data.addedAt,
      };
    default: {
      const unknown: never = event;
      throw new Error(`unknown case event ${JSON.stringify(unknown)}`);
    }
  }
};

/** Analysts read every case; officers and administrators the cases their authority is a party of. */
export const isCaseVisibleTo = (state: CaseState, actor: Actor): state is ExistingCaseState =>
  state.status !== 'EMPTY' && (hasRole(actor, 'analyst') || state.parties.includes(actor.authority));
