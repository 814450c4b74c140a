export const SIGNAL_TYPES = [
  'BARRIER',
  'CONFLICTING_NORMS',
  'UNCLEAR_AUTHORITY',
  'KNOWLEDGE_GAP',
  'CROSS_GOVERNMENT_IMPACT',
] as const;
export type SignalType = (typeof SIGNAL_TYPES)[number];

export const SIGNAL_LEVELS = ['SYSTEM', 'POLICY', 'IMPLEMENTATION', 'PAPERWORK'] as const;
export type SignalLevel = (typeof SIGNAL_LEVELS)[number];

export const INITIATIVE_KINDS = ['ENTREPRENEUR', 'CITIZEN_INITIATIVE', 'PROFESSIONAL', 'GOVERNMENT'] as const;
export type InitiativeKind = (typeof INITIATIVE_KINDS)[number];

export const SIGNAL_STATUSES = ['ACTIVE', 'DUPLICATE', 'WITHDRAWN'] as const;
export type SignalStatus = (typeof SIGNAL_STATUSES)[number];

export const GOVERNMENT_LAYERS = ['MUNICIPALITY', 'PROVINCE', 'WATER_BOARD', 'NATIONAL', 'AGENCY'] as const;
export type GovernmentLayer = (typeof GOVERNMENT_LAYERS)[number];

export const ESCALATION_STATUSES = ['RAISED', 'ACKNOWLEDGED', 'DECIDED', 'RESOLVED'] as const;
export type EscalationStatus = (typeof ESCALATION_STATUSES)[number];

export const DECISION_OUTCOMES = [
  'POLICY_ADJUSTED',
  'EXPERIMENT_GRANTED',
  'CUSTOM_SOLUTION',
  'NO_CHANGE',
  'REFERRED',
] as const;
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];

export const AGREEMENT_STATUSES = ['OPEN', 'FULFILLED', 'UNMET', 'CANCELLED'] as const;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];

export const FOLLOW_UP_ASSESSMENTS = ['ON_TRACK', 'AT_RISK', 'OFF_TRACK'] as const;
export type FollowUpAssessment = (typeof FOLLOW_UP_ASSESSMENTS)[number];

export const LEGAL_ROUTES = ['EXEMPTION', 'EQUIVALENCE', 'EXPERIMENT_CLAUSE'] as const;
export type LegalRoute = (typeof LEGAL_ROUTES)[number];

export const POLICY_CONSEQUENCES = [
  'ADOPT_IN_POLICY',
  'ADJUST_AND_CONTINUE',
  'STOP',
  'NO_CONSEQUENCE',
] as const;
export type PolicyConsequence = (typeof POLICY_CONSEQUENCES)[number];

export const EXPERIMENT_STATUSES = ['RUNNING', 'EVALUATED', 'CLOSED'] as const;
export type ExperimentStatus = (typeof EXPERIMENT_STATUSES)[number];

/** Stream names: one stream per aggregate instance, `<category>-<uuid>`. */
export const streamCategories = {
  signal: 'signal',
  escalation: 'escalation',
  agreement: 'agreement',
  experiment: 'experiment',
  case: 'case',
  policyChange: 'policy-change',
} as const;
export type StreamCategory = keyof typeof streamCategories;

export const streamIdOf = (category: StreamCategory, id: string): string =>
  `${streamCategories[category]}-${id}`;
