import { randomUUID } from 'node:crypto';
import type { SignalAmended, SignalRecorded } from '@praktijklus/domain';
import {
  isSqliteStorageFailure,
  type RecordedEvent,
  sqliteCode,
  StoreUnavailable,
} from '@praktijklus/event-store';
import {
  ErasedPersonalData,
  type InitiativePersonalData as InitiativeData,
  type PersonalDataVault,
} from '@praktijklus/personal-data';

export type { InitiativeData };

/** What a reader allowed to see personal data gets for a signal's initiative. */
export type InitiativeView = { name: string; contact?: string } | { erased: true; erasedAt: string } | null;

/**
 * An initiative's name and contact, kept in the vault under references the signal's events carry.
 * Every version gets its own reference, so the log shows that the initiative changed, and erasing
 * the references named in a signal's stream erases every version ever stored.
 */
export class InitiativePersonalData {
  constructor(private readonly vault: PersonalDataVault) {}

  /**
   * A new reference under the signal's id. With a `seed` (derived from an Idempotency-Key) a
   * retried request names the same reference instead of leaving a second copy behind.
   */
  newRef(signalId: string, seed?: string): string {
    return `initiative/${signalId}/${seed ?? randomUUID()}`;
  }

  /**
   * Stores the data once the event naming `ref` is in the log, so a refused command leaves no
   * personal data behind. A reference erased meanwhile stays erased.
   */
  async keep(ref: string, data: InitiativeData): Promise<void> {
    try {
      await this.vault.put(ref, {
        name: data.name,
        ...(data.contact !== undefined ? { contact: data.contact } : {}),
      });
    } catch (error) {
      if (!(error instanceof ErasedPersonalData)) throw error;
    }
  }

  /** True when `ref` holds exactly this name and contact, so an amendment need not replace it. */
  async holds(ref: string, data: InitiativeData): Promise<boolean> {
    const entry = await this.vault.get(ref);
    return (
      entry.status === 'present' &&
      entry.data.name === data.name &&
      (entry.data.contact ?? null) === (data.contact ?? null)
    );
  }

  async view(ref: string): Promise<InitiativeView> {
    const entry = await this.vault.get(ref);
    switch (entry.status) {
      case 'present':
        return entry.data;
      case 'erased':
        return { erased: true, erasedAt: entry.erasedAt };
      case 'absent':
        // Only between the event's append and the vault write, or after a crash right there.
        return null;
      default: {
        const unknown: never = entry;
        throw new Error(`unknown vault entry ${JSON.stringify(unknown)}`);
      }
    }
  }

  /** Erases one reference (e.g. a version an amendment replaced). */
  async erase(ref: string, at: string): Promise<void> {
    await this.vault.erase(ref, at);
  }

  /** Erases every reference the signal's events ever named; returns how many references there were. */
  async eraseAllNamedIn(events: readonly RecordedEvent[], at: string): Promise<number> {
    const refs = initiativeRefsIn(events);
    try {
      for (const ref of refs) await this.vault.erase(ref, at);
    } catch (error) {
      // A locked or full vault is the storage's state, not the request's fault: 503, try again.
      if (isSqliteStorageFailure(error)) {
        throw new StoreUnavailable(`personal-data vault unavailable: ${sqliteCode(error)}`, { cause: error });
      }
      throw error;
    }
    return refs.length;
  }
}

/** The vault references named by a signal's events, in order of appearance, each once. */
export function initiativeRefsIn(events: readonly RecordedEvent[]): string[] {
  const refs = new Set<string>();
  for (const event of events) {
    if (event.type === 'SignalRecorded') {
      const ref = (event.data as unknown as SignalRecorded['data']).initiative?.personalDataRef;
      if (ref !== undefined) refs.add(ref);
    } else if (event.type === 'SignalAmended') {
      const ref = (event.data as unknown as SignalAmended['data']).changes.initiative?.personalDataRef;
      if (ref !== undefined) refs.add(ref);
    }
  }
  return [...refs];
}
