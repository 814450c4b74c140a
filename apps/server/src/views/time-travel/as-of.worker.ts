import { parentPort, workerData } from 'node:worker_threads';
import { loadReferenceData } from '@praktijklus/config';
import { historyReadModelsOf } from './history-of';
import { runAsOfQuery, type AsOfQueryInput } from './as-of-queries';
import type { AsOfThreadInit, FromAsOfThread, ToAsOfThread } from './as-of-thread';

/*
 * The as-of thread: answers the views' named questions as of a moment from time travel's history,
 * on connections of its own, so a question that reads a million versions does not hold up the
 * request loop. What the history cannot answer is declined; the request loop then replays.
 */
function main(): void {
  const port = parentPort;
  if (port === null) throw new Error('the as-of thread runs as a worker thread');
  const { settings } = workerData as AsOfThreadInit;
  const reference = loadReferenceData(settings);
  const history = historyReadModelsOf(settings, reference);
  history?.open();
  const send = (message: FromAsOfThread): void => port.postMessage(message);
  port.on('message', (message: ToAsOfThread) => {
    if (message.type === 'stop') {
      history?.close();
      port.close();
      return;
    }
    const { id, at, name, input } = message;
    try {
      const read = history?.read(
        new Date(at),
        runAsOfQuery(name, input as AsOfQueryInput<typeof name>, reference),
      );
      send(read === undefined ? { type: 'declined', id } : { type: 'answer', id, answer: read.answer });
    } catch {
      // The request loop asks again itself, which gives the error its own class and code.
      send({ type: 'declined', id });
    }
  });
}

main();
