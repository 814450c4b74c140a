import { parseArgs } from 'node:util';
import { parseSettings, type Environment } from '@praktijklus/config';
import { PostgresEventStore } from '@praktijklus/event-store';
import { CliError, type CliOutput } from './cli-error';

export const MIGRATE_USAGE = `migrate
  Applies pending schema migrations to the PostgreSQL database of DATABASE_URL (EVENT_STORE=postgres).
  The server does the same at start-up; run this to migrate ahead of a release. Safe to run twice.`;

export async function migrateCommand(args: string[], env: Environment, output: CliOutput): Promise<void> {
  parseArgs({ args, options: {}, strict: true, allowPositionals: false });
  const settings = parseSettings(env);
  if (settings.eventStore !== 'postgres' || settings.databaseUrl === undefined) {
    throw new CliError(
      `migrate applies to EVENT_STORE=postgres only (this is ${settings.eventStore}, whose schema needs no migration step).`,
    );
  }
  let report;
  try {
    report = await PostgresEventStore.migrate(settings.databaseUrl);
  } catch (error) {
    throw new CliError(`migrate failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  output.out(
    report.applied.length === 0
      ? `Event store schema up to date at version ${report.current}.\n`
      : `Applied event store migration(s) ${report.applied.join(', ')}; now at version ${report.current}.\n`,
  );
}
