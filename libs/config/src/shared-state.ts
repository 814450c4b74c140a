import { join } from 'node:path';
import type { Pool } from 'pg';
import { createSharedStatePool, type SharedStateDatabase } from '@praktijklus/event-store';
import {
  PostgresPersonalDataVault,
  SqlitePersonalDataVault,
  type PersonalDataVault,
} from '@praktijklus/personal-data';
import type { Settings } from './settings';

export const PERSONAL_DATA_FILE = 'personal-data.sqlite';

/** What the choice depends on; `eventStore` as a string, so `postgres` reads the same once it is one. */
export interface SharedStateSettings {
  eventStore: string;
  databaseUrl?: string | undefined;
  pgPoolMax?: number | undefined;
}

const DEFAULT_POOL_MAX = 10;

/**
 * Where the state every instance must share (the personal-data vault, idempotency records) lives:
 * in PostgreSQL with `EVENT_STORE=postgres`, or with `EVENT_STORE=esdb` and `DATABASE_URL` set;
 * otherwise (undefined) in SQLite files in DATA_DIR, as one server or servers sharing DATA_DIR need.
 */
export function sharedStateDatabase(settings: SharedStateSettings): SharedStateDatabase | undefined {
  const shared = settings.eventStore === 'postgres' || settings.eventStore === 'esdb';
  if (!shared || settings.databaseUrl === undefined) {
    if (settings.eventStore === 'postgres') throw new Error('EVENT_STORE=postgres needs DATABASE_URL');
    return undefined;
  }
  return { url: settings.databaseUrl, poolMax: settings.pgPoolMax ?? DEFAULT_POOL_MAX };
}

/** A pool for shared state, or undefined when it lives in files; `onIdleError` hears of dropped connections. */
export function openSharedStatePool(
  settings: SharedStateSettings,
  onIdleError?: (error: Error) => void,
): Pool | undefined {
  const database = sharedStateDatabase(settings);
  return database === undefined ? undefined : createSharedStatePool(database, onIdleError);
}

/**
 * The vault of initiatives' personal data, where `sharedStateDatabase` says: the same one the
 * server and `erase-initiative` use.
 */
export async function openPersonalDataVault(
  settings: Settings,
  onIdleError?: (error: Error) => void,
): Promise<PersonalDataVault> {
  const pool = openSharedStatePool(settings, onIdleError);
  if (pool !== undefined) {
    try {
      return await PostgresPersonalDataVault.open(pool, { ownsPool: true });
    } catch (error) {
      await pool.end();
      throw error;
    }
  }
  return SqlitePersonalDataVault.open(join(settings.dataDir, PERSONAL_DATA_FILE), {
    synchronous: settings.sqliteSynchronous === 'OFF' ? 'NORMAL' : settings.sqliteSynchronous,
  });
}
