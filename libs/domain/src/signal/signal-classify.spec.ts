import { given } from '@praktijklus/testing';
import { InvalidInput } from '../shared';
import { analyst } from '../shared/actors.fixture';
import type { ClassifySignal } from './signal.commands';
import { signalDecider } from './signal.decider';
import type { SignalEvent } from './signal.events';

const SIGNAL_ID = '0b6f0b1e-4a4c-4f0e-9d7e-1b2c3d4e5f60';
const NOW = '2026-03-05T10:00:00.000Z';

const recorded: SignalEvent = {
  type: 'SignalRecorded',
  data: {
    signalId: SIGNAL_ID,
    type: 'BARRIER',
    title: 'Dakopbouw vraagt een vergunning',
    description: 'Ook binnen de regels.',
    policyDomain: 'building',
    level: 'POLICY',
    initiativeKind: 'CITIZEN_INITIATIVE',
    observedAt: '2026-03-02',
    authorities: ['gm0344'],
    norms: [],
    initiative: null,
    location: null,
    reportingAuthority: 'gm0344',
    reportedBy: 'officer-gm0344',
    recordedAt: '2026-03-02T09:00:00.000Z',
  },
};
const classified: SignalEvent = {
  type: 'SignalClassified',
  data: { signalId: SIGNAL_ID, themes: ['geluid'], policyDomain: 'energy', classifiedAt: NOW },
};

const classify = (data: Omit<ClassifySignal['data'], 'signalId'>): ClassifySignal => ({
  type: 'ClassifySignal',
  actor: analyst(),
  now: NOW,
  data: { signalId: SIGNAL_ID, ...data },
});

describe('classifying a signal: no empty entries', () => {
  it('refuses a classification without themes and without a policy domain', () => {
    given(signalDecider, [recorded])
      .when(classify({ themes: [] }))
      .thenThrows(InvalidInput, 'EMPTY_CLASSIFICATION', 'themes');
    given(signalDecider, [recorded, classified])
      .when(classify({ themes: [] }))
      .thenThrows(InvalidInput, 'EMPTY_CLASSIFICATION', 'themes');
  });

  it('accepts a policy domain correction alone', () =>
    given(signalDecider, [recorded])
      .when(classify({ themes: [], policyDomain: 'energy' }))
      .then([
        {
          type: 'SignalClassified',
          data: { signalId: SIGNAL_ID, themes: [], policyDomain: 'energy', classifiedAt: NOW },
        },
      ]));

  it('writes nothing when the classification is the one the signal already has', () => {
    given(signalDecider, [recorded, classified])
      .when(classify({ themes: ['geluid'] }))
      .then([]);
    given(signalDecider, [recorded, classified])
      .when(classify({ themes: ['geluid'], policyDomain: 'energy' }))
      .then([]);
    given(signalDecider, [recorded, classified])
      .when(classify({ themes: ['geluid', 'erfgoed'] }))
      .then([
        {
          type: 'SignalClassified',
          data: { signalId: SIGNAL_ID, themes: ['geluid', 'erfgoed'], classifiedAt: NOW },
        },
      ]);
  });
});
