import { closeSync, fsyncSync, openSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { preparePrivateDatabase } from '@praktijklus/event-store';
import { Projector, type ProjectorOptions, type RebuildProgress } from './projector';

export interface ReadModelsFileRebuild extends Omit<ProjectorOptions, 'db' | 'batchSize' | 'stopOnFailure'> {
  /** The read-model file to replace; created when missing. */
  file: string;
  /**
   * Page cache while rebuilding, in MiB. Default 16: at 1.1 M events 64 MiB held about 185 MiB more at
   * the peak (the sorter of each deferred index may use as much again) for no faster rebuild.
   */
  cacheMiB?: number;
  /**
   * Events a batch of the rebuild, default 2,500: since the aggregates are computed once at the
   * end (`Projection.aggregate`) a batch costs little beyond its events. At 1.1 M events batches of
   * 5,000 held 23 MiB more than 2,500 for the same CPU time (185 s), and 20,000 about 250 MiB more.
   */
  rebuildBatchSize?: number;
  onProgress?: RebuildProgress;
}

/** See `ReadModelsFileRebuild.cacheMiB`. */
export const REBUILD_CACHE_MIB = 16;

/**
 * The rebuild's connection. Its temporary files stay files (`temp_store = FILE`, not the read
 * models' MEMORY): the deferred indexes and aggregates at the end sort the whole file, and in memory
 * those sorts held 128 MiB more at 1.1 M events; the operating system caches the files anyway.
 */
export function configureRebuildConnection(db: Database, cacheMiB: number): void {
  db.pragma('journal_mode = OFF');
  db.pragma('locking_mode = EXCLUSIVE');
  db.pragma('synchronous = OFF');
  db.pragma('temp_store = FILE');
  db.pragma(`cache_size = ${-1024 * Math.max(2, Math.floor(cacheMiB))}`);
}

const SIDE_FILES = ['-wal', '-shm', '-journal'];

const removeSideFiles = (file: string): void => {
  for (const suffix of SIDE_FILES) rmSync(`${file}${suffix}`, { force: true });
};

const removeDatabase = (file: string): void => {
  rmSync(file, { force: true });
  removeSideFiles(file);
};

/**
 * Replays the whole log into every projection in a new file beside `file`, then puts it in the
 * place of `file`. Nothing reads the new file before it is complete, so it is written without a
 * journal and without waiting for the disk, and synced once at the end: a crash, a failure of the
 * file or a halted projection (whose rollback a file without a journal cannot do) leaves only a
 * partial file, deleted, and rejects, with the old read models in place. A process that has
 * `file` open keeps reading the old one until it opens it again.
 */
export async function rebuildReadModelsFile(options: ReadModelsFileRebuild): Promise<void> {
  const {
    file,
    cacheMiB = REBUILD_CACHE_MIB,
    rebuildBatchSize = 2_500,
    onProgress,
    ...projectorOptions
  } = options;
  const partial = `${file}.rebuilding`;
  removeDatabase(partial);
  preparePrivateDatabase(partial);
  const db = new BetterSqlite3(partial);
  try {
    configureRebuildConnection(db, cacheMiB);
    await new Projector({
      ...projectorOptions,
      db,
      rebuildBatchSize,
      stopOnFailure: true,
      // A snapshot taken along the way computes the missing aggregates in its copy (`deferred`).
      deferAggregates: true,
    }).rebuild(undefined, onProgress);
    // A plain file; whoever opens it next chooses its journal.
    db.pragma('journal_mode = DELETE');
    db.close();
    syncFile(partial);
  } catch (error) {
    if (db.open) db.close();
    removeDatabase(partial);
    throw error;
  }
  // The old file's write-ahead log would be replayed into the new file: it goes first.
  removeSideFiles(file);
  renameSync(partial, file);
  syncFile(dirname(file));
}

const syncFile = (path: string): void => {
  const descriptor = openSync(path, 'r');
  try {
    fsyncSync(descriptor);
  } finally {
    closeSync(descriptor);
  }
};
