import { spawnSync } from 'node:child_process';
import { renameSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { SqliteEventStore } from '@praktijklus/event-store';
import { benchDir } from './support/bench-env';
import { cachedReadModelsOf, removeSqlite, theBenchLog } from './support/bench-data';
import { emitResult, fmt, ratio, table, verdict } from './support/report';

const PAGE = 5000;
/** Issue 15: a rebuild of every read model at 0.2 × the raw read or better, in at most 300 MB. */
const TARGET = 0.2;
const MEMORY_TARGET_MB = 300;
const MB_PER_MIB = 1.048576;
const ROOT = join(__dirname, '..');

/**
 * The rebuild in a child process, as the CLI runs it, so that its peak memory is its own and not
 * the raw reads' garbage of this process; answers its milliseconds and peak resident set in MiB.
 */
function rebuildInOwnProcess(target: string): { ms: number; peakMiB: number } {
  const child = spawnSync(
    process.execPath,
    [
      '-r',
      join(ROOT, 'libs/testing/src/ts-register.js'),
      join(ROOT, 'bench/support/rebuild-process.ts'),
      target,
    ],
    { cwd: ROOT, env: process.env, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
  );
  const last = child.stdout.trim().split('\n').at(-1) ?? '';
  if (child.status !== 0 || !last.startsWith('{')) {
    throw new Error(`the rebuild process failed (${child.status ?? child.signal}):\n${child.stderr}`);
  }
  return JSON.parse(last) as { ms: number; peakMiB: number };
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
  const target = join(benchDir('rebuild'), 'readmodels.sqlite');
  const { ms: rebuildMs, peakMiB } = rebuildInOwnProcess(target);
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
        'full projection rebuild (8 read models)',
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
}
