import type { SqliteEventStore } from './sqlite-event-store';

export interface WalCheckpointerOptions {
  /** How often it checkpoints. Default 500 ms. */
  intervalMs?: number;
  /** Told of a checkpoint that failed; the next one is tried at the next interval. */
  onError?: (error: unknown) => void;
}

const DEFAULT_INTERVAL_MS = 500;

/**
 * Keeps the WAL of a log whose writer does not checkpoint it (`autoCheckpoint: false`) bounded,
 * from another connection and off the writer's thread: a PASSIVE checkpoint at every interval,
 * which runs beside appends without holding them up, and a TRUNCATE once the WAL is wholly in the
 * main file and did not grow since the last look (appends are quiet), which empties the WAL file.
 * Between them the writer starts the WAL over from its beginning whenever a checkpoint caught up.
 */
export class WalCheckpointer {
  private timer: NodeJS.Timeout | undefined;
  private lastWalPages = -1;

  constructor(
    private readonly store: SqliteEventStore,
    private readonly options: WalCheckpointerOptions = {},
  ) {}

  start(): void {
    if (this.timer !== undefined) return;
    this.timer = setInterval(() => this.tick(), this.options.intervalMs ?? DEFAULT_INTERVAL_MS);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** One round: PASSIVE, then TRUNCATE when the WAL is checkpointed and unchanged since the last round. */
  tick(): void {
    try {
      const passive = this.store.checkpointWal('PASSIVE');
      const quiet =
        !passive.busy &&
        passive.walPages > 0 &&
        passive.checkpointedPages === passive.walPages &&
        passive.walPages === this.lastWalPages;
      this.lastWalPages = quiet ? this.store.checkpointWal('TRUNCATE').walPages : passive.walPages;
    } catch (error) {
      this.options.onError?.(error);
    }
  }
}
