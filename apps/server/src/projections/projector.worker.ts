import { parentPort, workerData } from 'node:worker_threads';
import { parseSqlitePosition, SqliteEventStore, WalCheckpointer } from '@praktijklus/event-store';
import { allProjections, keepSnapshots, openReadModels, Projector } from '@praktijklus/projections';
import { ReferenceData } from '@praktijklus/reference';
import { LOG_FOLLOWER_CACHE_MIB, threadLogger } from '../background/worker-entry';
import type {
  FromProjectorThread,
  ProjectorThreadInit,
  ToProjectorThread,
} from './projector-thread.messages';

/*
 * The projector thread (BACKGROUND_THREAD=worker): the projector with connections of its own to the
 * log and the read models, so the request loop only validates, decides and appends. It sends a
 * snapshot of where every projection stands after each change; the request loop answers /ready,
 * the metrics and X-Consistent-With from it. The request loop has taken the projector lock and
 * checked the read-model file before starting this thread. It loads no more than it needs (not
 * `@praktijklus/config`, which brings Nest): a thread starts in a fraction of the server's time.
 */

const codeOf = (error: unknown): string | undefined =>
  typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string'
    ? error.code
    : undefined;

/** The embedded store only: with EventStoreDB the projector stays on the request loop (see BACKGROUND_THREAD). */
const openStore = (init: ProjectorThreadInit): SqliteEventStore =>
  SqliteEventStore.open({
    file: init.eventsFile,
    synchronous: init.settings.sqliteSynchronous,
    pollIntervalMs: init.pollIntervalMs,
    cacheMiB: LOG_FOLLOWER_CACHE_MIB,
  });

async function main(): Promise<void> {
  const port = parentPort;
  if (port === null) throw new Error('the projector thread runs as a worker thread');
  const init = workerData as ProjectorThreadInit;
  const { settings } = init;
  const send = (message: FromProjectorThread): void => port.postMessage(message);
  const logger = threadLogger(send);
  let store: SqliteEventStore | undefined;
  let checkpointer: WalCheckpointer | undefined;
  let db: ReturnType<typeof openReadModels> | undefined;
  const close = async (): Promise<void> => {
    checkpointer?.stop();
    await store?.close();
    if (db?.open) db.close();
    port.close();
  };
  try {
    store = openStore(init);
    db = openReadModels(init.readModelsFile, { tempStore: 'FILE' });
    // As `projectorOptions` (libs/config) sets the projector up; the request loop checked the registry.
    const reference = ReferenceData.load(settings.referenceDataFile);
    const projections = allProjections({ layerOf: (authority) => reference.layerOf(authority) });
    const opened = store;
    let scheduled = false;
    const projector: Projector = new Projector({
      store,
      projections,
      positionOrdinal: parseSqlitePosition,
      logger,
      db,
      // Time travel's snapshots, taken here between two batches as on the request loop.
      ...keepSnapshots({
        readModelsDir: settings.readModelsDir,
        intervalEvents: settings.timeTravel.snapshotIntervalEvents,
        keep: settings.timeTravel.snapshotKeep,
        comparePositions: (a, b) => opened.comparePositions(a, b),
        projections,
        log: (message) => logger.log(message),
      }),
      onDamage: (reason) => send({ type: 'damaged', reason }),
      // One snapshot per turn of this thread's loop, however many changes it made.
      onChange: () => {
        if (scheduled) return;
        scheduled = true;
        setImmediate(() => {
          scheduled = false;
          send({ type: 'snapshot', snapshot: projector.snapshot() });
        });
      },
    });
    let replaced: ((error?: string) => void) | undefined;
    port.on('message', (message: ToProjectorThread) => {
      if (message.type === 'stop') void projector.stop().finally(close);
      else if (message.type === 'replaced') replaced?.(message.error);
      else if (message.type === 'replace') {
        const replace = (): Promise<void> =>
          new Promise<void>((resolve, reject) => {
            replaced = (error) => (error === undefined ? resolve() : reject(new Error(error)));
            send({ type: 'replace-file' });
          });
        projector.replaceDamagedFile(replace).then(
          () => send({ type: 'replace-done' }),
          (error: unknown) =>
            send({ type: 'replace-done', error: error instanceof Error ? error.message : String(error) }),
        );
      }
    });
    // The request loop's commits leave the WAL to this thread (see openEventStore): off its loop, beside its appends.
    checkpointer = new WalCheckpointer(store, {
      onError: (error) =>
        logger.warn(`WAL checkpoint: ${error instanceof Error ? error.message : String(error)}`),
    });
    checkpointer.start();
    await projector.start();
    send({ type: 'started', snapshot: projector.snapshot() });
  } catch (error) {
    send({
      type: 'failed',
      message: error instanceof Error ? error.message : String(error),
      code: codeOf(error),
    });
    await close();
  }
}

void main();
