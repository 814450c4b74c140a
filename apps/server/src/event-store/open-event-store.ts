import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { connectEsdbEventStore, SqliteEventStore, type EventStore } from '@praktijklus/event-store';
import type { Settings } from '../config/settings';

export const EVENTS_FILE = 'events.sqlite';

/**
 * The configured store: the embedded SQLite file under DATA_DIR, or an EventStoreDB cluster.
 * `onClockBehind` hears when the embedded store's clock went back before its last event.
 */
export async function openEventStore(
  settings: Settings,
  onClockBehind?: (behindMs: number) => void,
): Promise<EventStore> {
  if (settings.eventStore === 'esdb') {
    if (settings.eventStoreConnectionString === undefined) {
      throw new Error('EVENT_STORE=esdb needs EVENTSTORE_CONNECTION_STRING');
    }
    const store = connectEsdbEventStore(settings.eventStoreConnectionString);
    try {
      await store.ping();
    } catch (error) {
      await store.close();
      throw new Error(
        `cannot reach EventStoreDB at EVENTSTORE_CONNECTION_STRING: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    return store;
  }
  mkdirSync(settings.dataDir, { recursive: true });
  return SqliteEventStore.open({
    file: join(settings.dataDir, EVENTS_FILE),
    synchronous: settings.sqliteSynchronous,
    ...(onClockBehind === undefined ? {} : { onClockBehind }),
  });
}
