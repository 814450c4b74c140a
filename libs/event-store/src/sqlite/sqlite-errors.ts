import { StoreUnavailable } from '../errors';

// Primary result codes that mean "the file cannot take this now", not "your request is wrong".
const UNAVAILABLE =
  /^SQLITE_(FULL|READONLY|IOERR|CANTOPEN|BUSY|LOCKED|NOMEM|PERM|PROTOCOL|NOLFS|CORRUPT|NOTADB)(_|$)/;

export function sqliteCode(error: unknown): string | undefined {
  // Not `instanceof Error`: better-sqlite3's native side keeps the error class of the realm that
  // loaded it first, which under Jest's per-file module registry is another realm's Error.
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') {
    return error.code;
  }
  return undefined;
}

/** True for SQLite failures of the storage itself (disk full, read-only, I/O, locked out). */
export function isStorageFailure(error: unknown): boolean {
  const code = sqliteCode(error);
  return code !== undefined && UNAVAILABLE.test(code);
}

export function isUniqueViolation(error: unknown): boolean {
  const code = sqliteCode(error);
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** Storage failures become `StoreUnavailable` (the server answers 503); anything else is returned as is. */
export function toStoreError(error: unknown): unknown {
  if (error instanceof StoreUnavailable) return error;
  if (isStorageFailure(error)) {
    return new StoreUnavailable(`event store unavailable: ${sqliteCode(error)}`, { cause: error });
  }
  return error;
}
