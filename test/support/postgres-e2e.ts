import { startTestPostgres, type TestPostgres } from '@praktijklus/testing';

/**
 * The e2e suite once more on PostgreSQL (the `e2e-postgres` Jest project sets
 * E2E_EVENT_STORE=postgres): one throw-away cluster per test file, one database per DATA_DIR, so
 * a server restarted on the same DATA_DIR finds the same log.
 */
let cluster: Promise<TestPostgres> | undefined;
const databases = new Map<string, string>();

export function e2eOnPostgres(): boolean {
  return process.env.E2E_EVENT_STORE === 'postgres';
}

/** EVENT_STORE and DATABASE_URL for a server on `dataDir`. */
export async function postgresEnvFor(dataDir: string): Promise<Record<string, string>> {
  cluster ??= startTestPostgres();
  const postgres = await cluster;
  let url = databases.get(dataDir);
  if (url === undefined) {
    url = postgres.createDatabase(`e2e_${databases.size + 1}`);
    databases.set(dataDir, url);
  }
  return { EVENT_STORE: 'postgres', DATABASE_URL: url };
}

/** Removes the cluster; answers how many databases (servers' DATA_DIRs) the file used on it. */
export async function stopE2ePostgres(): Promise<number> {
  const started = cluster;
  const used = databases.size;
  cluster = undefined;
  databases.clear();
  (await started)?.destroy();
  return used;
}
