import type { EscalationEvent } from '../escalation/escalation.events';
import type { SignalEvent } from '../signal/signal.events';

/** One field an event changed: its value before and after (JSON values, as the events hold them). */
export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
}

interface StoredEvent {
  type: string;
  data: unknown;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

const change = (changes: FieldChange[], field: string, from: unknown, to: unknown): void => {
  if (!same(from, to)) changes.push({ field, from: from ?? null, to: to ?? null });
};

/**
 * What each event of a signal's stream changed (old -> new), by folding the stream in order:
 * amendments per field, classifications (themes, policy domain), a duplicate mark and a withdrawal
 * (status). The initiative shows only whether there is one: its data lives in the vault.
 */
export function signalHistoryChanges(events: readonly StoredEvent[]): FieldChange[][] {
  let state: Record<string, unknown> = {};
  return events.map((stored) => {
    const event = stored as SignalEvent;
    const changes: FieldChange[] = [];
    switch (event.type) {
      case 'SignalRecorded': {
        const { initiative, ...fields } = event.data;
        state = {
          ...fields,
          initiative: initiative !== null,
          themes: [],
          status: 'ACTIVE',
          duplicateOf: null,
        };
        break;
      }
      case 'SignalAmended':
        for (const [field, value] of Object.entries(event.data.changes)) {
          if (value === undefined) continue;
          const to = field === 'initiative' ? value !== null : value;
          // A replaced initiative is a change even though both sides hold one.
          if (field === 'initiative' && state.initiative === true && to === true) {
            changes.push({ field, from: true, to: true });
          } else change(changes, field, state[field], to);
          state[field] = to;
        }
        break;
      case 'SignalClassified':
        change(changes, 'themes', state.themes, event.data.themes);
        state.themes = event.data.themes;
        if (event.data.policyDomain !== undefined) {
          change(changes, 'policyDomain', state.policyDomain, event.data.policyDomain);
          state.policyDomain = event.data.policyDomain;
        }
        break;
      case 'SignalMarkedDuplicate':
        change(changes, 'duplicateOf', state.duplicateOf, event.data.duplicateOf);
        change(changes, 'status', state.status, 'DUPLICATE');
        state.duplicateOf = event.data.duplicateOf;
        state.status = 'DUPLICATE';
        break;
      case 'SignalWithdrawn':
        change(changes, 'status', state.status, 'WITHDRAWN');
        state.status = 'WITHDRAWN';
        break;
      default:
        break;
    }
    return changes;
  });
}

/**
 * What each event of an escalation's stream changed (old -> new): to whom it is addressed and by
 * when it must be answered, moved by a transfer, a climb for non-response or a reopening.
 */
export function escalationHistoryChanges(events: readonly StoredEvent[]): FieldChange[][] {
  const state: Record<string, unknown> = {};
  const set = (changes: FieldChange[], field: string, to: unknown): void => {
    change(changes, field, state[field], to);
    state[field] = to;
  };
  return events.map((stored) => {
    const event = stored as EscalationEvent;
    const changes: FieldChange[] = [];
    switch (event.type) {
      case 'EscalationRaised':
        state.addressedTo = event.data.addressedTo;
        state.respondBy = event.data.respondBy;
        break;
      case 'EscalationTransferred':
        change(changes, 'addressedTo', event.data.from, event.data.to);
        state.addressedTo = event.data.to;
        set(changes, 'respondBy', event.data.respondBy);
        break;
      case 'EscalationEscalatedForNonResponse':
        if (event.data.to !== null) {
          change(changes, 'addressedTo', event.data.from, event.data.to);
          state.addressedTo = event.data.to;
        }
        if (event.data.respondBy !== null) set(changes, 'respondBy', event.data.respondBy);
        break;
      case 'EscalationReopened':
        if (event.data.respondBy !== undefined) set(changes, 'respondBy', event.data.respondBy);
        break;
      default:
        break;
    }
    return changes;
  });
}
