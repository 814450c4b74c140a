import type { Database } from 'better-sqlite3';
import type { RecordedEvent } from '@praktijklus/event-store';
import type { GovernmentLayer } from '@praktijklus/domain';

/**
 * A read model fed by the projector. `apply` runs inside the projector's transaction for the
 * batch, together with the checkpoint, so it must be synchronous, deterministic and free of I/O
 * other than `db`. Time-dependent facts (overdue, age) are computed by the queries, not here.
 */
export interface Projection {
  /** kebab-case, unique; also the prefix of this projection's tables. */
  readonly name: string;
  /** Bump to rebuild this projection (only this one) from the start of the log. */
  readonly version: number;
  /** Create this projection's tables and the indexes `apply` needs when missing; idempotent. */
  migrate(db: Database): void;
  /**
   * Optional: create the indexes only queries read, when missing; idempotent. The projector calls
   * it once this projection has caught up with the log, so a rebuild loads rows without them and
   * builds each index in one sorted pass at the end. Whoever calls `apply` directly calls it too.
   */
  index?(db: Database): void;
  /**
   * Optional, with `aggregate`: from now on, on `db`, leave unwritten the tables that `aggregate`
   * computes from this projection's own rows (counts, tallies), so a replay writes each event's
   * rows only. Called right after `drop` + `migrate`, and only for a replay into a file that is
   * thrown away unless the replay completes (`rebuildReadModelsFile`): until `aggregate` has run
   * those tables are empty, and a restart in between would not know it.
   */
  deferAggregates?(db: Database): void;
  /**
   * Optional: fill the deferred tables from this projection's rows in one pass each, with exactly
   * the rows the per-event path would have left, and maintain them per event again from now on.
   * The projector calls it once this projection has caught up, in a transaction, before `index`.
   */
  aggregate?(db: Database): void;
  /** Drop every table and index this projection owns. */
  drop(db: Database): void;
  /** Apply one event; events it does not handle are ignored. */
  apply(db: Database, event: RecordedEvent): void;
  /**
   * Optional: write what `apply` accumulated in memory over the batch (e.g. counts to add). The
   * projector calls it after this projection's events of a batch, in the same transaction, before
   * the checkpoint; whoever calls `apply` directly calls it too.
   */
  flush?(db: Database): void;
  /** Optional: forget what was accumulated since the last `flush` (its batch was rolled back). */
  discard?(): void;
}

/** Facts from reference data a projection may denormalise (a changed registry means a rebuild). */
export interface ProjectionContext {
  layerOf(authority: string): GovernmentLayer | undefined;
}
