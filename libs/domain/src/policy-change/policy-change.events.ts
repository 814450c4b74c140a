import { DomainEvent } from '../shared';
import { NormReference } from '../signal/signal.events';

export interface PolicyChangeFields {
  title: string;
  description: string;
  policyDomain: string;
  /** The rules the change altered; their later signals measure its effect. */
  norms: NormReference[];
  /** ISO date (YYYY-MM-DD) from which the changed policy applies. */
  effectiveOn: string;
  /** Authorities the change concerns; with no norms, these and the domain select the signals. */
  authorities: string[];
}

export type PolicyChangeRecorded = DomainEvent<
  'PolicyChangeRecorded',
  PolicyChangeFields & {
    policyChangeId: string;
    /** Escalations decided POLICY_ADJUSTED (or answered by an experiment adopted in policy). */
    escalationIds: string[];
    /** The authority that decided those escalations and answers for the change. */
    owner: string;
    recordedAt: string;
  }
>;

export type PolicyChangeAmended = DomainEvent<
  'PolicyChangeAmended',
  { policyChangeId: string; changes: Partial<PolicyChangeFields>; amendedAt: string }
>;

export type PolicyChangeWithdrawn = DomainEvent<
  'PolicyChangeWithdrawn',
  { policyChangeId: string; reason: string; withdrawnAt: string }
>;

export type PolicyChangeEvent = PolicyChangeRecorded | PolicyChangeAmended | PolicyChangeWithdrawn;
