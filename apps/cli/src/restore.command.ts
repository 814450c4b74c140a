import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseSettings, READ_MODELS_FILE, type Environment } from '@praktijklus/config';
import { HISTORY_FILE, SNAPSHOTS_DIR } from '@praktijklus/projections';
import { ensurePrivateDirectory } from '@praktijklus/event-store';
import {
  BACKED_UP_DATABASES,
  copyPrivateFile,
  manifestMismatches,
  readManifest,
  SECRET_FILE_NAME,
} from './backup-files';
import { CliError, type CliOutput } from './cli-error';
import { verifyDataDir } from './verify.command';

export const RESTORE_USAGE = `restore <dir> [--force]
  Puts a backup made by \`backup\` into DATA_DIR after checking it against its manifest, then runs
  the checks of \`verify\`. Refuses a non-empty DATA_DIR unless --force (then the backed-up files,
  their -wal/-shm side files, the read models, their snapshots and time travel's history there are
  replaced; stop the server first).`;

const SIDE_FILES = ['', '-wal', '-shm', '-journal'];

export async function restoreCommand(args: string[], env: Environment, output: CliOutput): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    options: { force: { type: 'boolean', default: false } },
    strict: true,
    allowPositionals: true,
  });
  if (positionals.length !== 1) throw new CliError(`Give one backup folder\n${RESTORE_USAGE}`, 2);
  const source = resolve(positionals[0]);
  const settings = parseSettings(env);
  if (settings.eventStore !== 'sqlite') throw new CliError('restore fills the embedded SQLite store only.');

  let manifest;
  try {
    manifest = readManifest(source);
  } catch (error) {
    throw new CliError(error instanceof Error ? error.message : String(error));
  }
  const mismatches = manifestMismatches(source, manifest);
  if (mismatches.length > 0) throw new CliError(`The backup is damaged: ${mismatches.join('; ')}`);

  const dataDir = settings.dataDir;
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
    if (!values.force) {
      throw new CliError(`DATA_DIR ${dataDir} is not empty; restore into an empty one, or add --force`);
    }
    // A -wal left from the old database would be replayed into the restored one: remove them too.
    // What is derived from the old log goes with it: the read models, their snapshots, the history.
    for (const name of [...BACKED_UP_DATABASES, READ_MODELS_FILE, HISTORY_FILE]) {
      for (const suffix of SIDE_FILES) rmSync(join(dataDir, `${name}${suffix}`), { force: true });
    }
    rmSync(join(dataDir, SNAPSHOTS_DIR), { recursive: true, force: true });
    rmSync(join(dataDir, SECRET_FILE_NAME), { force: true });
  }
  ensurePrivateDirectory(dataDir);
  for (const file of manifest.files) copyPrivateFile(join(source, file.name), join(dataDir, file.name));
  output.out(
    `Restored ${manifest.events} events (head ${manifest.headPosition ?? 'none'}) from a backup of ${manifest.createdAt}\n`,
  );
  await verifyDataDir(settings, output);
}
