import {
  closeSync,
  constants,
  copyFileSync,
  existsSync,
  fsyncSync,
  openSync,
  linkSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { parseSqlitePosition, SqliteEventStore } from '@praktijklus/event-store';
import {
  allProjections,
  HISTORY_FILE,
  rebuildReadModelsFile,
  SnapshotKeeper,
  snapshotStoreOf,
  versionsOf,
} from '@praktijklus/projections';
import { ReferenceData } from '@praktijklus/reference';
import {
  cachedHistoryOf,
  EVENTS_FILE,
  preparedHistory,
  quietLogger,
  READ_MODELS_FILE,
  removeSqlite,
  theBenchLog,
} from './support/bench-data';
import { benchDir } from './support/bench-env';
import { benchAnalyst, benchToken, startBenchServer } from './support/bench-server';
import { emitResult, fmt, percentile, sortedCopy, table, verdict } from './support/report';
import { graphqlClient } from './views.bench';

const DAY_MS = 86_400_000;
const P95_TARGET_MS = 2000;
/** The production defaults (libs/config), unless BENCH_SNAPSHOT_INTERVAL / BENCH_SNAPSHOT_KEEP say otherwise. */
const INTERVAL = Number(process.env.BENCH_SNAPSHOT_INTERVAL ?? 50_000);
const KEEP = Number(process.env.BENCH_SNAPSHOT_KEEP ?? 12);
const ROUNDS = Number(process.env.BENCH_AS_OF_ROUNDS ?? 10);

/** The dashboard's sections and the lists, each as of `$asOf`. */
const VIEWS: Array<{ name: string; query: (asOf: string) => string }> = [
  {
    name: 'signals, first page',
    query: (asOf) =>
      `{ signals(first: 20, asOf: "${asOf}") { totalCount edges { node { id title status policyDomain } } pageInfo { endCursor } } }`,
  },
  {
    name: 'signalStats by domain × level',
    query: (asOf) =>
      `{ signalStats(groupBy: [POLICY_DOMAIN, LEVEL], asOf: "${asOf}") { key { policyDomain level } count escalatedCount } }`,
  },
  {
    name: 'signalStats per month',
    query: (asOf) =>
      `{ signalStats(groupBy: [PERIOD], bucket: MONTH, asOf: "${asOf}") { key { period } count escalatedCount } }`,
  },
  {
    name: 'normConflicts, top 10',
    query: (asOf) => `{ normConflicts(first: 10, asOf: "${asOf}") { normA { ref } normB { ref } count } }`,
  },
  {
    name: 'escalations, first page',
    query: (asOf) =>
      `{ escalations(first: 20, asOf: "${asOf}") { totalCount edges { node { id status overdue ageDays } } } }`,
  },
  {
    name: 'escalationBoard',
    query: (asOf) =>
      `{ escalationBoard(asOf: "${asOf}") { open overdue awaitingAcknowledgement oldestOpenDays } }`,
  },
  {
    name: 'accountability, all authorities',
    query: (asOf) => `{ accountability(asOf: "${asOf}") { authority escalationsReceived openOverdue } }`,
  },
  {
    name: 'feedbackLoop',
    query: (asOf) => `{ feedbackLoop(asOf: "${asOf}") { policyDomain signals escalated decided } }`,
  },
];

/** A search as of a moment: from the history's full-text index of the signals' versions. */
const SEARCH = (asOf: string): string =>
  `{ signals(first: 20, search: "warmtepomp", asOf: "${asOf}") { totalCount edges { node { id title } } } }`;

/** A live view another user asks while a new moment replays, and the pause between their requests. */
const OTHER_QUERY = '{ escalationBoard { open overdue } }';
const OTHER_GAP_MS = 20;

interface OthersDuringCold {
  /** ms until each answer, or until the request failed. */
  times: number[];
  failed: number;
}

/**
 * Awaits `pending` while asking OTHER_QUERY through `other` one request after another, each
 * `OTHER_GAP_MS` after the last answer, and adds their times to `others`: how long the rest of the
 * server's users wait while a new moment replays in the same process.
 */
async function whileAsking(
  pending: Promise<number>,
  other: (query: string) => Promise<number>,
  others: OthersDuringCold,
): Promise<number> {
  let done = false;
  const settled = pending.finally(() => {
    done = true;
  });
  const asking = (async () => {
    while (!done) {
      const started = performance.now();
      try {
        others.times.push(await other(OTHER_QUERY));
      } catch {
        others.times.push(performance.now() - started);
        others.failed += 1;
      }
      await new Promise((resolve) => setTimeout(resolve, OTHER_GAP_MS));
    }
  })();
  const [ms] = await Promise.all([settled, asking]);
  return ms;
}

interface Prepared {
  seconds: number;
  plainSeconds?: number;
}

/**
 * The benchmark log's read models rebuilt the way `projections rebuild` builds them, with the
 * projector's SnapshotKeeper at INTERVAL/KEEP taking snapshots along the log. Cached beside the log.
 */
async function preparedSnapshots(dir: string, logFile: string): Promise<Prepared> {
  const marker = join(dir, 'prepared.json');
  const reference = ReferenceData.load();
  const projections = allProjections({ layerOf: (authority) => reference.layerOf(authority) });
  // Snapshots of older projection versions are ignored by the server, which would then replay from
  // the empty base: a cache built before a version bump is built again.
  const current = versionsOf(projections);
  const cached = snapshotStoreOf(dir).list();
  if (existsSync(marker) && cached.length > 0 && cached.every((snapshot) => snapshot.versions === current))
    return JSON.parse(readFileSync(marker, 'utf8')) as Prepared;
  rmSync(join(dir, 'snapshots'), { recursive: true, force: true });
  removeSqlite(join(dir, READ_MODELS_FILE));
  const store = SqliteEventStore.open({ file: logFile, synchronous: 'OFF' });
  const keeper = new SnapshotKeeper({
    store: snapshotStoreOf(dir),
    intervalEvents: INTERVAL,
    keep: KEEP,
    comparePositions: (a, b) => store.comparePositions(a, b),
    log: (message) => console.log(`  ${message}`),
  });
  const started = performance.now();
  try {
    await rebuildReadModelsFile({
      store,
      file: join(dir, READ_MODELS_FILE),
      projections,
      positionOrdinal: parseSqlitePosition,
      logger: quietLogger,
      onBatchApplied: (db, last, applied, deferred) =>
        keeper.afterBatch(db, projections, last, applied, deferred),
    });
  } finally {
    await store.close();
  }
  const prepared = { seconds: (performance.now() - started) / 1000 };
  writeFileSync(marker, JSON.stringify(prepared));
  return prepared;
}

/**
 * asOf: the views as they stood a year before the end of the benchmark log, through a server
 * (ROLES=queries) over the log, its read models, the snapshots the projector took while rebuilding
 * them and time travel's history. A moment is cold the first time it is asked: answered from the
 * history (its versions valid at the moment), where it was replayed from the nearest snapshot before.
 * A search is answered from the history's full-text index of the signals' versions.
 * Five moments around a year back, each: one cold request, one search, then every view ROUNDS times.
 */
export async function asOfBench(): Promise<void> {
  const log = theBenchLog();
  const dir = benchDir(`as-of-${log.events}-i${INTERVAL}-k${KEEP}`);
  const prepared = await preparedSnapshots(dir, log.file);
  // The log's history, as the other benchmarks' servers get it: linked, the server only reads it.
  const history = await preparedHistory(cachedHistoryOf(log), log.file);
  removeSqlite(join(dir, HISTORY_FILE));
  linkSync(cachedHistoryOf(log), join(dir, HISTORY_FILE));
  console.log(
    `time travel's history built in ${fmt(history.seconds)} s: ${fmt(statSync(join(dir, HISTORY_FILE)).size / 2 ** 30, 1)} GiB`,
  );
  const snapshots = snapshotStoreOf(dir).list();
  const bytes = snapshots.reduce((sum, snapshot) => sum + statSync(snapshot.file).size, 0);
  console.log(
    `read models with snapshots built in ${fmt(prepared.seconds)} s (SNAPSHOT_INTERVAL_EVENTS=${INTERVAL}, SNAPSHOT_KEEP=${KEEP}): ` +
      `${snapshots.length} snapshots, ${fmt(bytes / 2 ** 30, 1)} GiB, at positions ${snapshots.map((s) => s.position).join(', ')}`,
  );

  const events = new BetterSqlite3(log.file, { readonly: true });
  const lastRecordedAt = events
    .prepare('SELECT recorded_at FROM events ORDER BY position DESC LIMIT 1')
    .pluck()
    .get() as string;
  const yearBack = Date.parse(lastRecordedAt) - 365 * DAY_MS;
  const positionAt = (at: number): number =>
    events
      .prepare('SELECT max(position) FROM events WHERE recorded_at <= ?')
      .pluck()
      .get(new Date(at).toISOString()) as number;
  const moments = [0, DAY_MS, -2 * DAY_MS, 5 * 3_600_000, 10 * DAY_MS].map((offset) => yearBack + offset);

  const dataDir = benchDir('as-of-server');
  for (const name of [EVENTS_FILE, `${EVENTS_FILE}-wal`, `${EVENTS_FILE}-shm`])
    rmSync(join(dataDir, name), { force: true });
  // A copy: the server opens the log with its own write-ahead log files, apart from the cached one's.
  copyFileSync(log.file, join(dataDir, EVENTS_FILE), constants.COPYFILE_FICLONE);
  // Written out before the first question, whose reads would otherwise queue behind 1.5 GB of it.
  const copied = openSync(join(dataDir, EVENTS_FILE), 'r');
  fsyncSync(copied);
  closeSync(copied);
  const server = await startBenchServer({ DATA_DIR: dataDir, READMODELS_DIR: dir, ROLES: 'queries' });
  const token = await benchToken(benchAnalyst);
  const ask = graphqlClient(server.url, token);
  // Another user meanwhile, on a connection of their own, asking a live view (no asOf).
  const other = graphqlClient(server.url, token);
  const othersDuringCold: OthersDuringCold = { times: [], failed: 0 };
  const cold: number[] = [];
  const searches: number[] = [];
  const warm = new Map<string, number[]>(VIEWS.map((view) => [view.name, []]));
  const all: number[] = [];
  const rows: string[][] = [
    ['moment', 'log position', 'nearest snapshot', 'events after it', 'cold ms', 'search ms'],
  ];
  try {
    for (const at of moments) {
      const asOf = new Date(at).toISOString();
      const position = positionAt(at);
      const base = [...snapshots].reverse().find((snapshot) => snapshot.recordedAtMs <= at);
      const basePosition = base?.position === null || base === undefined ? 0 : Number(base.position);
      const first = await ask(VIEWS[0].query(asOf));
      cold.push(first);
      all.push(first);
      const search = await whileAsking(ask(SEARCH(asOf)), other, othersDuringCold);
      searches.push(search);
      all.push(search);
      rows.push([
        asOf,
        fmt(position),
        fmt(basePosition),
        fmt(position - basePosition),
        fmt(first),
        fmt(search),
      ]);
      for (let round = 0; round < ROUNDS; round += 1) {
        for (const view of VIEWS) {
          const ms = await ask(view.query(asOf));
          warm.get(view.name)?.push(ms);
          all.push(ms);
        }
      }
    }
  } finally {
    await server.stop();
    events.close();
  }
  console.log(table(rows));
  const viewRows: string[][] = [['view (warm: the moment already open)', 'p50 ms', 'p95 ms']];
  for (const [name, times] of warm) {
    const sorted = sortedCopy(times);
    viewRows.push([name, fmt(percentile(sorted, 50), 1), fmt(percentile(sorted, 95), 1)]);
  }
  console.log(table(viewRows));
  const othersSorted = sortedCopy(othersDuringCold.times);
  console.log(
    `another user's live request while a search at a new moment is answered (${othersSorted.length}, ${othersDuringCold.failed} failed, ` +
      `one every ${OTHER_GAP_MS} ms): ` +
      `p50 ${fmt(percentile(othersSorted, 50), 1)} ms, p99 ${fmt(percentile(othersSorted, 99), 1)} ms, ` +
      `max ${fmt(othersSorted[othersSorted.length - 1] ?? 0, 1)} ms`,
  );
  const searchSorted = sortedCopy(searches);
  console.log(
    `a search at a new moment: p50 ${fmt(percentile(searchSorted, 50))} ms, ` +
      `max ${fmt(searchSorted[searchSorted.length - 1] ?? 0)} ms`,
  );
  const coldSorted = sortedCopy(cold);
  const allSorted = sortedCopy(all);
  const coldP95 = percentile(coldSorted, 95);
  const allP95 = percentile(allSorted, 95);
  console.log(
    `cold (a new moment): p50 ${fmt(percentile(coldSorted, 50))} ms, p95 ${fmt(coldP95)} ms — ${verdict(coldP95 <= P95_TARGET_MS)} against ≤ ${P95_TARGET_MS}`,
  );
  console.log(
    `every asOf request (${all.length}: ${cold.length} cold, ${searches.length} searches, the rest warm): p50 ${fmt(percentile(allSorted, 50), 1)} ms, p95 ${fmt(allP95, 1)} ms — ${verdict(allP95 <= P95_TARGET_MS)}`,
  );
  emitResult({
    bench: 'as-of',
    metric: 'cold p95 (a year back)',
    value: coldP95,
    unit: 'ms',
    target: `≤ ${P95_TARGET_MS}`,
    met: coldP95 <= P95_TARGET_MS,
  });
  emitResult({
    bench: 'as-of',
    metric: 'all requests p95 (a year back)',
    value: allP95,
    unit: 'ms',
    target: `≤ ${P95_TARGET_MS}`,
    met: allP95 <= P95_TARGET_MS,
  });
  emitResult({
    bench: 'as-of',
    metric: "another user's live request during a new moment, p99",
    value: percentile(othersSorted, 99),
    unit: 'ms',
  });
}
