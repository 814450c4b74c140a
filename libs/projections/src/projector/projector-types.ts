import type { Database } from 'better-sqlite3';
import type { EventStore, Position, RecordedEvent } from '@praktijklus/event-store';
import type { Projection } from '../projection';
import type { StoredProjectionStatus } from './checkpoint-store';

export type ProjectionState = StoredProjectionStatus;

export interface ProjectionStatus {
  name: string;
  version: number;
  /** The last event this projection applied; null before its first. */
  position: Position | null;
  status: ProjectionState;
  /** Why it halted: the failing event (type, id, position) and the error message. */
  error: string | null;
  /**
   * Milliseconds this projection has been behind the newest event the projector knows of: 0 when
   * caught up, the time since the log head moved past it otherwise; null while halted.
   */
  lag: number | null;
  /** Events between its position and the log head, when the store's positions can be counted. */
  eventsBehind: number | null;
}

export interface ProjectorLogger {
  log(message: string): void;
  error(message: string): void;
  warn?(message: string): void;
}

export const defaultLogger: ProjectorLogger = {
  log: (message) => console.log(`[projector] ${message}`),
  error: (message) => console.error(`[projector] ${message}`),
};

/** How the projector's loop is told to stop, and woken from a wait. */
export interface LoopControl {
  stopping: boolean;
  reader: { close(): Promise<void> } | undefined;
  wake: (() => void) | undefined;
}

/** What the projector tells after each committed batch: its last event and its size. */
export type BatchAppliedListener = (
  db: Database,
  last: RecordedEvent,
  applied: number,
  /** Projections whose aggregates are not written yet (`deferAggregates`): a copy must compute them. */
  deferred: readonly Projection[],
) => void;

export interface ProjectorOptions {
  store: EventStore;
  db: Database;
  projections: Projection[];
  /** Most events applied in one read-model transaction. Default 1000. */
  batchSize?: number;
  /**
   * The same during `rebuild`, default 5000: fewer, larger transactions replay much faster (the
   * full-text index and the statistics write per transaction), at the cost of longer pauses.
   */
  rebuildBatchSize?: number;
  logger?: ProjectorLogger;
  /**
   * The ordinal of a position in the log, when positions count events (the SQLite store:
   * `parseSqlitePosition`). Gives `eventsBehind` and rebuild totals; without it they are unknown.
   */
  positionOrdinal?: (position: Position) => number;
  /** Wait before re-subscribing after the store or the read-model file failed. Default 1000 ms. */
  retryDelayMs?: number;
  /**
   * End the loop (and fail a rebuild) instead of retrying after the store or the read-model file
   * failed: for a file written without a rollback journal, where a failed batch may be half
   * written and only starting over is sound.
   */
  stopOnFailure?: boolean;
  /**
   * During `rebuild`, have projections that can (`Projection.deferAggregates`) write only each
   * event's rows and compute their aggregates in one pass once caught up. Only for a file thrown
   * away unless the rebuild completes (`rebuildReadModelsFile`): a projector restarted in between
   * would not know the aggregates are missing.
   */
  deferAggregates?: boolean;
  /**
   * Called once the read-model file turned out damaged (SQLITE_CORRUPT, SQLITE_NOTADB): the loop has
   * stopped and every projection reports halted with the reason, until `replaceDamagedFile`.
   */
  onDamage?: (reason: string) => void;
  /**
   * Wraps the applying of each batch (its read-model transaction), e.g. to trace the events in it;
   * must call `apply` once and answer what it answers.
   */
  traceBatch?: BatchTracer;
  /**
   * Called after each committed batch with its last event and its size (time travel's snapshots);
   * the loop waits for it. It must not throw: it runs after the commit, outside any projection.
   */
  onBatchApplied?: BatchAppliedListener;
  /**
   * Called after anything `status()`, `headPosition` or `waitFor` answer from may have changed (a
   * batch committed, the head moved, a halt, a rebuild or repair began): a projector in another
   * thread sends its `snapshot()` then. Called often: coalesce before doing real work.
   */
  onChange?: () => void;
  /**
   * Told before each event is applied to a projection, inside the batch's transaction (time
   * travel's history stamps the rows the event writes with its position). It must not throw.
   */
  beforeEvent?: (event: RecordedEvent) => void;
}

export type BatchTracer = <T>(batch: readonly RecordedEvent[], apply: () => T) => T;

export type RebuildProgress = (done: number, total?: number) => void;

export interface Slot {
  projection: Projection;
  position: Position | null;
  halted: boolean;
  error: string | null;
  /** When the log head moved past this projection (ms since epoch); undefined while caught up. */
  behindSince: number | undefined;
  /** Whether its query indexes were made since it was last reset or the projector started. */
  indexed: boolean;
  /** Whether it leaves its aggregates to `Projection.aggregate` once caught up (a rebuild's replay). */
  deferred: boolean;
}

export interface Outcome {
  slot: Slot;
  position: Position | null;
  applied: number;
  failure?: string;
}

// Failures of the file or the machine, not of a projection's logic: the batch is retried, nobody halts.
const INFRASTRUCTURE_CODES =
  /^SQLITE_(FULL|IOERR|BUSY|LOCKED|NOMEM|READONLY|CORRUPT|CANTOPEN|NOTADB|INTERRUPT|PROTOCOL)/;

const errorCode = (error: unknown): string | undefined =>
  typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string'
    ? error.code
    : undefined;

export const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** A failure of the read-model file or the machine (or a closed file), which no projection causes. */
export const isInfrastructureFailure = (db: Database, error: unknown): boolean => {
  if (!db.open) return true;
  const code = errorCode(error);
  return code !== undefined && INFRASTRUCTURE_CODES.test(code);
};
