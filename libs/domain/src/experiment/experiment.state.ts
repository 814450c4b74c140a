import { dutchDateOf, LegalRoute, PolicyConsequence } from '../shared';
import { ExperimentEvent } from './experiment.events';

export interface Extension {
  previousEndsOn: string;
  endsOn: string;
  reason: string;
  extendedAt: string;
}

export interface Evaluation {
  conclusion: string;
  policyConsequence: PolicyConsequence;
  rationale: string;
  evaluatedAt: string;
}

export interface ExperimentDetails {
  id: string;
  escalationId: string;
  /** The authority that granted the experiment and answers for it. */
  owner: string;
  title: string;
  hypothesis: string;
  legalRoute: LegalRoute;
  startsOn: string;
  endsOn: string;
  startedAt: string;
  extensions: Extension[];
  /** End dates the platform recorded as passed without an evaluation. */
  overdueEndDates: string[];
}

/** Plain JSON: the REST `GET` can return it as the experiment's current state. */
export type ExperimentState =
  | { status: 'EMPTY' }
  | ({ status: 'RUNNING' } & ExperimentDetails & { evaluation: null; closedAt: null })
  | ({ status: 'EVALUATED' } & ExperimentDetails & { evaluation: Evaluation; closedAt: null })
  | ({ status: 'CLOSED' } & ExperimentDetails & { evaluation: Evaluation; closedAt: string });

export type ExistingExperimentState = Exclude<ExperimentState, { status: 'EMPTY' }>;

export const initialExperimentState = (): ExperimentState => ({ status: 'EMPTY' });

export const evolveExperiment = (state: ExperimentState, event: ExperimentEvent): ExperimentState => {
  if (event.type === 'ExperimentStarted') {
    const { experimentId, ...started } = event.data;
    return {
      status: 'RUNNING',
      id: experimentId,
      ...started,
      extensions: [],
      overdueEndDates: [],
      evaluation: null,
      closedAt: null,
    };
  }
  // Events before ExperimentStarted cannot occur in a stream the deciders wrote.
  if (state.status === 'EMPTY') return state;
  switch (event.type) {
    case 'ExperimentExtended': {
      const { experimentId: _experimentId, ...extension } = event.data;
      return { ...state, endsOn: extension.endsOn, extensions: [...state.extensions, extension] };
    }
    case 'ExperimentEvaluated': {
      const { experimentId: _experimentId, ...evaluation } = event.data;
      return { ...state, status: 'EVALUATED', evaluation, closedAt: null };
    }
    case 'ExperimentEvaluationOverdue':
      return { ...state, overdueEndDates: [...state.overdueEndDates, event.data.endsOn] };
    case 'ExperimentClosed':
      if (state.evaluation === null) return state;
      return { ...state, status: 'CLOSED', evaluation: state.evaluation, closedAt: event.data.closedAt };
    default: {
      const unknown: never = event;
      throw new Error(`unknown experiment event ${JSON.stringify(unknown)}`);
    }
  }
};

/** Overdue: still without an evaluation and today (in the Netherlands) is past `endsOn`. */
export const isExperimentOverdue = (state: ExperimentState, now: string): boolean =>
  state.status === 'RUNNING' && dutchDateOf(now) > state.endsOn;
