import autocannon from 'autocannon';
import { benchSeconds } from './support/bench-env';
import { preparedDataDir } from './support/bench-data';
import {
  benchOfficer,
  benchToken,
  memoryOf,
  startBenchServer,
  waitUntilCaughtUp,
} from './support/bench-server';
import { emitResult, fmt, ratio, table, verdict } from './support/report';

const CONNECTIONS = 50;
const TARGET = 0.5;

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

interface Load {
  rate: number;
  p50: number;
  p99: number;
  total: number;
  non2xx: number;
  errors: number;
}

async function load(url: string, token: string, seconds: number): Promise<Load> {
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

/**
 * Intake: `POST /api/v1/signals` through the whole server (JWT auth, validation, the decider,
 * append with synchronous=FULL, the projector following in the same process) against a bare
 * Fastify route answering a constant, both under autocannon with 50 connections, on the same
 * machine one after the other. The server holds the benchmark log (BENCH_EVENTS) when it starts.
 */
export async function intakeBench(): Promise<void> {
  const seconds = benchSeconds(10);
  const { dir, log } = await preparedDataDir('served-intake');
  const token = await benchToken(benchOfficer);
  const bare = await startBenchServer({}, 'bench/support/bare-route.main.ts');
  const server = await startBenchServer({ DATA_DIR: dir }).catch(async (error: unknown) => {
    await bare.stop();
    throw error;
  });
  try {
    await waitUntilCaughtUp(server.url);
    // Warm both (JIT, connection pools, page cache) before measuring.
    await load(bare.url, token, 2);
    await load(server.url, token, 2);
    const baseline = await load(bare.url, token, seconds);
    const intake = await load(server.url, token, seconds);
    const memory = memoryOf(server.pid);
    const value = intake.rate / baseline.rate;
    console.log(
      `server log at start: ${fmt(log.events)} events; ${CONNECTIONS} connections, ${seconds} s each`,
    );
    console.log(
      table([
        ['intake', 'req/s', 'p50 ms', 'p99 ms', 'requests', 'non-2xx', 'errors'],
        ...(
          [
            ['bare Fastify route (constant)', baseline],
            ['POST /api/v1/signals (whole stack, FULL)', intake],
          ] as const
        ).map(([name, r]) => [
          name,
          fmt(r.rate),
          fmt(r.p50, 1),
          fmt(r.p99, 1),
          fmt(r.total),
          fmt(r.non2xx),
          fmt(r.errors),
        ]),
      ]),
    );
    console.log(`intake / bare route = ${ratio(value)} (target ≥ ${TARGET}: ${verdict(value >= TARGET)})`);
    console.log(`server RSS after intake: ${fmt(memory.rssMiB)} MiB (peak ${fmt(memory.peakMiB)} MiB)`);
    if (intake.non2xx > 0 || intake.errors > 0)
      console.log('warning: the intake load had refusals or errors');
    emitResult({ bench: 'intake', metric: 'intake req/s', value: intake.rate, unit: 'req/s' });
    emitResult({ bench: 'intake', metric: 'intake p50 latency', value: intake.p50, unit: 'ms' });
    emitResult({ bench: 'intake', metric: 'intake p99 latency', value: intake.p99, unit: 'ms' });
    emitResult({ bench: 'intake', metric: 'bare route req/s', value: baseline.rate, unit: 'req/s' });
    emitResult({
      bench: 'intake',
      metric: 'intake / bare route',
      value,
      unit: 'ratio',
      target: `≥ ${TARGET}`,
      met: value >= TARGET,
    });
  } finally {
    await server.stop();
    await bare.stop();
  }
}
