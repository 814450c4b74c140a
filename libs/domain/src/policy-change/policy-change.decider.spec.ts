import { given } from '@praktijklus/testing';
import { Actor, Forbidden, IllegalState, InvalidInput, NotFound } from '../shared';
import { admin, officer } from '../shared/actors.fixture';
import { PolicyChangeCommand, PolicyEscalationFact, RecordPolicyChange } from './policy-change.commands';
import { policyChangeDecider } from './policy-change.decider';
import { PolicyChangeEvent } from './policy-change.events';

const NOW = '2026-03-10T09:00:00.000Z';
const ID = 'c0000000-0000-4000-8000-00000000000c';
const OWNER = 'mnre1130';
const OTHER = 'gm0344';

const adjusted: PolicyEscalationFact = {
  id: 'esc-1',
  exists: true,
  status: 'DECIDED',
  outcome: 'POLICY_ADJUSTED',
  addressedTo: OWNER,
  decidedBy: OWNER,
  adoptedFromExperiment: false,
};

const fields = {
  title: 'Geluidsnorm warmtepompen aangepast',
  description: 'De norm gaat uit van het gemeten geluid op de erfgrens.',
  policyDomain: 'energie',
  norms: [{ ref: 'Bbl art. 4.101', title: 'Geluid installaties' }],
  effectiveOn: '2026-04-01',
  authorities: ['gm0344'],
};

const recorded: PolicyChangeEvent = {
  type: 'PolicyChangeRecorded',
  data: { policyChangeId: ID, ...fields, escalationIds: ['esc-1'], owner: OWNER, recordedAt: NOW },
};

type Data<T extends PolicyChangeCommand['type']> = Omit<
  Extract<PolicyChangeCommand, { type: T }>['data'],
  'policyChangeId'
>;
const command = <T extends PolicyChangeCommand['type']>(type: T, actor: Actor, data: Data<T>) =>
  ({ type, actor, now: NOW, data: { policyChangeId: ID, ...data } }) as unknown as PolicyChangeCommand;

const record = (overrides: Partial<RecordPolicyChange['data']> = {}, actor: Actor = admin(OWNER)) =>
  command('RecordPolicyChange', actor, { ...fields, escalations: [adjusted], ...overrides });

describe('policy change decider', () => {
  describe('RecordPolicyChange', () => {
    it('records a change owned by the authority that decided its escalations', () =>
      given(policyChangeDecider, []).when(record()).then([recorded]));

    it('records a change for an escalation answered by an experiment adopted in policy', () =>
      given(policyChangeDecider, [])
        .when(
          record({
            escalations: [{ ...adjusted, outcome: 'EXPERIMENT_GRANTED', adoptedFromExperiment: true }],
          }),
        )
        .then([recorded]));

    it('refuses an escalation granted an experiment that was not adopted in policy', () =>
      given(policyChangeDecider, [])
        .when(record({ escalations: [{ ...adjusted, outcome: 'EXPERIMENT_GRANTED' }] }))
        .thenThrows(IllegalState, 'POLICY_NOT_ADJUSTED', 'escalationIds'));

    it('refuses an escalation decided otherwise', () =>
      given(policyChangeDecider, [])
        .when(record({ escalations: [adjusted, { ...adjusted, id: 'esc-2', outcome: 'NO_CHANGE' }] }))
        .thenThrows(IllegalState, 'POLICY_NOT_ADJUSTED', 'escalationIds'));

    it('refuses an escalation not yet decided', () =>
      given(policyChangeDecider, [])
        .when(
          record({ escalations: [{ ...adjusted, status: 'ACKNOWLEDGED', outcome: null, decidedBy: null }] }),
        )
        .thenThrows(IllegalState, 'ESCALATION_NOT_DECIDED', 'escalationIds'));

    it('refuses an escalation another authority decided', () =>
      given(policyChangeDecider, [])
        .when(record({}, admin(OTHER)))
        .thenThrows(IllegalState, 'NOT_DECIDING_AUTHORITY', 'escalationIds'));

    it('refuses an unknown escalation and an empty list', () => {
      given(policyChangeDecider, [])
        .when(record({ escalations: [{ id: 'esc-x', exists: false, adoptedFromExperiment: false }] }))
        .thenThrows(InvalidInput, 'UNKNOWN_ESCALATION', 'escalationIds');
      given(policyChangeDecider, [])
        .when(record({ escalations: [] }))
        .thenThrows(InvalidInput, 'REQUIRED', 'escalationIds');
    });

    it('refuses a user without the administrator role', () =>
      given(policyChangeDecider, [])
        .when(record({}, officer(OWNER)))
        .thenThrows(Forbidden, 'ROLE_NOT_ALLOWED'));

    it('holds text and dates to the shared rules', () => {
      given(policyChangeDecider, [])
        .when(record({ title: '  ' }))
        .thenThrows(InvalidInput, 'REQUIRED', 'title');
      given(policyChangeDecider, [])
        .when(record({ description: 'a\u202Eb' }))
        .thenThrows(InvalidInput, undefined, 'description');
      given(policyChangeDecider, [])
        .when(record({ effectiveOn: '2026-02-30' }))
        .thenThrows(InvalidInput, 'INVALID_DATE', 'effectiveOn');
      given(policyChangeDecider, [])
        .when(record({ effectiveOn: '2040-01-01' }))
        .thenThrows(InvalidInput, 'TOO_FAR_AHEAD', 'effectiveOn');
    });

    it('keeps one of each norm and escalation', () =>
      given(policyChangeDecider, [])
        .when(
          record({
            norms: [...fields.norms, { ref: ' bbl  ART. 4.101 ' }],
            escalations: [adjusted, adjusted],
          }),
        )
        .then([recorded]));

    it('refuses recording twice into one stream', () =>
      given(policyChangeDecider, [recorded])
        .when(record())
        .thenThrows(IllegalState, 'POLICY_CHANGE_ALREADY_RECORDED'));
  });

  describe('AmendPolicyChange and WithdrawPolicyChange', () => {
    const amend = (changes: Data<'AmendPolicyChange'>['changes'], actor: Actor = admin(OWNER)) =>
      command('AmendPolicyChange', actor, { changes });
    const withdraw = (actor: Actor = admin(OWNER)) =>
      command('WithdrawPolicyChange', actor, { reason: 'Verkeerd geregistreerd' });

    it('records only the fields that differ', () =>
      given(policyChangeDecider, [recorded])
        .when(amend({ effectiveOn: '2026-05-01', title: fields.title }))
        .then([
          {
            type: 'PolicyChangeAmended',
            data: { policyChangeId: ID, changes: { effectiveOn: '2026-05-01' }, amendedAt: NOW },
          },
        ]));

    it('records nothing when nothing differs and refuses an empty amendment', () => {
      given(policyChangeDecider, [recorded])
        .when(amend({ title: fields.title }))
        .then([]);
      given(policyChangeDecider, [recorded]).when(amend({})).thenThrows(InvalidInput, 'NO_CHANGES');
    });

    it('leaves amending and withdrawing to the owning authority', () => {
      given(policyChangeDecider, [recorded])
        .when(amend({ title: 'Andere titel' }, admin(OTHER)))
        .thenThrows(Forbidden, 'NOT_POLICY_CHANGE_OWNER');
      given(policyChangeDecider, [recorded])
        .when(withdraw(admin(OTHER)))
        .thenThrows(Forbidden, 'NOT_POLICY_CHANGE_OWNER');
      given(policyChangeDecider, []).when(withdraw()).thenThrows(NotFound, 'POLICY_CHANGE_NOT_FOUND');
    });

    it('withdraws once, and then refuses amendments', () => {
      const withdrawn: PolicyChangeEvent = {
        type: 'PolicyChangeWithdrawn',
        data: { policyChangeId: ID, reason: 'Verkeerd geregistreerd', withdrawnAt: NOW },
      };
      given(policyChangeDecider, [recorded]).when(withdraw()).then([withdrawn]);
      given(policyChangeDecider, [recorded, withdrawn])
        .when(amend({ title: 'Andere titel' }))
        .thenThrows(IllegalState, 'POLICY_CHANGE_WITHDRAWN');
    });
  });
});
