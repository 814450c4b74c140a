import { readlinkSync } from 'node:fs';
import { constants, setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { join } from 'node:path';
import { PostgresEventStore, SqliteEventStore, type EventStore } from '@praktijklus/event-store';
import { HISTORY_FILE, removeDatabase, type HistoryProjector } from '@praktijklus/projections';
import { EVENTS_FILE, historyProjectorOf, loadReferenceData } from '@praktijklus/config';
import { LOG_FOLLOWER_CACHE_MIB, threadLogger } from '../background/worker-entry';
import type { FromHistoryThread, HistoryThreadInit, ToHistoryThread } from './history-thread';

/*
 * Time travel's history thread: keeps READMODELS_DIR/history.sqlite up with the log, with
 * connections of its own, so its catch-up (minutes at a million events, the first time) and its
 * per-event versions take neither the request loop nor the projector thread.
 */

/**
 * The history is never urgent: on Linux this thread (/proc/thread-self names its id) takes the
 * lowest CPU priority, so the request loop and the projector go first when the cores are busy.
 */
function yieldTheCpu(): void {
  try {
    const thread = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(thread)) setPriority(thread, constants.priority.PRIORITY_LOW);
  } catch {
    // Not Linux: the thread keeps the process's priority.
  }
}

/** The log, on connections of the thread's own: the embedded store's file, or PostgreSQL (two connections). */
async function followedStore({ settings, pollIntervalMs }: HistoryThreadInit): Promise<EventStore> {
  if (settings.eventStore === 'postgres') {
    if (settings.databaseUrl === undefined) throw new Error('EVENT_STORE=postgres needs DATABASE_URL');
    // The request loop's store migrated the schema before this thread was started.
    return PostgresEventStore.open({
      connectionString: settings.databaseUrl,
      poolMax: 2,
      pollIntervalMs,
      migrate: false,
    });
  }
  return SqliteEventStore.open({
    file: join(settings.dataDir, EVENTS_FILE),
    synchronous: settings.sqliteSynchronous,
    pollIntervalMs,
    cacheMiB: LOG_FOLLOWER_CACHE_MIB,
  });
}

async function main(): Promise<void> {
  yieldTheCpu();
  const port = parentPort;
  if (port === null) throw new Error('the history thread runs as a worker thread');
  const init = workerData as HistoryThreadInit;
  const send = (message: FromHistoryThread): void => port.postMessage(message);
  const logger = threadLogger(send);
  let store: EventStore | undefined;
  let history: HistoryProjector | undefined;
  // Asked to stop, and the file found damaged, may both close: once.
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      await history?.close();
      await store?.close();
      port.close();
    })());
  port.on('message', (message: ToHistoryThread) => {
    if (message.type === 'stop') void close();
  });
  try {
    const { settings } = init;
    store = await followedStore(init);
    const kept = historyProjectorOf(settings, store, loadReferenceData(settings), {
      logger,
      rebuildBatchSize: init.batchSize,
      batchSize: init.batchSize,
      // The thread ends; the request loop starts it again, which builds the file anew from the log.
      onDamage: (reason) => {
        logger.error(`time travel's history is damaged (${reason}): building it again`);
        void close().then(() => removeDatabase(join(settings.readModelsDir, HISTORY_FILE)));
      },
    });
    if (kept === undefined)
      throw new Error('this store keeps no history (its positions do not count events)');
    history = kept;
    await history.projector.start();
  } catch (error) {
    send({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
    await close();
  }
}

void main();
