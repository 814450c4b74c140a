import type {
  GovernmentLayer,
  InitiativeKind,
  NormReference,
  SignalLevel,
  SignalLocation,
  SignalStatus,
  SignalType,
} from '@praktijklus/domain';
import type { StoredSignal } from './signals.projection';
import type { SignalRow } from './signals.queries';

/** A stored row of the signals table as the list's row. */
export const toRow = (stored: StoredSignal): SignalRow => ({
  id: stored.signal_id,
  type: stored.type as SignalType,
  title: stored.title,
  description: stored.description,
  policyDomain: stored.policy_domain,
  recordedPolicyDomain: stored.recorded_policy_domain,
  classifiedPolicyDomain: stored.classified_policy_domain,
  level: stored.level as SignalLevel,
  initiativeKind: stored.initiative_kind as InitiativeKind,
  observedAt: stored.observed_at,
  observedOn: stored.observed_on,
  authorities: JSON.parse(stored.authorities) as string[],
  norms: JSON.parse(stored.norms) as NormReference[],
  location: stored.location === null ? null : (JSON.parse(stored.location) as SignalLocation),
  hasInitiative: stored.has_initiative === 1,
  initiativeRef: stored.initiative_ref,
  reportingAuthority: stored.reporting_authority,
  governmentLayer: stored.government_layer as GovernmentLayer | null,
  reportedBy: stored.reported_by,
  status: stored.status as SignalStatus,
  duplicateOf: stored.duplicate_of,
  withdrawnReason: stored.withdrawn_reason,
  themes: JSON.parse(stored.themes) as string[],
  classifiedAt: stored.classified_at,
  escalated: stored.escalation_ids !== '[]',
  escalationIds: JSON.parse(stored.escalation_ids) as string[],
  revision: stored.revision,
  recordedAt: stored.recorded_at,
  updatedAt: stored.updated_at,
});
