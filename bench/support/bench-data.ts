import { constants, copyFileSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseSqlitePosition, SqliteEventStore } from '@praktijklus/event-store';
import { allProjections, rebuildReadModelsFile } from '@praktijklus/projections';
import { ReferenceData } from '@praktijklus/reference';
import { benchDir, benchEvents } from './bench-env';
import { benchLog, type BenchLog } from './bench-log.fixture';

// The server's file names under DATA_DIR (apps/server: EVENTS_FILE, READ_MODELS_FILE).
export const EVENTS_FILE = 'events.sqlite';
export const READ_MODELS_FILE = 'readmodels.sqlite';

/** The cached benchmark log for BENCH_EVENTS. */
export function theBenchLog(): BenchLog {
  return benchLog(join(benchDir('fixtures'), 'events.sqlite'), benchEvents());
}

/** Where the read models rebuilt from `log` are cached. */
export function cachedReadModelsOf(log: BenchLog): string {
  return log.file.replace(/\.sqlite$/, '.readmodels.sqlite');
}

export const quietLogger = { log: () => undefined, error: (message: string) => console.error(message) };

/**
 * Replays `log` into a new read-model file at `file` the way `projections rebuild` does
 * (`rebuildReadModelsFile`, which rejects when a projection halts); returns the elapsed ms.
 */
async function rebuildInto(log: BenchLog, file: string): Promise<number> {
  removeSqlite(file);
  const store = SqliteEventStore.open({ file: log.file, synchronous: 'OFF' });
  const reference = ReferenceData.load();
  const started = performance.now();
  try {
    await rebuildReadModelsFile({
      store,
      file,
      projections: allProjections({ layerOf: (authority) => reference.layerOf(authority) }),
      positionOrdinal: parseSqlitePosition,
      logger: quietLogger,
    });
    return performance.now() - started;
  } finally {
    await store.close();
  }
}

/**
 * A DATA_DIR holding the benchmark log and read models caught up with it, as a server would
 * leave them: copies of the cached files (the server writes to them).
 */
export async function preparedDataDir(name: string): Promise<{ dir: string; log: BenchLog }> {
  const log = theBenchLog();
  const readModels = cachedReadModelsOf(log);
  if (!existsSync(readModels)) {
    await rebuildInto(log, readModels);
  }
  const dir = benchDir(name);
  rmSync(dir, { recursive: true, force: true });
  benchDir(name);
  copyFileSync(log.file, join(dir, EVENTS_FILE), constants.COPYFILE_FICLONE);
  copyFileSync(readModels, join(dir, READ_MODELS_FILE), constants.COPYFILE_FICLONE);
  return { dir, log };
}

export function removeSqlite(file: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
}
