import {
  Actor,
  allowedText,
  Decider,
  DEADLINE_HORIZON_YEARS,
  DECISION_OUTCOMES,
  distinctBy,
  ESCALATION_STATUSES,
  EscalationStatus,
  Forbidden,
  IllegalState,
  isBlankText,
  instantMillis,
  InvalidInput,
  NotFound,
  NotVisible,
  requireIsoInstant,
  requireOneOf,
  requireRole,
  requireProse,
  requireSystemActor,
  requireText,
  requireWithinYears,
  Role,
} from '../shared';
import { SignalFact } from '../signal/signal.state';
import {
  AcknowledgeEscalation,
  AttachSignals,
  DecideEscalation,
  EscalateForNonResponse,
  EscalationCommand,
  InvolveAuthority,
  RaiseEscalation,
  RecordEscalationDeadlinePassed,
  ReopenEscalation,
  ResolveEscalation,
  TransferEscalation,
} from './escalation.commands';
import { EscalationEvent } from './escalation.events';
import {
  escalationPartiesOf,
  evolveEscalation,
  ExistingEscalationState,
  EscalationState,
  initialEscalationState,
  isEscalationAwaitingDecision,
  isEscalationVisibleTo,
} from './escalation.state';

/**
 * The code names the current status: too early gives `ESCALATION_NOT_<next status>`
 * (RAISED → NOT_ACKNOWLEDGED, ACKNOWLEDGED → NOT_DECIDED), too late `ESCALATION_ALREADY_<status>`.
 */
const requireStatus = (
  escalation: ExistingEscalationState,
  allowed: readonly EscalationStatus[],
  action: string,
): void => {
  if (allowed.includes(escalation.status)) return;
  const order = (status: EscalationStatus): number => ESCALATION_STATUSES.indexOf(status);
  const current = order(escalation.status);
  const code =
    current < Math.min(...allowed.map(order))
      ? `ESCALATION_NOT_${ESCALATION_STATUSES[current + 1]}`
      : `ESCALATION_ALREADY_${escalation.status}`;
  throw new IllegalState(code, `cannot ${action}: the escalation is ${escalation.status}`, undefined, {
    status: escalation.status,
  });
};

const OPEN: readonly EscalationStatus[] = ['RAISED', 'ACKNOWLEDGED'];

/** Role first (reveals nothing), then existence and visibility: a stranger gets 404, never 403. */
const escalationFor = (
  state: EscalationState,
  actor: Actor,
  roles: readonly Role[],
  action: string,
): ExistingEscalationState => {
  requireRole(actor, roles, action);
  if (state.status === 'EMPTY') throw new NotFound('ESCALATION_NOT_FOUND', 'no such escalation');
  if (!isEscalationVisibleTo(state, actor)) {
    throw new NotVisible('ESCALATION_NOT_FOUND', 'no such escalation');
  }
  return state;
};

/** Acknowledging, transferring, deciding and resolving belong to the addressed authority's administrators. */
const addressedEscalation = (
  state: EscalationState,
  actor: Actor,
  action: string,
): ExistingEscalationState => {
  const escalation = escalationFor(state, actor, ['admin'], action);
  if (escalation.addressedTo !== actor.authority) {
    throw new Forbidden('NOT_ADDRESSED_AUTHORITY', `only the addressed authority may ${action}`);
  }
  return escalation;
};

/**
 * Acknowledging and transferring belong to the addressed authority's administrators, and also to
 * those of an authority non-response climbed to: it may confirm it is on it, or take the escalation
 * over by transferring it (to itself, or to whoever is competent).
 */
const addressedOrClimbedEscalation = (
  state: EscalationState,
  actor: Actor,
  action: string,
): ExistingEscalationState => {
  const escalation = escalationFor(state, actor, ['admin'], action);
  if (escalation.addressedTo !== actor.authority && !escalation.climbedTo.includes(actor.authority)) {
    throw new Forbidden('NOT_ADDRESSED_AUTHORITY', `only the addressed authority may ${action}`);
  }
  return escalation;
};

const requireFutureRespondBy = (respondBy: string, now: string): string => {
  requireIsoInstant(respondBy, 'respondBy');
  if (instantMillis(respondBy) <= instantMillis(now)) {
    throw new InvalidInput('RESPOND_BY_NOT_IN_FUTURE', 'respondBy must lie after now', 'respondBy');
  }
  return requireWithinYears(
    respondBy,
    now,
    DEADLINE_HORIZON_YEARS.respondBy,
    'respondBy',
    'RESPOND_BY_TOO_FAR',
  );
};

/** At least one signal, every one existing and not withdrawn; returns the distinct ids. */
const escalatableSignalIds = (signals: readonly SignalFact[]): string[] => {
  if (signals.length === 0)
    throw new InvalidInput('NO_SIGNALS', 'at least one signal is needed', 'signalIds');
  const distinct = distinctBy(signals, (signal) => signal.id);
  const unknown = distinct.filter((signal) => !signal.exists).map((signal) => signal.id);
  if (unknown.length > 0) {
    throw new InvalidInput('UNKNOWN_SIGNAL', `no signal ${unknown.join(', ')}`, 'signalIds', {
      id: unknown.join(', '),
    });
  }
  const withdrawn = distinct.filter((signal) => signal.exists && signal.withdrawn).map((signal) => signal.id);
  if (withdrawn.length > 0) {
    throw new IllegalState('SIGNAL_WITHDRAWN', `signal ${withdrawn.join(', ')} is WITHDRAWN`, 'signalIds', {
      id: withdrawn.join(', '),
    });
  }
  return distinct.map((signal) => signal.id);
};

const raise = ({ actor, now, data }: RaiseEscalation, state: EscalationState): EscalationEvent[] => {
  requireRole(actor, ['officer', 'admin'], 'raising an escalation');
  if (state.status !== 'EMPTY')
    throw new IllegalState('ESCALATION_ALREADY_RAISED', 'the escalation already exists');
  const title = requireText(data.title, 'title');
  const reason = requireProse(data.reason, 'reason');
  const addressedTo = requireText(data.addressedTo, 'addressedTo');
  const signalIds = escalatableSignalIds(data.signals);
  const respondBy = requireFutureRespondBy(data.respondBy, now);
  return [
    {
      type: 'EscalationRaised',
      data: {
        escalationId: data.escalationId,
        title,
        reason,
        signalIds,
        raisedBy: actor.authority,
        raisedByUser: actor.sub,
        addressedTo,
        respondBy,
        raisedAt: now,
      },
    },
  ];
};

const acknowledge = (
  { actor, now, data }: AcknowledgeEscalation,
  state: EscalationState,
): EscalationEvent[] => {
  const escalation = addressedOrClimbedEscalation(state, actor, 'acknowledge');
  requireStatus(escalation, ['RAISED'], 'acknowledge');
  const text = data.note === undefined ? '' : allowedText(data.note, 'note', 'prose');
  const note = isBlankText(text) ? {} : { note: text };
  return [
    { type: 'EscalationAcknowledged', data: { escalationId: escalation.id, ...note, acknowledgedAt: now } },
  ];
};

const involve = ({ actor, now, data }: InvolveAuthority, state: EscalationState): EscalationEvent[] => {
  const escalation = escalationFor(state, actor, ['admin'], 'involve an authority');
  if (
    escalation.addressedTo !== actor.authority &&
    escalation.raisedBy !== actor.authority &&
    !escalation.climbedTo.includes(actor.authority)
  ) {
    throw new Forbidden(
      'NOT_ADDRESSED_OR_RAISING_AUTHORITY',
      'only the addressed or the raising authority may involve another authority',
    );
  }
  requireStatus(escalation, ['RAISED', 'ACKNOWLEDGED', 'DECIDED'], 'involve an authority');
  const authority = requireText(data.authority, 'authority');
  if (escalationPartiesOf(escalation).includes(authority)) {
    throw new IllegalState('AUTHORITY_ALREADY_INVOLVED', `${authority} is already a party`, 'authority', {
      authority,
    });
  }
  const reason = requireProse(data.reason, 'reason');
  return [
    { type: 'AuthorityInvolved', data: { escalationId: escalation.id, authority, reason, involvedAt: now } },
  ];
};

const attach = ({ actor, now, data }: AttachSignals, state: EscalationState): EscalationEvent[] => {
  const escalation = escalationFor(state, actor, ['officer', 'admin'], 'attach signals');
  if (!escalationPartiesOf(escalation).includes(actor.authority)) {
    throw new Forbidden('NOT_INVOLVED_AUTHORITY', 'only an involved authority may attach signals');
  }
  requireStatus(escalation, OPEN, 'attach signals');
  const signalIds = escalatableSignalIds(data.signals).filter((id) => !escalation.signalIds.includes(id));
  if (signalIds.length === 0) {
    throw new IllegalState('SIGNALS_ALREADY_ATTACHED', 'every signal is already attached', 'signalIds');
  }
  return [{ type: 'SignalsAttached', data: { escalationId: escalation.id, signalIds, attachedAt: now } }];
};

const transfer = ({ actor, now, data }: TransferEscalation, state: EscalationState): EscalationEvent[] => {
  const escalation = addressedOrClimbedEscalation(state, actor, 'transfer');
  requireStatus(escalation, OPEN, 'transfer');
  const to = requireText(data.to, 'to');
  if (to === escalation.addressedTo) {
    throw new InvalidInput('TRANSFER_TO_ADDRESSED_AUTHORITY', 'a transfer goes to another authority', 'to');
  }
  const reason = requireProse(data.reason, 'reason');
  const respondBy = requireFutureRespondBy(data.respondBy, now);
  return [
    {
      type: 'EscalationTransferred',
      data: {
        escalationId: escalation.id,
        from: escalation.addressedTo,
        to,
        reason,
        respondBy,
        transferredAt: now,
      },
    },
  ];
};

const decide = ({ actor, now, data }: DecideEscalation, state: EscalationState): EscalationEvent[] => {
  const escalation = addressedEscalation(state, actor, 'decide');
  // A decision follows acknowledgement: the addressee first confirms it is the competent authority.
  requireStatus(escalation, ['ACKNOWLEDGED'], 'decide');
  const outcome = requireOneOf(data.outcome, DECISION_OUTCOMES, 'outcome');
  const rationale = requireProse(data.rationale, 'rationale');
  return [
    {
      type: 'EscalationDecided',
      data: { escalationId: escalation.id, outcome, rationale, decidedAt: now, decidedBy: actor.authority },
    },
  ];
};

const resolve = ({ actor, now, data }: ResolveEscalation, state: EscalationState): EscalationEvent[] => {
  const escalation = addressedEscalation(state, actor, 'resolve');
  requireStatus(escalation, ['DECIDED'], 'resolve');
  const summary = requireProse(data.summary, 'summary');
  return [{ type: 'EscalationResolved', data: { escalationId: escalation.id, summary, resolvedAt: now } }];
};

const reopen = ({ actor, now, data }: ReopenEscalation, state: EscalationState): EscalationEvent[] => {
  const escalation = escalationFor(state, actor, ['officer', 'admin'], 'reopen');
  if (escalation.raisedBy !== actor.authority) {
    throw new Forbidden('NOT_RAISING_AUTHORITY', 'only the raising authority may reopen');
  }
  requireStatus(escalation, ['DECIDED', 'RESOLVED'], 'reopen');
  const reason = requireProse(data.reason, 'reason');
  const respondBy = requireFutureRespondBy(data.respondBy, now);
  return [
    { type: 'EscalationReopened', data: { escalationId: escalation.id, reason, respondBy, reopenedAt: now } },
  ];
};

/** Once per deadline, and only while it still stands and the escalation awaits a decision. */
const recordDeadlinePassed = (
  { actor, now, data }: RecordEscalationDeadlinePassed,
  state: EscalationState,
): EscalationEvent[] => {
  requireSystemActor(actor, 'a passed deadline');
  if (state.status === 'EMPTY') throw new NotFound('ESCALATION_NOT_FOUND', 'no such escalation');
  if (!isEscalationAwaitingDecision(state)) return [];
  if (state.respondBy !== data.respondBy || state.deadlinePassedAt !== null) return [];
  if (instantMillis(now) <= instantMillis(state.respondBy)) return [];
  return [
    {
      type: 'EscalationDeadlinePassed',
      data: { escalationId: state.id, respondBy: state.respondBy, awaited: state.awaited, passedAt: now },
    },
  ];
};

/** Only after the deadline was recorded as passed, and once per passed deadline. */
const escalateForNonResponse = (
  { actor, now, data }: EscalateForNonResponse,
  state: EscalationState,
): EscalationEvent[] => {
  requireSystemActor(actor, 'escalation for non-response');
  if (state.status === 'EMPTY') throw new NotFound('ESCALATION_NOT_FOUND', 'no such escalation');
  if (!isEscalationAwaitingDecision(state) || state.chainEnded) return [];
  if (state.respondBy !== data.respondBy || state.deadlinePassedAt === null) return [];
  const base = { escalationId: state.id, from: state.awaited, escalatedAt: now };
  if (data.to === null || data.newRespondBy === null) {
    return [{ type: 'EscalationEscalatedForNonResponse', data: { ...base, to: null, respondBy: null } }];
  }
  if (data.to === state.awaited) {
    throw new InvalidInput('CHAIN_LOOPS', 'the next authority in the chain is the awaited one', 'to');
  }
  const respondBy = requireFutureRespondBy(data.newRespondBy, now);
  return [{ type: 'EscalationEscalatedForNonResponse', data: { ...base, to: data.to, respondBy } }];
};

export const decideEscalation = (command: EscalationCommand, state: EscalationState): EscalationEvent[] => {
  switch (command.type) {
    case 'RaiseEscalation':
      return raise(command, state);
    case 'AcknowledgeEscalation':
      return acknowledge(command, state);
    case 'InvolveAuthority':
      return involve(command, state);
    case 'AttachSignals':
      return attach(command, state);
    case 'TransferEscalation':
      return transfer(command, state);
    case 'DecideEscalation':
      return decide(command, state);
    case 'ResolveEscalation':
      return resolve(command, state);
    case 'ReopenEscalation':
      return reopen(command, state);
    case 'RecordEscalationDeadlinePassed':
      return recordDeadlinePassed(command, state);
    case 'EscalateForNonResponse':
      return escalateForNonResponse(command, state);
    default: {
      const unknown: never = command;
      throw new Error(`unknown escalation command ${JSON.stringify(unknown)}`);
    }
  }
};

export const escalationDecider: Decider<EscalationCommand, EscalationEvent, EscalationState> = {
  decide: decideEscalation,
  evolve: evolveEscalation,
  initialState: initialEscalationState,
};
