import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  parseSettings,
  type Environment,
  EVENTS_FILE,
  openEventStore,
  type Settings,
} from '@praktijklus/config';
import { CliError, type CliOutput } from './cli-error';
import { sqliteIntegrityProblems, verifyStore } from './verify-store';

export const VERIFY_USAGE = `verify
  Checks the event store: SQLite integrity, positions strictly increasing, event ids unique, every
  stream's revisions contiguous from 0, actor and correlation id on every event. Exit code 1 on a problem.`;

export async function verifyCommand(args: string[], env: Environment, output: CliOutput): Promise<void> {
  parseArgs({ args, options: {}, strict: true, allowPositionals: false });
  await verifyDataDir(parseSettings(env), output);
}

/** The checks of `verify` on the store `settings` name; throws CliError on a problem (restore runs them too). */
export async function verifyDataDir(settings: Settings, output: CliOutput): Promise<void> {
  const problems: string[] = [];

  if (settings.eventStore === 'sqlite') {
    const file = join(settings.dataDir, EVENTS_FILE);
    if (!existsSync(file)) throw new CliError(`No event store at ${file} (DATA_DIR=${settings.dataDir})`);
    problems.push(...sqliteIntegrityProblems(file).map((p) => `SQLite integrity: ${p}`));
  }

  const store = await openEventStore(settings);
  try {
    const report = await verifyStore(store, (events) => {
      if (output.interactive) output.err(`\rverified ${events} events`);
    });
    if (output.interactive) output.err('\n');
    problems.push(...report.problems);
    output.out(
      `${report.events} events in ${report.streams} streams checked (${settings.eventStore} store).\n`,
    );
  } finally {
    await store.close();
  }

  if (problems.length > 0) {
    output.out(`${problems.length} problem(s) found:\n${problems.map((p) => `  - ${p}`).join('\n')}\n`);
    throw new CliError('The event store failed verification.');
  }
  output.out('No problems found.\n');
}
