import { closeSync, fsyncSync, openSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Projector, type ProjectorOptions, type RebuildProgress } from './projector';

export interface ReadModelsFileRebuild extends Omit<ProjectorOptions, 'db' | 'batchSize'> {
  /** The read-model file to replace; created when missing. */
  file: string;
  /** Page cache while rebuilding, in MiB. Default 64. */
  cacheMiB?: number;
  onProgress?: RebuildProgress;
}

const SQLITE_SUFFIXES = ['', '-wal', '-shm', '-journal'];

const removeDatabase = (file: string): void => {
  for (const suffix of SQLITE_SUFFIXES) rmSync(`${file}${suffix}`, { force: true });
};

/**
 * Replays the whole log into every projection in a new file beside `file`, then puts it in the
 * place of `file`. Nothing reads the new file before it is complete, so it is written without
 * waiting for the disk (a crash leaves only a partial file, which the next rebuild starts over)
 * and synced once at the end; the file it replaces stays as it was until then, and stays when a
 * projection halts (the rebuild then rejects). A process that has `file` open keeps reading the
 * old one until it opens it again.
 */
export async function rebuildReadModelsFile(options: ReadModelsFileRebuild): Promise<void> {
  const { file, cacheMiB = 64, onProgress, ...projectorOptions } = options;
  const partial = `${file}.rebuilding`;
  removeDatabase(partial);
  const db = new BetterSqlite3(partial);
  try {
    // WAL keeps rollback, which isolates a failing projection; EXCLUSIVE needs no shared memory.
    db.pragma('journal_mode = WAL');
    db.pragma('locking_mode = EXCLUSIVE');
    db.pragma('synchronous = OFF');
    db.pragma('temp_store = MEMORY');
    db.pragma(`cache_size = ${-1024 * Math.max(2, Math.floor(cacheMiB))}`);
    await new Projector({ ...projectorOptions, db }).rebuild(undefined, onProgress);
    // One synced file without a write-ahead log; whoever opens it next chooses its journal.
    db.pragma('synchronous = FULL');
    db.pragma('journal_mode = DELETE');
    db.close();
  } catch (error) {
    if (db.open) db.close();
    removeDatabase(partial);
    throw error;
  }
  // The old file's write-ahead log would be replayed into the new file: it goes first.
  for (const suffix of ['-wal', '-shm', '-journal']) rmSync(`${file}${suffix}`, { force: true });
  renameSync(partial, file);
  const directory = openSync(dirname(file), 'r');
  try {
    fsyncSync(directory);
  } finally {
    closeSync(directory);
  }
}
