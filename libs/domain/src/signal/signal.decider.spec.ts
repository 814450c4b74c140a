import { given } from '@praktijklus/testing';
import { Actor, Forbidden, IllegalState, InvalidInput, NotFound } from '../shared';
import { admin, analyst, officer } from '../shared/actors.fixture';
import {
  AmendSignal,
  ClassifySignal,
  ErasePersonalData,
  MarkDuplicate,
  RecordSignal,
  RecordSignalData,
  WithdrawSignal,
} from './signal.commands';
import { signalDecider } from './signal.decider';
import { SignalChanges, SignalEvent, SignalRecordedData } from './signal.events';
import { isInitiativeVisibleTo, isSignalVisibleTo, SignalFact, signalFactOf } from './signal.state';

const NOW = '2026-03-05T10:00:00.000Z';
const SIGNAL_ID = '0b6f0b1e-4a4c-4f0e-9d7e-1b2c3d4e5f60';
const OTHER_ID = '7d1c2b3a-1111-4222-8333-944455566677';

const recordable: Omit<RecordSignalData, 'signalId'> = {
  type: 'CONFLICTING_NORMS',
  title: 'Geluidsnorm warmtepomp botst met energie-eis',
  description: 'De geluidsnorm uit het omgevingsplan maakt de vereiste warmtepomp onmogelijk.',
  policyDomain: 'environment',
  level: 'IMPLEMENTATION',
  initiativeKind: 'CITIZEN_INITIATIVE',
  observedAt: '2026-03-02',
  authorities: ['gm0344', 'pv26'],
  norms: [{ ref: 'Bbl art. 4.101' }, { ref: 'Omgevingsplan gm0344 art. 22.3', title: 'Geluid' }],
  initiative: { personalDataRef: 'pd-1' },
  location: { municipality: 'gm0344', lat: 52.09, lon: 5.12 },
};

const recorded = (overrides: Partial<SignalRecordedData> = {}): SignalEvent => ({
  type: 'SignalRecorded',
  data: {
    signalId: SIGNAL_ID,
    ...recordable,
    reportingAuthority: 'gm0344',
    reportedBy: 'officer-gm0344',
    recordedAt: '2026-03-02T09:00:00.000Z',
    ...overrides,
  },
});
const withdrawn: SignalEvent = {
  type: 'SignalWithdrawn',
  data: { signalId: SIGNAL_ID, reason: 'Dubbel ingediend', withdrawnAt: '2026-03-03T09:00:00.000Z' },
};
const markedDuplicateOf = (duplicateOf: string, markedAt = '2026-03-03T09:00:00.000Z'): SignalEvent => ({
  type: 'SignalMarkedDuplicate',
  data: { signalId: SIGNAL_ID, duplicateOf, markedAt },
});

const record = (overrides: Partial<RecordSignalData> = {}, actor: Actor = officer()): RecordSignal => ({
  type: 'RecordSignal',
  actor,
  now: NOW,
  data: { signalId: SIGNAL_ID, ...recordable, ...overrides },
});
const amend = (changes: SignalChanges, actor: Actor = officer()): AmendSignal => ({
  type: 'AmendSignal',
  actor,
  now: NOW,
  data: { signalId: SIGNAL_ID, changes },
});
const classify = (
  data: Omit<ClassifySignal['data'], 'signalId'>,
  actor: Actor = analyst(),
): ClassifySignal => ({
  type: 'ClassifySignal',
  actor,
  now: NOW,
  data: { signalId: SIGNAL_ID, ...data },
});
const original = (id = OTHER_ID): Extract<SignalFact, { exists: true }> => ({
  id,
  exists: true,
  withdrawn: false,
  duplicateOf: null,
});
const markDuplicate = (duplicateOf: SignalFact, actor: Actor = analyst()): MarkDuplicate => ({
  type: 'MarkDuplicate',
  actor,
  now: NOW,
  data: { signalId: SIGNAL_ID, duplicateOf },
});
const withdraw = (reason = 'Opgelost door de provincie', actor: Actor = officer()): WithdrawSignal => ({
  type: 'WithdrawSignal',
  actor,
  now: NOW,
  data: { signalId: SIGNAL_ID, reason },
});

describe('signal decider', () => {
  describe('RecordSignal', () => {
    it("records a signal for the officer's authority, with the actor and the time of the request", () =>
      given(signalDecider, [])
        .when(record())
        .then([recorded({ reportedBy: 'officer-gm0344', recordedAt: NOW })]));

    it('refuses recording by a user without the officer role', () =>
      given(signalDecider, []).when(record({}, analyst())).thenThrows(Forbidden, 'ROLE_NOT_ALLOWED'));

    it('refuses recording into a stream that already holds a signal', () =>
      given(signalDecider, [recorded()]).when(record()).thenThrows(IllegalState, 'SIGNAL_ALREADY_RECORDED'));

    it('refuses a norm conflict that names fewer than two distinct norms', () =>
      given(signalDecider, [])
        .when(record({ norms: [{ ref: 'Bbl art. 4.101' }, { ref: ' bbl  ART. 4.101 ' }] }))
        .thenThrows(InvalidInput, 'CONFLICTING_NORMS_NEED_TWO_NORMS', 'norms'));

    it('refuses an unclear authority that names fewer than two distinct candidate authorities', () =>
      given(signalDecider, [])
        .when(record({ type: 'UNCLEAR_AUTHORITY', authorities: ['pv26', 'pv26'] }))
        .thenThrows(InvalidInput, 'UNCLEAR_AUTHORITY_NEEDS_TWO_AUTHORITIES', 'authorities'));

    it('records repeated authorities and norms once', () =>
      given(signalDecider, [])
        .when(
          record({
            authorities: ['gm0344', 'pv26', 'gm0344'],
            norms: [...recordable.norms, { ref: 'BBL art. 4.101' }],
          }),
        )
        .then([recorded({ recordedAt: NOW })]));

    it('refuses an observation moment in the future', () =>
      given(signalDecider, [])
        .when(record({ observedAt: '2026-03-05T10:00:01Z' }))
        .thenThrows(InvalidInput, 'OBSERVED_IN_FUTURE', 'observedAt'));

    it('takes an observation date as a Dutch calendar date: today in the Netherlands is not the future', () => {
      const lateEvening = (observedAt: string): RecordSignal => ({
        ...record({ observedAt }),
        now: '2026-03-05T23:30:00Z',
      });
      given(signalDecider, [])
        .when(lateEvening('2026-03-06'))
        .then([recorded({ observedAt: '2026-03-06', recordedAt: '2026-03-05T23:30:00Z' })]);
      given(signalDecider, []).when(lateEvening('2026-03-07')).thenThrows(InvalidInput, 'OBSERVED_IN_FUTURE');
    });

    it('refuses an observation moment that is not an ISO date', () => {
      given(signalDecider, [])
        .when(record({ observedAt: '2026-02-30' }))
        .thenThrows(InvalidInput, 'INVALID_DATE');
      given(signalDecider, [])
        .when(record({ observedAt: '2026-03-01T10:00:00' }))
        .thenThrows(InvalidInput, 'INVALID_DATE', 'observedAt');
    });

    it('refuses a value outside the vocabulary', () =>
      given(signalDecider, [])
        .when(record({ level: 'STRATEGIC' as RecordSignalData['level'] }))
        .thenThrows(InvalidInput, 'UNKNOWN_VALUE', 'level'));

    it('refuses a title shorter than 3 or longer than 200 characters', () => {
      given(signalDecider, [])
        .when(record({ title: ' ab ' }))
        .thenThrows(InvalidInput, 'TOO_SHORT', 'title');
      given(signalDecider, [])
        .when(record({ title: 'x'.repeat(201) }))
        .thenThrows(InvalidInput, 'TOO_LONG', 'title');
    });

    it('refuses a blank description', () =>
      given(signalDecider, [])
        .when(record({ description: '  ' }))
        .thenThrows(InvalidInput, 'REQUIRED', 'description'));

    it('refuses a title of invisible characters only, or holding controls, overrides or private use', () => {
      const refusals: Array<[Partial<RecordSignalData>, string, string]> = [
        [{ title: '\u200b\u200b\u200b\u200b' }, 'REQUIRED', 'title'],
        [{ title: 'ab\u200b\u200b\u200b' }, 'TOO_SHORT', 'title'],
        [{ title: 'Warmtepomp\u0000' }, 'CONTROL_CHARACTER', 'title'],
        [{ title: 'Warmtepomp\ntweede regel' }, 'CONTROL_CHARACTER', 'title'],
        [{ title: 'Warmtepomp \u202efdp.exe' }, 'BIDI_CONTROL', 'title'],
        [{ title: 'Warmtepomp \ue000a676d30333434' }, 'PRIVATE_USE', 'title'],
        [{ title: 'Warmtepomp \ud800' }, 'LONE_SURROGATE', 'title'],
        [{ description: '\u200d\ufeff' }, 'REQUIRED', 'description'],
        [{ description: 'Geluid\u0007' }, 'CONTROL_CHARACTER', 'description'],
        [
          { norms: [{ ref: 'Bbl art. 4.101', title: 'Geluid \u202e' }, { ref: 'Bkl' }] },
          'BIDI_CONTROL',
          'norms',
        ],
      ];
      for (const [overrides, code, field] of refusals) {
        given(signalDecider, []).when(record(overrides)).thenThrows(InvalidInput, code, field);
      }
    });

    it('keeps line breaks in a description and stores text in NFC', () =>
      given(signalDecider, [])
        .when(record({ title: 'Cafe\u0301 aan de kade', description: 'Eerste regel.\r\n\tTweede regel.' }))
        .then([
          recorded({
            title: 'Café aan de kade',
            description: 'Eerste regel.\r\n\tTweede regel.',
            recordedAt: NOW,
          }),
        ]));

    it('refuses more than 20 norms or 20 authorities', () => {
      const many = Array.from({ length: 21 }, (_, i) => `gm${1000 + i}`);
      given(signalDecider, [])
        .when(record({ norms: many.map((ref) => ({ ref })) }))
        .thenThrows(InvalidInput, 'TOO_MANY', 'norms');
      given(signalDecider, [])
        .when(record({ authorities: many }))
        .thenThrows(InvalidInput, 'TOO_MANY', 'authorities');
    });

    it('refuses an initiative without a personal data reference', () =>
      given(signalDecider, [])
        .when(record({ initiative: { personalDataRef: '' } }))
        .thenThrows(InvalidInput, 'REQUIRED', 'initiative'));

    it('refuses a location outside the globe', () =>
      given(signalDecider, [])
        .when(record({ location: { lat: 91 } }))
        .thenThrows(InvalidInput, 'OUT_OF_RANGE', 'location.lat'));
  });

  describe('AmendSignal', () => {
    it('records only the fields the amendment really changes', () =>
      given(signalDecider, [recorded()])
        .when(amend({ title: 'Geluidsnorm warmtepomp', level: 'IMPLEMENTATION', norms: recordable.norms }))
        .then([
          {
            type: 'SignalAmended',
            data: { signalId: SIGNAL_ID, changes: { title: 'Geluidsnorm warmtepomp' }, amendedAt: NOW },
          },
        ]));

    it('writes nothing when the amendment repeats the current values', () =>
      given(signalDecider, [recorded()])
        .when(amend({ title: recordable.title }))
        .then([]));

    it('refuses an amendment without changes', () =>
      given(signalDecider, [recorded()])
        .when(amend({ title: undefined }))
        .thenThrows(InvalidInput, 'NO_CHANGES'));

    it('refuses an amendment of a field that is not recordable', () =>
      given(signalDecider, [recorded()])
        .when(amend({ reportingAuthority: 'pv26' } as SignalChanges))
        .thenThrows(InvalidInput, 'UNKNOWN_FIELD', 'reportingAuthority'));

    it('answers an officer of another authority as if the signal did not exist', () =>
      given(signalDecider, [recorded()])
        .when(amend({ title: 'Andere titel' }, officer('gm0363')))
        .thenThrows(NotFound, 'SIGNAL_NOT_FOUND'));

    it('refuses an amendment by another authority to an officer who may read the signal as administrator', () =>
      given(signalDecider, [recorded()])
        .when(
          amend({ title: 'Andere titel' }, { sub: 'u-1', authority: 'gm0363', roles: ['officer', 'admin'] }),
        )
        .thenThrows(Forbidden, 'NOT_REPORTING_AUTHORITY'));

    it('refuses an amendment by a user without the officer role', () =>
      given(signalDecider, [recorded()])
        .when(amend({ title: 'Andere titel' }, admin('gm0344')))
        .thenThrows(Forbidden, 'ROLE_NOT_ALLOWED'));

    it('refuses amending a signal that was never recorded', () =>
      given(signalDecider, [])
        .when(amend({ title: 'Andere titel' }))
        .thenThrows(NotFound, 'SIGNAL_NOT_FOUND'));

    it('refuses an amendment that leaves a norm conflict with fewer than two norms', () =>
      given(signalDecider, [recorded()])
        .when(amend({ norms: [{ ref: 'Bbl art. 4.101' }] }))
        .thenThrows(InvalidInput, 'CONFLICTING_NORMS_NEED_TWO_NORMS', 'norms'));

    it('refuses turning a signal into an unclear authority with one candidate authority', () =>
      given(signalDecider, [recorded({ type: 'BARRIER', authorities: ['gm0344'] })])
        .when(amend({ type: 'UNCLEAR_AUTHORITY' }))
        .thenThrows(InvalidInput, 'UNCLEAR_AUTHORITY_NEEDS_TWO_AUTHORITIES', 'authorities'));

    it('refuses moving the observation moment into the future', () =>
      given(signalDecider, [recorded()])
        .when(amend({ observedAt: '2026-03-06' }))
        .thenThrows(InvalidInput, 'OBSERVED_IN_FUTURE', 'observedAt'));

    it('refuses amending a withdrawn signal', () =>
      given(signalDecider, [recorded(), withdrawn])
        .when(amend({ title: 'Andere titel' }))
        .thenThrows(IllegalState, 'SIGNAL_WITHDRAWN'));
  });

  describe('ClassifySignal', () => {
    it('classifies a signal with distinct themes and a corrected policy domain', () => {
      given(signalDecider, [recorded()])
        .when(classify({ themes: ['geluid', 'warmtepomp', 'geluid'], policyDomain: 'energy' }))
        .then([
          {
            type: 'SignalClassified',
            data: {
              signalId: SIGNAL_ID,
              themes: ['geluid', 'warmtepomp'],
              policyDomain: 'energy',
              classifiedAt: NOW,
            },
          },
        ]);
      const classified: SignalEvent = {
        type: 'SignalClassified',
        data: { signalId: SIGNAL_ID, themes: ['geluid'], policyDomain: 'energy', classifiedAt: NOW },
      };
      expect(given(signalDecider, [recorded(), classified]).state()).toMatchObject({
        policyDomain: 'energy',
        themes: ['geluid'],
      });
    });

    it('refuses classification by a user without the analyst role', () =>
      given(signalDecider, [recorded()])
        .when(classify({ themes: ['geluid'] }, officer()))
        .thenThrows(Forbidden, 'ROLE_NOT_ALLOWED'));

    it('refuses more than 10 themes', () =>
      given(signalDecider, [recorded()])
        .when(classify({ themes: Array.from({ length: 11 }, (_, i) => `thema ${i}`) }))
        .thenThrows(InvalidInput, 'TOO_MANY', 'themes'));

    it('refuses classifying a signal that was never recorded', () =>
      given(signalDecider, [])
        .when(classify({ themes: ['geluid'] }))
        .thenThrows(NotFound, 'SIGNAL_NOT_FOUND'));

    it('refuses classifying a withdrawn signal', () =>
      given(signalDecider, [recorded(), withdrawn])
        .when(classify({ themes: ['geluid'] }))
        .thenThrows(IllegalState, 'SIGNAL_WITHDRAWN'));
  });

  describe('MarkDuplicate', () => {
    it('marks a signal as a duplicate of another signal', () => {
      given(signalDecider, [recorded()])
        .when(markDuplicate(original()))
        .then([markedDuplicateOf(OTHER_ID, NOW)]);
      expect(given(signalDecider, [recorded(), markedDuplicateOf(OTHER_ID)]).state()).toMatchObject({
        status: 'DUPLICATE',
        duplicateOf: OTHER_ID,
      });
    });

    it('refuses marking a signal as its own duplicate', () =>
      given(signalDecider, [recorded()])
        .when(markDuplicate(original(SIGNAL_ID)))
        .thenThrows(InvalidInput, 'DUPLICATE_OF_ITSELF', 'signalId'));

    it('refuses a duplicate of a signal that does not exist', () =>
      given(signalDecider, [recorded()])
        .when(markDuplicate({ id: OTHER_ID, exists: false }))
        .thenThrows(InvalidInput, 'UNKNOWN_SIGNAL', 'signalId'));

    it('refuses a duplicate of a withdrawn signal', () =>
      given(signalDecider, [recorded()])
        .when(markDuplicate({ ...original(), withdrawn: true }))
        .thenThrows(IllegalState, 'DUPLICATE_TARGET_WITHDRAWN', 'signalId'));

    it('refuses a duplicate of a signal that is itself a duplicate, so duplicates never form a cycle', () =>
      given(signalDecider, [recorded()])
        .when(markDuplicate({ ...original(), duplicateOf: SIGNAL_ID }))
        .thenThrows(IllegalState, 'DUPLICATE_TARGET_IS_DUPLICATE', 'signalId'));

    it('refuses marking a duplicate of the signal it already duplicates', () =>
      given(signalDecider, [recorded(), markedDuplicateOf(OTHER_ID)])
        .when(markDuplicate(original()))
        .thenThrows(IllegalState, 'SIGNAL_ALREADY_DUPLICATE'));

    it('lets an analyst correct a duplicate to point at another original', () =>
      given(signalDecider, [recorded(), markedDuplicateOf(OTHER_ID)])
        .when(markDuplicate(original('c0ffee00-0000-4000-8000-000000000001')))
        .then([
          {
            type: 'SignalMarkedDuplicate',
            data: { signalId: SIGNAL_ID, duplicateOf: 'c0ffee00-0000-4000-8000-000000000001', markedAt: NOW },
          },
        ]));

    it('refuses marking duplicates by a user without the analyst role', () =>
      given(signalDecider, [recorded()])
        .when(markDuplicate(original(), admin()))
        .thenThrows(Forbidden, 'ROLE_NOT_ALLOWED'));

    it('refuses marking a withdrawn signal as a duplicate', () =>
      given(signalDecider, [recorded(), withdrawn])
        .when(markDuplicate(original()))
        .thenThrows(IllegalState, 'SIGNAL_WITHDRAWN'));
  });

  describe('WithdrawSignal', () => {
    it('withdraws a signal with a reason', () => {
      given(signalDecider, [recorded()])
        .when(withdraw('Opgelost'))
        .then([
          { type: 'SignalWithdrawn', data: { signalId: SIGNAL_ID, reason: 'Opgelost', withdrawnAt: NOW } },
        ]);
      expect(given(signalDecider, [recorded(), withdrawn]).state()).toMatchObject({
        status: 'WITHDRAWN',
        withdrawnReason: 'Dubbel ingediend',
      });
    });

    it('refuses a withdrawal without a reason', () =>
      given(signalDecider, [recorded()]).when(withdraw(' ')).thenThrows(InvalidInput, 'REQUIRED', 'reason'));

    it('answers an officer of another authority as if the signal did not exist', () =>
      given(signalDecider, [recorded()])
        .when(withdraw('Weg', officer('gm0599')))
        .thenThrows(NotFound, 'SIGNAL_NOT_FOUND'));

    it('refuses a withdrawal by a user without the officer role', () =>
      given(signalDecider, [recorded()])
        .when(withdraw('Weg', analyst('gm0344')))
        .thenThrows(Forbidden, 'ROLE_NOT_ALLOWED'));

    it('refuses withdrawing a signal that was never recorded', () =>
      given(signalDecider, []).when(withdraw()).thenThrows(NotFound, 'SIGNAL_NOT_FOUND'));

    it('refuses withdrawing a signal twice', () =>
      given(signalDecider, [recorded(), withdrawn])
        .when(withdraw())
        .thenThrows(IllegalState, 'SIGNAL_WITHDRAWN'));

    it('lets the reporting authority withdraw a duplicate, keeping what it duplicated', () =>
      expect(
        given(signalDecider, [recorded(), markedDuplicateOf(OTHER_ID), withdrawn]).state(),
      ).toMatchObject({
        status: 'WITHDRAWN',
        duplicateOf: OTHER_ID,
      }));
  });

  describe('ErasePersonalData', () => {
    const erase = (actor: Actor = admin('pv26')): ErasePersonalData => ({
      type: 'ErasePersonalData',
      actor,
      now: NOW,
      data: { signalId: SIGNAL_ID },
    });
    const erased: SignalEvent = {
      type: 'SignalPersonalDataErased',
      data: { signalId: SIGNAL_ID, erasedAt: '2026-03-04T09:00:00.000Z' },
    };

    it('records that an administrator erased the personal data, without any of it in the event', () =>
      given(signalDecider, [recorded()])
        .when(erase())
        .then([{ type: 'SignalPersonalDataErased', data: { signalId: SIGNAL_ID, erasedAt: NOW } }]));

    it('erases also from a withdrawn signal', () =>
      given(signalDecider, [recorded(), withdrawn])
        .when(erase())
        .then([{ type: 'SignalPersonalDataErased', data: { signalId: SIGNAL_ID, erasedAt: NOW } }]));

    it('writes nothing when erased already and no new personal data came since', () =>
      given(signalDecider, [recorded(), erased]).when(erase()).then([]));

    it('erases again after an amendment brought a new initiative', () => {
      const amended: SignalEvent = {
        type: 'SignalAmended',
        data: {
          signalId: SIGNAL_ID,
          changes: { initiative: { personalDataRef: 'pd-2' } },
          amendedAt: '2026-03-04T10:00:00.000Z',
        },
      };
      expect(given(signalDecider, [recorded(), erased]).state()).toMatchObject({
        personalDataErasedAt: '2026-03-04T09:00:00.000Z',
      });
      given(signalDecider, [recorded(), erased, amended])
        .when(erase())
        .then([{ type: 'SignalPersonalDataErased', data: { signalId: SIGNAL_ID, erasedAt: NOW } }]);
    });

    it('refuses erasure by anyone but an administrator', () =>
      given(signalDecider, [recorded()])
        .when(erase(officer('gm0344')))
        .thenThrows(Forbidden, 'ROLE_NOT_ALLOWED'));

    it('refuses erasing for a signal that was never recorded', () =>
      given(signalDecider, []).when(erase()).thenThrows(NotFound, 'SIGNAL_NOT_FOUND'));
  });

  describe('visibility and facts', () => {
    const state = given(signalDecider, [recorded()]).state();

    it('describes a signal as absent to a viewer who may not read it', () => {
      expect(signalFactOf(SIGNAL_ID, state, officer('gm0363'))).toEqual({ id: SIGNAL_ID, exists: false });
      expect(signalFactOf(SIGNAL_ID, state, officer('gm0344'))).toMatchObject({
        exists: true,
        withdrawn: false,
      });
    });

    it("shows a signal to its own authority's officers, to analysts and to administrators only", () => {
      expect(isSignalVisibleTo(state, officer('gm0344'))).toBe(true);
      expect(isSignalVisibleTo(state, analyst('ws0155'))).toBe(true);
      expect(isSignalVisibleTo(state, admin('pv27'))).toBe(true);
      expect(isSignalVisibleTo(state, officer('gm0363'))).toBe(false);
      expect(isSignalVisibleTo(given(signalDecider, []).state(), analyst())).toBe(false);
    });

    it("shows the initiative's personal data only to the reporting authority's officers and administrators", () => {
      expect(isInitiativeVisibleTo(state, officer('gm0344'))).toBe(true);
      expect(isInitiativeVisibleTo(state, admin('gm0344'))).toBe(true);
      expect(isInitiativeVisibleTo(state, analyst('gm0344'))).toBe(false);
      expect(isInitiativeVisibleTo(state, admin('pv26'))).toBe(false);
      expect(isInitiativeVisibleTo(state, analyst('mnre1130'))).toBe(false);
    });

    it('describes a loaded signal as a fact for other deciders', () => {
      expect(signalFactOf(SIGNAL_ID, given(signalDecider, []).state())).toEqual({
        id: SIGNAL_ID,
        exists: false,
      });
      expect(
        signalFactOf(
          SIGNAL_ID,
          given(signalDecider, [recorded(), markedDuplicateOf(OTHER_ID), withdrawn]).state(),
        ),
      ).toEqual({
        id: SIGNAL_ID,
        exists: true,
        withdrawn: true,
        duplicateOf: OTHER_ID,
      });
    });
  });
});
