// The GraphQL documents and shapes of the policy-change pages.

export interface PolicyChangeSummary {
  id: string;
  title: string;
  policyDomain: string;
  owner: string;
  effectiveOn: string;
  status: 'RECORDED' | 'WITHDRAWN';
}

export interface PolicyEffectView {
  windowDays: number;
  beforeFrom: string;
  afterUntil: string;
  before: number;
  after: number;
  rateRatio: number | null;
  lower: number | null;
  upper: number | null;
  verdict: 'DROPPED' | 'ROSE' | 'NO_CLEAR_CHANGE' | 'TOO_EARLY';
}

export interface PolicyChangeDetail extends PolicyChangeSummary {
  description: string;
  norms: Array<{ ref: string; title: string | null }>;
  authorities: string[];
  withdrawnReason: string | null;
  escalationIds: string[];
  signalIds: string[];
  effect: PolicyEffectView;
}

export interface ChainEscalation {
  id: string;
  title: string;
  status: string;
  outcome: string | null;
  decidedAt: string | null;
}

const SUMMARY_FIELDS = 'id title policyDomain owner effectiveOn status';

export const POLICY_CHANGES_QUERY = /* GraphQL */ `
  query PolicyChanges($first: Int) {
    policyChanges(first: $first) {
      totalCount
      edges { node { ${SUMMARY_FIELDS} } }
    }
  }
`;

export const POLICY_CHANGE_QUERY = /* GraphQL */ `
  query PolicyChange($id: ID!) {
    policyChange(id: $id) {
      ${SUMMARY_FIELDS} description norms { ref title } authorities withdrawnReason escalationIds signalIds
      effect { windowDays beforeFrom afterUntil before after rateRatio lower upper verdict }
    }
  }
`;

/** One escalation of the chain; null when the reader may not see it. */
export const CHAIN_ESCALATION_QUERY = /* GraphQL */ `
  query ChainEscalation($id: ID!) {
    escalation(id: $id) {
      id
      title
      status
      outcome
      decidedAt
    }
  }
`;

export const SIGNAL_POLICY_CHANGES_QUERY = /* GraphQL */ `
  query SignalPolicyChanges($id: ID!) {
    signal(id: $id) {
      id
      policyChanges {
        id
        title
        effectiveOn
      }
    }
  }
`;
