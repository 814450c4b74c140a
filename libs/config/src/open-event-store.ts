import { join } from 'node:path';
import { streamCategories } from '@praktijklus/domain';
import {
  connectEsdbEventStore,
  ensurePrivateDirectory,
  type EsdbEventStoreOptions,
  PostgresEventStore,
  SqliteEventStore,
  type EventStore,
} from '@praktijklus/event-store';
import type { Settings } from './settings';

export const EVENTS_FILE = 'events.sqlite';

/**
 * The configured store: the embedded SQLite file under DATA_DIR, a PostgreSQL database (its
 * schema migrated on open), or an EventStoreDB cluster.
 * `onClockBehind` hears when the embedded store's clock went back before its last event.
 * `checkpointsElsewhere`: the embedded store's commits leave the WAL's checkpoints to another
 * connection (the projector thread's `WalCheckpointer`), so none runs inside an append's commit.
 * `onForeignEvents` hears when reads of an EventStoreDB cluster pass over another application's events.
 */
export async function openEventStore(
  settings: Settings,
  onClockBehind?: (behindMs: number) => void,
  options: { checkpointsElsewhere?: boolean; onForeignEvents?: (message: string) => void } = {},
): Promise<EventStore> {
  if (settings.eventStore === 'postgres') {
    if (settings.databaseUrl === undefined) throw new Error('EVENT_STORE=postgres needs DATABASE_URL');
    try {
      return await PostgresEventStore.open({
        connectionString: settings.databaseUrl,
        poolMax: settings.pgPoolMax,
        ...(onClockBehind === undefined ? {} : { onClockBehind }),
      });
    } catch (error) {
      throw new Error(
        `cannot open the PostgreSQL event store at DATABASE_URL: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  if (settings.eventStore === 'esdb') {
    if (settings.eventStoreConnectionString === undefined) {
      throw new Error('EVENT_STORE=esdb needs EVENTSTORE_CONNECTION_STRING');
    }
    const store = connectEsdbEventStore(
      settings.eventStoreConnectionString,
      esdbStoreOptions(options.onForeignEvents),
    );
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
    autoCheckpoint: options.checkpointsElsewhere !== true,
    ...(onClockBehind === undefined ? {} : { onClockBehind }),
  });
}

/**
 * Only our aggregates' streams: another application's events on a shared cluster are not ours to
 * project; passing over them is reported to `onForeignEvents` (default the adapter's `console.warn`).
 */
export function esdbStoreOptions(onForeignEvents?: (message: string) => void): EsdbEventStoreOptions {
  return {
    streamPrefixes: Object.values(streamCategories).map((category) => `${category}-`),
    ...(onForeignEvents === undefined ? {} : { warn: onForeignEvents }),
  };
}
