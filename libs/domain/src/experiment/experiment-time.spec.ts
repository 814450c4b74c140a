import { given } from '@praktijklus/testing';
import { Forbidden, SYSTEM_ACTOR } from '../shared';
import { admin } from '../shared/actors.fixture';
import { ExperimentCommand } from './experiment.commands';
import { experimentDecider } from './experiment.decider';
import { ExperimentEvent } from './experiment.events';

const ID = 'x1000000-0000-4000-8000-0000000000aa';
const started: ExperimentEvent = {
  type: 'ExperimentStarted',
  data: {
    experimentId: ID,
    escalationId: 'esc-1',
    owner: 'pv26',
    title: 'Proef stille warmtepompen',
    hypothesis: 'Met een geluidsscherm blijft de warmtepomp binnen de norm',
    legalRoute: 'EXPERIMENT_CLAUSE',
    startsOn: '2026-04-01',
    endsOn: '2026-09-30',
    startedAt: '2026-03-05T09:00:00.000Z',
  },
};
const DAY_AFTER = '2026-10-01T08:00:00.000Z';
const overdue = (now: string, endsOn = '2026-09-30', actor = SYSTEM_ACTOR): ExperimentCommand => ({
  type: 'RecordEvaluationOverdue',
  actor,
  now,
  data: { experimentId: ID, endsOn },
});
const recorded: ExperimentEvent = {
  type: 'ExperimentEvaluationOverdue',
  data: { experimentId: ID, endsOn: '2026-09-30', overdueAt: DAY_AFTER },
};

describe('experiment evaluation (the platform acting on time)', () => {
  it('records an overdue evaluation once per end date, from the day after it', () => {
    given(experimentDecider, [started]).when(overdue('2026-09-30T12:00:00.000Z')).then([]);
    given(experimentDecider, [started]).when(overdue(DAY_AFTER)).then([recorded]);
    given(experimentDecider, [started, recorded]).when(overdue(DAY_AFTER)).then([]);
  });

  it('an extension gives a new end date that can be overdue in its turn', () => {
    const extended: ExperimentEvent = {
      type: 'ExperimentExtended',
      data: {
        experimentId: ID,
        previousEndsOn: '2026-09-30',
        endsOn: '2026-12-31',
        reason: 'Meer metingen nodig',
        extendedAt: '2026-10-02T09:00:00.000Z',
      },
    };
    given(experimentDecider, [started, recorded, extended])
      .when(overdue('2027-01-01T09:00:00.000Z'))
      .then([]);
    given(experimentDecider, [started, recorded, extended])
      .when(overdue('2027-01-01T09:00:00.000Z', '2026-12-31'))
      .then([
        {
          type: 'ExperimentEvaluationOverdue',
          data: { experimentId: ID, endsOn: '2026-12-31', overdueAt: '2027-01-01T09:00:00.000Z' },
        },
      ]);
  });

  it('refuses users', () => {
    given(experimentDecider, [started])
      .when(overdue(DAY_AFTER, '2026-09-30', admin('pv26')))
      .thenThrows(Forbidden, 'SYSTEM_ONLY');
  });
});
