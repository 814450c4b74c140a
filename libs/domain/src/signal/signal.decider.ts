import {
  Actor,
  Decider,
  distinct,
  distinctBy,
  Forbidden,
  IllegalState,
  INITIATIVE_KINDS,
  InvalidInput,
  isAfterNow,
  isIsoDate,
  isIsoInstant,
  NotFound,
  NotVisible,
  requireAtMost,
  requireDateOrInstantInRange,
  requireLength,
  requireOneOf,
  requireRole,
  allowedText,
  requireProse,
  requireText,
  SIGNAL_LEVELS,
  SIGNAL_TYPES,
} from '../shared';
import {
  AmendSignal,
  ClassifySignal,
  ErasePersonalData,
  MarkDuplicate,
  RecordSignal,
  RecordSignalData,
  SignalCommand,
  WithdrawSignal,
} from './signal.commands';
import { NormReference, SignalChanges, SignalEvent, SignalLocation } from './signal.events';
import {
  evolveSignal,
  initialSignalState,
  isSignalVisibleTo,
  RecordedSignalState,
  SignalDetails,
  SignalState,
} from './signal.state';

export const SIGNAL_LIMITS = {
  titleMin: 3,
  titleMax: 200,
  descriptionMax: 10_000,
  authorities: 20,
  norms: 20,
  themes: 10,
} as const;

type Recordable = Omit<RecordSignalData, 'signalId'>;

const AMENDABLE_FIELDS: readonly (keyof SignalChanges)[] = [
  'type',
  'title',
  'description',
  'policyDomain',
  'level',
  'initiativeKind',
  'observedAt',
  'authorities',
  'norms',
  'initiative',
  'location',
];

// "Bbl art. 4.101" and "bbl  art. 4.101" cite the same rule; a conflict needs two different rules.
const normKey = (norm: NormReference): string => norm.ref.trim().replace(/\s+/g, ' ').toLowerCase();

const validLocation = (location: SignalLocation | null): SignalLocation | null => {
  if (location === null) return null;
  const inRange = (value: number | undefined, limit: number): boolean =>
    value === undefined || (Number.isFinite(value) && Math.abs(value) <= limit);
  if (!inRange(location.lat, 90))
    throw new InvalidInput('OUT_OF_RANGE', 'lat lies in -90..90', 'location.lat', { min: -90, max: 90 });
  if (!inRange(location.lon, 180))
    throw new InvalidInput('OUT_OF_RANGE', 'lon lies in -180..180', 'location.lon', { min: -180, max: 180 });
  return location;
};

const validNorm = (norm: NormReference): NormReference => {
  const ref = requireText(norm.ref, 'norms');
  return norm.title === undefined
    ? { ...norm, ref }
    : { ...norm, ref, title: allowedText(norm.title, 'norms', 'line') };
};

/** The rules every recorded or amended signal satisfies; returns the fields with duplicates removed. */
const validRecordable = (fields: Recordable, now: string): Recordable => {
  const type = requireOneOf(fields.type, SIGNAL_TYPES, 'type');
  const title = requireLength(
    requireText(fields.title, 'title'),
    'title',
    SIGNAL_LIMITS.titleMin,
    SIGNAL_LIMITS.titleMax,
  );
  const description = requireLength(
    requireProse(fields.description, 'description'),
    'description',
    1,
    SIGNAL_LIMITS.descriptionMax,
  );
  const policyDomain = requireText(fields.policyDomain, 'policyDomain');
  requireOneOf(fields.level, SIGNAL_LEVELS, 'level');
  requireOneOf(fields.initiativeKind, INITIATIVE_KINDS, 'initiativeKind');

  if (!isIsoDate(fields.observedAt) && !isIsoInstant(fields.observedAt)) {
    throw new InvalidInput('INVALID_DATE', 'observedAt must be an ISO date or date-time', 'observedAt');
  }
  requireDateOrInstantInRange(fields.observedAt, 'observedAt');
  if (isAfterNow(fields.observedAt, now)) {
    throw new InvalidInput('OBSERVED_IN_FUTURE', 'observedAt lies in the future', 'observedAt');
  }

  requireAtMost(fields.authorities, 'authorities', SIGNAL_LIMITS.authorities);
  const authorities = distinct(fields.authorities.map((authority) => requireText(authority, 'authorities')));
  requireAtMost(fields.norms, 'norms', SIGNAL_LIMITS.norms);
  const norms = distinctBy(fields.norms.map(validNorm), normKey);

  if (type === 'CONFLICTING_NORMS' && norms.length < 2) {
    throw new InvalidInput(
      'CONFLICTING_NORMS_NEED_TWO_NORMS',
      'a norm conflict names at least two distinct norms',
      'norms',
    );
  }
  if (type === 'UNCLEAR_AUTHORITY' && authorities.length < 2) {
    throw new InvalidInput(
      'UNCLEAR_AUTHORITY_NEEDS_TWO_AUTHORITIES',
      'an unclear authority names at least two candidate authorities',
      'authorities',
    );
  }
  if (fields.initiative !== null) requireText(fields.initiative.personalDataRef, 'initiative');

  return {
    ...fields,
    title,
    description,
    policyDomain,
    authorities,
    norms,
    location: validLocation(fields.location),
  };
};

const recordableOf = (signal: SignalDetails): Recordable => ({
  type: signal.type,
  title: signal.title,
  description: signal.description,
  policyDomain: signal.policyDomain,
  level: signal.level,
  initiativeKind: signal.initiativeKind,
  observedAt: signal.observedAt,
  authorities: signal.authorities,
  norms: signal.norms,
  initiative: signal.initiative,
  location: signal.location,
});

/** Other authorities' officers get 404: a 403 would tell them the signal exists. */
const visibleSignal = (state: SignalState, actor: Actor): RecordedSignalState => {
  if (state.status === 'EMPTY') throw new NotFound('SIGNAL_NOT_FOUND', 'no such signal');
  if (!isSignalVisibleTo(state, actor)) throw new NotVisible('SIGNAL_NOT_FOUND', 'no such signal');
  return state;
};

const changeableSignal = (state: SignalState, actor: Actor): RecordedSignalState => {
  const signal = visibleSignal(state, actor);
  if (signal.status === 'WITHDRAWN') {
    throw new IllegalState('SIGNAL_WITHDRAWN', 'the signal is WITHDRAWN', undefined, { id: signal.id });
  }
  return signal;
};

/** Amending and withdrawing belong to the reporting authority's officers. */
const reportersSignal = (state: SignalState, actor: Actor, action: string): RecordedSignalState => {
  requireRole(actor, ['officer'], action);
  const signal = visibleSignal(state, actor);
  if (signal.reportingAuthority !== actor.authority) {
    throw new Forbidden('NOT_REPORTING_AUTHORITY', 'only the reporting authority may do this');
  }
  return changeableSignal(signal, actor);
};

const record = ({ actor, now, data }: RecordSignal, state: SignalState): SignalEvent[] => {
  requireRole(actor, ['officer'], 'recording a signal');
  if (state.status !== 'EMPTY')
    throw new IllegalState('SIGNAL_ALREADY_RECORDED', 'the signal already exists');
  const { signalId, ...fields } = data;
  const recorded = validRecordable(fields, now);
  return [
    {
      type: 'SignalRecorded',
      data: {
        signalId,
        ...recorded,
        reportingAuthority: actor.authority,
        reportedBy: actor.sub,
        recordedAt: now,
      },
    },
  ];
};

const amend = ({ actor, now, data }: AmendSignal, state: SignalState): SignalEvent[] => {
  const signal = reportersSignal(state, actor, 'amending a signal');
  const given = Object.entries(data.changes).filter(([, value]) => value !== undefined);
  const unknown = given.find(([key]) => !AMENDABLE_FIELDS.some((field) => field === key));
  if (unknown) throw new InvalidInput('UNKNOWN_FIELD', `${unknown[0]} cannot be amended`, unknown[0]);
  if (given.length === 0) throw new InvalidInput('NO_CHANGES', 'an amendment changes at least one field');
  const provided = Object.fromEntries(given) as SignalChanges;

  // Validate the signal as it will be, so that e.g. a type change to CONFLICTING_NORMS needs two norms.
  const current = recordableOf(signal);
  const amended = validRecordable({ ...current, ...provided }, now);
  const changes: Record<string, unknown> = {};
  for (const field of AMENDABLE_FIELDS) {
    if (field in provided && JSON.stringify(amended[field]) !== JSON.stringify(current[field])) {
      changes[field] = amended[field];
    }
  }
  // Repeating an amendment already applied writes nothing, so a retried PATCH stays harmless.
  if (Object.keys(changes).length === 0) return [];
  return [
    {
      type: 'SignalAmended',
      data: { signalId: signal.id, changes: changes as SignalChanges, amendedAt: now },
    },
  ];
};

const classify = ({ actor, now, data }: ClassifySignal, state: SignalState): SignalEvent[] => {
  requireRole(actor, ['analyst'], 'classifying a signal');
  const signal = changeableSignal(state, actor);
  requireAtMost(data.themes, 'themes', SIGNAL_LIMITS.themes);
  const themes = distinct(data.themes.map((theme) => requireText(theme, 'themes').trim()));
  const policyDomain =
    data.policyDomain === undefined ? {} : { policyDomain: requireText(data.policyDomain, 'policyDomain') };
  if (themes.length === 0 && policyDomain.policyDomain === undefined) {
    throw new InvalidInput(
      'EMPTY_CLASSIFICATION',
      'a classification names at least one theme or corrects the policy domain',
      'themes',
    );
  }
  // Classifying a signal as it already is writes nothing: no history entry without a change.
  const sameThemes = JSON.stringify([...themes].sort()) === JSON.stringify([...signal.themes].sort());
  const sameDomain = (policyDomain.policyDomain ?? signal.policyDomain) === signal.policyDomain;
  if (sameThemes && sameDomain) return [];
  return [
    { type: 'SignalClassified', data: { signalId: signal.id, themes, ...policyDomain, classifiedAt: now } },
  ];
};

const markDuplicate = ({ actor, now, data }: MarkDuplicate, state: SignalState): SignalEvent[] => {
  requireRole(actor, ['analyst'], 'marking a duplicate');
  const signal = changeableSignal(state, actor);
  const target = data.duplicateOf;
  if (target.id === signal.id) {
    throw new InvalidInput('DUPLICATE_OF_ITSELF', 'a signal is never its own duplicate', 'signalId');
  }
  if (!target.exists) {
    throw new InvalidInput('UNKNOWN_SIGNAL', `no signal ${target.id}`, 'signalId', { id: target.id });
  }
  if (target.withdrawn) {
    throw new IllegalState('DUPLICATE_TARGET_WITHDRAWN', `signal ${target.id} is WITHDRAWN`, 'signalId', {
      id: target.id,
    });
  }
  // Pointing only at originals keeps duplicate chains one step long and makes cycles impossible.
  if (target.duplicateOf !== null) {
    throw new IllegalState(
      'DUPLICATE_TARGET_IS_DUPLICATE',
      `signal ${target.id} is itself a duplicate of ${target.duplicateOf}`,
      'signalId',
      { id: target.id, original: target.duplicateOf },
    );
  }
  if (signal.duplicateOf === target.id) {
    throw new IllegalState(
      'SIGNAL_ALREADY_DUPLICATE',
      `the signal is already a duplicate of ${target.id}`,
      'signalId',
      { id: target.id },
    );
  }
  return [
    { type: 'SignalMarkedDuplicate', data: { signalId: signal.id, duplicateOf: target.id, markedAt: now } },
  ];
};

const withdraw = ({ actor, now, data }: WithdrawSignal, state: SignalState): SignalEvent[] => {
  const signal = reportersSignal(state, actor, 'withdrawing a signal');
  const reason = requireProse(data.reason, 'reason');
  return [{ type: 'SignalWithdrawn', data: { signalId: signal.id, reason, withdrawnAt: now } }];
};

/** Erasure stays possible whatever the signal's status; erasing again before new data writes nothing. */
const erasePersonalData = ({ actor, now }: ErasePersonalData, state: SignalState): SignalEvent[] => {
  requireRole(actor, ['admin'], 'erasing personal data');
  const signal = visibleSignal(state, actor);
  if (signal.personalDataErasedAt !== null) return [];
  return [{ type: 'SignalPersonalDataErased', data: { signalId: signal.id, erasedAt: now } }];
};

export const decideSignal = (command: SignalCommand, state: SignalState): SignalEvent[] => {
  switch (command.type) {
    case 'RecordSignal':
      return record(command, state);
    case 'AmendSignal':
      return amend(command, state);
    case 'ClassifySignal':
      return classify(command, state);
    case 'MarkDuplicate':
      return markDuplicate(command, state);
    case 'WithdrawSignal':
      return withdraw(command, state);
    case 'ErasePersonalData':
      return erasePersonalData(command, state);
    default: {
      const unknown: never = command;
      throw new Error(`unknown signal command ${JSON.stringify(unknown)}`);
    }
  }
};

export const signalDecider: Decider<SignalCommand, SignalEvent, SignalState> = {
  decide: decideSignal,
  evolve: evolveSignal,
  initialState: initialSignalState,
};
