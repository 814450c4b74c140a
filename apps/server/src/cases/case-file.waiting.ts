import type { RecordedEvent } from '@praktijklus/event-store';
import { timeOf } from './case-file.timeline';

export interface Waiting {
  authority: string;
  /** Days, to one decimal. */
  days: number;
}

/** A stretch of time an authority held the matter, in epoch milliseconds. */
export interface HoldingPeriod {
  authority: string;
  from: number;
  to: number;
}

const DAY_MS = 86_400_000;

const textOf = (event: RecordedEvent, field: string): string | null => {
  const value = event.data[field];
  return typeof value === 'string' && value !== '' ? value : null;
};

/**
 * Who held one escalation when: the addressed authority from raising (or a transfer to it, or a
 * reopening) until a decision or a transfer away; an authority non-response climbed to from then
 * until the decision. Still undecided at `now`: held until `now`.
 */
export function holdingPeriodsOf(events: readonly RecordedEvent[], now: number): HoldingPeriod[] {
  const periods: HoldingPeriod[] = [];
  const holding = new Map<string, number>();
  let addressee: string | null = null;
  const start = (authority: string | null, at: number): void => {
    if (authority !== null && !holding.has(authority)) holding.set(authority, at);
  };
  const stop = (authority: string, at: number): void => {
    const from = holding.get(authority);
    if (from === undefined) return;
    holding.delete(authority);
    periods.push({ authority, from, to: Math.max(from, at) });
  };
  const stopAll = (at: number): void => [...holding.keys()].forEach((authority) => stop(authority, at));

  for (const event of events) {
    const at = Date.parse(timeOf('escalation', event));
    switch (event.type) {
      case 'EscalationRaised':
        addressee = textOf(event, 'addressedTo');
        start(addressee, at);
        break;
      case 'EscalationTransferred': {
        const from = textOf(event, 'from');
        if (from !== null) stop(from, at);
        addressee = textOf(event, 'to');
        start(addressee, at);
        break;
      }
      case 'EscalationEscalatedForNonResponse':
        start(textOf(event, 'to'), at);
        break;
      case 'EscalationDecided':
      case 'EscalationResolved':
        stopAll(at);
        break;
      case 'EscalationReopened':
        start(addressee, at);
        break;
      default:
        break;
    }
  }
  stopAll(now);
  return periods;
}

/** Each authority's periods merged, so overlapping escalations count the same day once. */
export function waitingOf(periods: readonly HoldingPeriod[]): Waiting[] {
  const byAuthority = new Map<string, HoldingPeriod[]>();
  for (const period of periods) {
    byAuthority.set(period.authority, [...(byAuthority.get(period.authority) ?? []), period]);
  }
  return [...byAuthority.entries()].map(([authority, own]) => {
    const sorted = [...own].sort((a, b) => a.from - b.from);
    let total = 0;
    let current: { from: number; to: number } | null = null;
    for (const period of sorted) {
      if (current !== null && period.from <= current.to) {
        current.to = Math.max(current.to, period.to);
      } else {
        if (current !== null) total += current.to - current.from;
        current = { from: period.from, to: period.to };
      }
    }
    if (current !== null) total += current.to - current.from;
    return { authority, days: Math.round((total / DAY_MS) * 10) / 10 };
  });
}
