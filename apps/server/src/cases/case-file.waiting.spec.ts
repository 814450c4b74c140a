import type { RecordedEvent } from '@praktijklus/event-store';
import { holdingPeriodsOf, waitingOf } from './case-file.waiting';

const DAY = 86_400_000;
const T0 = Date.parse('2026-01-05T09:00:00.000Z');
const day = (n: number): string => new Date(T0 + n * DAY).toISOString();

let revision = 0;
const event = (type: string, data: Record<string, unknown>, authority = 'gm0344'): RecordedEvent => ({
  id: `e${revision}`,
  type,
  data: { escalationId: 'x', ...data },
  metadata: {
    actor: { sub: 's', authority, roles: [] },
    correlationId: 'c',
    causationId: 'c',
    schemaVersion: 1,
  },
  streamId: 'escalation-x',
  revision: revision++,
  position: String(revision),
  // Deliberately unlike the events' own times: waiting follows the `…At` fields.
  recordedAt: '2030-01-01T00:00:00.000Z',
});

describe('waiting times of a case file', () => {
  it('counts the addressee until a transfer, the new addressee until the decision', () => {
    const periods = holdingPeriodsOf(
      [
        event('EscalationRaised', { addressedTo: 'pv26', raisedAt: day(0) }),
        event('EscalationTransferred', { from: 'pv26', to: 'mnre1171', transferredAt: day(4) }),
        event('EscalationDecided', { decidedAt: day(9.5) }),
      ],
      T0 + 100 * DAY,
    );
    expect(waitingOf(periods)).toEqual([
      { authority: 'pv26', days: 4 },
      { authority: 'mnre1171', days: 5.5 },
    ]);
  });

  it('counts an authority non-response climbed to from the climb, next to the addressee, until now when undecided', () => {
    const periods = holdingPeriodsOf(
      [
        event('EscalationRaised', { addressedTo: 'gm0344', raisedAt: day(0) }),
        event(
          'EscalationEscalatedForNonResponse',
          { from: 'gm0344', to: 'pv26', escalatedAt: day(10) },
          'system',
        ),
      ],
      T0 + 12 * DAY,
    );
    expect(waitingOf(periods)).toEqual([
      { authority: 'gm0344', days: 12 },
      { authority: 'pv26', days: 2 },
    ]);
  });

  it('counts the addressee again from a reopening', () => {
    const periods = holdingPeriodsOf(
      [
        event('EscalationRaised', { addressedTo: 'pv26', raisedAt: day(0) }),
        event('EscalationDecided', { decidedAt: day(1) }),
        event('EscalationResolved', { resolvedAt: day(2) }),
        event('EscalationReopened', { reopenedAt: day(5) }),
        event('EscalationDecided', { decidedAt: day(7) }),
      ],
      T0 + 30 * DAY,
    );
    expect(waitingOf(periods)).toEqual([{ authority: 'pv26', days: 3 }]);
  });

  it('counts overlapping escalations held by one authority once', () => {
    const first = holdingPeriodsOf(
      [
        event('EscalationRaised', { addressedTo: 'pv26', raisedAt: day(0) }),
        event('EscalationDecided', { decidedAt: day(6) }),
      ],
      T0 + 30 * DAY,
    );
    const second = holdingPeriodsOf(
      [
        event('EscalationRaised', { addressedTo: 'pv26', raisedAt: day(4) }),
        event('EscalationDecided', { decidedAt: day(8) }),
      ],
      T0 + 30 * DAY,
    );
    expect(waitingOf([...first, ...second])).toEqual([{ authority: 'pv26', days: 8 }]);
  });
});
