// The vocabularies and shapes of API.md and PRODUCT.md, as the browser sees them.

// One vocabulary for the server and the browser: libs/domain's, a file that imports nothing, which
// Vite bundles like any other source.
import type {
  AgreementStatus,
  DecisionOutcome,
  EscalationStatus,
  ExperimentStatus,
  FollowUpAssessment,
  GovernmentLayer,
  InitiativeKind,
  LegalRoute,
  PolicyConsequence,
  SignalLevel,
  SignalStatus,
  SignalType,
} from '../../../../libs/domain/src/shared/vocabulary';

export * from '../../../../libs/domain/src/shared/vocabulary';

export const USER_ROLES = ['officer', 'analyst', 'admin'] as const;
export type UserRole = (typeof USER_ROLES)[number];

export interface Authority {
  id: string;
  name: string;
  layer: GovernmentLayer;
}

export interface PolicyDomain {
  code: string;
  labelNl: string;
  labelEn: string;
}

export interface NormReference {
  ref: string;
  title?: string | null;
}

export interface SignalLocation {
  municipality?: string | null;
  lat?: number | null;
  lon?: number | null;
}

/** The body of `POST /api/v1/signals`. */
export interface RecordSignalBody {
  type: SignalType;
  title: string;
  description: string;
  policyDomain: string;
  level: SignalLevel;
  initiativeKind: InitiativeKind;
  observedAt: string;
  authorities: string[];
  norms: { ref: string; title?: string }[];
  initiative?: { name: string; contact?: string };
  location?: { municipality?: string; lat?: number; lon?: number };
}

/** A signal as the views list it (GraphQL `Signal`) or as `GET /api/v1/signals/{id}` answers. */
export interface SignalView {
  id: string;
  type: SignalType;
  title: string;
  description?: string | null;
  policyDomain: string;
  level: SignalLevel;
  initiativeKind: InitiativeKind;
  observedAt: string;
  authorities: string[];
  norms?: NormReference[] | null;
  reportingAuthority: string;
  status: SignalStatus;
  themes?: string[] | null;
  duplicateOf?: string | null;
  escalated?: boolean | null;
  recordedAt?: string | null;
  initiative?: { name?: string | null; contact?: string | null } | null;
  location?: SignalLocation | null;
  /** The stream revision (REST); an amendment moves it. */
  revision?: number | null;
  /** Listed by a search: the passage that matched, as plain text parts. */
  searchSnippet?: Array<{ text: string; match: boolean }> | null;
}

export interface Connection<T> {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { cursor: string; node: T }[];
}

export interface EscalationView {
  id: string;
  title?: string | null;
  reason?: string | null;
  status: EscalationStatus;
  addressedTo: string;
  raisedBy: string;
  raisedAt: string;
  respondBy: string;
  overdue: boolean;
  acknowledgedAt?: string | null;
  decidedAt?: string | null;
  outcome?: DecisionOutcome | null;
  signalCount: number;
  signalIds?: string[] | null;
  involvedAuthorities: string[];
}

export interface EscalationBoardSummary {
  open: number;
  overdue: number;
  awaitingAcknowledgement: number;
  decidedNotResolved: number;
  oldestOpenDays: number;
}

export interface AgreementView {
  id: string;
  title: string;
  commitment: string;
  owner: string;
  parties: string[];
  dueBy: string;
  firstFollowUpOn?: string | null;
  nextFollowUpOn?: string | null;
  progressPercent: number;
  progressNote?: string | null;
  status: AgreementStatus;
  escalationId?: string | null;
  overdue: boolean;
  followUpOverdue: boolean;
  followUpCount?: number | null;
  lastFollowUp?: { heldOn: string; assessment: FollowUpAssessment; notes?: string } | null;
}

export interface ExperimentView {
  id: string;
  escalationId: string;
  owner: string;
  title: string;
  hypothesis: string;
  legalRoute: LegalRoute;
  startsOn: string;
  endsOn: string;
  status: ExperimentStatus;
  conclusion?: string | null;
  policyConsequence?: PolicyConsequence | null;
  rationale?: string | null;
  overdue: boolean;
}

export interface SignalStatRow {
  key: {
    type?: SignalType | null;
    policyDomain?: string | null;
    level?: SignalLevel | null;
    authority?: string | null;
    governmentLayer?: GovernmentLayer | null;
    initiativeKind?: InitiativeKind | null;
    period?: string | null;
  };
  count: number;
  escalatedCount: number;
}

export interface NormConflictView {
  normA: NormReference;
  normB: NormReference;
  count: number;
  authorities: string[];
  lastSeen?: string | null;
  escalated: boolean;
}

export interface FeedbackLoopRow {
  policyDomain: string;
  signals: number;
  escalated: number;
  decided: number;
  policyAdjusted: number;
  experimentGranted: number;
  medianDaysToDecision?: number | null;
  policyChanged?: number;
  medianDaysToPolicyChange?: number | null;
}

export interface AuthorityAccountability {
  authority: string;
  escalationsReceived: number;
  decidedOnTimeRate?: number | null;
  medianHoursToAcknowledge?: number | null;
  medianDaysToDecision?: number | null;
  openOverdue: number;
  transfersIn: number;
  transfersOut: number;
  agreementsOpen: number;
  agreementsFulfilled: number;
  agreementsUnmet: number;
  agreementsOverdue: number;
  followUpsOverdue: number;
  experimentsOverdue: number;
}

/** One event of `GET /api/v1/{...}/{id}/history`. */
export interface HistoryEntry {
  type: string;
  revision?: number;
  recordedAt?: string;
  data?: Record<string, unknown>;
  actor?: { sub?: string; authority?: string; role?: string; name?: string } | null;
}
