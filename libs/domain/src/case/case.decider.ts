import {
  Actor,
  Decider,
  distinct,
  distinctBy,
  Forbidden,
  hasRole,
  IllegalState,
  InvalidInput,
  NotFound,
  NotVisible,
  requireAtMost,
  requireLength,
  requireRole,
  requireText,
} from '../shared';
import { AddSignalsToCase, CaseCommand, CaseSignalFact, CreateCase } from './case.commands';
import { CaseEvent } from './case.events';
import { CaseState, evolveCase, ExistingCaseState, initialCaseState, isCaseVisibleTo } from './case.state';

export const CASE_LIMITS = { titleMin: 3, titleMax: 200, signals: 50 } as const;

/** The signals named, each once; one that is absent (or unreadable for the actor) refuses the lot. */
const knownSignals = (
  signals: readonly CaseSignalFact[],
): Array<{ id: string; reportingAuthority: string }> => {
  if (signals.length === 0) throw new InvalidInput('REQUIRED', 'signalIds must name a signal', 'signalIds');
  requireAtMost(signals, 'signalIds', CASE_LIMITS.signals);
  return distinctBy(signals, (signal) => signal.id).map((signal) => {
    if (!signal.exists) {
      throw new InvalidInput('UNKNOWN_SIGNAL', `no signal ${signal.id}`, 'signalIds', { id: signal.id });
    }
    return { id: signal.id, reportingAuthority: signal.reportingAuthority };
  });
};

const create = ({ actor, now, data }: CreateCase, state: CaseState): CaseEvent[] => {
  requireRole(actor, ['analyst', 'admin'], 'create a case');
  if (state.status !== 'EMPTY') throw new IllegalState('CASE_ALREADY_CREATED', 'the case already exists');
  const title = requireLength(
    requireText(data.title, 'title'),
    'title',
    CASE_LIMITS.titleMin,
    CASE_LIMITS.titleMax,
  );
  const signals = knownSignals(data.signals);
  const parties = distinct(signals.map((signal) => signal.reportingAuthority));
  // An administrator opens a case only about their own authority's signals; analysts work across.
  if (!hasRole(actor, 'analyst') && !parties.includes(actor.authority)) {
    throw new Forbidden(
      'NOT_INVOLVED',
      "an administrator's authority must have reported at least one of the signals",
      'signalIds',
    );
  }
  return [
    {
      type: 'CaseCreated',
      data: {
        caseId: data.caseId,
        title,
        signalIds: signals.map((signal) => signal.id),
        parties,
        createdBy: actor.sub,
        createdByAuthority: actor.authority,
        createdAt: now,
      },
    },
  ];
};

/** Not a party (and no analyst) is the same 404 as absent, so a refusal reveals nothing. */
const visibleCase = (state: CaseState, actor: Actor): ExistingCaseState => {
  if (state.status === 'EMPTY') throw new NotFound('CASE_NOT_FOUND', 'no such case');
  if (!isCaseVisibleTo(state, actor)) throw new NotVisible('CASE_NOT_FOUND', 'no such case');
  return state;
};

const addSignals = ({ actor, now, data }: AddSignalsToCase, state: CaseState): CaseEvent[] => {
  requireRole(actor, ['analyst', 'admin'], 'add signals to a case');
  const found = visibleCase(state, actor);
  const added = knownSignals(data.signals).filter((signal) => !found.signalIds.includes(signal.id));
  if (added.length === 0) {
    throw new IllegalState('SIGNALS_ALREADY_IN_CASE', 'every signal named is in the case already');
  }
  if (found.signalIds.length + added.length > CASE_LIMITS.signals) {
    throw new InvalidInput('TOO_MANY', `a case holds at most ${CASE_LIMITS.signals} signals`, 'signalIds', {
      max: CASE_LIMITS.signals,
    });
  }
  const parties = distinct(added.map((signal) => signal.reportingAuthority)).filter(
    (party) => !found.parties.includes(party),
  );
  return [
    {
      type: 'SignalsAddedToCase',
      data: { caseId: found.id, signalIds: added.map((signal) => signal.id), parties, addedAt: now },
    },
  ];
};

export const decideCase = (command: CaseCommand, state: CaseState): CaseEvent[] => {
  switch (command.type) {
    case 'CreateCase':
      return create(command, state);
    case 'AddSignalsToCase':
      return addSignals(command, state);
    default: {
      const unknown: never = command;
      throw new Error(`unknown case command ${JSON.stringify(unknown)}`);
    }
  }
};

export const caseDecider: Decider<CaseCommand, CaseEvent, CaseState> = {
  decide: decideCase,
  evolve: evolveCase,
  initialState: initialCaseState,
};
