import { spawnSync } from 'node:child_process';
import { constants, copyFileSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { SqliteEventStore } from '@praktijklus/event-store';
import { benchDir } from './support/bench-env';
import type { BenchLog } from './support/bench-log.fixture';
import {
  cachedReadModelsOf,
  EVENTS_FILE,
  READ_MODELS_FILE,
  removeSqlite,
  theBenchLog,
} from './support/bench-data';
import { emitResult, fmt, ratio, table, verdict } from './support/report';

const PAGE = 5000;
/** Issue 15: a rebuild of every read model at 0.2 × the raw read or better, in at most 300 MB. */
const TARGET = 0.2;
const MEMORY_TARGET_MB = 300;
const MB_PER_MIB = 1.048576;
const ROOT = join(__dirname, '..');

/**
 * The rebuild as the product runs it: the built CLI's `projections rebuild` in a process of its own
 * (`prebench` builds it) on a copy of the log, time travel's snapshots off (they are the `as-of`
 * benchmark's). Answers its milliseconds, the process's peak resident set in MiB (VmHWM, written by
 * `bench/support/peak-memory.js` as it exits: every byte it ever held, not a sample) and the file.
 */
function rebuildWithCli(log: BenchLog, dir: string): { ms: number; peakMiB: number; file: string } {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  copyFileSync(log.file, join(dir, EVENTS_FILE), constants.COPYFILE_FICLONE);
  const started = performance.now();
  const child = spawnSync(
    process.execPath,
    [
      '--require',
      join(ROOT, 'bench/support/peak-memory.js'),
      join(ROOT, 'dist/apps/cli/src/main.js'),
      'projections',
      'rebuild',
    ],
    {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: dir, SNAPSHOT_INTERVAL_EVENTS: '0' },
      encoding: 'utf8',
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  const ms = performance.now() - started;
  const peakKiB = /^peak-memory-kib (\d+)$/m.exec(child.stderr)?.[1];
  if (child.status !== 0 || peakKiB === undefined) {
    throw new Error(
      `the rebuild failed (${child.status ?? child.signal}):\n${child.stdout}\n${child.stderr}`,
    );
  }
  return { ms, peakMiB: Number(peakKiB) / 1024, file: join(dir, READ_MODELS_FILE) };
}

/** Reads the whole log in global order through the store (rows parsed into events), as fast as it goes. */
async function readWholeLog(file: string): Promise<{ events: number; ms: number }> {
  const store = SqliteEventStore.open({ file, synchronous: 'OFF' });
  const started = performance.now();
  let events = 0;
  let from: string | undefined;
  for (;;) {
    const page = await store.readAll({ ...(from === undefined ? {} : { from }), limit: PAGE });
    const last = page[page.length - 1];
    if (last === undefined) break;
    events += page.length;
    from = last.position;
  }
  const ms = performance.now() - started;
  await store.close();
  return { events, ms };
}

/** The floor under any reader: SQLite stepping over every row, nothing parsed. */
function scanRows(file: string): { events: number; ms: number } {
  const db = new BetterSqlite3(file, { readonly: true });
  const started = performance.now();
  let events = 0;
  for (const row of db.prepare('SELECT * FROM events ORDER BY position').raw().iterate()) {
    if (row !== undefined) events += 1;
  }
  const ms = performance.now() - started;
  db.close();
  return { events, ms };
}

/**
 * Rebuild: the product's projector replaying the whole log into fresh read models (every
 * projection) against a raw sequential read of the same log through the store. The raw read runs
 * before and after the rebuild; the faster of the two is the baseline.
 */
export async function rebuildBench(): Promise<void> {
  const log = theBenchLog();
  console.log(
    `log: ${fmt(log.events)} events (${fmt(log.signals)} signals, ${fmt(log.escalations)} escalations)`,
  );
  scanRows(log.file);
  const first = await readWholeLog(log.file);
  const scan = scanRows(log.file);
  const { ms: rebuildMs, peakMiB, file: target } = rebuildWithCli(log, benchDir('rebuild'));
  const peakMB = peakMiB * MB_PER_MIB;
  const second = await readWholeLog(log.file);
  const raw = first.ms <= second.ms ? first : second;

  const perSecond = (events: number, ms: number) => (events / ms) * 1000;
  const rawRate = perSecond(raw.events, raw.ms);
  const rebuildRate = perSecond(log.events, rebuildMs);
  const value = rebuildRate / rawRate;
  console.log(
    table([
      ['rebuild', 'events', 'seconds', 'events/s'],
      [
        'SQL scan, nothing parsed (floor)',
        fmt(scan.events),
        fmt(scan.ms / 1000, 1),
        fmt(perSecond(scan.events, scan.ms)),
      ],
      ['raw sequential read (store.readAll)', fmt(raw.events), fmt(raw.ms / 1000, 1), fmt(rawRate)],
      [
        'projections rebuild, the CLI (every read model)',
        fmt(log.events),
        fmt(rebuildMs / 1000, 1),
        fmt(rebuildRate),
      ],
    ]),
  );
  console.log(`rebuild / raw read = ${ratio(value)} (target ≥ ${TARGET}: ${verdict(value >= TARGET)})`);
  console.log(
    `peak RSS of the rebuilding process (its own, VmHWM): ${fmt(peakMiB)} MiB = ${fmt(peakMB)} MB (target ≤ ${MEMORY_TARGET_MB} MB: ${verdict(peakMB <= MEMORY_TARGET_MB)})`,
  );
  emitResult({ bench: 'rebuild', metric: 'rebuild events/s', value: rebuildRate, unit: 'events/s' });
  emitResult({ bench: 'rebuild', metric: 'raw read events/s', value: rawRate, unit: 'events/s' });
  emitResult({
    bench: 'rebuild',
    metric: 'rebuild / raw read',
    value,
    unit: 'ratio',
    target: `≥ ${TARGET}`,
    met: value >= TARGET,
  });
  emitResult({
    bench: 'rebuild',
    metric: 'rebuild peak RSS (its own process)',
    value: peakMB,
    unit: 'MB',
    target: `≤ ${MEMORY_TARGET_MB}`,
    met: peakMB <= MEMORY_TARGET_MB,
  });
  // The rebuilt read models are what the views and memory benchmarks serve.
  const cached = cachedReadModelsOf(log);
  removeSqlite(cached);
  renameSync(target, cached);
  rmSync(benchDir('rebuild'), { recursive: true, force: true });
}
