import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseSettings, type Environment } from '@praktijklus/config';
import { ensurePrivateDirectory, ensurePrivateFile } from '@praktijklus/event-store';
import {
  backUpDatabase,
  BACKED_UP_DATABASES,
  copyPrivateFile,
  describeFile,
  logHead,
  MANIFEST_FILE,
  SECRET_FILE_NAME,
  type Manifest,
} from './backup-files';
import { CliError, type CliOutput } from './cli-error';

export const BACKUP_USAGE = `backup <dir>
  An online, consistent copy of DATA_DIR's event log, personal-data vault, idempotency records,
  reactor state and auth-secret into <dir> (new or empty; 0700, files 0600), with a manifest of
  sizes, sha256 and the log's head position. The server may keep running. Read models are not
  copied: a server started on the restored data rebuilds them from the log. EVENT_STORE=sqlite only.`;

export async function backupCommand(args: string[], env: Environment, output: CliOutput): Promise<void> {
  const { positionals } = parseArgs({ args, options: {}, strict: true, allowPositionals: true });
  if (positionals.length !== 1) throw new CliError(`Give one backup folder\n${BACKUP_USAGE}`, 2);
  const settings = parseSettings(env);
  if (settings.eventStore !== 'sqlite') {
    throw new CliError(
      'backup copies the embedded SQLite store; back up EventStoreDB or PostgreSQL with their own tools.',
    );
  }
  const target = resolve(positionals[0]);
  if (existsSync(target) && readdirSync(target).length > 0) {
    throw new CliError(`${target} is not empty; give a new or empty folder`);
  }
  if (!existsSync(join(settings.dataDir, BACKED_UP_DATABASES[2]))) {
    throw new CliError(`No event store in DATA_DIR=${settings.dataDir}`);
  }
  ensurePrivateDirectory(target);

  const names: string[] = [];
  for (const name of BACKED_UP_DATABASES) {
    const source = join(settings.dataDir, name);
    if (!existsSync(source)) continue;
    ensurePrivateFile(join(target, name));
    await backUpDatabase(source, join(target, name));
    names.push(name);
    output.out(`copied ${name}\n`);
  }
  if (existsSync(join(settings.dataDir, SECRET_FILE_NAME))) {
    copyPrivateFile(join(settings.dataDir, SECRET_FILE_NAME), join(target, SECRET_FILE_NAME));
    names.push(SECRET_FILE_NAME);
  }

  const head = logHead(join(target, BACKED_UP_DATABASES[2]));
  const manifest: Manifest = {
    format: 'praktijklus-backup/1',
    createdAt: new Date().toISOString(),
    headPosition: head.headPosition,
    events: head.events,
    files: names.map((name) => describeFile(target, name)),
  };
  // Written last: a folder without a manifest is an interrupted backup and restore refuses it.
  ensurePrivateFile(join(target, MANIFEST_FILE));
  writeFileSync(join(target, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  output.out(`Backup of ${head.events} events (head ${head.headPosition ?? 'none'}) in ${target}\n`);
}
