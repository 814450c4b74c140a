import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';

/** Owner only: DATA_DIR holds personal data, the event log and the signing secret. */
export const PRIVATE_DIRECTORY_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

// SQLite gives a database's side files the mode of the database file itself.
const SQLITE_SIDE_FILES = ['-wal', '-shm', '-journal'];

const errorCode = (error: unknown): string | undefined => (error as NodeJS.ErrnoException).code;

/**
 * Takes away what group and others may do with `path`, and nothing of the owner's: a folder an
 * operator made read-only stays read-only. A path of another owner, or on a read-only mount,
 * cannot be changed by this process and is left as it is.
 */
function tighten(path: string, allowed: number): void {
  const mode = statSync(path).mode & 0o777;
  if ((mode & ~allowed) === 0) return;
  try {
    chmodSync(path, mode & allowed);
  } catch (error) {
    if (errorCode(error) !== 'EPERM' && errorCode(error) !== 'EROFS') throw error;
  }
}

/** Creates `dir` (and missing parents) 0700, or takes group and other permissions off an existing one. */
export function ensurePrivateDirectory(dir: string): void {
  const created = mkdirSync(dir, { recursive: true, mode: PRIVATE_DIRECTORY_MODE });
  // The mode given to mkdir passes through the umask; set it exactly on what was created here.
  if (created !== undefined) chmodSync(dir, PRIVATE_DIRECTORY_MODE);
  tighten(dir, PRIVATE_DIRECTORY_MODE);
}

/** Creates `file` empty and 0600, or takes group and other permissions off an existing one. */
export function ensurePrivateFile(file: string): void {
  let descriptor: number | undefined;
  try {
    descriptor = openSync(file, 'wx', PRIVATE_FILE_MODE);
  } catch (error) {
    if (errorCode(error) !== 'EEXIST') throw error;
  }
  if (descriptor !== undefined) {
    closeSync(descriptor);
    chmodSync(file, PRIVATE_FILE_MODE);
    return;
  }
  tighten(file, PRIVATE_FILE_MODE);
}

/**
 * Before SQLite opens `file`: the database 0600 (created empty when missing, which SQLite takes as
 * a new database) and any side file left from an earlier run tightened too. SQLite then creates
 * new `-wal`, `-shm` and `-journal` files with the database's mode, whatever the umask.
 */
export function preparePrivateDatabase(file: string): void {
  ensurePrivateFile(file);
  for (const suffix of SQLITE_SIDE_FILES) {
    if (existsSync(`${file}${suffix}`)) tighten(`${file}${suffix}`, PRIVATE_FILE_MODE);
  }
}
