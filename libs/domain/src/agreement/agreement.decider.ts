import {
  Actor,
  allowedText,
  Decider,
  DEADLINE_HORIZON_YEARS,
  distinct,
  dutchDateOf,
  FOLLOW_UP_ASSESSMENTS,
  Forbidden,
  IllegalState,
  InvalidInput,
  NotFound,
  requireIsoDate,
  requireOneOf,
  requireRole,
  requireProse,
  requireSystemActor,
  requireText,
  requireWithinYears,
} from '../shared';
import {
  AgreementCommand,
  CancelAgreement,
  FulfilAgreement,
  MakeAgreement,
  MarkAgreementUnmet,
  RecordAgreementDueDatePassed,
  RecordFollowUp,
  RecordFollowUpMissed,
  ReportProgress,
} from './agreement.commands';
import { AgreementEvent } from './agreement.events';
import {
  AgreementState,
  evolveAgreement,
  ExistingAgreementState,
  initialAgreementState,
} from './agreement.state';

/** Agreements are public accountability, so refusals may be 403: nothing is revealed by them. */
const openAgreement = (state: AgreementState, actor: Actor, action: string): ExistingAgreementState => {
  requireRole(actor, ['admin'], action);
  if (state.status === 'EMPTY') throw new NotFound('AGREEMENT_NOT_FOUND', 'no such agreement');
  return state;
};

const requireOpen = (agreement: ExistingAgreementState): void => {
  if (agreement.status !== 'OPEN') {
    throw new IllegalState(
      'AGREEMENT_CLOSED',
      `nothing changes any more: the agreement is ${agreement.status}`,
      undefined,
      { status: agreement.status },
    );
  }
};

/** Progress and closing belong to the owner's administrators. */
const ownersAgreement = (state: AgreementState, actor: Actor, action: string): ExistingAgreementState => {
  const agreement = openAgreement(state, actor, action);
  if (agreement.owner !== actor.authority) {
    throw new Forbidden('NOT_AGREEMENT_OWNER', `only the owning authority may ${action}`);
  }
  requireOpen(agreement);
  return agreement;
};

const make = ({ actor, now, data }: MakeAgreement, state: AgreementState): AgreementEvent[] => {
  requireRole(actor, ['admin'], 'make an agreement');
  if (state.status !== 'EMPTY')
    throw new IllegalState('AGREEMENT_ALREADY_MADE', 'the agreement already exists');
  const owner = requireText(data.owner, 'owner');
  // An authority binds itself: another authority's administrators cannot make it the owner.
  if (owner !== actor.authority) {
    throw new Forbidden(
      'OWNER_NOT_OWN_AUTHORITY',
      "the owner must be the administrator's own authority",
      'owner',
    );
  }
  const title = requireText(data.title, 'title');
  const commitment = requireProse(data.commitment, 'commitment');
  data.parties.forEach((party) => requireText(party, 'parties'));
  const parties = distinct([owner, ...data.parties]);

  const madeOn = dutchDateOf(now);
  const dueBy = requireWithinYears(
    requireIsoDate(data.dueBy, 'dueBy'),
    now,
    DEADLINE_HORIZON_YEARS.plan,
    'dueBy',
  );
  if (dueBy <= madeOn) throw new InvalidInput('DUE_NOT_AFTER_MADE', 'dueBy must lie after today', 'dueBy');
  const firstFollowUpOn = requireWithinYears(
    requireIsoDate(data.firstFollowUpOn, 'firstFollowUpOn'),
    now,
    DEADLINE_HORIZON_YEARS.plan,
    'firstFollowUpOn',
  );
  if (firstFollowUpOn < madeOn) {
    throw new InvalidInput(
      'FOLLOW_UP_BEFORE_MADE',
      'the first follow-up cannot lie before today',
      'firstFollowUpOn',
    );
  }
  // The follow-up is there to steer towards the result, so it takes place by the due date.
  if (firstFollowUpOn > dueBy) {
    throw new InvalidInput(
      'FOLLOW_UP_AFTER_DUE',
      'the first follow-up cannot lie after dueBy',
      'firstFollowUpOn',
    );
  }
  if (data.escalation !== null && !data.escalation.exists) {
    throw new InvalidInput('UNKNOWN_ESCALATION', `no escalation ${data.escalation.id}`, 'escalationId', {
      id: data.escalation.id,
    });
  }

  return [
    {
      type: 'AgreementMade',
      data: {
        agreementId: data.agreementId,
        title,
        commitment,
        owner,
        parties,
        dueBy,
        firstFollowUpOn,
        escalationId: data.escalation?.id ?? null,
        madeBy: actor.sub,
        madeAt: now,
      },
    },
  ];
};

const reportProgress = ({ actor, now, data }: ReportProgress, state: AgreementState): AgreementEvent[] => {
  const agreement = ownersAgreement(state, actor, 'report progress');
  if (!Number.isInteger(data.percent) || data.percent < 0 || data.percent > 100) {
    throw new InvalidInput('PERCENT_OUT_OF_RANGE', 'percent is a whole number from 0 to 100', 'percent');
  }
  const note = allowedText(data.note, 'note', 'prose');
  return [
    {
      type: 'ProgressReported',
      data: { agreementId: agreement.id, percent: data.percent, note, reportedAt: now },
    },
  ];
};

const recordFollowUp = ({ actor, now, data }: RecordFollowUp, state: AgreementState): AgreementEvent[] => {
  const agreement = openAgreement(state, actor, 'record a follow-up');
  if (!agreement.parties.includes(actor.authority)) {
    throw new Forbidden('NOT_A_PARTY', 'only a party to the agreement may record a follow-up');
  }
  requireOpen(agreement);
  const heldOn = requireIsoDate(data.heldOn, 'heldOn');
  if (heldOn > dutchDateOf(now))
    throw new InvalidInput('HELD_IN_FUTURE', 'heldOn cannot lie in the future', 'heldOn');
  if (heldOn < dutchDateOf(agreement.madeAt)) {
    throw new InvalidInput(
      'HELD_BEFORE_AGREEMENT',
      'heldOn cannot lie before the agreement was made',
      'heldOn',
    );
  }
  const assessment = requireOneOf(data.assessment, FOLLOW_UP_ASSESSMENTS, 'assessment');
  const notes = allowedText(data.notes, 'notes', 'prose');
  const nextFollowUpOn =
    data.nextFollowUpOn === null
      ? null
      : requireWithinYears(
          requireIsoDate(data.nextFollowUpOn, 'nextFollowUpOn'),
          now,
          DEADLINE_HORIZON_YEARS.plan,
          'nextFollowUpOn',
        );
  if (nextFollowUpOn !== null && nextFollowUpOn <= heldOn) {
    throw new InvalidInput(
      'NEXT_FOLLOW_UP_NOT_AFTER_HELD',
      'nextFollowUpOn must lie after heldOn',
      'nextFollowUpOn',
    );
  }
  return [
    {
      type: 'FollowUpRecorded',
      data: {
        agreementId: agreement.id,
        heldOn,
        assessment,
        notes,
        nextFollowUpOn,
        recordedBy: actor.sub,
        recordedAt: now,
      },
    },
  ];
};

const fulfil = ({ actor, now, data }: FulfilAgreement, state: AgreementState): AgreementEvent[] => {
  const agreement = ownersAgreement(state, actor, 'fulfil the agreement');
  const result = requireProse(data.result, 'result');
  return [{ type: 'AgreementFulfilled', data: { agreementId: agreement.id, result, fulfilledAt: now } }];
};

const markUnmet = ({ actor, now, data }: MarkAgreementUnmet, state: AgreementState): AgreementEvent[] => {
  const agreement = ownersAgreement(state, actor, 'mark the agreement unmet');
  const reason = requireProse(data.reason, 'reason');
  return [{ type: 'AgreementMarkedUnmet', data: { agreementId: agreement.id, reason, markedAt: now } }];
};

const cancel = ({ actor, now, data }: CancelAgreement, state: AgreementState): AgreementEvent[] => {
  const agreement = ownersAgreement(state, actor, 'cancel the agreement');
  const reason = requireProse(data.reason, 'reason');
  return [{ type: 'AgreementCancelled', data: { agreementId: agreement.id, reason, cancelledAt: now } }];
};

const existingAgreement = (state: AgreementState): ExistingAgreementState => {
  if (state.status === 'EMPTY') throw new NotFound('AGREEMENT_NOT_FOUND', 'no such agreement');
  return state;
};

/** Once, while the agreement is open and today (in the Netherlands) is past `dueBy`. */
const recordDueDatePassed = (
  { actor, now, data }: RecordAgreementDueDatePassed,
  state: AgreementState,
): AgreementEvent[] => {
  requireSystemActor(actor, 'a passed due date');
  const agreement = existingAgreement(state);
  if (agreement.status !== 'OPEN' || agreement.dueDatePassedAt !== null) return [];
  if (agreement.dueBy !== data.dueBy || dutchDateOf(now) <= agreement.dueBy) return [];
  return [
    {
      type: 'AgreementDueDatePassed',
      data: { agreementId: agreement.id, dueBy: agreement.dueBy, passedAt: now },
    },
  ];
};

/** Once per planned date, while it is still the next one and today is past it. */
const recordFollowUpMissed = (
  { actor, now, data }: RecordFollowUpMissed,
  state: AgreementState,
): AgreementEvent[] => {
  requireSystemActor(actor, 'a missed follow-up');
  const agreement = existingAgreement(state);
  const planned = agreement.nextFollowUpOn;
  if (agreement.status !== 'OPEN' || planned === null || planned !== data.followUpOn) return [];
  if (agreement.missedFollowUps.includes(planned) || dutchDateOf(now) <= planned) return [];
  return [
    { type: 'FollowUpMissed', data: { agreementId: agreement.id, followUpOn: planned, missedAt: now } },
  ];
};

export const decideAgreement = (command: AgreementCommand, state: AgreementState): AgreementEvent[] => {
  switch (command.type) {
    case 'MakeAgreement':
      return make(command, state);
    case 'ReportProgress':
      return reportProgress(command, state);
    case 'RecordFollowUp':
      return recordFollowUp(command, state);
    case 'FulfilAgreement':
      return fulfil(command, state);
    case 'MarkAgreementUnmet':
      return markUnmet(command, state);
    case 'CancelAgreement':
      return cancel(command, state);
    case 'RecordAgreementDueDatePassed':
      return recordDueDatePassed(command, state);
    case 'RecordFollowUpMissed':
      return recordFollowUpMissed(command, state);
    default: {
      const unknown: never = command;
      throw new Error(`unknown agreement command ${JSON.stringify(unknown)}`);
    }
  }
};

export const agreementDecider: Decider<AgreementCommand, AgreementEvent, AgreementState> = {
  decide: decideAgreement,
  evolve: evolveAgreement,
  initialState: initialAgreementState,
};
