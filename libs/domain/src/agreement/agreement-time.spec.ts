import { given } from '@praktijklus/testing';
import { Forbidden, SYSTEM_ACTOR } from '../shared';
import { admin } from '../shared/actors.fixture';
import { AgreementCommand } from './agreement.commands';
import { agreementDecider } from './agreement.decider';
import { AgreementEvent } from './agreement.events';

const ID = 'a9000000-0000-4000-8000-0000000000aa';
const made: AgreementEvent = {
  type: 'AgreementMade',
  data: {
    agreementId: ID,
    title: 'Geluidsnorm warmtepompen',
    commitment: 'De provincie past de regel aan',
    owner: 'pv26',
    parties: ['pv26', 'gm0344'],
    dueBy: '2026-06-30',
    firstFollowUpOn: '2026-04-15',
    escalationId: null,
    madeBy: 'pv26',
    madeAt: '2026-03-01T09:00:00.000Z',
  },
};
// 23:30 Dutch summer time on the date itself is still that date; 00:30 the next day is past it.
const ON_DUE_DATE = '2026-06-30T21:30:00.000Z';
const DAY_AFTER_DUE = '2026-06-30T22:30:00.000Z';
const DAY_AFTER_FOLLOW_UP = '2026-04-16T08:00:00.000Z';

const dueDatePassed = (now: string, dueBy = '2026-06-30', actor = SYSTEM_ACTOR): AgreementCommand => ({
  type: 'RecordAgreementDueDatePassed',
  actor,
  now,
  data: { agreementId: ID, dueBy },
});
const followUpMissed = (now: string, followUpOn = '2026-04-15'): AgreementCommand => ({
  type: 'RecordFollowUpMissed',
  actor: SYSTEM_ACTOR,
  now,
  data: { agreementId: ID, followUpOn },
});

describe('agreement dates (the platform acting on time)', () => {
  it('records a passed due date once, from the day after it in the Netherlands', () => {
    given(agreementDecider, [made]).when(dueDatePassed(ON_DUE_DATE)).then([]);
    const passed: AgreementEvent = {
      type: 'AgreementDueDatePassed',
      data: { agreementId: ID, dueBy: '2026-06-30', passedAt: DAY_AFTER_DUE },
    };
    given(agreementDecider, [made]).when(dueDatePassed(DAY_AFTER_DUE)).then([passed]);
    given(agreementDecider, [made, passed]).when(dueDatePassed(DAY_AFTER_DUE)).then([]);
  });

  it('records nothing for a closed agreement or another date, and refuses users', () => {
    const fulfilled: AgreementEvent = {
      type: 'AgreementFulfilled',
      data: { agreementId: ID, result: 'Regel aangepast', fulfilledAt: '2026-06-01T09:00:00.000Z' },
    };
    given(agreementDecider, [made, fulfilled]).when(dueDatePassed(DAY_AFTER_DUE)).then([]);
    given(agreementDecider, [made]).when(dueDatePassed(DAY_AFTER_DUE, '2026-06-29')).then([]);
    given(agreementDecider, [made])
      .when(dueDatePassed(DAY_AFTER_DUE, '2026-06-30', admin('pv26')))
      .thenThrows(Forbidden, 'SYSTEM_ONLY');
  });

  it('records a missed follow-up once per planned date, and a held one moves the plan on', () => {
    const missed: AgreementEvent = {
      type: 'FollowUpMissed',
      data: { agreementId: ID, followUpOn: '2026-04-15', missedAt: DAY_AFTER_FOLLOW_UP },
    };
    given(agreementDecider, [made]).when(followUpMissed('2026-04-15T10:00:00.000Z')).then([]);
    given(agreementDecider, [made]).when(followUpMissed(DAY_AFTER_FOLLOW_UP)).then([missed]);
    given(agreementDecider, [made, missed]).when(followUpMissed(DAY_AFTER_FOLLOW_UP)).then([]);
    const held: AgreementEvent = {
      type: 'FollowUpRecorded',
      data: {
        agreementId: ID,
        heldOn: '2026-04-20',
        assessment: 'ON_TRACK',
        notes: 'Loopt',
        nextFollowUpOn: '2026-05-20',
        recordedBy: 'pv26',
        recordedAt: '2026-04-20T10:00:00.000Z',
      },
    };
    given(agreementDecider, [made, missed, held]).when(followUpMissed('2026-05-21T08:00:00.000Z')).then([]);
    given(agreementDecider, [made, missed, held])
      .when(followUpMissed('2026-05-21T08:00:00.000Z', '2026-05-20'))
      .then([
        {
          type: 'FollowUpMissed',
          data: { agreementId: ID, followUpOn: '2026-05-20', missedAt: '2026-05-21T08:00:00.000Z' },
        },
      ]);
  });
});
