import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Client } from 'pg';
import { IDEMPOTENCY_FILE } from '../../apps/server/src/commands/commands.module';
import { e2eOnPostgres, postgresEnvFor } from './postgres-e2e';

/**
 * Runs `sql` (with `$1`, `$2`… parameters) on a test server's idempotency records, wherever they
 * are kept: its SQLite file, or its PostgreSQL database in the `e2e-postgres` project. Tests use it
 * to leave the records as a crash would.
 */
export async function onIdempotencyRecords(
  dataDir: string,
  sql: string,
  params: string[] = [],
): Promise<void> {
  if (e2eOnPostgres()) {
    const { DATABASE_URL } = await postgresEnvFor(dataDir);
    const client = new Client({ connectionString: DATABASE_URL });
    await client.connect();
    try {
      await client.query(sql, params);
    } finally {
      await client.end();
    }
    return;
  }
  const file = new Database(join(dataDir, IDEMPOTENCY_FILE));
  try {
    // $1, $2… become the named parameters @p1, @p2… that better-sqlite3 binds from an object.
    const named = Object.fromEntries(params.map((value, index) => [`p${index + 1}`, value]));
    file.prepare(sql.replace(/\$(\d+)/g, '@p$1')).run(named);
  } finally {
    file.close();
  }
}
