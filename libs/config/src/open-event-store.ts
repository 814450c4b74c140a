import { join } from 'node:path';
import { streamCategories } from '@praktijklus/domain';
import {
  connectEsdbEventStore,
  ensurePrivateDirectory,
  SqliteEventStore,
  type EventStore,
} from '@praktijklus/event-store';
import type { Settings } from './settings';

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
    // Only our aggregates' streams: another application's events on a shared cluster are not ours to project.
    const store = connectEsdbEventStore(settings.eventStoreConnectionString, {
      streamPrefixes: Object.values(streamCategories).map((category) => `${category}-`),
    });
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
    ...(onClockBehind === undefined ? {} : { onClockBehind }),
  });
}
