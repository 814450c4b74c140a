import type { Pool, PoolClient } from 'pg';
import { StoreUnavailable } from '../errors';
import { guardPoolConnections, pgDriver } from '../postgres/pg-driver';

/**
 * State that every instance of a scaled-out deployment must see the same (the personal-data vault,
 * idempotency records), kept in PostgreSQL beside — or instead of — this server's files.
 */
export interface SharedStateDatabase {
  /** `postgres://user@host:5432/db`; TLS and other options ride along in the URL (`?sslmode=require`). */
  url: string;
  /** Connections this component may hold at once. */
  poolMax: number;
}

/** One component's schema, as numbered steps: step n is applied once, in order, never edited afterwards. */
export interface SharedStateMigrations {
  /** e.g. `personal_data`; the key of its rows in `praktijklus_state_migrations`. */
  component: string;
  steps: readonly string[];
}

// Any fixed 64-bit number of our own: every instance migrating at once takes turns on it.
const MIGRATION_LOCK = 7_391_004_116_205_821;

/** A bounded pool whose idle connections may drop (a restarted server) without taking the process down. */
export function createSharedStatePool(
  database: SharedStateDatabase,
  onIdleError: (error: Error) => void = () => undefined,
): Pool {
  const { Pool: PgPool } = pgDriver();
  const pool = guardPoolConnections(
    new PgPool({
      connectionString: database.url,
      max: database.poolMax,
      connectionTimeoutMillis: 5000,
      idleTimeoutMillis: 30_000,
    }),
  );
  pool.on('error', onIdleError);
  return pool;
}

/**
 * Applies the steps of `migrations` this database has not seen, each in the same transaction as its
 * record, under a transaction-level advisory lock, so instances starting together migrate once.
 */
export async function migrateSharedState(pool: Pool, migrations: SharedStateMigrations): Promise<number> {
  return inTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS praktijklus_state_migrations (
      component TEXT NOT NULL,
      version INTEGER NOT NULL,
      applied_at TIMESTAMPTZ NOT NULL DEFAULT now(),
      PRIMARY KEY (component, version)
    )`);
    const { rows } = await client.query<{ version: number | null }>(
      'SELECT max(version) AS version FROM praktijklus_state_migrations WHERE component = $1',
      [migrations.component],
    );
    const applied = rows[0]?.version ?? 0;
    for (let version = applied + 1; version <= migrations.steps.length; version++) {
      await client.query(migrations.steps[version - 1]);
      await client.query('INSERT INTO praktijklus_state_migrations (component, version) VALUES ($1, $2)', [
        migrations.component,
        version,
      ]);
    }
    return Math.max(0, migrations.steps.length - applied);
  });
}

/** Runs `work` in a transaction on one pooled connection; rolls back on any error. */
export async function inTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken = false;
  // A checked-out client has no listener of the pool's: a connection lost between two queries would
  // otherwise be an unhandled 'error' event. The query in flight fails on its own.
  const onError = (): void => {
    broken = true;
  };
  client.on('error', onError);
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    if (!broken) {
      try {
        await client.query('ROLLBACK');
      } catch {
        broken = true;
      }
    }
    throw error;
  } finally {
    client.off('error', onError);
    // A broken connection must not go back into the pool.
    client.release(broken);
  }
}

// SQLSTATE classes of "the database cannot serve this now": connection exception (08), insufficient
// resources (53), operator intervention (57: shutdown, crash, cannot connect now), system error (58).
const UNAVAILABLE_SQLSTATE = /^(08|53|57|58)/;
const UNAVAILABLE_ERRNO = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
// node-postgres reports a lost connection or a full pool by message only.
const UNAVAILABLE_MESSAGE =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Cannot use a pool after calling end/;

/**
 * True when `error` says PostgreSQL is unreachable or cannot serve now, not that the query was wrong.
 * Narrower than the event store's `isPostgresUnavailable`: a refusal thrown inside a transaction (an
 * erased reference) must stay what it is.
 */
function isUnavailable(error: unknown): boolean {
  if (error instanceof StoreUnavailable) return true;
  if (typeof error !== 'object' || error === null) return false;
  const code = 'code' in error && typeof error.code === 'string' ? error.code : undefined;
  if (code !== undefined && (UNAVAILABLE_SQLSTATE.test(code) || UNAVAILABLE_ERRNO.has(code))) return true;
  return error instanceof Error && UNAVAILABLE_MESSAGE.test(error.message);
}

/** Unavailability becomes `StoreUnavailable` (the server answers 503), naming what was unavailable. */
export function toSharedStateError(what: string, error: unknown): unknown {
  if (error instanceof StoreUnavailable || !isUnavailable(error)) return error;
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : 'lost';
  return new StoreUnavailable(`${what} unavailable: ${code}`, { cause: error });
}
