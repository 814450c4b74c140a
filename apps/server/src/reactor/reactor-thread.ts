import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import type { Due, ReactorLogger, ReactorStatus, TimeCommandIssuer } from '@praktijklus/reactor';
import { EVENTS_FILE, type Settings } from '@praktijklus/config';
import { relayLog, startBackgroundThread } from '../background/worker-entry';
import type { FromReactorThread, ReactorThreadInit, ToReactorThread } from './reactor-thread.messages';
import type { DeliveryResult } from './server-reactor';

/** What the server asks of its reactor, on the request loop or in a thread of its own. */
export interface ReactorHandle {
  status(): ReactorStatus | Promise<ReactorStatus>;
}

const STOP_TIMEOUT_MS = 30_000;
const STATUS_TIMEOUT_MS = 2_000;

/**
 * The reactor in a worker thread (BACKGROUND_THREAD=worker), seen from the request loop: started
 * and stopped with the application, asked for its status, its delivery attempts counted here. A
 * thread that ends without being asked is started again after a second.
 */
export class ReactorThread implements ReactorHandle {
  private worker: Worker | undefined;
  private exited: Promise<void> = Promise.resolve();
  private wanted = false;
  private starting: Promise<void> = Promise.resolve();
  private asked = 0;
  private readonly answers = new Map<number, (status: ReactorStatus) => void>();

  constructor(
    private readonly settings: Settings,
    private readonly logger: ReactorLogger,
    private readonly onAttempt: (result: DeliveryResult) => void,
    private readonly issue: TimeCommandIssuer,
  ) {}

  /** Starts the thread without waiting for it: loading its modules overlaps the rest of the start-up. */
  launch(): void {
    if (this.wanted) return;
    this.wanted = true;
    this.starting = this.spawn();
    this.starting.catch(() => undefined);
  }

  /** Resolves once the thread's reactor runs (see `launch`); rejects when it could not start. */
  async start(): Promise<void> {
    this.launch();
    return this.starting;
  }

  async stop(): Promise<void> {
    this.wanted = false;
    await this.starting.catch(() => undefined);
    const worker = this.worker;
    if (!worker) return;
    this.post({ type: 'stop' });
    const timer = setTimeout(() => void worker.terminate(), STOP_TIMEOUT_MS);
    await this.exited;
    clearTimeout(timer);
  }

  /** The thread's own answer; a thread that does not answer in time shows as stopped, with why. */
  status(): Promise<ReactorStatus> {
    const unanswered = (error: string): ReactorStatus => ({
      role: 'stopped',
      outboxDepth: 0,
      position: null,
      pending: 0,
      nextDueAt: null,
      lastScanAt: null,
      error,
    });
    if (!this.worker) return Promise.resolve(unanswered('the reactor thread is not running'));
    const id = ++this.asked;
    return new Promise<ReactorStatus>((resolve) => {
      const timer = setTimeout(() => {
        this.answers.delete(id);
        resolve(unanswered(`the reactor thread did not answer within ${STATUS_TIMEOUT_MS} ms`));
      }, STATUS_TIMEOUT_MS);
      this.answers.set(id, (status) => {
        clearTimeout(timer);
        resolve(status);
      });
      this.post({ type: 'status', id });
    });
  }

  private async issueFor(id: number, due: Due, now: Date): Promise<void> {
    try {
      this.post({ type: 'issued', id, recorded: await this.issue(due, now) });
    } catch (error) {
      this.post({
        type: 'issued',
        id,
        recorded: false,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }

  private post(message: ToReactorThread): void {
    this.worker?.postMessage(message);
  }

  private spawn(): Promise<void> {
    const init: ReactorThreadInit = {
      settings: this.settings,
      eventsFile: join(this.settings.dataDir, EVENTS_FILE),
    };
    const worker = startBackgroundThread(
      __dirname,
      'reactor.worker',
      init,
      this.settings.backgroundThreadYoungMiB,
    );
    this.worker = worker;
    return new Promise<void>((resolveStart, rejectStart) => {
      let started = false;
      worker.on('message', (message: FromReactorThread) => {
        switch (message.type) {
          case 'started':
            started = true;
            resolveStart();
            break;
          case 'failed':
            rejectStart(new Error(message.message));
            break;
          case 'status':
            this.answers.get(message.id)?.(message.status);
            this.answers.delete(message.id);
            break;
          case 'attempt':
            this.onAttempt(message.result);
            break;
          case 'issue':
            void this.issueFor(message.id, message.due, new Date(message.now));
            break;
          case 'log':
            relayLog(this.logger, message);
            break;
        }
      });
      worker.on('error', (error) => {
        this.logger.error(`the reactor thread failed: ${error.message}`);
        rejectStart(error);
      });
      this.exited = new Promise<void>((done) =>
        worker.once('exit', (code) => {
          if (this.worker === worker) this.worker = undefined;
          rejectStart(new Error(`the reactor thread ended (code ${code}) before it started`));
          if (started && this.wanted) this.restartLater();
          done();
        }),
      );
    });
  }

  private restartLater(): void {
    this.logger.error('the reactor thread ended unasked; starting it again');
    setTimeout(() => {
      if (!this.wanted || this.worker) return;
      this.spawn().catch((error: unknown) => {
        this.logger.error(
          `the reactor thread did not start again: ${error instanceof Error ? error.message : String(error)}`,
        );
        this.restartLater();
      });
    }, 1000).unref();
  }
}
