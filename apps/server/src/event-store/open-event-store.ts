import { join } from 'node:path';
import {
  connectEsdbEventStore,
  ensurePrivateDirectory,
  SqliteEventStore,
  type EventStore,
} from '@praktijklus/event-store';
import type { Settings } from '../config/settings';

export const EVENTS_FILE = 'events.sqlite';

/** The configured store: the embedded SQLite file under DATA_DIR, or an EventStoreDB cluster. */
export async function openEventStore(settings: Settings): Promise<EventStore> {
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
  ensurePrivateDirectory(settings.dataDir);
  return SqliteEventStore.open({
    file: join(settings.dataDir, EVENTS_FILE),
    synchronous: settings.sqliteSynchronous,
  });
}
