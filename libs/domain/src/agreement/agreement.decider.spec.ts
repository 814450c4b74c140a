import { given } from '@praktijklus/testing';
import { Actor, Forbidden, IllegalState, InvalidInput, NotFound } from '../shared';
import { admin, officer } from '../shared/actors.fixture';
import { AgreementCommand, MakeAgreement } from './agreement.commands';
import { agreementDecider } from './agreement.decider';
import { AgreementEvent } from './agreement.events';
import { isAgreementOverdue, isFollowUpOverdue } from './agreement.state';

const NOW = '2026-03-10T09:00:00.000Z';
const ID = 'a9e00000-0000-4000-8000-000000000001';
const OWNER = 'pv26';
const PARTY = 'gm0344';
const STRANGER = 'gm0599';

const made: AgreementEvent = {
  type: 'AgreementMade',
  data: {
    agreementId: ID,
    title: 'Geluidsnorm warmtepompen herzien',
    commitment: 'De provincie past de verordening aan',
    owner: OWNER,
    parties: [OWNER, PARTY],
    dueBy: '2026-06-30',
    firstFollowUpOn: '2026-04-15',
    escalationId: 'esc-1',
    madeBy: `admin-${OWNER}`,
    madeAt: '2026-03-02T09:00:00.000Z',
  },
};
const followUp = (heldOn: string, nextFollowUpOn: string | null): AgreementEvent => ({
  type: 'FollowUpRecorded',
  data: {
    agreementId: ID,
    heldOn,
    assessment: 'ON_TRACK',
    notes: 'Loopt',
    nextFollowUpOn,
    recordedBy: `admin-${PARTY}`,
    recordedAt: NOW,
  },
});
const fulfilled: AgreementEvent = {
  type: 'AgreementFulfilled',
  data: { agreementId: ID, result: 'Verordening aangepast', fulfilledAt: '2026-03-09T09:00:00.000Z' },
};
const unmet: AgreementEvent = {
  type: 'AgreementMarkedUnmet',
  data: { agreementId: ID, reason: 'Geen meerderheid', markedAt: '2026-03-09T09:00:00.000Z' },
};
const cancelled: AgreementEvent = {
  type: 'AgreementCancelled',
  data: { agreementId: ID, reason: 'Ingehaald door rijksregel', cancelledAt: '2026-03-09T09:00:00.000Z' },
};

type Data<T extends AgreementCommand['type']> = Omit<
  Extract<AgreementCommand, { type: T }>['data'],
  'agreementId'
>;
const command = <T extends AgreementCommand['type']>(
  type: T,
  actor: Actor,
  data: Data<T>,
): AgreementCommand =>
  // The generic spread loses the link between type and data; the signature restores it.
  ({ type, actor, now: NOW, data: { agreementId: ID, ...data } }) as unknown as AgreementCommand;

const make = (overrides: Partial<MakeAgreement['data']> = {}, actor: Actor = admin(OWNER)) =>
  command('MakeAgreement', actor, {
    title: 'Geluidsnorm warmtepompen herzien',
    commitment: 'De provincie past de verordening aan',
    owner: OWNER,
    parties: [PARTY],
    dueBy: '2026-06-30',
    firstFollowUpOn: '2026-04-15',
    escalation: {
      id: 'esc-1',
      exists: true,
      status: 'DECIDED',
      outcome: 'POLICY_ADJUSTED',
      addressedTo: OWNER,
      decidedBy: OWNER,
    },
    ...overrides,
  });
const progress = (percent: number, actor: Actor = admin(OWNER)) =>
  command('ReportProgress', actor, { percent, note: 'Concept klaar' });
const recordFollowUp = (
  overrides: Partial<Data<'RecordFollowUp'>> = {},
  actor: Actor = admin(PARTY),
): AgreementCommand =>
  command('RecordFollowUp', actor, {
    heldOn: '2026-03-10',
    assessment: 'AT_RISK',
    notes: 'Capaciteit ontbreekt',
    nextFollowUpOn: '2026-04-10',
    ...overrides,
  });
const fulfil = (actor: Actor = admin(OWNER), result = 'Verordening aangepast') =>
  command('FulfilAgreement', actor, { result });
const markUnmet = (actor: Actor = admin(OWNER), reason = 'Geen meerderheid') =>
  command('MarkAgreementUnmet', actor, { reason });
const cancel = (actor: Actor = admin(OWNER), reason = 'Ingehaald') =>
  command('CancelAgreement', actor, { reason });

describe('agreement decider', () => {
  describe('MakeAgreement', () => {
    it("makes an agreement owned by the administrator's authority, with the owner among the parties", () =>
      given(agreementDecider, [])
        .when(make({ parties: [PARTY, PARTY] }))
        .then([{ ...made, data: { ...made.data, madeAt: NOW } }]));

    it('refuses an agreement made by a user without the administrator role', () =>
      given(agreementDecider, [])
        .when(make({}, officer(OWNER)))
        .thenThrows(Forbidden, 'ROLE_NOT_ALLOWED'));

    it("refuses an owner other than the administrator's own authority", () =>
      given(agreementDecider, [])
        .when(make({}, admin(PARTY)))
        .thenThrows(Forbidden, 'OWNER_NOT_OWN_AUTHORITY', 'owner'));

    it('refuses making an agreement into a stream that already holds one', () =>
      given(agreementDecider, [made]).when(make()).thenThrows(IllegalState, 'AGREEMENT_ALREADY_MADE'));

    it('refuses a due date that is not after the day it is made', () =>
      given(agreementDecider, [])
        .when(make({ dueBy: '2026-03-10', firstFollowUpOn: '2026-03-10' }))
        .thenThrows(InvalidInput, 'DUE_NOT_AFTER_MADE', 'dueBy'));

    it('refuses a first follow-up before the day it is made', () =>
      given(agreementDecider, [])
        .when(make({ firstFollowUpOn: '2026-03-09' }))
        .thenThrows(InvalidInput, 'FOLLOW_UP_BEFORE_MADE', 'firstFollowUpOn'));

    it('refuses a first follow-up after the due date', () =>
      given(agreementDecider, [])
        .when(make({ firstFollowUpOn: '2026-07-01' }))
        .thenThrows(InvalidInput, 'FOLLOW_UP_AFTER_DUE', 'firstFollowUpOn'));

    it('refuses dates that are not calendar dates', () =>
      given(agreementDecider, [])
        .when(make({ dueBy: '2026-06-31' }))
        .thenThrows(InvalidInput, 'INVALID_DATE', 'dueBy'));

    it('refuses a due date or follow-up more than 10 years ahead, and any date outside 2000-2099', () => {
      given(agreementDecider, [])
        .when(make({ dueBy: '2036-03-11' }))
        .thenThrows(InvalidInput, 'TOO_FAR_AHEAD', 'dueBy');
      given(agreementDecider, [])
        .when(make({ dueBy: '9999-12-31', firstFollowUpOn: '2026-04-01' }))
        .thenThrows(InvalidInput, 'DATE_OUT_OF_RANGE', 'dueBy');
    });

    it('refuses answering an escalation that does not exist', () =>
      given(agreementDecider, [])
        .when(make({ escalation: { id: 'esc-x', exists: false } }))
        .thenThrows(InvalidInput, 'UNKNOWN_ESCALATION', 'escalationId'));

    it('makes an agreement that answers no escalation', () =>
      given(agreementDecider, [])
        .when(make({ escalation: null }))
        .then([{ ...made, data: { ...made.data, escalationId: null, madeAt: NOW } }]));

    it('refuses an agreement without a commitment', () =>
      given(agreementDecider, [])
        .when(make({ commitment: '' }))
        .thenThrows(InvalidInput, 'REQUIRED', 'commitment'));
  });

  describe('ReportProgress', () => {
    it("records the owner's progress report", () => {
      given(agreementDecider, [made])
        .when(progress(40))
        .then([
          {
            type: 'ProgressReported',
            data: { agreementId: ID, percent: 40, note: 'Concept klaar', reportedAt: NOW },
          },
        ]);
      const reported: AgreementEvent = {
        type: 'ProgressReported',
        data: { agreementId: ID, percent: 40, note: 'Concept klaar', reportedAt: NOW },
      };
      expect(given(agreementDecider, [made, reported]).state()).toMatchObject({ percent: 40 });
    });

    it('refuses progress outside 0 to 100 or not a whole number', () => {
      given(agreementDecider, [made])
        .when(progress(101))
        .thenThrows(InvalidInput, 'PERCENT_OUT_OF_RANGE', 'percent');
      given(agreementDecider, [made])
        .when(progress(-1))
        .thenThrows(InvalidInput, 'PERCENT_OUT_OF_RANGE', 'percent');
      given(agreementDecider, [made])
        .when(progress(12.5))
        .thenThrows(InvalidInput, 'PERCENT_OUT_OF_RANGE', 'percent');
    });

    it('refuses a progress report by a party that does not own the agreement', () =>
      given(agreementDecider, [made])
        .when(progress(40, admin(PARTY)))
        .thenThrows(Forbidden, 'NOT_AGREEMENT_OWNER'));

    it('refuses a progress report on an agreement that was never made', () =>
      given(agreementDecider, []).when(progress(40)).thenThrows(NotFound, 'AGREEMENT_NOT_FOUND'));
  });

  describe('RecordFollowUp', () => {
    it('lets an administrator of any party record a follow-up conversation', () =>
      given(agreementDecider, [made])
        .when(recordFollowUp())
        .then([
          {
            type: 'FollowUpRecorded',
            data: {
              agreementId: ID,
              heldOn: '2026-03-10',
              assessment: 'AT_RISK',
              notes: 'Capaciteit ontbreekt',
              nextFollowUpOn: '2026-04-10',
              recordedBy: `admin-${PARTY}`,
              recordedAt: NOW,
            },
          },
        ]));

    it('refuses a follow-up recorded by an authority that is not a party', () =>
      given(agreementDecider, [made])
        .when(recordFollowUp({}, admin(STRANGER)))
        .thenThrows(Forbidden, 'NOT_A_PARTY'));

    it('refuses a follow-up held in the future', () =>
      given(agreementDecider, [made])
        .when(recordFollowUp({ heldOn: '2026-03-11' }))
        .thenThrows(InvalidInput, 'HELD_IN_FUTURE', 'heldOn'));

    it('refuses a follow-up held before the agreement was made', () =>
      given(agreementDecider, [made])
        .when(recordFollowUp({ heldOn: '2026-03-01' }))
        .thenThrows(InvalidInput, 'HELD_BEFORE_AGREEMENT', 'heldOn'));

    it('refuses a next follow-up that is not after the one held', () =>
      given(agreementDecider, [made])
        .when(recordFollowUp({ nextFollowUpOn: '2026-03-10' }))
        .thenThrows(InvalidInput, 'NEXT_FOLLOW_UP_NOT_AFTER_HELD', 'nextFollowUpOn'));

    it('refuses an assessment outside the vocabulary', () =>
      given(agreementDecider, [made])
        .when(recordFollowUp({ assessment: 'FINE' as Data<'RecordFollowUp'>['assessment'] }))
        .thenThrows(InvalidInput, 'UNKNOWN_VALUE', 'assessment'));

    it('takes the next follow-up date from the conversation held last, even when recorded late', () =>
      expect(
        given(agreementDecider, [
          made,
          followUp('2026-03-08', '2026-04-08'),
          followUp('2026-03-05', '2026-03-07'),
        ]).state(),
      ).toMatchObject({ nextFollowUpOn: '2026-04-08' }));
  });

  describe('closing', () => {
    it('lets the owner fulfil an open agreement with its result', () =>
      given(agreementDecider, [made])
        .when(fulfil())
        .then([
          {
            type: 'AgreementFulfilled',
            data: { agreementId: ID, result: 'Verordening aangepast', fulfilledAt: NOW },
          },
        ]));

    it('lets the owner mark an open agreement unmet with a reason', () =>
      given(agreementDecider, [made])
        .when(markUnmet())
        .then([
          {
            type: 'AgreementMarkedUnmet',
            data: { agreementId: ID, reason: 'Geen meerderheid', markedAt: NOW },
          },
        ]));

    it('lets the owner cancel an open agreement with a reason', () =>
      given(agreementDecider, [made])
        .when(cancel())
        .then([
          { type: 'AgreementCancelled', data: { agreementId: ID, reason: 'Ingehaald', cancelledAt: NOW } },
        ]));

    it('refuses closing by a party that does not own the agreement', () => {
      given(agreementDecider, [made])
        .when(fulfil(admin(PARTY)))
        .thenThrows(Forbidden, 'NOT_AGREEMENT_OWNER');
      given(agreementDecider, [made])
        .when(markUnmet(admin(PARTY)))
        .thenThrows(Forbidden, 'NOT_AGREEMENT_OWNER');
      given(agreementDecider, [made])
        .when(cancel(admin(PARTY)))
        .thenThrows(Forbidden, 'NOT_AGREEMENT_OWNER');
    });

    it('refuses closing without a result or reason', () => {
      given(agreementDecider, [made])
        .when(fulfil(admin(OWNER), ' '))
        .thenThrows(InvalidInput, 'REQUIRED', 'result');
      given(agreementDecider, [made])
        .when(markUnmet(admin(OWNER), ''))
        .thenThrows(InvalidInput, 'REQUIRED', 'reason');
      given(agreementDecider, [made])
        .when(cancel(admin(OWNER), ''))
        .thenThrows(InvalidInput, 'REQUIRED', 'reason');
    });

    it('changes nothing after fulfilment, unmet or cancellation', () => {
      for (const closed of [fulfilled, unmet, cancelled]) {
        for (const attempt of [progress(50), recordFollowUp(), fulfil(), markUnmet(), cancel()]) {
          given(agreementDecider, [made, closed]).when(attempt).thenThrows(IllegalState, 'AGREEMENT_CLOSED');
        }
      }
    });

    it('names the closed status in the refusal', () => {
      let message = '';
      try {
        agreementDecider.decide(progress(50), given(agreementDecider, [made, unmet]).state());
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toContain('UNMET');
    });
  });

  describe('overdue', () => {
    it('is overdue when open past its due date in the Netherlands', () => {
      const state = given(agreementDecider, [made]).state();
      expect(isAgreementOverdue(state, '2026-06-30T21:59:00Z')).toBe(false);
      expect(isAgreementOverdue(state, '2026-06-30T22:00:00Z')).toBe(true);
      expect(
        isAgreementOverdue(given(agreementDecider, [made, fulfilled]).state(), '2027-01-01T00:00:00Z'),
      ).toBe(false);
    });

    it('has an overdue follow-up when the planned date passed without a conversation', () => {
      expect(isFollowUpOverdue(given(agreementDecider, [made]).state(), '2026-04-16T09:00:00Z')).toBe(true);
      const held = given(agreementDecider, [made, followUp('2026-04-15', '2026-05-15')]).state();
      expect(isFollowUpOverdue(held, '2026-04-16T09:00:00Z')).toBe(false);
      const nonePlanned = given(agreementDecider, [made, followUp('2026-04-15', null)]).state();
      expect(isFollowUpOverdue(nonePlanned, '2026-12-01T09:00:00Z')).toBe(false);
    });
  });
});
