import { preparedDataDir } from './support/bench-data';
import {
  benchAnalyst,
  benchOfficer,
  benchToken,
  memoryOf,
  startBenchServer,
  waitUntilCaughtUp,
} from './support/bench-server';
import type { TokenClaims } from '@praktijklus/testing';
import { emitResult, fmt, table } from './support/report';

/** How much higher the server's resident set may top out in an export's second half than in its first (MiB). */
const FLAT_TARGET_MIB = 32;

interface ExportRun {
  rows: number;
  bytes: number;
  seconds: number;
  /** The largest resident set sampled while the file streamed. */
  peakRssMiB: number;
  /** The resident set as each tenth of the rows arrived: flat when the export streams. */
  rssByTenth: number[];
}

/** Reads a whole export as a client would, sampling the server's memory every 100 ms. */
async function runExport(
  url: string,
  pid: number,
  claims: TokenClaims,
  expected: number,
): Promise<ExportRun> {
  const token = await benchToken(claims);
  let peakRssMiB = memoryOf(pid).rssMiB;
  const sampler = setInterval(() => {
    peakRssMiB = Math.max(peakRssMiB, memoryOf(pid).rssMiB);
  }, 100);
  const started = performance.now();
  try {
    const response = await fetch(`${url}/api/v1/exports/signals.csv`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (response.status !== 200 || response.body === null) {
      throw new Error(`signals.csv: ${response.status} ${await response.text()}`);
    }
    let records = 0;
    let bytes = 0;
    const rssByTenth: number[] = [];
    for await (const chunk of response.body) {
      bytes += chunk.length;
      // The log's texts hold no line breaks, so CRLFs count records (the header included).
      for (let i = 0; i < chunk.length; i++) if (chunk[i] === 0x0a) records += 1;
      if (records - 1 >= ((rssByTenth.length + 1) * expected) / 10) rssByTenth.push(memoryOf(pid).rssMiB);
    }
    return {
      rows: records - 1,
      bytes,
      seconds: (performance.now() - started) / 1000,
      peakRssMiB,
      rssByTenth,
    };
  } finally {
    clearInterval(sampler);
  }
}

/** The signals view's totalCount for the caller: the rows the export must hold. */
async function totalCount(url: string, claims: TokenClaims): Promise<number> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { authorization: `Bearer ${await benchToken(claims)}`, 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ signals(first: 1) { totalCount } }' }),
  });
  const body = (await response.json()) as { data: { signals: { totalCount: number } } };
  return body.data.signals.totalCount;
}

/**
 * Exports: `GET /api/v1/exports/signals.csv` of every signal in the benchmark log (a million at
 * the default size) through the built server, as an analyst (all of them) and as an officer (one
 * authority's). Rows per second, and the server's resident set before and at its highest while
 * the file streamed: a streamed export keeps it flat however many rows there are.
 */
export async function exportsBench(): Promise<void> {
  const { dir, log } = await preparedDataDir('served-exports');
  const server = await startBenchServer({ DATA_DIR: dir });
  const rows: string[][] = [['export', 'rows', 'MB', 's', 'rows/s', 'RSS before MiB', 'RSS peak MiB']];
  try {
    await waitUntilCaughtUp(server.url);
    for (const [name, claims] of [
      ['analyst, every signal', benchAnalyst],
      ['officer, one authority', benchOfficer],
    ] as const) {
      const before = memoryOf(server.pid).rssMiB;
      const run = await runExport(server.url, server.pid, claims, await totalCount(server.url, claims));
      const expected = await totalCount(server.url, claims);
      if (run.rows !== expected) throw new Error(`${name}: ${run.rows} rows, the view counts ${expected}`);
      const rate = run.rows / run.seconds;
      rows.push([
        name,
        fmt(run.rows),
        fmt(run.bytes / 1e6),
        fmt(run.seconds, 1),
        fmt(rate),
        fmt(before),
        fmt(run.peakRssMiB),
      ]);
      console.log(
        `${name}: RSS MiB at each tenth of the rows: ${run.rssByTenth.map((v) => fmt(v)).join(', ')}`,
      );
      if (claims === benchAnalyst) {
        const tenths = run.rssByTenth;
        // V8 collects in a sawtooth, so single samples rise and fall; memory that followed the
        // rows would show as a higher top in the second half of the file than in the first.
        const top = (part: number[]) => (part.length > 0 ? Math.max(...part) : Number.NaN);
        const drift = tenths.length >= 10 ? top(tenths.slice(5)) - top(tenths.slice(0, 5)) : Number.NaN;
        emitResult({
          bench: 'exports',
          metric: `signals.csv rate (${fmt(log.events)} events)`,
          value: rate,
          unit: 'rows/s',
        });
        emitResult({
          bench: 'exports',
          metric: 'server RSS growth during the export (peak − before)',
          value: run.peakRssMiB - before,
          unit: 'MiB',
        });
        emitResult({
          bench: 'exports',
          metric: 'server RSS top, second half of the rows − first half',
          value: drift,
          unit: 'MiB',
          target: `≤ ${FLAT_TARGET_MIB}`,
          met: drift <= FLAT_TARGET_MIB,
        });
      }
    }
  } finally {
    await server.stop();
  }
  console.log(table(rows));
}
