import { DomainEvent, LegalRoute, PolicyConsequence } from '../shared';

export type ExperimentStarted = DomainEvent<
  'ExperimentStarted',
  {
    experimentId: string;
    escalationId: string;
    /** The authority that grants and runs the experiment (the escalation's deciding authority). */
    owner: string;
    title: string;
    hypothesis: string;
    legalRoute: LegalRoute;
    /** ISO dates (YYYY-MM-DD). */
    startsOn: string;
    endsOn: string;
    startedAt: string;
  }
>;
export type ExperimentExtended = DomainEvent<
  'ExperimentExtended',
  { experimentId: string; previousEndsOn: string; endsOn: string; reason: string; extendedAt: string }
>;
export type ExperimentEvaluated = DomainEvent<
  'ExperimentEvaluated',
  {
    experimentId: string;
    conclusion: string;
    policyConsequence: PolicyConsequence;
    rationale: string;
    evaluatedAt: string;
  }
>;
export type ExperimentClosed = DomainEvent<'ExperimentClosed', { experimentId: string; closedAt: string }>;

/** Recorded by the platform once per end date: the experiment ended without an evaluation. */
export type ExperimentEvaluationOverdue = DomainEvent<
  'ExperimentEvaluationOverdue',
  { experimentId: string; endsOn: string; overdueAt: string }
>;

export type ExperimentEvent =
  | ExperimentStarted
  | ExperimentExtended
  | ExperimentEvaluated
  | ExperimentClosed
  | ExperimentEvaluationOverdue;
