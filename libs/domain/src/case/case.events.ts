import { DomainEvent } from '../shared';

/**
 * A case ("dossier") groups signals about one initiative for a joint review. `parties` are the
 * reporting authorities of its signals, recorded with them so that who may read the case follows
 * from its own stream (a signal's reporting authority never changes).
 */
export type CaseCreated = DomainEvent<
  'CaseCreated',
  {
    caseId: string;
    title: string;
    signalIds: string[];
    parties: string[];
    /** The creating user (token `sub`) and the authority they acted for. */
    createdBy: string;
    createdByAuthority: string;
    createdAt: string;
  }
>;
export type SignalsAddedToCase = DomainEvent<
  'SignalsAddedToCase',
  { caseId: string; signalIds: string[]; parties: string[]; addedAt: string }
>;

export type CaseEvent = CaseCreated | SignalsAddedToCase;
