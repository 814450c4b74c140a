import {
  Actor,
  Decider,
  DEADLINE_HORIZON_YEARS,
  dutchDateOf,
  Forbidden,
  IllegalState,
  InvalidInput,
  LEGAL_ROUTES,
  NotFound,
  POLICY_CONSEQUENCES,
  requireIsoDate,
  requireOneOf,
  requireRole,
  requireProse,
  requireSystemActor,
  requireText,
  requireWithinYears,
} from '../shared';
import {
  CloseExperiment,
  EvaluateExperiment,
  ExperimentCommand,
  ExtendExperiment,
  RecordEvaluationOverdue,
  StartExperiment,
} from './experiment.commands';
import { ExperimentEvent } from './experiment.events';
import {
  evolveExperiment,
  ExistingExperimentState,
  ExperimentState,
  initialExperimentState,
} from './experiment.state';

/** Extending, evaluating and closing belong to the owning authority's administrators. */
const ownersExperiment = (state: ExperimentState, actor: Actor, action: string): ExistingExperimentState => {
  requireRole(actor, ['admin'], action);
  if (state.status === 'EMPTY') throw new NotFound('EXPERIMENT_NOT_FOUND', 'no such experiment');
  if (state.owner !== actor.authority) {
    throw new Forbidden('NOT_EXPERIMENT_OWNER', `only the owning authority may ${action}`);
  }
  if (state.status === 'CLOSED') throw new IllegalState('EXPERIMENT_CLOSED', 'the experiment is CLOSED');
  return state;
};

const start = ({ actor, now, data }: StartExperiment, state: ExperimentState): ExperimentEvent[] => {
  requireRole(actor, ['admin'], 'start an experiment');
  if (state.status !== 'EMPTY')
    throw new IllegalState('EXPERIMENT_ALREADY_STARTED', 'the experiment already exists');
  const escalation = data.escalation;
  if (!escalation.exists) {
    throw new InvalidInput('UNKNOWN_ESCALATION', `no escalation ${escalation.id}`, 'escalationId', {
      id: escalation.id,
    });
  }
  // The authority that decided grants the experiment; after a decision it is still the addressee.
  const decidedBy = escalation.decidedBy ?? escalation.addressedTo;
  if (decidedBy !== actor.authority) {
    throw new Forbidden(
      'NOT_DECIDING_AUTHORITY',
      'only the authority that decided the escalation starts its experiment',
    );
  }
  if (escalation.status !== 'DECIDED' && escalation.status !== 'RESOLVED') {
    throw new IllegalState(
      'ESCALATION_NOT_DECIDED',
      `the escalation is ${escalation.status}`,
      'escalationId',
      { status: escalation.status },
    );
  }
  if (escalation.outcome !== 'EXPERIMENT_GRANTED') {
    throw new IllegalState(
      'EXPERIMENT_NOT_GRANTED',
      `the escalation was decided ${escalation.outcome ?? 'without an outcome'}, not EXPERIMENT_GRANTED`,
      'escalationId',
    );
  }
  const title = requireText(data.title, 'title');
  const hypothesis = requireProse(data.hypothesis, 'hypothesis');
  const legalRoute = requireOneOf(data.legalRoute, LEGAL_ROUTES, 'legalRoute');
  const startsOn = requireWithinYears(
    requireIsoDate(data.startsOn, 'startsOn'),
    now,
    DEADLINE_HORIZON_YEARS.plan,
    'startsOn',
  );
  const endsOn = requireWithinYears(
    requireIsoDate(data.endsOn, 'endsOn'),
    now,
    DEADLINE_HORIZON_YEARS.plan,
    'endsOn',
  );
  if (endsOn <= startsOn)
    throw new InvalidInput('ENDS_NOT_AFTER_START', 'endsOn must lie after startsOn', 'endsOn');
  return [
    {
      type: 'ExperimentStarted',
      data: {
        experimentId: data.experimentId,
        escalationId: escalation.id,
        owner: actor.authority,
        title,
        hypothesis,
        legalRoute,
        startsOn,
        endsOn,
        startedAt: now,
      },
    },
  ];
};

const extend = ({ actor, now, data }: ExtendExperiment, state: ExperimentState): ExperimentEvent[] => {
  const experiment = ownersExperiment(state, actor, 'extend the experiment');
  // Once evaluated, the policy conclusion is drawn; running longer would need a new experiment.
  if (experiment.status === 'EVALUATED') {
    throw new IllegalState('EXPERIMENT_ALREADY_EVALUATED', 'the experiment is EVALUATED');
  }
  const endsOn = requireWithinYears(
    requireIsoDate(data.endsOn, 'endsOn'),
    now,
    DEADLINE_HORIZON_YEARS.plan,
    'endsOn',
  );
  if (endsOn <= experiment.endsOn) {
    throw new InvalidInput('EXTENSION_NOT_LATER', `endsOn must lie after ${experiment.endsOn}`, 'endsOn', {
      date: experiment.endsOn,
    });
  }
  const reason = requireProse(data.reason, 'reason');
  return [
    {
      type: 'ExperimentExtended',
      data: {
        experimentId: experiment.id,
        previousEndsOn: experiment.endsOn,
        endsOn,
        reason,
        extendedAt: now,
      },
    },
  ];
};

const evaluate = ({ actor, now, data }: EvaluateExperiment, state: ExperimentState): ExperimentEvent[] => {
  const experiment = ownersExperiment(state, actor, 'evaluate the experiment');
  if (experiment.status === 'EVALUATED') {
    throw new IllegalState('EXPERIMENT_ALREADY_EVALUATED', 'the experiment is EVALUATED');
  }
  const conclusion = requireProse(data.conclusion, 'conclusion');
  const policyConsequence = requireOneOf(data.policyConsequence, POLICY_CONSEQUENCES, 'policyConsequence');
  const rationale = requireProse(data.rationale, 'rationale');
  return [
    {
      type: 'ExperimentEvaluated',
      data: { experimentId: experiment.id, conclusion, policyConsequence, rationale, evaluatedAt: now },
    },
  ];
};

const close = ({ actor, now }: CloseExperiment, state: ExperimentState): ExperimentEvent[] => {
  const experiment = ownersExperiment(state, actor, 'close the experiment');
  // A pilot only serves a goal when it has consequences for policy: no closing without a conclusion.
  if (experiment.status === 'RUNNING') {
    throw new IllegalState('EXPERIMENT_NOT_EVALUATED', 'the experiment is RUNNING and has no evaluation');
  }
  return [{ type: 'ExperimentClosed', data: { experimentId: experiment.id, closedAt: now } }];
};

/** Once per end date, while the experiment still runs unevaluated and today is past that date. */
const recordEvaluationOverdue = (
  { actor, now, data }: RecordEvaluationOverdue,
  state: ExperimentState,
): ExperimentEvent[] => {
  requireSystemActor(actor, 'an overdue evaluation');
  if (state.status === 'EMPTY') throw new NotFound('EXPERIMENT_NOT_FOUND', 'no such experiment');
  if (state.status !== 'RUNNING' || state.endsOn !== data.endsOn) return [];
  if (state.overdueEndDates.includes(state.endsOn) || dutchDateOf(now) <= state.endsOn) return [];
  return [
    {
      type: 'ExperimentEvaluationOverdue',
      data: { experimentId: state.id, endsOn: state.endsOn, overdueAt: now },
    },
  ];
};

export const decideExperiment = (command: ExperimentCommand, state: ExperimentState): ExperimentEvent[] => {
  switch (command.type) {
    case 'StartExperiment':
      return start(command, state);
    case 'ExtendExperiment':
      return extend(command, state);
    case 'EvaluateExperiment':
      return evaluate(command, state);
    case 'CloseExperiment':
      return close(command, state);
    case 'RecordEvaluationOverdue':
      return recordEvaluationOverdue(command, state);
    default: {
      const unknown: never = command;
      throw new Error(`unknown experiment command ${JSON.stringify(unknown)}`);
    }
  }
};

export const experimentDecider: Decider<ExperimentCommand, ExperimentEvent, ExperimentState> = {
  decide: decideExperiment,
  evolve: evolveExperiment,
  initialState: initialExperimentState,
};
