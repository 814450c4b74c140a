import type { Database, Statement } from 'better-sqlite3';
import type { SqlParams } from './signal-filter';

const cache = new WeakMap<Database, Map<string, Statement<[SqlParams]>>>();

/**
 * A prepared statement per database and SQL text. Query texts are assembled only from fixed
 * fragments (which filters are present), so the cache stays small and values are always bound.
 */
export const cachedStatement = <Row = unknown>(db: Database, sql: string): Statement<[SqlParams], Row> => {
  let perDb = cache.get(db);
  if (!perDb) {
    perDb = new Map();
    cache.set(db, perDb);
  }
  let prepared = perDb.get(sql);
  if (!prepared) {
    prepared = db.prepare<[SqlParams]>(sql);
    perDb.set(sql, prepared);
  }
  return prepared as Statement<[SqlParams], Row>;
};

/** Forgets a database's statements, e.g. after a projection dropped the tables they read. */
export const forgetStatements = (db: Database): void => {
  cache.delete(db);
};
