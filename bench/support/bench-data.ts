import { constants, copyFileSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { parseSqlitePosition, SqliteEventStore } from '@praktijklus/event-store';
import {
  allProjections,
  HISTORY_FILE,
  historyVersionsOf,
  openHistoryProjector,
  rebuildReadModelsFile,
  versionsOf,
} from '@praktijklus/projections';
import { ReferenceData } from '@praktijklus/reference';
import { benchDir, benchEvents } from './bench-env';
import { benchLog, type BenchLog } from './bench-log.fixture';

// The server's file names under DATA_DIR (apps/server: EVENTS_FILE, READ_MODELS_FILE).
export const EVENTS_FILE = 'events.sqlite';
export const READ_MODELS_FILE = 'readmodels.sqlite';
/** Events a batch of the history's catch-up: as the server's history thread (history-thread.ts). */
const HISTORY_BATCH = 1_000;

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

/** Where time travel's history of `log` is cached. */
export function cachedHistoryOf(log: BenchLog): string {
  return log.file.replace(/\.sqlite$/, '.history.sqlite');
}

/**
 * A DATA_DIR holding the benchmark log, the read models and time travel's history caught up with
 * it, as a server would leave them: copies of the cached files (the server writes to them). A
 * server started there is in its steady state: no projection and no history to build first.
 */
export async function preparedDataDir(name: string): Promise<{ dir: string; log: BenchLog }> {
  const log = theBenchLog();
  const readModels = cachedReadModelsOf(log);
  if (!existsSync(readModels)) {
    await rebuildInto(log, readModels);
  }
  const history = cachedHistoryOf(log);
  await preparedHistory(history, log.file);
  const dir = benchDir(name);
  rmSync(dir, { recursive: true, force: true });
  benchDir(name);
  copyFileSync(log.file, join(dir, EVENTS_FILE), constants.COPYFILE_FICLONE);
  copyFileSync(readModels, join(dir, READ_MODELS_FILE), constants.COPYFILE_FICLONE);
  copyFileSync(history, join(dir, HISTORY_FILE), constants.COPYFILE_FICLONE);
  return { dir, log };
}

export function removeSqlite(file: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
}

export interface PreparedHistory {
  seconds: number;
  versions: string;
}

/**
 * Time travel's history of the log at `logFile` in `file`, built the way the server's history
 * thread builds it (`openHistoryProjector`, catching up from the start, batches of 1,000). Cached
 * with a marker beside it (`history.json` for `history.sqlite`); built again when the history's
 * versions changed.
 */
export async function preparedHistory(file: string, logFile: string): Promise<PreparedHistory> {
  const marker = file.replace(/\.sqlite$/, '.json');
  const reference = ReferenceData.load();
  const projections = allProjections({ layerOf: (authority) => reference.layerOf(authority) });
  const versions = historyVersionsOf(versionsOf(projections));
  if (existsSync(marker) && existsSync(file)) {
    const cached = JSON.parse(readFileSync(marker, 'utf8')) as PreparedHistory;
    if (cached.versions === versions) return cached;
  }
  removeSqlite(file);
  const store = SqliteEventStore.open({ file: logFile, synchronous: 'OFF' });
  const started = performance.now();
  const history = openHistoryProjector({
    file,
    store,
    projections,
    positionOrdinal: parseSqlitePosition,
    logger: quietLogger,
    batchSize: HISTORY_BATCH,
  });
  try {
    await history.projector.start();
    const head = await store.headPosition();
    if (head === undefined) throw new Error('the benchmark log is empty');
    while (!(await history.projector.waitFor(head, 60_000))) {
      const [first] = history.projector.status();
      console.log(`  history: ${first.position ?? 0} of ${head} events`);
    }
  } finally {
    await history.close();
    await store.close();
  }
  const prepared = { seconds: (performance.now() - started) / 1000, versions };
  writeFileSync(marker, JSON.stringify(prepared));
  return prepared;
}

/** Whether the history in `dir` has applied the last event of the log there, in every projection. */
export function historyAtHead(dir: string): boolean {
  const read = <T>(file: string, sql: string): T[] => {
    const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
    try {
      return db.prepare<[], T>(sql).pluck().all();
    } finally {
      db.close();
    }
  };
  try {
    const [head] = read<number | null>(join(dir, EVENTS_FILE), 'SELECT max(position) FROM events');
    const reached = read<string | null>(
      join(dir, HISTORY_FILE),
      'SELECT position FROM projector_checkpoints',
    );
    return reached.length > 0 && reached.every((position) => Number(position ?? 0) >= Number(head ?? 0));
  } catch {
    // Not yet made (its thread's first transaction).
    return false;
  }
}
