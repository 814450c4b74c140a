import { rmSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { preparedDataDir, READ_MODELS_FILE } from './support/bench-data';
import {
  benchAnalyst,
  benchOfficer,
  benchToken,
  memoryOf,
  startBenchServer,
  waitUntilCaughtUp,
} from './support/bench-server';
import { emitResult, fmt, table, verdict } from './support/report';

/** ARCHITECTURE.md and issue 15: at most 300 MB serving, and while projecting the whole log itself. */
const TARGET_MB = 300;
const MB_PER_MIB = 1.048576;

const VIEW_QUERIES = [
  '{ signals(first: 100) { totalCount edges { node { id title description norms { ref } } } } }',
  '{ signals(first: 20, search: "warmtepomp") { totalCount edges { node { id } } } }',
  '{ signalStats(groupBy: [AUTHORITY, PERIOD], bucket: MONTH) { key { authority period } count } }',
  '{ normConflicts(first: 100) { normA { ref } normB { ref } count } }',
  '{ escalations(first: 100) { totalCount edges { node { id status } } } }',
  '{ accountability { authority escalationsReceived medianDaysToDecision } }',
  '{ feedbackLoop { policyDomain signals decided medianDaysToDecision } }',
];

/**
 * Memory: the server's resident set with the benchmark log (a million events at the default size)
 * and its read models — once ready, after every view was asked, after 5 s of intake — and its
 * peak. With BENCH_MEMORY_CATCHUP=1 also a server that projects the whole log itself from empty
 * read models, the most memory-hungry thing it does.
 */
export async function memoryBench(): Promise<void> {
  const { dir, log } = await preparedDataDir('served-memory');
  const rows: string[][] = [['server', 'RSS MiB', 'peak MiB']];
  const server = await startBenchServer({ DATA_DIR: dir });
  let peak = 0;
  let catchUpPeak: number | undefined;
  try {
    await waitUntilCaughtUp(server.url);
    const ready = memoryOf(server.pid);
    rows.push([`ready, ${fmt(log.events)} events in the log`, fmt(ready.rssMiB), fmt(ready.peakMiB)]);
    const analyst = await benchToken(benchAnalyst);
    for (let round = 0; round < 3; round += 1) {
      for (const query of VIEW_QUERIES) {
        const response = await fetch(`${server.url}/graphql`, {
          method: 'POST',
          headers: { authorization: `Bearer ${analyst}`, 'content-type': 'application/json' },
          body: JSON.stringify({ query }),
        });
        if (response.status !== 200) throw new Error(`${query}: ${response.status} ${await response.text()}`);
        await response.arrayBuffer();
      }
    }
    const viewed = memoryOf(server.pid);
    rows.push(['after every view, three times', fmt(viewed.rssMiB), fmt(viewed.peakMiB)]);
    await autocannon({
      url: `${server.url}/api/v1/signals`,
      method: 'POST',
      connections: 50,
      duration: 5,
      headers: {
        authorization: `Bearer ${await benchToken(benchOfficer)}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        type: 'BARRIER',
        title: 'Warmtepomp past niet in het omgevingsplan',
        description: 'De geluidsnorm voor installaties maakt een warmtepomp onmogelijk.',
        policyDomain: 'building',
        level: 'POLICY',
        initiativeKind: 'CITIZEN_INITIATIVE',
        observedAt: '2025-03-04',
        authorities: ['gm0344'],
        norms: [],
      }),
    });
    await waitUntilCaughtUp(server.url);
    const loaded = memoryOf(server.pid);
    rows.push(['after 5 s of intake (50 connections)', fmt(loaded.rssMiB), fmt(loaded.peakMiB)]);
    peak = Math.max(peak, loaded.peakMiB);
  } finally {
    await server.stop();
  }

  if (process.env.BENCH_MEMORY_CATCHUP === '1') {
    const { dir: empty } = await preparedDataDir('served-catchup');
    for (const suffix of ['', '-wal', '-shm'])
      rmSync(join(empty, `${READ_MODELS_FILE}${suffix}`), { force: true });
    const catchingUp = await startBenchServer({ DATA_DIR: empty });
    try {
      const seconds = await waitUntilCaughtUp(catchingUp.url);
      const caughtUp = memoryOf(catchingUp.pid);
      rows.push([
        `projected the whole log itself (${fmt(seconds)} s)`,
        fmt(caughtUp.rssMiB),
        fmt(caughtUp.peakMiB),
      ]);
      catchUpPeak = caughtUp.peakMiB;
    } finally {
      await catchingUp.stop();
    }
  }
  console.log(table(rows));
  const figures: Array<[string, number]> = [['peak server RSS, serving', peak]];
  if (catchUpPeak !== undefined)
    figures.push(['peak server RSS, catching up with the whole log', catchUpPeak]);
  for (const [metric, mib] of figures) {
    const mb = mib * MB_PER_MIB;
    console.log(
      `${metric}: ${fmt(mib)} MiB = ${fmt(mb)} MB (target ≤ ${TARGET_MB} MB: ${verdict(mb <= TARGET_MB)})`,
    );
    emitResult({
      bench: 'memory',
      metric,
      value: mb,
      unit: 'MB',
      target: `≤ ${TARGET_MB}`,
      met: mb <= TARGET_MB,
    });
  }
}
