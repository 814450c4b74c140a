import { given } from '@praktijklus/testing';
import { Actor, Forbidden, IllegalState, InvalidInput, NotFound } from '../shared';
import { admin, analyst, officer } from '../shared/actors.fixture';
import { SignalFact } from '../signal/signal.state';
import { EscalationCommand, RaiseEscalation } from './escalation.commands';
import { escalationDecider } from './escalation.decider';
import { EscalationEvent } from './escalation.events';
import { escalationFactOf, isEscalationOverdue, isEscalationVisibleTo } from './escalation.state';

const NOW = '2026-03-10T09:00:00.000Z';
const ID = 'e5c4a1a0-0000-4000-8000-000000000001';
const RAISING = 'gm0344';
const ADDRESSED = 'pv26';
const INVOLVED = 'ws0155';
const NEW_ADDRESSEE = 'mnre1130';
const STRANGER = 'gm0599';
const S1 = 's-1';
const S2 = 's-2';

const signal = (id: string, withdrawn = false): SignalFact => ({
  id,
  exists: true,
  withdrawn,
  duplicateOf: null,
});

const raised: EscalationEvent = {
  type: 'EscalationRaised',
  data: {
    escalationId: ID,
    title: 'Warmtepompen botsen met geluidsnorm',
    reason: 'Twintig aanvragen per maand lopen vast',
    signalIds: [S1],
    raisedBy: RAISING,
    raisedByUser: `officer-${RAISING}`,
    addressedTo: ADDRESSED,
    respondBy: '2026-04-01T16:00:00.000Z',
    raisedAt: '2026-03-02T09:00:00.000Z',
  },
};
const acknowledged: EscalationEvent = {
  type: 'EscalationAcknowledged',
  data: { escalationId: ID, acknowledgedAt: '2026-03-03T09:00:00.000Z' },
};
const involved: EscalationEvent = {
  type: 'AuthorityInvolved',
  data: {
    escalationId: ID,
    authority: INVOLVED,
    reason: 'Waterkering',
    involvedAt: '2026-03-04T09:00:00.000Z',
  },
};
const transferred: EscalationEvent = {
  type: 'EscalationTransferred',
  data: {
    escalationId: ID,
    from: ADDRESSED,
    to: NEW_ADDRESSEE,
    reason: 'Rijksregel',
    respondBy: '2026-04-15T16:00:00.000Z',
    transferredAt: '2026-03-05T09:00:00.000Z',
  },
};
const decided: EscalationEvent = {
  type: 'EscalationDecided',
  data: {
    escalationId: ID,
    outcome: 'EXPERIMENT_GRANTED',
    rationale: 'Proef met ontheffing',
    decidedAt: '2026-03-06T09:00:00.000Z',
    decidedBy: ADDRESSED,
  },
};
const resolved: EscalationEvent = {
  type: 'EscalationResolved',
  data: { escalationId: ID, summary: 'Proef loopt', resolvedAt: '2026-03-07T09:00:00.000Z' },
};

type Data<T extends EscalationCommand['type']> = Omit<
  Extract<EscalationCommand, { type: T }>['data'],
  'escalationId'
>;
const command = <T extends EscalationCommand['type']>(
  type: T,
  actor: Actor,
  data: Data<T>,
): EscalationCommand => ({ type, actor, now: NOW, data: { escalationId: ID, ...data } }) as EscalationCommand;

const raise = (overrides: Partial<RaiseEscalation['data']> = {}, actor: Actor = officer(RAISING)) =>
  command('RaiseEscalation', actor, {
    title: 'Warmtepompen botsen met geluidsnorm',
    reason: 'Twintig aanvragen per maand lopen vast',
    addressedTo: ADDRESSED,
    respondBy: '2026-04-07T16:00:00.000Z',
    signals: [signal(S1), signal(S2), signal(S1)],
    ...overrides,
  });
const acknowledge = (actor: Actor = admin(ADDRESSED)) =>
  command('AcknowledgeEscalation', actor, { note: 'Ontvangen' });
const involve = (authority: string, actor: Actor = admin(ADDRESSED), reason = 'Raakt hun regels') =>
  command('InvolveAuthority', actor, { authority, reason });
const attach = (signals: SignalFact[], actor: Actor = officer(INVOLVED)) =>
  command('AttachSignals', actor, { signals });
const transfer = (
  to = NEW_ADDRESSEE,
  actor: Actor = admin(ADDRESSED),
  respondBy = '2026-04-20T16:00:00.000Z',
) => command('TransferEscalation', actor, { to, reason: 'Rijksregel', respondBy });
const decide = (
  actor: Actor = admin(ADDRESSED),
  outcome: Data<'DecideEscalation'>['outcome'] = 'POLICY_ADJUSTED',
  rationale = 'Norm wordt aangepast',
) => command('DecideEscalation', actor, { outcome, rationale });
const resolve = (actor: Actor = admin(ADDRESSED), summary = 'Regel aangepast') =>
  command('ResolveEscalation', actor, { summary });
const REOPEN_RESPOND_BY = '2026-04-08T16:00:00.000Z';
const reopen = (
  actor: Actor = officer(RAISING),
  reason = 'Besluit werkt niet uit',
  respondBy = REOPEN_RESPOND_BY,
) => command('ReopenEscalation', actor, { reason, respondBy });

describe('escalation decider', () => {
  describe('RaiseEscalation', () => {
    it('raises an escalation from distinct existing signals for the raising authority, with its deadline', () =>
      given(escalationDecider, [])
        .when(raise())
        .then([
          {
            type: 'EscalationRaised',
            data: {
              escalationId: ID,
              title: 'Warmtepompen botsen met geluidsnorm',
              reason: 'Twintig aanvragen per maand lopen vast',
              signalIds: [S1, S2],
              raisedBy: RAISING,
              raisedByUser: `officer-${RAISING}`,
              addressedTo: ADDRESSED,
              respondBy: '2026-04-07T16:00:00.000Z',
              raisedAt: NOW,
            },
          },
        ]));

    it('lets an administrator raise too, also to its own authority', () =>
      given(escalationDecider, [])
        .when(raise({ addressedTo: RAISING }, admin(RAISING)))
        .then([
          {
            type: 'EscalationRaised',
            data: {
              escalationId: ID,
              title: 'Warmtepompen botsen met geluidsnorm',
              reason: 'Twintig aanvragen per maand lopen vast',
              signalIds: [S1, S2],
              raisedBy: RAISING,
              raisedByUser: `admin-${RAISING}`,
              addressedTo: RAISING,
              respondBy: '2026-04-07T16:00:00.000Z',
              raisedAt: NOW,
            },
          },
        ]));

    it('refuses raising by a user who is neither officer nor administrator', () =>
      given(escalationDecider, []).when(raise({}, analyst())).thenThrows(Forbidden, 'ROLE_NOT_ALLOWED'));

    it('refuses raising into a stream that already holds an escalation', () =>
      given(escalationDecider, [raised]).when(raise()).thenThrows(IllegalState, 'ESCALATION_ALREADY_RAISED'));

    it('refuses an escalation without signals', () =>
      given(escalationDecider, [])
        .when(raise({ signals: [] }))
        .thenThrows(InvalidInput, 'NO_SIGNALS', 'signalIds'));

    it('refuses an escalation from a signal that does not exist', () =>
      given(escalationDecider, [])
        .when(raise({ signals: [signal(S1), { id: 'nope', exists: false }] }))
        .thenThrows(InvalidInput, 'UNKNOWN_SIGNAL', 'signalIds'));

    it('refuses an escalation from a withdrawn signal', () =>
      given(escalationDecider, [])
        .when(raise({ signals: [signal(S1), signal(S2, true)] }))
        .thenThrows(IllegalState, 'SIGNAL_WITHDRAWN', 'signalIds'));

    it('refuses a response deadline that is not after now', () =>
      given(escalationDecider, [])
        .when(raise({ respondBy: NOW }))
        .thenThrows(InvalidInput, 'RESPOND_BY_NOT_IN_FUTURE', 'respondBy'));

    it('refuses a response deadline outside 2000-2099 or more than 5 years ahead', () => {
      given(escalationDecider, [])
        .when(raise({ respondBy: '9999-12-31T23:59:59-23:59' }))
        .thenThrows(InvalidInput, 'DATE_OUT_OF_RANGE', 'respondBy');
      given(escalationDecider, [])
        .when(raise({ respondBy: '2031-03-10T09:00:00.001Z' }))
        .thenThrows(InvalidInput, 'RESPOND_BY_TOO_FAR', 'respondBy');
      given(escalationDecider, [raised])
        .when(transfer(NEW_ADDRESSEE, admin(ADDRESSED), '2099-06-01T12:00:00Z'))
        .thenThrows(InvalidInput, 'RESPOND_BY_TOO_FAR', 'respondBy');
    });

    it('refuses a response deadline that is not an ISO date-time', () =>
      given(escalationDecider, [])
        .when(raise({ respondBy: 'volgende week' }))
        .thenThrows(InvalidInput, 'INVALID_DATE_TIME', 'respondBy'));

    it('refuses an escalation addressed to nobody', () =>
      given(escalationDecider, [])
        .when(raise({ addressedTo: ' ' }))
        .thenThrows(InvalidInput, 'REQUIRED', 'addressedTo'));
  });

  describe('AcknowledgeEscalation', () => {
    it("lets the addressed authority's administrator acknowledge a raised escalation", () => {
      given(escalationDecider, [raised])
        .when(acknowledge())
        .then([
          {
            type: 'EscalationAcknowledged',
            data: { escalationId: ID, note: 'Ontvangen', acknowledgedAt: NOW },
          },
        ]);
      expect(given(escalationDecider, [raised, acknowledged]).state()).toMatchObject({
        status: 'ACKNOWLEDGED',
        acknowledgedAt: '2026-03-03T09:00:00.000Z',
      });
    });

    it('refuses acknowledgement by an authority the escalation is not addressed to', () =>
      given(escalationDecider, [raised])
        .when(acknowledge(admin(RAISING)))
        .thenThrows(Forbidden, 'NOT_ADDRESSED_AUTHORITY'));

    it('answers an authority that is no party as if the escalation did not exist', () =>
      given(escalationDecider, [raised])
        .when(acknowledge(admin(STRANGER)))
        .thenThrows(NotFound, 'ESCALATION_NOT_FOUND'));

    it('refuses acknowledgement by a user without the administrator role', () =>
      given(escalationDecider, [raised])
        .when(acknowledge(officer(ADDRESSED)))
        .thenThrows(Forbidden, 'ROLE_NOT_ALLOWED'));

    it('refuses acknowledging an escalation that was never raised', () =>
      given(escalationDecider, []).when(acknowledge()).thenThrows(NotFound, 'ESCALATION_NOT_FOUND'));

    it('refuses acknowledging twice', () =>
      given(escalationDecider, [raised, acknowledged])
        .when(acknowledge())
        .thenThrows(IllegalState, 'ESCALATION_ALREADY_ACKNOWLEDGED'));
  });

  describe('InvolveAuthority', () => {
    it('lets the addressed or the raising authority involve another authority, which then sees the escalation', () => {
      const event = (authority: string): EscalationEvent => ({
        type: 'AuthorityInvolved',
        data: { escalationId: ID, authority, reason: 'Raakt hun regels', involvedAt: NOW },
      });
      given(escalationDecider, [raised])
        .when(involve(INVOLVED))
        .then([event(INVOLVED)]);
      given(escalationDecider, [raised])
        .when(involve(INVOLVED, admin(RAISING)))
        .then([event(INVOLVED)]);
      const state = given(escalationDecider, [raised, involved]).state();
      expect(state).toMatchObject({ involvedAuthorities: [INVOLVED] });
      expect(isEscalationVisibleTo(state, officer(INVOLVED))).toBe(true);
    });

    it('refuses involvement by an involved authority that is neither addressed nor raising', () =>
      given(escalationDecider, [raised, involved])
        .when(involve('pv27', admin(INVOLVED)))
        .thenThrows(Forbidden, 'NOT_ADDRESSED_OR_RAISING_AUTHORITY'));

    it('refuses involving an authority that is already a party', () => {
      given(escalationDecider, [raised, involved])
        .when(involve(INVOLVED))
        .thenThrows(IllegalState, 'AUTHORITY_ALREADY_INVOLVED', 'authority');
      given(escalationDecider, [raised])
        .when(involve(ADDRESSED))
        .thenThrows(IllegalState, 'AUTHORITY_ALREADY_INVOLVED', 'authority');
    });

    it('refuses involving an authority once the escalation is resolved', () =>
      given(escalationDecider, [raised, acknowledged, decided, resolved])
        .when(involve(INVOLVED))
        .thenThrows(IllegalState, 'ESCALATION_ALREADY_RESOLVED'));

    it('refuses involvement without a reason', () =>
      given(escalationDecider, [raised])
        .when(involve(INVOLVED, admin(ADDRESSED), ''))
        .thenThrows(InvalidInput, 'REQUIRED', 'reason'));
  });

  describe('AttachSignals', () => {
    it('lets an officer of an involved authority attach the signals not attached yet', () =>
      given(escalationDecider, [raised, involved])
        .when(attach([signal(S1), signal(S2)]))
        .then([{ type: 'SignalsAttached', data: { escalationId: ID, signalIds: [S2], attachedAt: NOW } }]));

    it('refuses attaching only signals that are attached already', () =>
      given(escalationDecider, [raised])
        .when(attach([signal(S1)], officer(RAISING)))
        .thenThrows(IllegalState, 'SIGNALS_ALREADY_ATTACHED', 'signalIds'));

    it('refuses attaching a withdrawn signal', () =>
      given(escalationDecider, [raised])
        .when(attach([signal(S2, true)], officer(RAISING)))
        .thenThrows(IllegalState, 'SIGNAL_WITHDRAWN', 'signalIds'));

    it('answers an authority that is no party as if the escalation did not exist', () =>
      given(escalationDecider, [raised])
        .when(attach([signal(S2)], officer(STRANGER)))
        .thenThrows(NotFound, 'ESCALATION_NOT_FOUND'));

    it('refuses attaching by a user who is neither officer nor administrator', () =>
      given(escalationDecider, [raised])
        .when(attach([signal(S2)], analyst(RAISING)))
        .thenThrows(Forbidden, 'ROLE_NOT_ALLOWED'));

    it('refuses attaching signals to a decided escalation', () =>
      given(escalationDecider, [raised, acknowledged, decided])
        .when(attach([signal(S2)], officer(RAISING)))
        .thenThrows(IllegalState, 'ESCALATION_ALREADY_DECIDED'));
  });

  describe('TransferEscalation', () => {
    it('transfers a wrongly addressed escalation: RAISED again at the new authority with a new deadline', () => {
      given(escalationDecider, [raised, acknowledged])
        .when(transfer())
        .then([
          {
            type: 'EscalationTransferred',
            data: {
              escalationId: ID,
              from: ADDRESSED,
              to: NEW_ADDRESSEE,
              reason: 'Rijksregel',
              respondBy: '2026-04-20T16:00:00.000Z',
              transferredAt: NOW,
            },
          },
        ]);
      expect(given(escalationDecider, [raised, acknowledged, transferred]).state()).toMatchObject({
        status: 'RAISED',
        addressedTo: NEW_ADDRESSEE,
        respondBy: '2026-04-15T16:00:00.000Z',
        previousAddressees: [ADDRESSED],
        acknowledgedAt: null,
      });
    });

    it('leaves the previous addressee without access once transferred', () =>
      given(escalationDecider, [raised, transferred])
        .when(acknowledge(admin(ADDRESSED)))
        .thenThrows(NotFound, 'ESCALATION_NOT_FOUND'));

    it('refuses a transfer to the authority it is addressed to', () =>
      given(escalationDecider, [raised])
        .when(transfer(ADDRESSED))
        .thenThrows(InvalidInput, 'TRANSFER_TO_ADDRESSED_AUTHORITY', 'to'));

    it('refuses a transfer with a deadline in the past', () =>
      given(escalationDecider, [raised])
        .when(transfer(NEW_ADDRESSEE, admin(ADDRESSED), '2026-03-09T16:00:00Z'))
        .thenThrows(InvalidInput, 'RESPOND_BY_NOT_IN_FUTURE', 'respondBy'));

    it('refuses a transfer by an authority the escalation is not addressed to', () =>
      given(escalationDecider, [raised])
        .when(transfer(NEW_ADDRESSEE, admin(RAISING)))
        .thenThrows(Forbidden, 'NOT_ADDRESSED_AUTHORITY'));

    it('refuses transferring a decided escalation', () =>
      given(escalationDecider, [raised, acknowledged, decided])
        .when(transfer())
        .thenThrows(IllegalState, 'ESCALATION_ALREADY_DECIDED'));
  });

  describe('DecideEscalation', () => {
    it("records the addressed authority's decision on an acknowledged escalation", () => {
      given(escalationDecider, [raised, acknowledged])
        .when(decide())
        .then([
          {
            type: 'EscalationDecided',
            data: {
              escalationId: ID,
              outcome: 'POLICY_ADJUSTED',
              rationale: 'Norm wordt aangepast',
              decidedAt: NOW,
              decidedBy: ADDRESSED,
            },
          },
        ]);
      expect(given(escalationDecider, [raised, acknowledged, decided]).state()).toMatchObject({
        status: 'DECIDED',
        outcome: 'EXPERIMENT_GRANTED',
        decidedBy: ADDRESSED,
      });
    });

    it('refuses deciding an escalation that is not acknowledged yet, naming its status', () =>
      given(escalationDecider, [raised])
        .when(decide())
        .thenThrows(IllegalState, 'ESCALATION_NOT_ACKNOWLEDGED'));

    it('refuses deciding twice', () =>
      given(escalationDecider, [raised, acknowledged, decided])
        .when(decide())
        .thenThrows(IllegalState, 'ESCALATION_ALREADY_DECIDED'));

    it('refuses an outcome outside the decision outcomes', () =>
      given(escalationDecider, [raised, acknowledged])
        .when(decide(admin(ADDRESSED), 'MAYBE' as Data<'DecideEscalation'>['outcome']))
        .thenThrows(InvalidInput, 'UNKNOWN_VALUE', 'outcome'));

    it('refuses a decision without a rationale', () =>
      given(escalationDecider, [raised, acknowledged])
        .when(decide(admin(ADDRESSED), 'NO_CHANGE', '  '))
        .thenThrows(InvalidInput, 'REQUIRED', 'rationale'));

    it('refuses a decision by an involved authority the escalation is not addressed to', () =>
      given(escalationDecider, [raised, involved, acknowledged])
        .when(decide(admin(INVOLVED)))
        .thenThrows(Forbidden, 'NOT_ADDRESSED_AUTHORITY'));

    it('lets the new addressee decide after a transfer, once it has acknowledged', () => {
      const ack: EscalationEvent = {
        type: 'EscalationAcknowledged',
        data: { escalationId: ID, acknowledgedAt: NOW },
      };
      given(escalationDecider, [raised, acknowledged, transferred, ack])
        .when(decide(admin(NEW_ADDRESSEE), 'EXPERIMENT_GRANTED', 'Proef'))
        .then([
          {
            type: 'EscalationDecided',
            data: {
              escalationId: ID,
              outcome: 'EXPERIMENT_GRANTED',
              rationale: 'Proef',
              decidedAt: NOW,
              decidedBy: NEW_ADDRESSEE,
            },
          },
        ]);
    });
  });

  describe('ResolveEscalation', () => {
    it('resolves a decided escalation', () => {
      given(escalationDecider, [raised, acknowledged, decided])
        .when(resolve())
        .then([
          {
            type: 'EscalationResolved',
            data: { escalationId: ID, summary: 'Regel aangepast', resolvedAt: NOW },
          },
        ]);
      expect(given(escalationDecider, [raised, acknowledged, decided, resolved]).state()).toMatchObject({
        status: 'RESOLVED',
        outcome: 'EXPERIMENT_GRANTED',
        summary: 'Proef loopt',
      });
    });

    it('refuses resolving an escalation that is not decided yet', () =>
      given(escalationDecider, [raised, acknowledged])
        .when(resolve())
        .thenThrows(IllegalState, 'ESCALATION_NOT_DECIDED'));

    it('refuses resolving twice', () =>
      given(escalationDecider, [raised, acknowledged, decided, resolved])
        .when(resolve())
        .thenThrows(IllegalState, 'ESCALATION_ALREADY_RESOLVED'));

    it('refuses a resolution without a summary', () =>
      given(escalationDecider, [raised, acknowledged, decided])
        .when(resolve(admin(ADDRESSED), ''))
        .thenThrows(InvalidInput, 'REQUIRED', 'summary'));

    it('refuses resolution by an authority the escalation is not addressed to', () =>
      given(escalationDecider, [raised, acknowledged, decided])
        .when(resolve(admin(RAISING)))
        .thenThrows(Forbidden, 'NOT_ADDRESSED_AUTHORITY'));
  });

  describe('ReopenEscalation', () => {
    it('lets the raising authority reopen a decided escalation: back to ACKNOWLEDGED without a decision', () => {
      given(escalationDecider, [raised, acknowledged, decided])
        .when(reopen())
        .then([
          {
            type: 'EscalationReopened',
            data: {
              escalationId: ID,
              reason: 'Besluit werkt niet uit',
              respondBy: REOPEN_RESPOND_BY,
              reopenedAt: NOW,
            },
          },
        ]);
      const reopened: EscalationEvent = {
        type: 'EscalationReopened',
        data: {
          escalationId: ID,
          reason: 'Besluit werkt niet uit',
          respondBy: REOPEN_RESPOND_BY,
          reopenedAt: NOW,
        },
      };
      expect(given(escalationDecider, [raised, acknowledged, decided, reopened]).state()).toMatchObject({
        status: 'ACKNOWLEDGED',
        outcome: null,
        decidedBy: null,
        reopenedAt: NOW,
      });
      given(escalationDecider, [raised, acknowledged, decided, reopened])
        .when(decide(admin(ADDRESSED), 'NO_CHANGE', 'Toch niet'))
        .then([
          {
            type: 'EscalationDecided',
            data: {
              escalationId: ID,
              outcome: 'NO_CHANGE',
              rationale: 'Toch niet',
              decidedAt: NOW,
              decidedBy: ADDRESSED,
            },
          },
        ]);
    });

    it('lets an administrator of the raising authority reopen a resolved escalation', () =>
      given(escalationDecider, [raised, acknowledged, decided, resolved])
        .when(reopen(admin(RAISING)))
        .then([
          {
            type: 'EscalationReopened',
            data: {
              escalationId: ID,
              reason: 'Besluit werkt niet uit',
              respondBy: REOPEN_RESPOND_BY,
              reopenedAt: NOW,
            },
          },
        ]));

    it('refuses reopening by an authority that did not raise the escalation', () =>
      given(escalationDecider, [raised, acknowledged, decided])
        .when(reopen(admin(ADDRESSED)))
        .thenThrows(Forbidden, 'NOT_RAISING_AUTHORITY'));

    it('refuses reopening an escalation that is not decided', () =>
      given(escalationDecider, [raised, acknowledged])
        .when(reopen())
        .thenThrows(IllegalState, 'ESCALATION_NOT_DECIDED'));

    it('sets the new deadline it was given, so a reopened escalation is not overdue at once', () => {
      const reopened: EscalationEvent = {
        type: 'EscalationReopened',
        data: {
          escalationId: ID,
          reason: 'Besluit werkt niet uit',
          respondBy: '2026-05-04T16:00:00.000Z',
          reopenedAt: '2026-04-20T09:00:00.000Z',
        },
      };
      const state = given(escalationDecider, [raised, acknowledged, decided, reopened]).state();
      expect(state).toMatchObject({ respondBy: '2026-05-04T16:00:00.000Z' });
      expect(isEscalationOverdue(state, '2026-04-20T09:00:01Z')).toBe(false);
      expect(isEscalationOverdue(state, '2026-05-04T16:00:01Z')).toBe(true);
    });

    it('keeps the earlier deadline for a reopening recorded before reopenings carried one', () => {
      const reopened: EscalationEvent = {
        type: 'EscalationReopened',
        data: { escalationId: ID, reason: 'Besluit werkt niet uit', reopenedAt: NOW },
      };
      expect(given(escalationDecider, [raised, acknowledged, decided, reopened]).state()).toMatchObject({
        respondBy: '2026-04-01T16:00:00.000Z',
      });
    });

    it('refuses a new deadline that is not after now', () =>
      given(escalationDecider, [raised, acknowledged, decided])
        .when(reopen(officer(RAISING), 'Besluit werkt niet uit', NOW))
        .thenThrows(InvalidInput, 'RESPOND_BY_NOT_IN_FUTURE', 'respondBy'));

    it('refuses reopening without a reason', () =>
      given(escalationDecider, [raised, acknowledged, decided])
        .when(reopen(officer(RAISING), ''))
        .thenThrows(InvalidInput, 'REQUIRED', 'reason'));
  });

  describe('illegal transitions', () => {
    it('names the current status in the message', () => {
      let message = '';
      try {
        escalationDecider.decide(decide(), given(escalationDecider, [raised]).state());
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toContain('RAISED');
    });
  });

  describe('visibility, deadline and facts', () => {
    const state = given(escalationDecider, [raised, involved, transferred]).state();

    it('shows an escalation to the raising, addressed and involved authorities and to analysts only', () => {
      expect(isEscalationVisibleTo(state, officer(RAISING))).toBe(true);
      expect(isEscalationVisibleTo(state, admin(NEW_ADDRESSEE))).toBe(true);
      expect(isEscalationVisibleTo(state, officer(INVOLVED))).toBe(true);
      expect(isEscalationVisibleTo(state, analyst(STRANGER))).toBe(true);
      expect(isEscalationVisibleTo(state, admin(ADDRESSED))).toBe(false);
      expect(isEscalationVisibleTo(state, admin(STRANGER))).toBe(false);
    });

    it('is overdue when undecided past its deadline, and never once decided', () => {
      expect(isEscalationOverdue(state, '2026-04-15T16:00:00Z')).toBe(false);
      expect(isEscalationOverdue(state, '2026-04-15T16:00:01Z')).toBe(true);
      const decidedState = given(escalationDecider, [raised, acknowledged, decided]).state();
      expect(isEscalationOverdue(decidedState, '2027-01-01T00:00:00Z')).toBe(false);
    });

    it('describes an escalation as a fact, absent for a viewer who may not see it', () => {
      const decidedState = given(escalationDecider, [raised, acknowledged, decided]).state();
      expect(escalationFactOf(ID, decidedState, admin(ADDRESSED))).toEqual({
        id: ID,
        exists: true,
        status: 'DECIDED',
        outcome: 'EXPERIMENT_GRANTED',
        addressedTo: ADDRESSED,
        decidedBy: ADDRESSED,
      });
      expect(escalationFactOf(ID, decidedState, admin(STRANGER))).toEqual({ id: ID, exists: false });
    });
  });
});
