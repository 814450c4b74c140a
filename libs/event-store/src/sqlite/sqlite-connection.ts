import type { Database as Connection } from 'better-sqlite3';

/** How `SqliteEventStore.open` sets up the log's connection (see `SqliteEventStoreOptions`). */
export interface ConnectionSettings {
  busyTimeoutMs: number;
  synchronous: string;
  autoCheckpoint?: boolean;
  cacheMiB?: number;
  maxPageCount?: number;
}

export function configureConnection(db: Connection, settings: ConnectionSettings): void {
  db.pragma(`busy_timeout = ${Math.max(0, Math.floor(settings.busyTimeoutMs))}`);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${settings.synchronous}`);
  if (settings.autoCheckpoint === false) db.pragma('wal_autocheckpoint = 0');
  if (settings.cacheMiB !== undefined)
    db.pragma(`cache_size = ${-1024 * Math.max(1, Math.floor(settings.cacheMiB))}`);
  if (settings.maxPageCount !== undefined) db.pragma(`max_page_count = ${Math.floor(settings.maxPageCount)}`);
}

/** The page cache `db` may hold (SQLite `cache_size`, negative in KiB, positive in pages), in KiB. */
export function cacheKiBOf(db: Connection): number {
  const size = Number(db.pragma('cache_size', { simple: true }));
  return size < 0 ? -size : (size * Number(db.pragma('page_size', { simple: true }))) / 1024;
}
