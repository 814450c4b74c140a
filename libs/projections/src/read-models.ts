import { copyFileSync, existsSync, renameSync, rmSync } from 'node:fs';
import { basename } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { preparePrivateDatabase } from '@praktijklus/event-store';

export interface ReadModelsOptions {
  /**
   * Page cache in MiB, default 16. The file is read through the operating system's cache anyway:
   * at a million signals 64 MiB answered the views no faster and kept 50 MiB more resident.
   */
  cacheMiB?: number;
  /**
   * Where SQLite keeps temporary tables, sorts and statement journals, default MEMORY (the views'
   * small sorts). The projector's own connection takes FILE: the query indexes it builds once caught
   * up sort whole tables, which in memory held about 60 MiB more at the end of a 1.1 M-event catch-up.
   */
  tempStore?: 'MEMORY' | 'FILE';
}

/** What was found wrong with the read-model file and where the damaged copy was kept. */
export interface ReadModelsDamage {
  reason: string;
  /** File name of the damaged copy, beside the read-model file. */
  movedTo: string;
}

/** Codes by which SQLite says the file itself is damaged, not that it is busy or full. */
const DAMAGE_CODES = /^SQLITE_(CORRUPT|NOTADB)/;

const codeOf = (error: unknown): string | undefined =>
  typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string'
    ? error.code
    : undefined;

/** True when `error` says the read-model file is damaged (SQLITE_CORRUPT, SQLITE_NOTADB). */
export const isReadModelsDamage = (error: unknown): boolean => DAMAGE_CODES.test(codeOf(error) ?? '');

/** One line for logs and `/ready`: the SQLite code and its message, never a path. */
export const damageReason = (error: unknown): string =>
  `${codeOf(error) ?? 'error'}: ${error instanceof Error ? error.message : String(error)}`;

/**
 * Opens (creating when missing) the read-model file. Read models are disposable — they are rebuilt
 * from the log — so `synchronous=NORMAL` is enough: WAL still commits every batch atomically with
 * its checkpoints, and a power cut can at worst lose the last batches, which the projector replays.
 */
export function openReadModels(file: string, options: ReadModelsOptions = {}): Database {
  preparePrivateDatabase(file);
  const db = new BetterSqlite3(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    db.pragma(`temp_store = ${options.tempStore ?? 'MEMORY'}`);
    db.pragma(`cache_size = ${-1024 * Math.max(2, Math.floor(options.cacheMiB ?? 16))}`);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * `openReadModels` for the process that projects into the file (it holds the projector lock):
 * runs SQLite's `quick_check` first, and a file that fails it, or that SQLite cannot open as a
 * database, is moved aside as `<file>.corrupt-<time>` and replaced by an empty one, which the
 * projector fills from the log. The read models are disposable; the damaged copy is kept to look at.
 */
export function openCheckedReadModels(
  file: string,
  now: Date,
  options: ReadModelsOptions = {},
): { db: Database; damage?: ReadModelsDamage } {
  let reason: string;
  try {
    const db = openReadModels(file, options);
    let verdict: unknown;
    try {
      verdict = db.pragma('quick_check(1)', { simple: true });
    } catch (error) {
      db.close();
      throw error;
    }
    if (verdict === 'ok') return { db };
    db.close();
    reason = `quick_check: ${String(verdict)}`;
  } catch (error) {
    if (!isReadModelsDamage(error)) throw error;
    reason = damageReason(error);
  }
  const movedTo = asideName(file, now);
  renameSync(file, movedTo);
  if (existsSync(`${file}-wal`)) renameSync(`${file}-wal`, `${movedTo}-wal`);
  rmSync(`${file}-shm`, { force: true });
  return { db: openReadModels(file, options), damage: { reason, movedTo: basename(movedTo) } };
}

/**
 * Keeps a copy of the damaged file `db` has open and empties it in place through SQLite's backup
 * of an empty database, so every holder of `db` (the views) goes on with the same connection;
 * returns the copy's file name. Call it with the projector stopped.
 */
export async function replaceDamagedReadModels(db: Database, file: string, now: Date): Promise<string> {
  const copy = asideName(file, now);
  copyFileSync(file, copy);
  if (existsSync(`${file}-wal`)) copyFileSync(`${file}-wal`, `${copy}-wal`);
  const empty = new BetterSqlite3(':memory:');
  try {
    await empty.backup(file);
  } finally {
    empty.close();
  }
  db.pragma('wal_checkpoint(TRUNCATE)');
  return basename(copy);
}

const asideName = (file: string, now: Date): string =>
  `${file}.corrupt-${now.toISOString().replace(/[:.]/g, '-')}`;
