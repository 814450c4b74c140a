import Database from 'better-sqlite3';
import { StoreUnavailable } from '../errors';
import { isUniqueViolation, toStoreError } from './sqlite-errors';

describe('SQLite error mapping', () => {
  it.each([
    'SQLITE_FULL',
    'SQLITE_READONLY',
    'SQLITE_READONLY_DBMOVED',
    'SQLITE_READONLY_DIRECTORY',
    'SQLITE_PERM',
    'SQLITE_IOERR_WRITE',
    'SQLITE_IOERR',
    'SQLITE_CANTOPEN',
    'SQLITE_CANTOPEN_ISDIR',
    'SQLITE_BUSY',
    'SQLITE_CORRUPT',
  ])('maps %s to StoreUnavailable keeping the cause', (code) => {
    const cause = new Database.SqliteError('boom', code);
    const mapped = toStoreError(cause);
    expect(mapped).toBeInstanceOf(StoreUnavailable);
    expect((mapped as StoreUnavailable).cause).toBe(cause);
    expect((mapped as StoreUnavailable).message).toContain(code);
  });

  it.each(['SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_ERROR', 'SQLITE_MISMATCH'])('leaves %s alone', (code) => {
    const error = new Database.SqliteError('boom', code);
    expect(toStoreError(error)).toBe(error);
  });

  it('does not mistake a code with the same prefix for a storage failure', () => {
    const error = new Database.SqliteError('boom', 'SQLITE_FULLTEXT');
    expect(toStoreError(error)).toBe(error);
  });

  it('recognises unique violations', () => {
    expect(isUniqueViolation(new Database.SqliteError('dup', 'SQLITE_CONSTRAINT_UNIQUE'))).toBe(true);
    expect(isUniqueViolation(new Database.SqliteError('x', 'SQLITE_CONSTRAINT_NOTNULL'))).toBe(false);
  });
});
