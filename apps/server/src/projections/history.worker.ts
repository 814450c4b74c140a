import { readlinkSync } from 'node:fs';
import { constants, setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { parseSqlitePosition, SqliteEventStore } from '@praktijklus/event-store';
import {
  allProjections,
  openHistoryProjector,
  removeDatabase,
  type HistoryProjector,
} from '@praktijklus/projections';
import { ReferenceData } from '@praktijklus/reference';
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

async function main(): Promise<void> {
  yieldTheCpu();
  const port = parentPort;
  if (port === null) throw new Error('the history thread runs as a worker thread');
  const init = workerData as HistoryThreadInit;
  const send = (message: FromHistoryThread): void => port.postMessage(message);
  const logger = threadLogger(send);
  let store: SqliteEventStore | undefined;
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
    store = SqliteEventStore.open({
      file: init.eventsFile,
      synchronous: init.synchronous,
      pollIntervalMs: init.pollIntervalMs,
      cacheMiB: LOG_FOLLOWER_CACHE_MIB,
    });
    const reference = ReferenceData.load(init.referenceDataFile);
    history = openHistoryProjector({
      file: init.historyFile,
      store,
      projections: allProjections({ layerOf: (authority) => reference.layerOf(authority) }),
      positionOrdinal: parseSqlitePosition,
      logger,
      rebuildBatchSize: init.batchSize,
      batchSize: init.batchSize,
      // The thread ends; the request loop starts it again, which builds the file anew from the log.
      onDamage: (reason) => {
        logger.error(`time travel's history is damaged (${reason}): building it again`);
        void close().then(() => removeDatabase(init.historyFile));
      },
    });
    await history.projector.start();
  } catch (error) {
    send({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
    await close();
  }
}

void main();
