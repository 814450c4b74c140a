import { parentPort, workerData } from 'node:worker_threads';
import { SqliteEventStore, type EventStore } from '@praktijklus/event-store';
import type { Due } from '@praktijklus/reactor';
import { LOG_FOLLOWER_CACHE_MIB, threadLogger } from '../background/worker-entry';
import type { FromReactorThread, ReactorThreadInit, ToReactorThread } from './reactor-thread.messages';
import { beatReactor, createServerReactor, serverMailSender } from './server-reactor';

/*
 * The reactor thread (BACKGROUND_THREAD=worker): the reactor, its beats and its deliveries with a
 * connection of its own to the log, so following the log and committing the reactor's file (FULL)
 * do not hold up requests. It only reads the log: what fell due is recorded by the request loop
 * (a second writer would make the request loop's commits wait for the lock). The request loop
 * asks it for its status (/ready, metrics).
 */

/** The thread follows the log through its own connection, looking this often for new events. */
const POLL_INTERVAL_MS = 20;

/** The embedded store only: with EventStoreDB the reactor stays on the request loop (see BACKGROUND_THREAD). */
const openStore = (init: ReactorThreadInit): EventStore =>
  SqliteEventStore.open({
    file: init.eventsFile,
    synchronous: init.settings.sqliteSynchronous,
    pollIntervalMs: POLL_INTERVAL_MS,
    cacheMiB: LOG_FOLLOWER_CACHE_MIB,
  });

async function main(): Promise<void> {
  const port = parentPort;
  if (port === null) throw new Error('the reactor thread runs as a worker thread');
  const init = workerData as ReactorThreadInit;
  const { settings } = init;
  const send = (message: FromReactorThread): void => port.postMessage(message);
  const logger = threadLogger(send);
  let store: EventStore | undefined;
  try {
    store = openStore(init);
    const mail = serverMailSender(settings);
    let asked = 0;
    const issued = new Map<number, { resolve(recorded: boolean): void; reject(error: Error): void }>();
    const issue = (due: Due, now: Date): Promise<boolean> =>
      new Promise<boolean>((resolve, reject) => {
        const id = ++asked;
        issued.set(id, { resolve, reject });
        send({ type: 'issue', id, due, now: now.toISOString() });
      });
    const reactor = createServerReactor(
      settings,
      store,
      issue,
      mail,
      (result) => send({ type: 'attempt', result }),
      logger,
    );
    const beats = beatReactor(reactor, settings, logger);
    const opened = store;
    port.on('message', (message: ToReactorThread) => {
      if (message.type === 'status') send({ type: 'status', id: message.id, status: reactor.status() });
      if (message.type === 'issued') {
        const pending = issued.get(message.id);
        issued.delete(message.id);
        if (message.error === undefined) pending?.resolve(message.recorded);
        else pending?.reject(new Error(message.error));
      }
      if (message.type !== 'stop') return;
      clearInterval(beats.scan);
      clearInterval(beats.delivery);
      void reactor
        .stop()
        .then(() => mail?.close())
        .finally(async () => {
          await opened.close();
          port.close();
        });
    });
    send({ type: 'started' });
  } catch (error) {
    send({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
    await store?.close();
    port.close();
  }
}

void main();
