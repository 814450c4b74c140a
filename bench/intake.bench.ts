import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { benchDir, benchSeconds } from './support/bench-env';
import { HISTORY_FILE } from '@praktijklus/projections';
import { historyAtHead, preparedDataDir } from './support/bench-data';
import {
  benchOfficer,
  benchToken,
  memoryOf,
  startBenchServer,
  waitUntilCaughtUp,
  waitUntilReactorAtHead,
  waitUntilSettled,
} from './support/bench-server';
import { emitResult, fmt, ratio, table, verdict } from './support/report';

const CONNECTIONS = 50;
/** Issue 15: the whole stack against the bare route, against the minimal peer, and its p99. */
const TARGET_BARE = 0.15;
const TARGET_MINIMAL = 0.5;
const TARGET_P99_MS = 30;

const signalBody = JSON.stringify({
  type: 'CONFLICTING_NORMS',
  title: 'Zonnepanelen op monumentaal pand geweigerd door tegenstrijdige normen',
  description:
    'De energie-eis uit het Bbl vraagt zonnepanelen; het omgevingsplan verbiedt zichtbare installaties op monumenten.',
  policyDomain: 'heritage',
  level: 'IMPLEMENTATION',
  initiativeKind: 'CITIZEN_INITIATIVE',
  observedAt: '2025-11-03',
  authorities: ['gm0344', 'pv26'],
  norms: [
    { ref: 'Bbl art. 4.101', title: 'Energieprestatie bij verbouw' },
    { ref: 'Omgevingsplan art. 5.12' },
  ],
  location: { municipality: 'gm0344', lat: 52.0907, lon: 5.1214 },
});

export interface Load {
  rate: number;
  p50: number;
  p99: number;
  total: number;
  non2xx: number;
  errors: number;
}

/** One row a measured case: rate, latencies, counts. */
export const loadTable = (heading: string, cases: ReadonlyArray<readonly [string, Load]>): string =>
  table([
    [heading, 'req/s', 'p50 ms', 'p99 ms', 'requests', 'non-2xx', 'errors'],
    ...cases.map(([name, r]) => [
      name,
      fmt(r.rate),
      fmt(r.p50, 1),
      fmt(r.p99, 1),
      fmt(r.total),
      fmt(r.non2xx),
      fmt(r.errors),
    ]),
  ]);

export async function load(url: string, token: string, seconds: number): Promise<Load> {
  const result = await autocannon({
    url: `${url}/api/v1/signals`,
    method: 'POST',
    connections: CONNECTIONS,
    duration: seconds,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: signalBody,
  });
  return {
    rate: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    total: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

/** Not copied with a settled data folder: the locks of the server that settled it. */
const isLock = (file: string): boolean => file.endsWith('.lock') || file.endsWith('-journal');

/** Waits until the history's thread of the server on `dir` has applied the log's last event. */
async function waitUntilHistoryAtHead(dir: string, timeoutMs = 3_600_000): Promise<void> {
  const started = performance.now();
  while (!historyAtHead(dir)) {
    if (performance.now() - started > timeoutMs) throw new Error("time travel's history did not catch up");
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/**
 * A fresh copy of the benchmark data as a settled server leaves it: projector and reactor at the
 * head, every deadline of the fixture that has passed recorded (`reactor.sqlite` included). The
 * first call settles a server on the fixture, which takes minutes (the reactor replays the whole
 * log, then records the passed deadlines one scan at a time), and keeps the folder next to the
 * fixture; later calls and runs copy it.
 */
async function settledDataDir(name: string): Promise<{ dir: string; events: number }> {
  const { dir, log } = await preparedDataDir(name);
  const cache = `${log.file.replace(/\.sqlite$/, '')}.settled`;
  // A folder settled before servers kept a history is settled again.
  if (!existsSync(join(cache, 'settled')) || !existsSync(join(cache, HISTORY_FILE))) {
    // A deadline scan every second instead of every minute: recording a passed deadline can raise the next
    // one up the chain, so the fixture's two years of history take many scans to settle.
    const server = await startBenchServer({ DATA_DIR: dir, DEADLINE_SCAN_INTERVAL_MS: '1000' });
    try {
      console.log(`settling a server on the fixture (once): ${fmt(await waitUntilSettled(server.url))} s`);
      await waitUntilHistoryAtHead(dir);
    } finally {
      await server.stop();
    }
    rmSync(cache, { recursive: true, force: true });
    mkdirSync(cache, { recursive: true });
    for (const file of readdirSync(dir).filter((f) => !isLock(f)))
      copyFileSync(join(dir, file), join(cache, file));
    writeFileSync(join(cache, 'settled'), new Date().toISOString());
  }
  rmSync(dir, { recursive: true, force: true });
  benchDir(name);
  for (const file of readdirSync(cache).filter((f) => f !== 'settled'))
    copyFileSync(join(cache, file), join(dir, file));
  return { dir, events: log.events };
}

/**
 * Intake: `POST /api/v1/signals` through the whole server (JWT auth, validation, the decider,
 * append with synchronous=FULL, the projector following in the same server) against two
 * baselines under autocannon with 50 connections, on the same machine one after the other: a bare
 * Fastify route answering a constant, and the minimal peer (Fastify + jose + Ajv + a group-commit
 * insert with FULL, `bench/support/minimal-intake.main.ts`). The server holds the benchmark log
 * (BENCH_EVENTS) when it starts. With BENCH_INTAKE_INLINE=1 the whole stack is measured a second
 * time with the projector and the reactor on the request loop (BACKGROUND_THREAD=main), side by side;
 * with BENCH_INTAKE_NO_HISTORY=1 also without time travel's history (TIME_TRAVEL_HISTORY=off), what
 * keeping it costs intake (its thread applies each event after the projector, at the lowest priority);
 * with BENCH_INTAKE_COLD=1 also while the reactor still replays the log (measured once /ready shows
 * the projections caught up, not the reactor): the whole stack's target is about the settled server.
 */
export async function intakeBench(): Promise<void> {
  const seconds = benchSeconds(10);
  let events = 0;
  const token = await benchToken(benchOfficer);
  const cases: Array<[string, Load]> = [];
  const bare = await startBenchServer({}, 'bench/support/bare-route.main.ts');
  try {
    await load(bare.url, token, 2);
    cases.push(['bare Fastify route (constant)', await load(bare.url, token, seconds)]);
  } finally {
    await bare.stop();
  }
  const minimal = await startBenchServer(
    { DATA_DIR: benchDir('minimal-intake') },
    'bench/support/minimal-intake.main.ts',
  );
  try {
    await load(minimal.url, token, 2);
    cases.push(['minimal peer (jose, Ajv, group commit, FULL)', await load(minimal.url, token, seconds)]);
  } finally {
    await minimal.stop();
  }
  // The target is about the steady state: projector and reactor caught up, nothing overdue left to record.
  const variants: Array<[string, Record<string, string>, boolean]> = [
    ['POST /api/v1/signals (whole stack, FULL, settled)', {}, true],
  ];
  if (process.env.BENCH_INTAKE_COLD === '1')
    variants.push(['whole stack, reactor still catching up', {}, false]);
  if (process.env.BENCH_INTAKE_NO_HISTORY === '1')
    variants.push(["whole stack, without time travel's history", { TIME_TRAVEL_HISTORY: 'off' }, true]);
  if (process.env.BENCH_INTAKE_INLINE === '1')
    variants.push([
      'whole stack, projector and reactor on the request loop',
      { BACKGROUND_THREAD: 'main' },
      true,
    ]);
  let memory = { rssMiB: Number.NaN, peakMiB: Number.NaN };
  for (const [name, env, settle] of variants) {
    // Each on a fresh copy of the same data: the one before must not have done the reactor's catch-up for it.
    const data = settle ? await settledDataDir('served-intake') : await preparedDataDir('served-intake');
    events = 'events' in data ? data.events : data.log.events;
    const server = await startBenchServer({ DATA_DIR: data.dir, ...env });
    try {
      await waitUntilCaughtUp(server.url);
      if (settle) await waitUntilReactorAtHead(server.url);
      if (settle && env.TIME_TRAVEL_HISTORY !== 'off') await waitUntilHistoryAtHead(data.dir);
      await load(server.url, token, 2);
      cases.push([name, await load(server.url, token, seconds)]);
      if (cases.length === 3) memory = memoryOf(server.pid);
    } finally {
      await server.stop();
    }
  }
  const [, baseline] = cases[0] as [string, Load];
  const [, peer] = cases[1] as [string, Load];
  const [, intake] = cases[2] as [string, Load];
  console.log(`server log at start: ${fmt(events)} events; ${CONNECTIONS} connections, ${seconds} s each`);
  console.log(loadTable('intake', cases));
  const ofBare = intake.rate / baseline.rate;
  const ofMinimal = intake.rate / peer.rate;
  console.log(
    `whole stack / bare route = ${ratio(ofBare)} (target ≥ ${TARGET_BARE}: ${verdict(ofBare >= TARGET_BARE)})`,
  );
  console.log(
    `whole stack / minimal peer = ${ratio(ofMinimal)} (target ≥ ${TARGET_MINIMAL}: ${verdict(ofMinimal >= TARGET_MINIMAL)})`,
  );
  console.log(
    `whole stack p99 = ${fmt(intake.p99, 1)} ms (target ≤ ${TARGET_P99_MS} ms: ${verdict(intake.p99 <= TARGET_P99_MS)})`,
  );
  console.log(`server RSS after intake: ${fmt(memory.rssMiB)} MiB (peak ${fmt(memory.peakMiB)} MiB)`);
  if (cases.some(([, r]) => r.non2xx > 0 || r.errors > 0))
    console.log('warning: a load had refusals or errors');
  emitResult({ bench: 'intake', metric: 'intake req/s', value: intake.rate, unit: 'req/s' });
  emitResult({ bench: 'intake', metric: 'intake p50 latency', value: intake.p50, unit: 'ms' });
  emitResult({
    bench: 'intake',
    metric: 'intake p99 latency',
    value: intake.p99,
    unit: 'ms',
    target: `≤ ${TARGET_P99_MS}`,
    met: intake.p99 <= TARGET_P99_MS,
  });
  emitResult({ bench: 'intake', metric: 'bare route req/s', value: baseline.rate, unit: 'req/s' });
  emitResult({ bench: 'intake', metric: 'minimal peer req/s', value: peer.rate, unit: 'req/s' });
  if (cases[3])
    emitResult({
      bench: 'intake',
      metric: `intake, ${cases[3][0]} req/s`,
      value: cases[3][1].rate,
      unit: 'req/s',
    });
  emitResult({
    bench: 'intake',
    metric: 'intake / bare route',
    value: ofBare,
    unit: 'ratio',
    target: `≥ ${TARGET_BARE}`,
    met: ofBare >= TARGET_BARE,
  });
  emitResult({
    bench: 'intake',
    metric: 'intake / minimal peer',
    value: ofMinimal,
    unit: 'ratio',
    target: `≥ ${TARGET_MINIMAL}`,
    met: ofMinimal >= TARGET_MINIMAL,
  });
}
