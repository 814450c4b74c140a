import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import type { EventStore, Position } from '@praktijklus/event-store';
import {
  PositionWaiters,
  snapshotReached,
  statusOfSnapshot,
  type Projector,
  type ProjectorLogger,
  type ProjectorSnapshot,
} from '@praktijklus/projections';
import { EVENTS_FILE, READ_MODELS_FILE, type Settings } from '@praktijklus/config';
import { relayLog, startBackgroundThread } from '../background/worker-entry';
import type {
  FromProjectorThread,
  ProjectorThreadInit,
  ToProjectorThread,
} from './projector-thread.messages';

/** What the server asks of its projector, on the request loop or in a thread of its own. */
export type ProjectorHandle = Pick<
  Projector,
  'start' | 'stop' | 'status' | 'waitFor' | 'replaceDamagedFile' | 'headPosition'
>;

/**
 * The projector runs in a thread of its own with ROLES including `projector`, BACKGROUND_THREAD=worker
 * and the embedded store (SQLite), unless tracing is on: the `project <EventType>` spans are children
 * of the command's trace only through the request loop's OpenTelemetry SDK, so with
 * OTEL_EXPORTER_OTLP_ENDPOINT set the projector stays on the request loop. With PostgreSQL (or
 * EventStoreDB) it stays there too: the thread would need a store connection of its own.
 */
export const projectorInThread = (settings: Settings): boolean =>
  settings.roles.includes('projector') &&
  settings.backgroundThread === 'worker' &&
  settings.eventStore === 'sqlite' &&
  settings.tracing.endpoint === undefined;

export interface ProjectorThreadOptions {
  settings: Settings;
  /** The request loop's store: checks the positions `waitFor` is given and compares them. */
  store: EventStore;
  positionOrdinal: ((position: Position) => number) | undefined;
  logger: ProjectorLogger;
  onDamage: (reason: string) => void;
  /** Before a thread that ended unasked is started again. Default 1000 ms. */
  restartDelayMs?: number;
}

/** The thread's own connection looks this often for events the request loop appended. */
const POLL_INTERVAL_MS = 5;
const STOP_TIMEOUT_MS = 60_000;
const EMPTY: ProjectorSnapshot = { slots: [], head: null, damage: null };

const failure = (message: string, code: string | undefined): Error =>
  Object.assign(new Error(message), code === undefined ? {} : { code });

/**
 * The projector in a worker thread (BACKGROUND_THREAD=worker), seen from the request loop: the
 * thread sends a snapshot of every projection after each change, and `status()`, `headPosition`
 * and `waitFor` answer from the newest one exactly as the projector itself would. A thread that
 * ends without being asked is started again after `restartDelayMs`.
 */
export class ProjectorThread implements ProjectorHandle {
  private snapshot: ProjectorSnapshot = EMPTY;
  private worker: Worker | undefined;
  private exited: Promise<void> = Promise.resolve();
  private starting: Promise<void> | undefined;
  private wanted = false;
  private readonly waiters = new PositionWaiters();
  private replacing: { replace: () => Promise<void>; done: (error?: string) => void } | undefined;
  private readonly compare = (a: Position, b: Position): number => this.options.store.comparePositions(a, b);

  constructor(private readonly options: ProjectorThreadOptions) {}

  /**
   * Starts the thread without waiting for it: loading its modules overlaps the rest of the
   * application's start-up. Call it once the read-model file was checked, holding the lock.
   */
  launch(): void {
    if (this.wanted) return;
    this.wanted = true;
    this.starting = this.spawn();
    this.starting.catch(() => undefined);
  }

  /** Resolves once the thread's projector runs (see `launch`); rejects when it could not start. */
  async start(): Promise<void> {
    this.launch();
    return this.starting;
  }

  /** Ends the thread after the batch in progress; pending `waitFor` calls answer false. */
  async stop(): Promise<void> {
    this.wanted = false;
    await this.halt();
    this.waiters.settleAll();
  }

  status(): ReturnType<Projector['status']> {
    return statusOfSnapshot(this.snapshot, Date.now(), this.compare, this.options.positionOrdinal);
  }

  get headPosition(): Position | null {
    return this.snapshot.head;
  }

  waitFor(position: Position, timeoutMs: number): Promise<boolean> {
    this.compare(position, position);
    if (this.reached(position)) return Promise.resolve(true);
    if (timeoutMs <= 0) return Promise.resolve(false);
    return this.waiters.wait(position, timeoutMs);
  }

  /**
   * Has the thread stop its loop, lets `replace` empty the file meanwhile, and has the thread
   * re-create its read models and replay the whole log, as the projector does on the request loop.
   */
  async replaceDamagedFile(replace: () => Promise<void>): Promise<void> {
    await this.starting?.catch(() => undefined);
    const worker = this.worker;
    if (!worker) return replace();
    const done = new Promise<void>((resolveDone, rejectDone) => {
      this.replacing = {
        replace: () =>
          replace().then(
            () => this.post({ type: 'replaced' }),
            (error: unknown) => {
              this.post({ type: 'replaced', error: error instanceof Error ? error.message : String(error) });
              rejectDone(error);
            },
          ),
        done: (error) => (error === undefined ? resolveDone() : rejectDone(new Error(error))),
      };
    });
    this.post({ type: 'replace' });
    try {
      await Promise.race([
        done,
        this.exited.then(() => Promise.reject(new Error('the projector thread ended'))),
      ]);
    } finally {
      this.replacing = undefined;
    }
  }

  private post(message: ToProjectorThread): void {
    this.worker?.postMessage(message);
  }

  private reached(position: Position): boolean {
    return this.snapshot.slots.length > 0 && snapshotReached(this.snapshot, position, this.compare);
  }

  private receive(snapshot: ProjectorSnapshot): void {
    this.snapshot = snapshot;
    this.waiters.settleReached((position) => this.reached(position));
  }

  private async halt(): Promise<void> {
    await this.starting?.catch(() => undefined);
    const worker = this.worker;
    if (!worker) return;
    this.post({ type: 'stop' });
    const timer = setTimeout(() => void worker.terminate(), STOP_TIMEOUT_MS);
    await this.exited;
    clearTimeout(timer);
  }

  private spawn(): Promise<void> {
    const { settings } = this.options;
    const init: ProjectorThreadInit = {
      settings,
      eventsFile: join(settings.dataDir, EVENTS_FILE),
      readModelsFile: join(settings.readModelsDir, READ_MODELS_FILE),
      pollIntervalMs: POLL_INTERVAL_MS,
    };
    const worker = startBackgroundThread(
      __dirname,
      'projector.worker',
      init,
      settings.backgroundThreadYoungMiB,
    );
    this.worker = worker;
    const { logger } = this.options;
    return new Promise<void>((resolveStart, rejectStart) => {
      let started = false;
      worker.on('message', (message: FromProjectorThread) => {
        switch (message.type) {
          case 'started':
            started = true;
            this.receive(message.snapshot);
            resolveStart();
            break;
          case 'snapshot':
            this.receive(message.snapshot);
            break;
          case 'failed':
            rejectStart(failure(message.message, message.code));
            break;
          case 'damaged':
            this.options.onDamage(message.reason);
            break;
          case 'replace-file':
            void this.replacing?.replace();
            break;
          case 'replace-done':
            this.replacing?.done(message.error);
            break;
          case 'log':
            relayLog(logger, message);
            break;
        }
      });
      worker.on('error', (error) => {
        logger.error(`the projector thread failed: ${error.message}`);
        rejectStart(error);
      });
      this.exited = new Promise<void>((done) =>
        worker.once('exit', (code) => {
          if (this.worker === worker) this.worker = undefined;
          rejectStart(new Error(`the projector thread ended (code ${code}) before it started`));
          if (started && this.wanted) this.restartLater();
          done();
        }),
      );
    });
  }

  private restartLater(): void {
    this.options.logger.error('the projector thread ended unasked; starting it again');
    setTimeout(() => {
      if (!this.wanted || this.worker) return;
      this.starting = this.spawn();
      this.starting.catch((error: unknown) =>
        this.options.logger.error(
          `the projector thread did not start again: ${error instanceof Error ? error.message : String(error)}`,
        ),
      );
    }, this.options.restartDelayMs ?? 1000).unref();
  }
}
