import { PolicyChangeEvent, PolicyChangeFields } from './policy-change.events';

export interface PolicyChangeDetails extends PolicyChangeFields {
  id: string;
  escalationIds: string[];
  owner: string;
  recordedAt: string;
  amendedAt: string | null;
}

/** Plain JSON: the REST `GET` can return it as the policy change's current state. */
export type PolicyChangeState =
  | { status: 'EMPTY' }
  | ({ status: 'RECORDED' } & PolicyChangeDetails & { withdrawal: null })
  | ({ status: 'WITHDRAWN' } & PolicyChangeDetails & {
        withdrawal: { reason: string; withdrawnAt: string };
      });

export type ExistingPolicyChangeState = Exclude<PolicyChangeState, { status: 'EMPTY' }>;

export const POLICY_CHANGE_STATUSES = ['RECORDED', 'WITHDRAWN'] as const;
export type PolicyChangeStatus = (typeof POLICY_CHANGE_STATUSES)[number];

export const initialPolicyChangeState = (): PolicyChangeState => ({ status: 'EMPTY' });

export const evolvePolicyChange = (state: PolicyChangeState, event: PolicyChangeEvent): PolicyChangeState => {
  if (event.type === 'PolicyChangeRecorded') {
    const { policyChangeId, ...recorded } = event.data;
    return { status: 'RECORDED', id: policyChangeId, ...recorded, amendedAt: null, withdrawal: null };
  }
  // Events before PolicyChangeRecorded cannot occur in a stream the decider wrote.
  if (state.status === 'EMPTY') return state;
  switch (event.type) {
    case 'PolicyChangeAmended':
      return { ...state, ...event.data.changes, amendedAt: event.data.amendedAt };
    case 'PolicyChangeWithdrawn':
      return {
        ...state,
        status: 'WITHDRAWN',
        withdrawal: { reason: event.data.reason, withdrawnAt: event.data.withdrawnAt },
      };
    default: {
      const unknown: never = event;
      throw new Error(`unknown policy change event ${JSON.stringify(unknown)}`);
    }
  }
};
