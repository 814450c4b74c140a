import type { Database } from 'better-sqlite3';
import type { Position, RecordedEvent } from '@praktijklus/event-store';
import type { Projection } from '../projection';
import type { BatchAppliedListener } from '../projector/projector-types';
import { type Snapshot, type SnapshotStore, snapshotStoreOf, versionsOf } from './snapshot-store';

export interface SnapshotKeeperOptions {
  store: SnapshotStore;
  /** A snapshot once this many events were applied since the newest one. */
  intervalEvents: number;
  /** Snapshots kept; past it the one closest in time to both its neighbours goes (never the newest). */
  keep: number;
  comparePositions: (a: Position, b: Position) => number;
  log?: (message: string) => void;
}

interface CheckpointRow {
  name: string;
  version: number;
  position: string | null;
  status: string;
}

/**
 * Takes the snapshots time travel starts from: after a batch, once `intervalEvents` events were
 * applied since the newest snapshot and every projection stands at the batch's last event (none
 * halted), the read models are copied with `VACUUM INTO`. This runs between two batches of the
 * projector, which waits for it (seconds on a large file, like a batch of a rebuild). Snapshots of
 * other projection versions are deleted, and past `keep` the history is thinned evenly.
 */
export class SnapshotKeeper {
  private newest: Position | null | undefined;
  private since = 0;

  constructor(private readonly options: SnapshotKeeperOptions) {}

  /** The projector's `onBatchApplied`. */
  afterBatch(
    db: Database,
    projections: readonly Projection[],
    last: RecordedEvent,
    applied: number,
    /** The projector's projections whose aggregates the file does not hold yet. */
    deferred: readonly Projection[] = [],
  ): void {
    try {
      this.consider(db, projections, last, applied, deferred);
    } catch (error) {
      // A snapshot that failed (a full disk) costs time travel speed, never the projector its loop.
      this.options.log?.(
        `taking a snapshot failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  private consider(
    db: Database,
    projections: readonly Projection[],
    last: RecordedEvent,
    applied: number,
    deferred: readonly Projection[],
  ): void {
    if (this.newest === undefined) this.newest = this.prune(projections);
    this.since += applied;
    if (this.since < this.options.intervalEvents) return;
    if (this.newest !== null && this.options.comparePositions(last.position, this.newest) <= 0) return;
    if (!this.standsAt(db, projections, last.position)) return;
    const snapshot = this.options.store.take(db, projections, last.position, last.recordedAt, deferred);
    this.options.log?.(`snapshot of the read models at ${last.position} (${last.recordedAt})`);
    this.newest = snapshot.position;
    this.since = 0;
    this.thin(this.compatible(projections));
  }

  /** Deletes snapshots of other projection versions and unfinished ones; answers the newest position left. */
  private prune(projections: readonly Projection[]): Position | null {
    const versions = versionsOf(projections);
    this.options.store.removePartials();
    for (const snapshot of this.options.store.list()) {
      if (snapshot.versions !== versions) this.options.store.remove(snapshot.file);
    }
    const kept = this.compatible(projections);
    return kept.length === 0 ? null : kept[kept.length - 1].position;
  }

  private compatible(projections: readonly Projection[]): Snapshot[] {
    const versions = versionsOf(projections);
    return this.options.store.list().filter((snapshot) => snapshot.versions === versions);
  }

  private standsAt(db: Database, projections: readonly Projection[], position: Position): boolean {
    const rows = db
      .prepare<[], CheckpointRow>('SELECT name, version, position, status FROM projector_checkpoints')
      .all();
    return projections.every((projection) =>
      rows.some(
        (row) =>
          row.name === projection.name &&
          row.version === projection.version &&
          row.status !== 'halted' &&
          row.position === position,
      ),
    );
  }

  private thin(snapshots: Snapshot[]): void {
    const kept = [...snapshots];
    while (kept.length > Math.max(1, this.options.keep)) {
      // The oldest and the newest stay; of the others the one whose neighbours are closest goes.
      let victim = kept.length - 2;
      if (kept.length > 2) {
        let narrowest = Number.POSITIVE_INFINITY;
        for (let index = 1; index < kept.length - 1; index += 1) {
          const gap = kept[index + 1].recordedAtMs - kept[index - 1].recordedAtMs;
          if (gap < narrowest) {
            narrowest = gap;
            victim = index;
          }
        }
      } else {
        victim = 0;
      }
      this.options.store.remove(kept[victim].file);
      kept.splice(victim, 1);
    }
  }
}

export interface SnapshotsOfOptions {
  /** READMODELS_DIR: the snapshots go to its `snapshots` directory. */
  readModelsDir: string;
  /** SNAPSHOT_INTERVAL_EVENTS; 0: no snapshots. */
  intervalEvents: number;
  keep: number;
  comparePositions: (a: Position, b: Position) => number;
  projections: readonly Projection[];
  log?: (message: string) => void;
}

/**
 * The projector's `onBatchApplied` that keeps time travel's snapshots (none with `intervalEvents`
 * 0), wherever the projector runs: on the request loop or in a thread of its own.
 */
export function keepSnapshots(options: SnapshotsOfOptions): { onBatchApplied?: BatchAppliedListener } {
  if (options.intervalEvents <= 0) return {};
  const { projections } = options;
  const keeper = new SnapshotKeeper({
    store: snapshotStoreOf(options.readModelsDir),
    intervalEvents: options.intervalEvents,
    keep: options.keep,
    comparePositions: options.comparePositions,
    ...(options.log ? { log: options.log } : {}),
  });
  return {
    onBatchApplied: (db, last, applied, deferred) =>
      keeper.afterBatch(db, projections, last, applied, deferred),
  };
}
