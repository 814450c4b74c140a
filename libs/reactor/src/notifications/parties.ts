import type { RecordedEvent } from '@praktijklus/event-store';

/** Who takes part in an entity, as far as notifications are concerned; one relation per row. */
export type PartyChange =
  | { op: 'add'; streamId: string; authority: string; relation: 'OWNER' | 'ADDRESSED' | 'PARTY' }
  | { op: 'remove'; streamId: string; relation: 'ADDRESSED' };

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const texts = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];

/**
 * A subscription is scoped to its authority: it hears of a signal its authority reported, of an
 * escalation its authority is a party to (raising, addressed, involved, or climbed to), and of the
 * agreements and experiments it owns or is party to — the reads' rules for an officer or admin of
 * that authority, without the cross-authority view of analysts.
 */
export function partyChangesOf(event: RecordedEvent): PartyChange[] {
  const { streamId, data } = event;
  const add = (authority: string | undefined, relation: 'OWNER' | 'ADDRESSED' | 'PARTY'): PartyChange[] =>
    authority === undefined ? [] : [{ op: 'add', streamId, authority, relation }];
  switch (event.type) {
    case 'SignalRecorded':
      return add(text(data.reportingAuthority), 'OWNER');
    case 'EscalationRaised':
      return [...add(text(data.raisedBy), 'OWNER'), ...add(text(data.addressedTo), 'ADDRESSED')];
    case 'AuthorityInvolved':
      return add(text(data.authority), 'PARTY');
    case 'EscalationEscalatedForNonResponse':
      return add(text(data.to), 'PARTY');
    case 'EscalationTransferred':
      // The previous addressee is no longer a party (as in the reads).
      return [{ op: 'remove', streamId, relation: 'ADDRESSED' }, ...add(text(data.to), 'ADDRESSED')];
    case 'AgreementMade':
      return [
        ...add(text(data.owner), 'OWNER'),
        ...texts(data.parties).flatMap((authority) => add(authority, 'PARTY')),
      ];
    case 'ExperimentStarted':
      return add(text(data.owner), 'OWNER');
    default:
      return [];
  }
}
