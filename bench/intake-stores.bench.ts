import { postgresUnavailableReason, startTestPostgres } from '@praktijklus/testing';
import { benchDir, benchSeconds } from './support/bench-env';
import { benchOfficer, benchToken, startBenchServer, waitUntilCaughtUp } from './support/bench-server';
import { type Load, load, loadTable } from './intake.bench';
import { emitResult, ratio } from './support/report';

/**
 * Intake on each event store, side by side in one run: `POST /api/v1/signals` through the whole
 * server (50 connections, FULL durability on SQLite, fsync on in PostgreSQL as shipped) on an empty
 * log, first on the embedded SQLite store, then with `EVENT_STORE=postgres` on a throw-away local
 * cluster on the same machine. The log starts empty on both, so the rows compare the stores rather
 * than the benchmark fixture (which only the SQLite row of `intake` holds). On PostgreSQL the
 * projector and the reactor run on the request loop (BACKGROUND_THREAD does not apply there).
 */
export async function intakeStoresBench(): Promise<void> {
  const seconds = benchSeconds(10);
  const token = await benchToken(benchOfficer);
  const postgresSkipped = postgresUnavailableReason();
  if (postgresSkipped) console.log(`PostgreSQL row skipped: ${postgresSkipped}`);
  const postgres = postgresSkipped ? undefined : await startTestPostgres();
  const stores: Array<[string, Record<string, string>]> = [
    ['SQLite (embedded, FULL)', {}],
    ...(postgres
      ? ([['PostgreSQL (local cluster)', { EVENT_STORE: 'postgres', DATABASE_URL: postgres.url }]] as Array<
          [string, Record<string, string>]
        >)
      : []),
  ];
  const cases: Array<[string, Load]> = [];
  try {
    for (const [name, env] of stores) {
      const dir = benchDir('intake-stores', name.startsWith('SQLite') ? 'sqlite' : 'postgres');
      const server = await startBenchServer({ DATA_DIR: dir, ...env });
      try {
        await waitUntilCaughtUp(server.url);
        await load(server.url, token, 2);
        cases.push([name, await load(server.url, token, seconds)]);
      } finally {
        await server.stop();
      }
    }
  } finally {
    postgres?.destroy();
  }
  console.log(`whole stack on an empty log, 50 connections, ${seconds} s each`);
  console.log(loadTable('intake by store', cases));
  for (const [name, r] of cases) {
    emitResult({ bench: 'intake-stores', metric: `${name} req/s`, value: r.rate, unit: 'req/s' });
    emitResult({ bench: 'intake-stores', metric: `${name} p99 latency`, value: r.p99, unit: 'ms' });
  }
  const [sqlite, pg] = cases;
  if (sqlite && pg) console.log(`PostgreSQL / SQLite req/s = ${ratio(pg[1].rate / sqlite[1].rate)}`);
  if (cases.some(([, r]) => r.non2xx > 0 || r.errors > 0))
    console.log('warning: a load had refusals or errors');
}
