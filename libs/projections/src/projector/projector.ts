import type { Database } from 'better-sqlite3';
import type { EventStore, Position, RecordedEvent } from '@praktijklus/event-store';
import type { Projection } from '../projection';
import { damageReason, isReadModelsDamage } from '../read-models';
import { BatchApplier } from './batch-applier';
import { BatchReader } from './batch-reader';
import { completeCaughtUp } from './caught-up';
import { CheckpointStore, type StoredProjectionStatus } from './checkpoint-store';
import { PositionWaiters } from './position-waiters';
import { statusOfSnapshot, type ProjectorSnapshot } from './projector-snapshot';
import { RebuildWatch } from './rebuild-watch';
import {
  defaultLogger,
  isInfrastructureFailure,
  type LoopControl,
  messageOf,
  type BatchTracer,
  type Outcome,
  type ProjectionStatus,
  type ProjectorLogger,
  type ProjectorOptions,
  type RebuildProgress,
  type Slot,
} from './projector-types';

export type {
  BatchTracer,
  ProjectionState,
  ProjectionStatus,
  ProjectorLogger,
  ProjectorOptions,
  RebuildProgress,
} from './projector-types';

const DEFAULT_BATCH_SIZE = 1000;
const DEFAULT_REBUILD_BATCH_SIZE = 5000;
const DEFAULT_RETRY_DELAY_MS = 1000;
const PROJECTION_NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/**
 * One loop over the log feeding every projection. Each batch is applied in one read-model
 * transaction together with the checkpoint of every projection it advanced, so a crash neither
 * repeats nor skips an event. Inside it each projection runs in its own savepoint: one that
 * throws is rolled back to its last good event and halts, with the failing event and the error
 * persisted, while the others continue. A halted projection stays halted across restarts until
 * its version is bumped or `rebuild` is asked for it.
 */
export class Projector {
  private readonly store: EventStore;
  private readonly db: Database;
  private readonly projections: Projection[];
  private readonly batchSize: number;
  private readonly rebuildBatchSize: number;
  private readonly logger: ProjectorLogger;
  private readonly positionOrdinal: ((position: Position) => number) | undefined;
  private readonly retryDelayMs: number;
  private readonly stopOnFailure: boolean;
  private readonly deferAggregates: boolean;
  private readonly onDamage: ((reason: string) => void) | undefined;
  private readonly traceBatch: BatchTracer;
  private readonly onBatchApplied: ProjectorOptions['onBatchApplied'];
  private readonly onChange: (() => void) | undefined;
  private readonly beforeEvent: ((event: RecordedEvent) => void) | undefined;
  /** Why the read-model file is unusable; null while it is sound. */
  private damage: string | null = null;

  private slots: Slot[] = [];
  private checkpoints: CheckpointStore | undefined;
  private applier: BatchApplier | undefined;
  private head: Position | undefined;
  private control: LoopControl | undefined;
  private loop: Promise<void> | undefined;
  private readonly waiters = new PositionWaiters();
  private rebuildWatch: RebuildWatch | undefined;

  constructor(options: ProjectorOptions) {
    this.store = options.store;
    this.db = options.db;
    this.projections = options.projections;
    this.batchSize = Math.max(1, Math.floor(options.batchSize ?? DEFAULT_BATCH_SIZE));
    this.rebuildBatchSize = Math.max(1, Math.floor(options.rebuildBatchSize ?? DEFAULT_REBUILD_BATCH_SIZE));
    this.logger = options.logger ?? defaultLogger;
    this.positionOrdinal = options.positionOrdinal;
    this.retryDelayMs = options.retryDelayMs ?? DEFAULT_RETRY_DELAY_MS;
    this.stopOnFailure = options.stopOnFailure ?? false;
    this.deferAggregates = options.deferAggregates ?? false;
    this.onDamage = options.onDamage;
    this.traceBatch = options.traceBatch ?? ((_batch, apply) => apply());
    this.onBatchApplied = options.onBatchApplied;
    this.onChange = options.onChange;
    this.beforeEvent = options.beforeEvent;
    const names = new Set<string>();
    for (const projection of this.projections) {
      if (!PROJECTION_NAME.test(projection.name)) {
        throw new RangeError(`projection name ${projection.name} is not kebab-case`);
      }
      if (names.has(projection.name)) throw new RangeError(`projection ${projection.name} registered twice`);
      names.add(projection.name);
    }
  }

  /**
   * Migrates, rebuilds every projection whose stored version differs from its code, and starts
   * the loop in the background from the lowest checkpoint; resolves once the loop is running.
   */
  async start(): Promise<void> {
    if (this.control) return;
    this.initialise();
    await this.refreshHead();
    this.startLoop();
    this.onChange?.();
  }

  /** Ends the loop after the batch in progress; pending `waitFor` calls answer false. */
  async stop(): Promise<void> {
    const watch = this.rebuildWatch;
    this.rebuildWatch = undefined;
    watch?.reject(new Error('the projector stopped before the rebuild finished'));
    await this.stopLoop();
    this.waiters.settleAll();
  }

  /**
   * True once every projection that is not halted has applied the event at `position` (or a later
   * one); false after `timeoutMs`. Throws when `position` is not a position of this store.
   */
  waitFor(position: Position, timeoutMs: number): Promise<boolean> {
    this.store.comparePositions(position, position);
    if (this.reached(position)) return Promise.resolve(true);
    if (timeoutMs <= 0) return Promise.resolve(false);
    return this.waiters.wait(position, timeoutMs);
  }

  status(): ProjectionStatus[] {
    return statusOfSnapshot(
      this.snapshot(),
      Date.now(),
      (a, b) => this.store.comparePositions(a, b),
      this.positionOrdinal,
    );
  }

  /** What `status()`, `headPosition` and `waitFor` answer from, as plain data (see `onChange`). */
  snapshot(): ProjectorSnapshot {
    this.initialise();
    return {
      slots: this.slots.map((slot) => ({
        name: slot.projection.name,
        version: slot.projection.version,
        position: slot.position,
        halted: slot.halted,
        error: slot.error,
        behindSince: slot.behindSince ?? null,
      })),
      head: this.head ?? null,
      damage: this.damage,
    };
  }

  /** The newest log position the projector has read or been told of by the store. */
  get headPosition(): Position | null {
    return this.head ?? null;
  }

  /**
   * Drops the named projections (default: all), migrates them and replays the log into them from
   * the start; resolves once they reached the log head as it was when the rebuild began. Clears a
   * halt. Works on a started projector (the others keep their rows and checkpoints) and on one
   * never started (the CLI), which it leaves stopped again.
   */
  async rebuild(names?: string[], onProgress?: RebuildProgress): Promise<void> {
    if (this.rebuildWatch) throw new Error('a rebuild is already running');
    this.initialise();
    const targets = this.slotsNamed(names);
    const wasRunning = this.control !== undefined;
    await this.stopLoop();
    const now = Date.now();
    this.transaction(() => {
      for (const slot of targets) this.reset(slot.projection);
    });
    for (const slot of targets) {
      const deferred = this.deferAggregates && slot.projection.aggregate !== undefined;
      if (deferred) slot.projection.deferAggregates?.(this.db);
      Object.assign(slot, {
        position: null,
        halted: false,
        error: null,
        behindSince: now,
        indexed: false,
        deferred,
      });
    }
    this.onChange?.();
    await this.refreshHead();
    const head = this.head;
    const total = head !== undefined && this.positionOrdinal ? this.positionOrdinal(head) : undefined;
    onProgress?.(0, head === undefined ? 0 : total);
    if (head === undefined) {
      if (wasRunning) this.startLoop();
      return;
    }
    const watch = new RebuildWatch(targets, head, total, onProgress, (x, y) =>
      this.store.comparePositions(x, y),
    );
    this.rebuildWatch = watch;
    this.startLoop();
    try {
      await watch.finished;
    } finally {
      this.rebuildWatch = undefined;
      if (!wasRunning) await this.stopLoop();
    }
  }

  /**
   * After the file was found damaged: stops, lets `replace` empty it under the same connection, and
   * replays the whole log into every projection from the start.
   */
  async replaceDamagedFile(replace: () => Promise<void>): Promise<void> {
    const wasRunning = this.control !== undefined;
    await this.stopLoop();
    await replace();
    for (const slot of this.slots) slot.projection.discard?.();
    this.slots = [];
    this.checkpoints = undefined;
    this.applier = undefined;
    this.damage = null;
    this.initialise();
    if (wasRunning) this.startLoop();
    this.onChange?.();
  }

  private initialise(): void {
    if (this.checkpoints) return;
    const checkpoints = new CheckpointStore(this.db);
    this.applier = new BatchApplier(
      this.db,
      this.store,
      checkpoints,
      (position) => this.isCaughtUp({ position }),
      this.beforeEvent,
    );
    this.checkpoints = checkpoints;
    const now = Date.now();
    this.slots = this.projections.map((projection) => {
      const stored = checkpoints.get(projection.name);
      const slot: Slot = {
        projection,
        position: null,
        halted: false,
        error: null,
        behindSince: now,
        indexed: false,
        deferred: false,
      };
      try {
        this.transaction(() => {
          if (stored === undefined) {
            projection.migrate(this.db);
            this.putCheckpoint(projection, null, 'catching-up', null);
          } else if (stored.version !== projection.version) {
            this.logger.log(
              `${projection.name}: version ${stored.version} → ${projection.version}, rebuilding it from the start`,
            );
            this.reset(projection);
          } else {
            projection.migrate(this.db);
            Object.assign(slot, {
              position: stored.position,
              halted: stored.status === 'halted',
              error: stored.error,
            });
          }
        });
      } catch (error) {
        if (isInfrastructureFailure(this.db, error)) throw error;
        const message = `migrate failed: ${messageOf(error)}`;
        this.putCheckpoint(projection, stored?.position ?? null, 'halted', message);
        Object.assign(slot, { position: stored?.position ?? null, halted: true, error: message });
      }
      if (slot.halted) {
        this.warn(
          `${projection.name} is halted at ${slot.position ?? 'the start'} (${slot.error ?? 'no error'}); ` +
            'bump its version or rebuild it to resume',
        );
      }
      return slot;
    });
  }

  private reset(projection: Projection): void {
    projection.drop(this.db);
    projection.migrate(this.db);
    this.putCheckpoint(projection, null, 'catching-up', null);
  }

  private putCheckpoint(
    projection: Projection,
    position: Position | null,
    status: StoredProjectionStatus,
    error: string | null,
  ): void {
    this.requireCheckpoints().put({
      name: projection.name,
      version: projection.version,
      position,
      status,
      error,
      updatedAt: new Date().toISOString(),
    });
  }

  private slotsNamed(names: string[] | undefined): Slot[] {
    if (names === undefined || names.length === 0) return [...this.slots];
    return names.map((name) => {
      const slot = this.slots.find((candidate) => candidate.projection.name === name);
      if (!slot) {
        const known = this.slots.map((candidate) => candidate.projection.name).join(', ');
        throw new RangeError(`unknown projection ${name} (known: ${known})`);
      }
      return slot;
    });
  }

  private startLoop(): void {
    const control: LoopControl = { stopping: false, reader: undefined, wake: undefined };
    this.control = control;
    this.loop = this.run(control);
  }

  private async stopLoop(): Promise<void> {
    const control = this.control;
    if (!control) return;
    control.stopping = true;
    control.wake?.();
    await control.reader?.close();
    await this.loop;
    this.control = undefined;
    this.loop = undefined;
  }

  private async run(control: LoopControl): Promise<void> {
    while (!control.stopping) {
      try {
        await this.consume(control);
      } catch (error) {
        if (control.stopping) return;
        if (isReadModelsDamage(error)) {
          // Retrying cannot mend a damaged file: halt visibly and let the owner replace it.
          this.damage = damageReason(error);
          this.logger.error(`the read-model file is damaged, projector halted: ${this.damage}`);
          this.rebuildWatch?.reject(error instanceof Error ? error : new Error(this.damage));
          this.onDamage?.(this.damage);
          this.onChange?.();
          return;
        }
        if (this.stopOnFailure) {
          this.logger.error(`projector loop failed, stopping: ${messageOf(error)}`);
          this.rebuildWatch?.reject(error instanceof Error ? error : new Error(messageOf(error)));
          return;
        }
        this.logger.error(`projector loop failed, retrying in ${this.retryDelayMs} ms: ${messageOf(error)}`);
        await this.sleep(control, this.retryDelayMs);
      }
    }
  }

  /** Reads from the lowest checkpoint until stopped, or until no projection is left to feed. */
  private async consume(control: LoopControl): Promise<void> {
    const active = this.slots.filter((slot) => !slot.halted);
    if (active.length === 0) {
      await new Promise<void>((resolve) => (control.wake = resolve));
      return;
    }
    await this.refreshHead();
    this.indexCaughtUp();
    const from = this.lowestPosition(active);
    const subscription = this.store.subscribeAll(from === undefined ? {} : { from });
    const batchSize = this.rebuildWatch ? this.rebuildBatchSize : this.batchSize;
    const reader = new BatchReader(subscription, batchSize, (event) => this.advanceHead(event.position));
    control.reader = reader;
    try {
      for (;;) {
        const batch = await reader.next();
        if (batch === undefined || control.stopping) return;
        const applier = this.requireApplier();
        this.publish(this.traceBatch(batch, () => applier.apply(this.slots, batch)));
        const deferred = this.slots.filter((slot) => slot.deferred).map((slot) => slot.projection);
        this.onBatchApplied?.(this.db, batch[batch.length - 1], batch.length, deferred);
        if (this.slots.every((slot) => slot.halted)) return;
        if (reader.buffered === 0) await this.refreshHead();
      }
    } finally {
      control.reader = undefined;
      await reader.close();
    }
  }

  private lowestPosition(slots: Slot[]): Position | undefined {
    let lowest: Position | undefined;
    for (const slot of slots) {
      if (slot.position === null) return undefined;
      if (lowest === undefined || this.store.comparePositions(slot.position, lowest) < 0)
        lowest = slot.position;
    }
    return lowest;
  }

  /** After the commit: the in-memory view follows what the file now holds. */
  private publish(outcomes: Outcome[]): void {
    for (const outcome of outcomes) {
      const { slot } = outcome;
      slot.position = outcome.position;
      if (outcome.failure !== undefined) {
        slot.halted = true;
        slot.error = outcome.failure;
        this.logger.error(`${slot.projection.name} halted: ${outcome.failure}`);
      } else if (this.isCaughtUp(slot)) {
        slot.behindSince = undefined;
      }
    }
    this.indexCaughtUp();
    this.rebuildWatch?.track(outcomes);
    this.waiters.settleReached((position) => this.reached(position));
    this.onChange?.();
  }

  private indexCaughtUp(): void {
    const { db, slots, logger } = this;
    completeCaughtUp(db, slots, (slot) => this.isCaughtUp(slot), this.requireCheckpoints(), logger);
  }

  private reached(position: Position): boolean {
    if (!this.checkpoints) return false;
    return this.slots.every(
      (slot) =>
        slot.halted || (slot.position !== null && this.store.comparePositions(slot.position, position) >= 0),
    );
  }

  private isCaughtUp(slot: Pick<Slot, 'position'>): boolean {
    if (this.head === undefined) return true;
    return slot.position !== null && this.store.comparePositions(slot.position, this.head) >= 0;
  }

  private async refreshHead(): Promise<void> {
    const head = await this.store.headPosition();
    if (head !== undefined) this.advanceHead(head);
  }

  /** A newer head puts every projection that was caught up behind, from now. */
  private advanceHead(position: Position): void {
    if (this.head !== undefined && this.store.comparePositions(position, this.head) <= 0) return;
    const now = Date.now();
    for (const slot of this.slots) {
      if (slot.behindSince === undefined && !slot.halted) slot.behindSince = now;
    }
    this.head = position;
    for (const slot of this.slots) {
      if (this.isCaughtUp(slot)) slot.behindSince = undefined;
    }
    this.onChange?.();
  }

  private sleep(control: LoopControl, ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      // A projector waiting to retry does not by itself keep the process alive.
      const timer = setTimeout(done, ms).unref();
      function done(): void {
        clearTimeout(timer);
        control.wake = undefined;
        resolve();
      }
      control.wake = done;
    });
  }

  private transaction(work: () => void): void {
    this.db.transaction(work)();
  }

  private warn(message: string): void {
    if (this.logger.warn) this.logger.warn(message);
    else this.logger.log(message);
  }

  private requireCheckpoints(): CheckpointStore {
    if (!this.checkpoints) throw new Error('projector not initialised');
    return this.checkpoints;
  }

  private requireApplier(): BatchApplier {
    if (!this.applier) throw new Error('projector not initialised');
    return this.applier;
  }
}
