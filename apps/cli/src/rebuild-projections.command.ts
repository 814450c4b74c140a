import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { SingleBar } from 'cli-progress';
import {
  openReadModels,
  rebuildReadModelsFile,
  acquireProjectorLock,
  ProjectorBusy,
} from '@praktijklus/projections';
import {
  parseSettings,
  type Environment,
  openEventStore,
  createProjector,
  projectorOptions,
  READ_MODELS_FILE,
  loadReferenceData,
} from '@praktijklus/config';
import { ensurePrivateDirectory } from '@praktijklus/event-store';
import { CliError, type CliOutput } from './cli-error';

export const REBUILD_USAGE = `projections rebuild [name ...]
  Replays the whole log into fresh read models (all, or the named ones), with a progress bar.
  All of them are built in a new file that then replaces the old one (restart servers that read
  the same DATA_DIR); named ones are rebuilt in place. The read models are READMODELS_DIR's
  (default DATA_DIR).
  Refused while a server with ROLES including projector runs on the same DATA_DIR.`;

export async function rebuildProjectionsCommand(
  args: string[],
  env: Environment,
  output: CliOutput,
): Promise<void> {
  const { positionals: names } = parseArgs({ args, options: {}, strict: true, allowPositionals: true });
  const settings = parseSettings(env);
  const reference = loadReferenceData(settings);

  ensurePrivateDirectory(settings.readModelsDir);
  let lock;
  try {
    lock = await acquireProjectorLock(settings.readModelsDir);
  } catch (error) {
    if (error instanceof ProjectorBusy) throw new CliError(error.message);
    throw error;
  }
  const store = await openEventStore(settings);
  const file = join(settings.readModelsDir, READ_MODELS_FILE);
  const quiet = { log: () => undefined, error: (m: string) => output.err(`${m}\n`) };
  const options = projectorOptions(settings, store, reference, quiet);
  const known = options.projections.map((projection) => projection.name);
  const unknown = names.filter((name) => !known.includes(name));
  const bar = new SingleBar({
    format: 'rebuilding [{bar}] {percentage}% | {value}/{total} events | {duration_formatted}',
    stream: process.stderr,
    noTTYOutput: false,
    hideCursor: true,
  });
  try {
    if (unknown.length > 0) {
      throw new CliError(`Unknown projection(s): ${unknown.join(', ')}; known: ${known.join(', ')}`, 2);
    }
    const started = Date.now();
    let total = 0;
    let done = 0;
    const onProgress = (applied: number, of?: number): void => {
      done = applied;
      if (of !== undefined && total === 0) {
        total = of;
        if (output.interactive) bar.start(total, 0);
      }
      if (output.interactive && total > 0) bar.update(Math.min(applied, total));
    };
    if (names.length === 0) {
      await rebuildReadModelsFile({ ...options, file, onProgress });
    } else {
      const db = openReadModels(file);
      try {
        await createProjector(settings, store, db, reference, quiet).rebuild(names, onProgress);
      } finally {
        db.close();
      }
    }
    if (output.interactive && total > 0) bar.stop();
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    output.out(
      `Rebuilt ${names.length > 0 ? names.join(', ') : `all ${known.length} projections`} from ${Math.max(done, total)} events in ${seconds} s.\n`,
    );
  } finally {
    bar.stop();
    await store.close();
    lock.release();
  }
}
