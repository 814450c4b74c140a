import { DomainEvent, InitiativeKind, SignalLevel, SignalType } from '../shared';

export interface NormReference {
  /** A citation of the rule, e.g. "Bbl art. 4.101" or "Omgevingsplan gm0344 art. 22.3". */
  ref: string;
  title?: string;
}

export interface SignalLocation {
  municipality?: string;
  lat?: number;
  lon?: number;
}

/**
 * Personal data (the initiative's name and contact) never enters the log: it lives in a vault
 * under `personalDataRef` so that it can be erased while the immutable events stay intact.
 */
export interface InitiativeReference {
  personalDataRef: string;
}

export interface SignalRecordedData {
  signalId: string;
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
}

/** The recordable fields an amendment may change; a field present here replaces the old value. */
export interface SignalChanges {
  type?: SignalType;
  title?: string;
  description?: string;
  policyDomain?: string;
  level?: SignalLevel;
  initiativeKind?: InitiativeKind;
  observedAt?: string;
  authorities?: string[];
  norms?: NormReference[];
  initiative?: InitiativeReference | null;
  location?: SignalLocation | null;
}

export type SignalRecorded = DomainEvent<'SignalRecorded', SignalRecordedData>;
export type SignalAmended = DomainEvent<
  'SignalAmended',
  { signalId: string; changes: SignalChanges; amendedAt: string }
>;
export type SignalClassified = DomainEvent<
  'SignalClassified',
  { signalId: string; themes: string[]; policyDomain?: string; classifiedAt: string }
>;
export type SignalMarkedDuplicate = DomainEvent<
  'SignalMarkedDuplicate',
  { signalId: string; duplicateOf: string; markedAt: string }
>;
export type SignalWithdrawn = DomainEvent<
  'SignalWithdrawn',
  { signalId: string; reason: string; withdrawnAt: string }
>;

/**
 * The initiative's personal data was erased from the vault; the event itself carries none, so the
 * log keeps only that (and by whom) it happened.
 */
export type SignalPersonalDataErased = DomainEvent<
  'SignalPersonalDataErased',
  { signalId: string; erasedAt: string }
>;

export type SignalEvent =
  | SignalRecorded
  | SignalAmended
  | SignalClassified
  | SignalMarkedDuplicate
  | SignalWithdrawn
  | SignalPersonalDataErased;
export const SIGNAL_EVENT_TYPES: SignalEvent['type'][] = [
  'SignalRecorded',
  'SignalAmended',
  'SignalClassified',
  'SignalMarkedDuplicate',
  'SignalWithdrawn',
  'SignalPersonalDataErased',
];
