import { given } from '@praktijklus/testing';
import { Actor, Forbidden, IllegalState, InvalidInput, NotFound } from '../shared';
import { admin, officer } from '../shared/actors.fixture';
import { EscalationFact } from '../escalation/escalation.state';
import { ExperimentCommand, StartExperiment } from './experiment.commands';
import { experimentDecider } from './experiment.decider';
import { ExperimentEvent } from './experiment.events';
import { isExperimentOverdue } from './experiment.state';

const NOW = '2026-03-10T09:00:00.000Z';
const ID = 'e0000000-0000-4000-8000-00000000000e';
const OWNER = 'mnre1130';
const RAISING = 'gm0344';

const granted: EscalationFact = {
  id: 'esc-1',
  exists: true,
  status: 'DECIDED',
  outcome: 'EXPERIMENT_GRANTED',
  addressedTo: OWNER,
  decidedBy: OWNER,
};

const started: ExperimentEvent = {
  type: 'ExperimentStarted',
  data: {
    experimentId: ID,
    escalationId: 'esc-1',
    owner: OWNER,
    title: 'Proef stille warmtepompen',
    hypothesis: 'Met een geluidsscherm blijft de warmtepomp binnen de norm',
    legalRoute: 'EXPERIMENT_CLAUSE',
    startsOn: '2026-04-01',
    endsOn: '2026-12-31',
    startedAt: '2026-03-05T09:00:00.000Z',
  },
};
const evaluated: ExperimentEvent = {
  type: 'ExperimentEvaluated',
  data: {
    experimentId: ID,
    conclusion: 'Werkt',
    policyConsequence: 'ADOPT_IN_POLICY',
    rationale: 'Geen klachten',
    evaluatedAt: '2026-03-09T09:00:00.000Z',
  },
};
const closed: ExperimentEvent = {
  type: 'ExperimentClosed',
  data: { experimentId: ID, closedAt: '2026-03-09T10:00:00Z' },
};

type Data<T extends ExperimentCommand['type']> = Omit<
  Extract<ExperimentCommand, { type: T }>['data'],
  'experimentId'
>;
const command = <T extends ExperimentCommand['type']>(
  type: T,
  actor: Actor,
  data: Data<T>,
): ExperimentCommand => ({ type, actor, now: NOW, data: { experimentId: ID, ...data } }) as ExperimentCommand;

const start = (overrides: Partial<StartExperiment['data']> = {}, actor: Actor = admin(OWNER)) =>
  command('StartExperiment', actor, {
    escalation: granted,
    title: 'Proef stille warmtepompen',
    hypothesis: 'Met een geluidsscherm blijft de warmtepomp binnen de norm',
    legalRoute: 'EXPERIMENT_CLAUSE',
    startsOn: '2026-04-01',
    endsOn: '2026-12-31',
    ...overrides,
  });
const extend = (endsOn = '2027-06-30', actor: Actor = admin(OWNER), reason = 'Te weinig winterdata') =>
  command('ExtendExperiment', actor, { endsOn, reason });
const evaluate = (overrides: Partial<Data<'EvaluateExperiment'>> = {}, actor: Actor = admin(OWNER)) =>
  command('EvaluateExperiment', actor, {
    conclusion: 'De hypothese houdt stand',
    policyConsequence: 'ADOPT_IN_POLICY',
    rationale: 'Metingen binnen de norm',
    ...overrides,
  });
const close = (actor: Actor = admin(OWNER)) => command('CloseExperiment', actor, {});

describe('experiment decider', () => {
  describe('StartExperiment', () => {
    it('starts an experiment owned by the authority that granted it', () =>
      given(experimentDecider, [])
        .when(start())
        .then([{ ...started, data: { ...started.data, startedAt: NOW } }]));

    it('starts an experiment for a granted escalation that is already resolved', () =>
      given(experimentDecider, [])
        .when(start({ escalation: { ...granted, status: 'RESOLVED' } }))
        .then([{ ...started, data: { ...started.data, startedAt: NOW } }]));

    it('refuses starting by a user without the administrator role', () =>
      given(experimentDecider, [])
        .when(start({}, officer(OWNER)))
        .thenThrows(Forbidden, 'ROLE_NOT_ALLOWED'));

    it('refuses starting by an authority that did not decide the escalation', () =>
      given(experimentDecider, [])
        .when(start({}, admin(RAISING)))
        .thenThrows(Forbidden, 'NOT_DECIDING_AUTHORITY'));

    it('refuses starting into a stream that already holds an experiment', () =>
      given(experimentDecider, [started])
        .when(start())
        .thenThrows(IllegalState, 'EXPERIMENT_ALREADY_STARTED'));

    it('refuses an experiment for an escalation that does not exist', () =>
      given(experimentDecider, [])
        .when(start({ escalation: { id: 'esc-x', exists: false } }))
        .thenThrows(InvalidInput, 'UNKNOWN_ESCALATION', 'escalationId'));

    it('refuses an experiment for an escalation that is not decided', () =>
      given(experimentDecider, [])
        .when(start({ escalation: { ...granted, status: 'ACKNOWLEDGED', outcome: null, decidedBy: null } }))
        .thenThrows(IllegalState, 'ESCALATION_NOT_DECIDED', 'escalationId'));

    it('refuses an experiment for an escalation decided with another outcome than EXPERIMENT_GRANTED', () =>
      given(experimentDecider, [])
        .when(start({ escalation: { ...granted, outcome: 'NO_CHANGE' } }))
        .thenThrows(IllegalState, 'EXPERIMENT_NOT_GRANTED', 'escalationId'));

    it('refuses an end date that is not after the start date', () =>
      given(experimentDecider, [])
        .when(start({ endsOn: '2026-04-01' }))
        .thenThrows(InvalidInput, 'ENDS_NOT_AFTER_START', 'endsOn'));

    it('refuses an end more than 10 years ahead, and any date outside 2000-2099', () => {
      given(experimentDecider, [])
        .when(start({ endsOn: '2036-03-11' }))
        .thenThrows(InvalidInput, 'TOO_FAR_AHEAD', 'endsOn');
      given(experimentDecider, [])
        .when(start({ startsOn: '1999-12-31' }))
        .thenThrows(InvalidInput, 'DATE_OUT_OF_RANGE', 'startsOn');
      given(experimentDecider, [started])
        .when(extend('9999-12-31'))
        .thenThrows(InvalidInput, 'DATE_OUT_OF_RANGE', 'endsOn');
      given(experimentDecider, [started])
        .when(extend('2036-03-11'))
        .thenThrows(InvalidInput, 'TOO_FAR_AHEAD', 'endsOn');
    });

    it('refuses an experiment without a hypothesis', () =>
      given(experimentDecider, [])
        .when(start({ hypothesis: ' ' }))
        .thenThrows(InvalidInput, 'REQUIRED', 'hypothesis'));

    it('refuses a legal route outside the vocabulary', () =>
      given(experimentDecider, [])
        .when(start({ legalRoute: 'GOOD_FAITH' as StartExperiment['data']['legalRoute'] }))
        .thenThrows(InvalidInput, 'UNKNOWN_VALUE', 'legalRoute'));
  });

  describe('ExtendExperiment', () => {
    it('extends a running experiment to a later end date, remembering the previous one', () => {
      given(experimentDecider, [started])
        .when(extend())
        .then([
          {
            type: 'ExperimentExtended',
            data: {
              experimentId: ID,
              previousEndsOn: '2026-12-31',
              endsOn: '2027-06-30',
              reason: 'Te weinig winterdata',
              extendedAt: NOW,
            },
          },
        ]);
    });

    it('refuses an extension that does not end later than the current end date', () =>
      given(experimentDecider, [started])
        .when(extend('2026-12-31'))
        .thenThrows(InvalidInput, 'EXTENSION_NOT_LATER', 'endsOn'));

    it('refuses an extension without a reason', () =>
      given(experimentDecider, [started])
        .when(extend('2027-06-30', admin(OWNER), ''))
        .thenThrows(InvalidInput, 'REQUIRED', 'reason'));

    it('refuses extending an evaluated experiment', () =>
      given(experimentDecider, [started, evaluated])
        .when(extend())
        .thenThrows(IllegalState, 'EXPERIMENT_ALREADY_EVALUATED'));

    it('refuses extending by an authority that does not own the experiment', () =>
      given(experimentDecider, [started])
        .when(extend('2027-06-30', admin(RAISING)))
        .thenThrows(Forbidden, 'NOT_EXPERIMENT_OWNER'));

    it('refuses extending an experiment that was never started', () =>
      given(experimentDecider, []).when(extend()).thenThrows(NotFound, 'EXPERIMENT_NOT_FOUND'));
  });

  describe('EvaluateExperiment', () => {
    it('evaluates a running experiment with conclusion, policy consequence and rationale', () =>
      given(experimentDecider, [started])
        .when(evaluate())
        .then([
          {
            type: 'ExperimentEvaluated',
            data: {
              experimentId: ID,
              conclusion: 'De hypothese houdt stand',
              policyConsequence: 'ADOPT_IN_POLICY',
              rationale: 'Metingen binnen de norm',
              evaluatedAt: NOW,
            },
          },
        ]));

    it('refuses an evaluation without a conclusion, a rationale or a known policy consequence', () => {
      given(experimentDecider, [started])
        .when(evaluate({ conclusion: '' }))
        .thenThrows(InvalidInput, 'REQUIRED', 'conclusion');
      given(experimentDecider, [started])
        .when(evaluate({ rationale: ' ' }))
        .thenThrows(InvalidInput, 'REQUIRED', 'rationale');
      given(experimentDecider, [started])
        .when(evaluate({ policyConsequence: '' as Data<'EvaluateExperiment'>['policyConsequence'] }))
        .thenThrows(InvalidInput, 'UNKNOWN_VALUE', 'policyConsequence');
    });

    it('refuses evaluating twice', () =>
      given(experimentDecider, [started, evaluated])
        .when(evaluate())
        .thenThrows(IllegalState, 'EXPERIMENT_ALREADY_EVALUATED'));

    it('refuses evaluating by an authority that does not own the experiment', () =>
      given(experimentDecider, [started])
        .when(evaluate({}, admin(RAISING)))
        .thenThrows(Forbidden, 'NOT_EXPERIMENT_OWNER'));
  });

  describe('CloseExperiment', () => {
    it('closes an evaluated experiment', () => {
      given(experimentDecider, [started, evaluated])
        .when(close())
        .then([{ type: 'ExperimentClosed', data: { experimentId: ID, closedAt: NOW } }]);
      expect(given(experimentDecider, [started, evaluated, closed]).state()).toMatchObject({
        status: 'CLOSED',
        evaluation: { policyConsequence: 'ADOPT_IN_POLICY' },
      });
    });

    it('refuses closing an experiment without an evaluation', () =>
      given(experimentDecider, [started]).when(close()).thenThrows(IllegalState, 'EXPERIMENT_NOT_EVALUATED'));

    it('changes nothing after closing', () => {
      for (const attempt of [close(), evaluate(), extend()]) {
        given(experimentDecider, [started, evaluated, closed])
          .when(attempt)
          .thenThrows(IllegalState, 'EXPERIMENT_CLOSED');
      }
    });

    it('refuses closing by an authority that does not own the experiment', () =>
      given(experimentDecider, [started, evaluated])
        .when(close(admin(RAISING)))
        .thenThrows(Forbidden, 'NOT_EXPERIMENT_OWNER'));
  });

  describe('overdue', () => {
    it('is overdue when past its end date in the Netherlands without an evaluation', () => {
      const running = given(experimentDecider, [started]).state();
      expect(isExperimentOverdue(running, '2026-12-31T22:59:00Z')).toBe(false);
      expect(isExperimentOverdue(running, '2026-12-31T23:00:00Z')).toBe(true);
      expect(
        isExperimentOverdue(given(experimentDecider, [started, evaluated]).state(), '2027-06-01T00:00:00Z'),
      ).toBe(false);
    });

    it('counts from the extended end date', () => {
      const extended: ExperimentEvent = {
        type: 'ExperimentExtended',
        data: {
          experimentId: ID,
          previousEndsOn: '2026-12-31',
          endsOn: '2027-06-30',
          reason: 'Winter',
          extendedAt: NOW,
        },
      };
      expect(
        isExperimentOverdue(given(experimentDecider, [started, extended]).state(), '2027-03-01T00:00:00Z'),
      ).toBe(false);
    });
  });
});
