import type { Worker } from 'node:worker_threads';
import type { Settings } from '@praktijklus/config';
import { startBackgroundThread } from '../../background/worker-entry';
import type { AsOfQueryAnswer, AsOfQueryInput, AsOfQueryName } from './as-of-queries';

export interface AsOfThreadInit {
  settings: Settings;
}

export type ToAsOfThread =
  { type: 'ask'; id: number; at: string; name: AsOfQueryName; input: unknown } | { type: 'stop' };
export type FromAsOfThread =
  { type: 'answer'; id: number; answer: unknown } | { type: 'declined'; id: number };

/**
 * The as-of thread (as-of.worker.ts) seen from the request loop: `ask` resolves with the answer
 * from time travel's history, or undefined when the history cannot give it (not built up to the
 * moment, or the thread ended) and the caller replays instead. Started with the application, and
 * again on the next question after it ended.
 */
export class AsOfThread {
  private worker: Worker | undefined;
  private next = 0;
  private readonly pending = new Map<number, (answer: { answer: unknown } | undefined) => void>();

  constructor(
    private readonly settings: Settings,
    private readonly youngMiB: number,
  ) {}

  ask<Name extends AsOfQueryName>(
    at: Date,
    name: Name,
    input: AsOfQueryInput<Name>,
  ): Promise<{ answer: AsOfQueryAnswer<Name> } | undefined> {
    const worker = this.started();
    const id = (this.next += 1);
    return new Promise((resolve) => {
      this.pending.set(id, resolve as (answer: { answer: unknown } | undefined) => void);
      worker.postMessage({ type: 'ask', id, at: at.toISOString(), name, input } satisfies ToAsOfThread);
    });
  }

  /** Starts the thread ahead of the first question, which would otherwise wait for its start. */
  start(): void {
    this.started();
  }

  async stop(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    this.worker = undefined;
    const exited = new Promise<void>((done) => worker.once('exit', () => done()));
    worker.postMessage({ type: 'stop' } satisfies ToAsOfThread);
    const timer = setTimeout(() => void worker.terminate(), 5_000);
    await exited;
    clearTimeout(timer);
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const init: AsOfThreadInit = { settings: this.settings };
    const worker = startBackgroundThread(__dirname, 'as-of.worker', init, this.youngMiB);
    worker.on('message', (message: FromAsOfThread) => {
      const resolve = this.pending.get(message.id);
      this.pending.delete(message.id);
      resolve?.(message.type === 'answer' ? { answer: message.answer } : undefined);
    });
    // Questions in flight when it ends are replayed; the next question starts it again.
    worker.on('error', () => undefined);
    worker.once('exit', () => {
      if (this.worker === worker) this.worker = undefined;
      for (const resolve of this.pending.values()) resolve(undefined);
      this.pending.clear();
    });
    this.worker = worker;
    return worker;
  }
}
