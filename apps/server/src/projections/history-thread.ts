import type { Worker } from 'node:worker_threads';
import type { ProjectorLogger } from '@praktijklus/projections';
import { historyKept, type Settings } from '@praktijklus/config';
import { relayLog, startBackgroundThread, type ThreadLogLine } from '../background/worker-entry';

export interface HistoryThreadInit {
  /** The store it follows (the embedded file, or PostgreSQL), READMODELS_DIR and reference data. */
  settings: Settings;
  pollIntervalMs: number;
  /**
   * Events a batch. Each commit writes every page the batch touched, so larger batches catch up
   * faster; but a stop waits for the batch in progress (about a second for 1,000 at 1.1 M events).
   */
  batchSize: number;
}

export type ToHistoryThread = { type: 'stop' };
export type FromHistoryThread = ThreadLogLine | { type: 'failed'; message: string };

/** Appends reach the history within this; it serves moments at least that old. */
const POLL_INTERVAL_MS = 250;
const STOP_TIMEOUT_MS = 30_000;
const RESTART_DELAY_MS = 5_000;

/**
 * Whether this process keeps time travel's history: it holds the projector lock (ROLES includes
 * `projector`), TIME_TRAVEL_HISTORY is on and the store's positions count events (the embedded
 * store or PostgreSQL; EventStoreDB's are byte offsets, which a version cannot be stamped by).
 */
export const keepsHistory = (settings: Settings): boolean =>
  settings.roles.includes('projector') && historyKept(settings);

/**
 * The thread that keeps time travel's history (`history.worker.ts`), seen from the request loop:
 * started with the projector, stopped before the store closes, started again after a while when
 * it ended unasked.
 */
export class HistoryThread {
  private worker: Worker | undefined;
  private exited: Promise<void> = Promise.resolve();
  private wanted = false;

  constructor(
    private readonly settings: Settings,
    private readonly logger: ProjectorLogger,
  ) {}

  start(): void {
    if (this.wanted) return;
    this.wanted = true;
    this.spawn();
  }

  async stop(): Promise<void> {
    this.wanted = false;
    const worker = this.worker;
    if (!worker) return;
    worker.postMessage({ type: 'stop' } satisfies ToHistoryThread);
    const timer = setTimeout(() => void worker.terminate(), STOP_TIMEOUT_MS);
    await this.exited;
    clearTimeout(timer);
  }

  private spawn(): void {
    const { settings, logger } = this;
    const init: HistoryThreadInit = {
      settings,
      pollIntervalMs: POLL_INTERVAL_MS,
      batchSize: 1_000,
    };
    const worker = startBackgroundThread(
      __dirname,
      'history.worker',
      init,
      settings.backgroundThreadYoungMiB,
    );
    this.worker = worker;
    worker.on('message', (message: FromHistoryThread) => {
      if (message.type === 'log') relayLog(logger, message);
      else logger.error(`time travel's history did not start: ${message.message}`);
    });
    worker.on('error', (error) => logger.error(`time travel's history thread failed: ${error.message}`));
    this.exited = new Promise<void>((done) =>
      worker.once('exit', () => {
        if (this.worker === worker) this.worker = undefined;
        if (this.wanted) this.restartLater();
        done();
      }),
    );
  }

  private restartLater(): void {
    this.logger.error(
      `time travel's history thread ended unasked; starting it again in ${RESTART_DELAY_MS} ms`,
    );
    setTimeout(() => {
      if (this.wanted && !this.worker) this.spawn();
    }, RESTART_DELAY_MS).unref();
  }
}
