import type { Database } from 'better-sqlite3';
import type { RecordedEvent } from '@praktijklus/event-store';
import type { Projection } from '../../projection';

export interface CountingProjectionOptions {
  name?: string;
  version?: number;
  /** Throws (halting the projection) when this answers true for an event about to be applied. */
  failOn?: (event: RecordedEvent) => boolean;
  /** The error thrown by `failOn`; default a plain Error. */
  failure?: () => unknown;
  /** Keeps the batch's events in memory and writes them in `flush`, as the statistics do. */
  buffered?: boolean;
  /** Gives it a query index, built by `index`; called with the rows applied by then. */
  onIndex?: (rows: number) => void;
}

/**
 * Records the id of every event it applies under a PRIMARY KEY, so applying one twice fails with a
 * constraint violation (and halts it): the exactly-once invariant made observable.
 */
export function createCountingProjection(options: CountingProjectionOptions = {}): Projection {
  const name = options.name ?? 'counting';
  const table = `${name.replace(/-/g, '_')}_applied`;
  const pending: RecordedEvent[] = [];
  const write = (db: Database, event: RecordedEvent): void => {
    db.prepare(`INSERT INTO ${table} (event_id, position) VALUES (?, ?)`).run(event.id, event.position);
  };
  return {
    name,
    version: options.version ?? 1,
    migrate(db) {
      db.exec(`CREATE TABLE IF NOT EXISTS ${table} (event_id TEXT PRIMARY KEY, position TEXT NOT NULL)`);
    },
    drop(db) {
      db.exec(`DROP TABLE IF EXISTS ${table}`);
    },
    ...(options.onIndex
      ? {
          index(db: Database) {
            db.exec(`CREATE INDEX IF NOT EXISTS ${table}_by_position ON ${table} (position)`);
            options.onIndex?.(db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number);
          },
        }
      : {}),
    apply(db, event) {
      if (options.failOn?.(event)) throw options.failure?.() ?? new Error(`refusing ${event.id}`);
      if (options.buffered) pending.push(event);
      else write(db, event);
    },
    ...(options.buffered
      ? {
          flush(db: Database) {
            for (const event of pending.splice(0)) write(db, event);
          },
          discard() {
            pending.splice(0);
          },
        }
      : {}),
  };
}

export function appliedEventIds(db: Database, name = 'counting'): string[] {
  const table = `${name.replace(/-/g, '_')}_applied`;
  return db
    .prepare<[], { event_id: string }>(`SELECT event_id FROM ${table} ORDER BY CAST(position AS INTEGER)`)
    .all()
    .map((row) => row.event_id);
}
