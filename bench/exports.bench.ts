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

/** Growth of the server's resident set while a whole export streams, at most (MiB). */
const FLAT_TARGET_MIB = 64;

interface ExportRun {
  rows: number;
  bytes: number;
  seconds: number;
  /** The largest resident set sampled while the file streamed. */
  peakRssMiB: number;
}

/** Reads a whole export as a client would, sampling the server's memory every 100 ms. */
async function runExport(url: string, pid: number, claims: TokenClaims): Promise<ExportRun> {
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
    for await (const chunk of response.body) {
      bytes += chunk.length;
      // The log's texts hold no line breaks, so CRLFs count records (the header included).
      for (let i = 0; i < chunk.length; i++) if (chunk[i] === 0x0a) records += 1;
    }
    return { rows: records - 1, bytes, seconds: (performance.now() - started) / 1000, peakRssMiB };
  } finally {
    clearInterval(sampler);
  }
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
      const run = await runExport(server.url, server.pid, claims);
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
      if (claims === benchAnalyst) {
        const growth = run.peakRssMiB - before;
        emitResult({
          bench: 'exports',
          metric: `signals.csv rate (${fmt(log.events)} events)`,
          value: rate,
          unit: 'rows/s',
        });
        emitResult({
          bench: 'exports',
          metric: 'server RSS growth during the export',
          value: growth,
          unit: 'MiB',
          target: `≤ ${FLAT_TARGET_MIB}`,
          met: growth <= FLAT_TARGET_MIB,
        });
      }
    }
  } finally {
    await server.stop();
  }
  console.log(table(rows));
}
