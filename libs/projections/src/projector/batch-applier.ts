import type { Database, Statement } from 'better-sqlite3';
import type { EventStore, Position, RecordedEvent } from '@praktijklus/event-store';
import type { CheckpointStore } from './checkpoint-store';
import { isInfrastructureFailure, messageOf, type Outcome, type Slot } from './projector-types';

interface Work {
  slot: Slot;
  /** Index of the slot's first event in the batch. */
  start: number;
}

interface TransactionStatements {
  begin: Statement<[]>;
  commit: Statement<[]>;
  rollback: Statement<[]>;
  savepoint: Statement<[]>;
  release: Statement<[]>;
  rollbackTo: Statement<[]>;
}

/**
 * Applies one batch of the log to every projection that has not halted, in one read-model
 * transaction together with each advanced projection's checkpoint. A projection that throws is
 * found by applying the batch again with each projection in a savepoint: it is rolled back to its
 * last good event and halts, while the others go on.
 */
export class BatchApplier {
  private readonly sql: TransactionStatements;

  constructor(
    private readonly db: Database,
    private readonly store: EventStore,
    private readonly checkpoints: CheckpointStore,
    /** Whether a projection at this position has reached the log head the projector knows of. */
    private readonly isCaughtUp: (position: Position | null) => boolean,
    /** Told before each event is applied to a projection (`ProjectorOptions.beforeEvent`). */
    private readonly beforeEvent: (event: RecordedEvent) => void = () => undefined,
  ) {
    this.sql = {
      begin: db.prepare('BEGIN'),
      commit: db.prepare('COMMIT'),
      rollback: db.prepare('ROLLBACK'),
      savepoint: db.prepare('SAVEPOINT projection'),
      release: db.prepare('RELEASE projection'),
      rollbackTo: db.prepare('ROLLBACK TO projection'),
    };
  }

  /**
   * The whole batch in one transaction, every projection applied straight into it. Savepoints are
   * kept for the rare batch in which a projection fails: in WAL mode every page a savepoint touches
   * is copied to its sub-journal, which made replays several times slower (docs/benchmarks.md).
   * Answers what each projection reached, for the caller to publish after the commit.
   */
  apply(slots: readonly Slot[], batch: RecordedEvent[]): Outcome[] {
    if (!this.db.open) throw new Error('the read-model database is closed');
    const work: Work[] = [];
    for (const slot of slots) {
      if (slot.halted) continue;
      const start = this.firstAfter(batch, slot.position);
      if (start < batch.length) work.push({ slot, start });
    }
    if (work.length === 0) return [];
    const updatedAt = new Date().toISOString();
    try {
      return this.inTransaction(work, () =>
        work.map(({ slot, start }) => this.applyWhole(slot, batch, start, updatedAt)),
      );
    } catch (error) {
      if (isInfrastructureFailure(this.db, error)) throw error;
      // A projection failed: apply the batch again, each projection on its own, to halt only that one.
      return this.inTransaction(work, () =>
        work.map(({ slot, start }) => this.applyIsolated(slot, batch, start, updatedAt)),
      );
    }
  }

  /** Runs `apply` in one read-model transaction; on a failure rolls it back and forgets what was buffered. */
  private inTransaction(work: Work[], apply: () => Outcome[]): Outcome[] {
    this.sql.begin.run();
    try {
      const outcomes = apply();
      this.sql.commit.run();
      return outcomes;
    } catch (error) {
      if (this.db.open && this.db.inTransaction) this.sql.rollback.run();
      for (const { slot } of work) slot.projection.discard?.();
      throw error;
    }
  }

  /** Index of the first event after `position` in a batch ordered by position. */
  private firstAfter(batch: RecordedEvent[], position: Position | null): number {
    if (position === null) return 0;
    let low = 0;
    let high = batch.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.store.comparePositions(batch[middle].position, position) <= 0) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /** Applies a projection's part of the batch and moves its checkpoint; any failure is thrown. */
  private applyWhole(slot: Slot, batch: RecordedEvent[], start: number, updatedAt: string): Outcome {
    const { projection } = slot;
    for (let index = start; index < batch.length; index += 1) this.applyOne(projection, batch[index]);
    projection.flush?.(this.db);
    return this.advance(slot, batch, start, updatedAt);
  }

  /** The same inside a savepoint: a projection that throws is rolled back alone and halts. */
  private applyIsolated(slot: Slot, batch: RecordedEvent[], start: number, updatedAt: string): Outcome {
    const { projection } = slot;
    this.sql.savepoint.run();
    let index = start;
    try {
      for (; index < batch.length; index += 1) this.applyOne(projection, batch[index]);
      projection.flush?.(this.db);
    } catch (error) {
      if (isInfrastructureFailure(this.db, error)) throw error;
      return this.halt(slot, batch, start, index, error, updatedAt);
    }
    this.sql.release.run();
    return this.advance(slot, batch, start, updatedAt);
  }

  private applyOne(projection: Slot['projection'], event: RecordedEvent): void {
    this.beforeEvent(event);
    projection.apply(this.db, event);
  }

  private advance(slot: Slot, batch: RecordedEvent[], start: number, updatedAt: string): Outcome {
    const position = batch[batch.length - 1].position;
    this.checkpoints.update({
      name: slot.projection.name,
      position,
      status: this.isCaughtUp(position) ? 'running' : 'catching-up',
      error: null,
      updatedAt,
    });
    return { slot, position, applied: batch.length - start };
  }

  /**
   * Rolls this projection's part of the batch back, re-applies the events before the failing one
   * so its checkpoint lands on the last good event, and records the halt.
   */
  private halt(
    slot: Slot,
    batch: RecordedEvent[],
    start: number,
    failed: number,
    error: unknown,
    updatedAt: string,
  ): Outcome {
    const { projection } = slot;
    this.sql.rollbackTo.run();
    projection.discard?.();
    let position = slot.position;
    let applied = 0;
    try {
      for (let index = start; index < failed; index += 1) this.applyOne(projection, batch[index]);
      projection.flush?.(this.db);
      if (failed > start) {
        position = batch[failed - 1].position;
        applied = failed - start;
      }
    } catch (again) {
      if (isInfrastructureFailure(this.db, again)) throw again;
      this.sql.rollbackTo.run();
      projection.discard?.();
    }
    this.sql.release.run();
    // `failed` is past the last event when the end-of-batch flush threw.
    const event = batch[Math.min(failed, batch.length - 1)];
    const where = failed < batch.length ? '' : 'flush after ';
    const failure = `${where}${event.type} ${event.id} at position ${event.position}: ${messageOf(error)}`;
    this.checkpoints.update({ name: projection.name, position, status: 'halted', error: failure, updatedAt });
    return { slot, position, applied, failure };
  }
}
