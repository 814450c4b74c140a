import type { Pool, PoolClient } from 'pg';

/** One step of a schema: applied once, in order of `version`, inside the migration transaction. */
export interface PostgresMigration {
  version: number;
  name: string;
  sql: string;
}

/**
 * Every component keeps its own numbered list in the one `schema_migrations` table, so another
 * part of the platform (the personal-data vault) can add tables to the same database without
 * coordinating version numbers with the event store.
 */
const SCHEMA_MIGRATIONS_DDL = `
CREATE TABLE IF NOT EXISTS schema_migrations (
  component  text        NOT NULL,
  version    integer     NOT NULL,
  name       text        NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (component, version)
)`;

/** Held for the migration transaction, so that instances starting together migrate one at a time. */
export const MIGRATION_LOCK_KEY = 7_240_116_001;

/** The event store's schema. Never edit a released step: add the next one. */
export const EVENT_STORE_MIGRATIONS: readonly PostgresMigration[] = [
  {
    version: 1,
    name: 'events',
    // `position` is assigned by the appender under the append lock (see postgres-event-store.ts),
    // so it is gap-free and grows in commit order; `data` and `metadata` are `json`, not `jsonb`,
    // so the text the command side wrote is kept as written (key order, numbers, escapes).
    sql: `
CREATE TABLE events (
  position    bigint      PRIMARY KEY,
  event_id    text        NOT NULL,
  stream_id   text        NOT NULL,
  revision    integer     NOT NULL,
  type        text        NOT NULL,
  data        json        NOT NULL,
  metadata    json        NOT NULL,
  recorded_at timestamptz NOT NULL,
  CONSTRAINT events_event_id UNIQUE (event_id),
  CONSTRAINT events_stream_revision UNIQUE (stream_id, revision),
  CONSTRAINT events_revision_not_negative CHECK (revision >= 0),
  CONSTRAINT events_position_positive CHECK (position > 0)
)`,
  },
];

export interface MigrationReport {
  /** Versions applied by this call, in order. */
  applied: number[];
  /** The component's version after the call. */
  current: number;
}

/**
 * Applies the steps of `component` not yet recorded, all in one transaction under an advisory
 * lock: a second instance waits, then finds nothing left to do; a failed step leaves no trace.
 */
export async function runPostgresMigrations(
  pool: Pool,
  component: string,
  migrations: readonly PostgresMigration[],
): Promise<MigrationReport> {
  const ordered = [...migrations].sort((a, b) => a.version - b.version);
  ordered.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(
        `${component} migrations must be numbered 1..n without gaps (found ${migration.version})`,
      );
    }
  });
  const client = await pool.connect();
  let failed = false;
  const onError = (): void => {
    failed = true;
  };
  // A connection lost between statements also emits 'error', fatal to the process without a listener.
  client.on('error', onError);
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await client.query(SCHEMA_MIGRATIONS_DDL);
    const current = await currentVersion(client, component);
    if (current > ordered.length) {
      throw new Error(
        `the database's ${component} schema is at version ${current}, newer than this release knows (${ordered.length})`,
      );
    }
    const applied: number[] = [];
    for (const migration of ordered.slice(current)) {
      await client.query(migration.sql);
      await client.query('INSERT INTO schema_migrations (component, version, name) VALUES ($1, $2, $3)', [
        component,
        migration.version,
        migration.name,
      ]);
      applied.push(migration.version);
    }
    await client.query('COMMIT');
    return { applied, current: ordered.length };
  } catch (error) {
    failed = true;
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.removeListener('error', onError);
    client.release(failed);
  }
}

async function currentVersion(client: PoolClient, component: string): Promise<number> {
  const result = await client.query<{ version: number | null }>(
    'SELECT MAX(version) AS version FROM schema_migrations WHERE component = $1',
    [component],
  );
  return result.rows[0]?.version ?? 0;
}
