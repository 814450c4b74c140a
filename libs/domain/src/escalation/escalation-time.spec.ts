import { given } from '@praktijklus/testing';
import { Forbidden, NotFound, SYSTEM_ACTOR } from '../shared';
import { admin, officer } from '../shared/actors.fixture';
import { EscalationCommand } from './escalation.commands';
import { escalationDecider } from './escalation.decider';
import { EscalationEvent } from './escalation.events';
import { isEscalationVisibleTo } from './escalation.state';

const ID = 'e5c4a1a0-0000-4000-8000-0000000000aa';
const RESPOND_BY = '2026-04-01T16:00:00.000Z';
const AFTER = '2026-04-01T16:00:01.000Z';
const NEW_RESPOND_BY = '2026-05-01T16:00:00.000Z';

const raised: EscalationEvent = {
  type: 'EscalationRaised',
  data: {
    escalationId: ID,
    title: 'Warmtepompen botsen met geluidsnorm',
    reason: 'Twintig aanvragen per maand lopen vast',
    signalIds: ['s-1'],
    raisedBy: 'gm0344',
    raisedByUser: 'officer-gm0344',
    addressedTo: 'gm0363',
    respondBy: RESPOND_BY,
    raisedAt: '2026-03-02T09:00:00.000Z',
  },
};
const passed: EscalationEvent = {
  type: 'EscalationDeadlinePassed',
  data: { escalationId: ID, respondBy: RESPOND_BY, awaited: 'gm0363', passedAt: AFTER },
};
const climbed: EscalationEvent = {
  type: 'EscalationEscalatedForNonResponse',
  data: { escalationId: ID, from: 'gm0363', to: 'pv27', respondBy: NEW_RESPOND_BY, escalatedAt: AFTER },
};
const decided: EscalationEvent = {
  type: 'EscalationDecided',
  data: { escalationId: ID, outcome: 'NO_CHANGE', rationale: 'Past binnen de regels', decidedAt: AFTER },
};

const deadlinePassed = (now = AFTER, respondBy = RESPOND_BY, actor = SYSTEM_ACTOR): EscalationCommand => ({
  type: 'RecordEscalationDeadlinePassed',
  actor,
  now,
  data: { escalationId: ID, respondBy },
});
const climb = (
  to: string | null = 'pv27',
  newRespondBy: string | null = NEW_RESPOND_BY,
  respondBy = RESPOND_BY,
): EscalationCommand => ({
  type: 'EscalateForNonResponse',
  actor: SYSTEM_ACTOR,
  now: AFTER,
  data: { escalationId: ID, respondBy, to, newRespondBy },
});

describe('escalation deadlines (the platform acting on time)', () => {
  it('records a passed deadline once, naming the awaited authority', () => {
    given(escalationDecider, [raised]).when(deadlinePassed()).then([passed]);
    given(escalationDecider, [raised, passed]).when(deadlinePassed()).then([]);
  });

  it('records nothing before the deadline, for a moved deadline, or once decided', () => {
    given(escalationDecider, [raised]).when(deadlinePassed(RESPOND_BY)).then([]);
    given(escalationDecider, [raised]).when(deadlinePassed(AFTER, '2026-03-30T16:00:00.000Z')).then([]);
    given(escalationDecider, [
      raised,
      { type: 'EscalationAcknowledged', data: { escalationId: ID, acknowledgedAt: AFTER } },
      decided,
    ])
      .when(deadlinePassed())
      .then([]);
  });

  it('is the platform’s alone: a user, even an admin of the addressed authority, is refused', () => {
    given(escalationDecider, [raised])
      .when(deadlinePassed(AFTER, RESPOND_BY, admin('gm0363')))
      .thenThrows(Forbidden, 'SYSTEM_ONLY');
    given(escalationDecider, []).when(deadlinePassed()).thenThrows(NotFound, 'ESCALATION_NOT_FOUND');
  });

  it('climbs only after the deadline was recorded as passed, then involves the next authority with a new deadline', () => {
    given(escalationDecider, [raised]).when(climb()).then([]);
    given(escalationDecider, [raised, passed]).when(climb()).then([climbed]);
    const state = given(escalationDecider, [raised, passed, climbed]).state();
    expect(state).toMatchObject({
      addressedTo: 'gm0363',
      awaited: 'pv27',
      respondBy: NEW_RESPOND_BY,
      involvedAuthorities: ['pv27'],
      climbedTo: ['pv27'],
      deadlinePassedAt: null,
    });
  });

  it('climbs once per passed deadline, and the next deadline climbs from the authority reached', () => {
    given(escalationDecider, [raised, passed, climbed]).when(climb()).then([]);
    const secondPass: EscalationEvent = {
      type: 'EscalationDeadlinePassed',
      data: {
        escalationId: ID,
        respondBy: NEW_RESPOND_BY,
        awaited: 'pv27',
        passedAt: '2026-05-02T09:00:00.000Z',
      },
    };
    given(escalationDecider, [raised, passed, climbed, secondPass])
      .when(climb('mnre1130', '2026-06-01T16:00:00.000Z', NEW_RESPOND_BY))
      .then([
        {
          type: 'EscalationEscalatedForNonResponse',
          data: {
            escalationId: ID,
            from: 'pv27',
            to: 'mnre1130',
            respondBy: '2026-06-01T16:00:00.000Z',
            escalatedAt: AFTER,
          },
        },
      ]);
  });

  it('ends the chain visibly when nobody is above the awaited authority, and only once', () => {
    const ended: EscalationEvent = {
      type: 'EscalationEscalatedForNonResponse',
      data: { escalationId: ID, from: 'gm0363', to: null, respondBy: null, escalatedAt: AFTER },
    };
    given(escalationDecider, [raised, passed]).when(climb(null, null)).then([ended]);
    expect(given(escalationDecider, [raised, passed, ended]).state()).toMatchObject({ chainEnded: true });
    given(escalationDecider, [raised, passed, ended]).when(climb(null, null)).then([]);
  });

  it('lets the authority climbed to acknowledge and take over by a transfer, but not decide', () => {
    const history = [raised, passed, climbed];
    given(escalationDecider, history)
      .when({ type: 'AcknowledgeEscalation', actor: admin('pv27'), now: AFTER, data: { escalationId: ID } })
      .then([{ type: 'EscalationAcknowledged', data: { escalationId: ID, acknowledgedAt: AFTER } }]);
    given(escalationDecider, history)
      .when({
        type: 'TransferEscalation',
        actor: admin('pv27'),
        now: AFTER,
        data: { escalationId: ID, to: 'pv27', reason: 'Wij nemen het over', respondBy: NEW_RESPOND_BY },
      })
      .then([
        {
          type: 'EscalationTransferred',
          data: {
            escalationId: ID,
            from: 'gm0363',
            to: 'pv27',
            reason: 'Wij nemen het over',
            respondBy: NEW_RESPOND_BY,
            transferredAt: AFTER,
          },
        },
      ]);
    given(escalationDecider, [
      ...history,
      { type: 'EscalationAcknowledged', data: { escalationId: ID, acknowledgedAt: AFTER } },
    ])
      .when({
        type: 'DecideEscalation',
        actor: admin('pv27'),
        now: AFTER,
        data: { escalationId: ID, outcome: 'NO_CHANGE', rationale: 'x' },
      })
      .thenThrows(Forbidden, 'NOT_ADDRESSED_AUTHORITY');
  });

  it('shows the escalation to the authority climbed to', () => {
    const before = given(escalationDecider, [raised, passed]).state();
    const after = given(escalationDecider, [raised, passed, climbed]).state();
    expect(isEscalationVisibleTo(before, officer('pv27'))).toBe(false);
    expect(isEscalationVisibleTo(after, officer('pv27'))).toBe(true);
    expect(isEscalationVisibleTo(after, officer('gm0599'))).toBe(false);
  });

  it('a transfer starts a fresh deadline and chain from the new addressee', () => {
    const transferred: EscalationEvent = {
      type: 'EscalationTransferred',
      data: {
        escalationId: ID,
        from: 'gm0363',
        to: 'pv27',
        reason: 'Wij nemen het over',
        respondBy: NEW_RESPOND_BY,
        transferredAt: AFTER,
      },
    };
    expect(given(escalationDecider, [raised, passed, transferred]).state()).toMatchObject({
      awaited: 'pv27',
      deadlinePassedAt: null,
      respondBy: NEW_RESPOND_BY,
    });
  });
});
