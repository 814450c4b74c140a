import { given } from '@praktijklus/testing';
import { Forbidden, IllegalState, InvalidInput, NotFound } from '../shared';
import { admin, analyst, officer } from '../shared/actors.fixture';
import { CaseSignalFact } from './case.commands';
import { caseDecider } from './case.decider';
import { CaseEvent } from './case.events';
import { isCaseVisibleTo } from './case.state';

const NOW = '2026-03-10T09:00:00.000Z';
const ID = 'ca5e0000-0000-4000-8000-000000000001';
const S1 = '5e000000-0000-4000-8000-000000000001';
const S2 = '5e000000-0000-4000-8000-000000000002';
const S3 = '5e000000-0000-4000-8000-000000000003';
const fact = (id: string, reportingAuthority: string): CaseSignalFact => ({
  id,
  exists: true,
  reportingAuthority,
});

const created: CaseEvent = {
  type: 'CaseCreated',
  data: {
    caseId: ID,
    title: 'Zonnepanelen op monumenten',
    signalIds: [S1],
    parties: ['gm0344'],
    createdBy: 'admin-gm0344',
    createdByAuthority: 'gm0344',
    createdAt: '2026-03-01T09:00:00.000Z',
  },
};

describe('case decider', () => {
  describe('CreateCase', () => {
    const create = (actor = admin('gm0344'), signals = [fact(S1, 'gm0344'), fact(S2, 'pv26')]) => ({
      type: 'CreateCase' as const,
      actor,
      now: NOW,
      data: { caseId: ID, title: 'Zonnepanelen op monumenten', signals },
    });

    it('records the signals once each, with their reporting authorities as parties', () => {
      given(caseDecider, [])
        .when(create(admin('gm0344'), [fact(S1, 'gm0344'), fact(S2, 'pv26'), fact(S1, 'gm0344')]))
        .then([
          {
            type: 'CaseCreated',
            data: {
              caseId: ID,
              title: 'Zonnepanelen op monumenten',
              signalIds: [S1, S2],
              parties: ['gm0344', 'pv26'],
              createdBy: 'admin-gm0344',
              createdByAuthority: 'gm0344',
              createdAt: NOW,
            },
          },
        ]);
    });

    it('lets an analyst group any signals', () => {
      const [event] = caseDecider.decide(create(analyst(), [fact(S2, 'pv26')]), caseDecider.initialState());
      expect(event.data.parties).toEqual(['pv26']);
    });

    it('refuses an administrator whose authority reported none of the signals', () => {
      given(caseDecider, [])
        .when(create(admin('gm0599')))
        .thenThrows(Forbidden, 'NOT_INVOLVED', 'signalIds');
    });

    it('refuses officers', () => {
      given(caseDecider, [])
        .when(create(officer('gm0344')))
        .thenThrows(Forbidden, 'ROLE_NOT_ALLOWED');
    });

    it('refuses an unknown signal and a blank title', () => {
      given(caseDecider, [])
        .when(create(admin('gm0344'), [fact(S1, 'gm0344'), { id: S3, exists: false }]))
        .thenThrows(InvalidInput, 'UNKNOWN_SIGNAL', 'signalIds');
      given(caseDecider, [])
        .when({ ...create(), data: { caseId: ID, title: ' \u200b ', signals: [fact(S1, 'gm0344')] } })
        .thenThrows(InvalidInput, 'REQUIRED', 'title');
    });
  });

  describe('AddSignalsToCase', () => {
    const add = (actor = analyst(), signals = [fact(S1, 'gm0344'), fact(S2, 'pv26')]) => ({
      type: 'AddSignalsToCase' as const,
      actor,
      now: NOW,
      data: { caseId: ID, signals },
    });

    it('adds only the new signals, and their reporting authorities as new parties', () => {
      given(caseDecider, [created])
        .when(add())
        .then([
          {
            type: 'SignalsAddedToCase',
            data: { caseId: ID, signalIds: [S2], parties: ['pv26'], addedAt: NOW },
          },
        ]);
    });

    it('answers a case the actor is no party of as not found, like an absent one', () => {
      given(caseDecider, [created])
        .when(add(admin('gm0599')))
        .thenThrows(NotFound, 'CASE_NOT_FOUND');
      given(caseDecider, []).when(add()).thenThrows(NotFound, 'CASE_NOT_FOUND');
    });

    it('refuses when every signal is in the case already', () => {
      given(caseDecider, [created])
        .when(add(admin('gm0344'), [fact(S1, 'gm0344')]))
        .thenThrows(IllegalState, 'SIGNALS_ALREADY_IN_CASE');
    });
  });

  it('is visible to analysts and to its parties only', () => {
    const state = given(caseDecider, [created]).state();
    expect(isCaseVisibleTo(state, analyst())).toBe(true);
    expect(isCaseVisibleTo(state, officer('gm0344'))).toBe(true);
    expect(isCaseVisibleTo(state, officer('pv26'))).toBe(false);
    expect(isCaseVisibleTo(state, admin('gm0599'))).toBe(false);
  });
});
