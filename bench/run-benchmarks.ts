import { loadavg } from 'node:os';
import { asOfBench } from './as-of.bench';
import { exportsBench } from './exports.bench';
import { intakeBench } from './intake.bench';
import { intakeStoresBench } from './intake-stores.bench';
import { memoryBench } from './memory.bench';
import { rebuildBench } from './rebuild.bench';
import { storeBench } from './store.bench';
import { viewsBench } from './views.bench';
import { benchEvents } from './support/bench-env';
import { collectedResults, fmt, table } from './support/report';

// In the order a full run needs them: rebuild leaves the read models the server benchmarks serve.
const BENCHES: Record<string, () => Promise<void>> = {
  store: storeBench,
  rebuild: rebuildBench,
  views: viewsBench,
  intake: intakeBench,
  'intake-stores': intakeStoresBench,
  memory: memoryBench,
  exports: exportsBench,
  'as-of': asOfBench,
};

const load = (): string =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

/** `npm run bench [-- name ...]`: every benchmark (or the named ones), then a summary of the figures. */
async function main(): Promise<void> {
  const asked = process.argv.slice(2);
  const names = asked.length > 0 ? asked : Object.keys(BENCHES);
  const started = performance.now();
  console.log(
    `praktijklus benchmarks: ${names.join(', ')}; BENCH_EVENTS=${benchEvents()}; node ${process.version}; load average ${load()}`,
  );
  for (const name of names) {
    const bench = BENCHES[name];
    if (bench === undefined)
      throw new Error(`unknown benchmark ${name}; known: ${Object.keys(BENCHES).join(', ')}`);
    console.log(`\n=== ${name} (load average ${load()}) ===`);
    const t = performance.now();
    await bench();
    console.log(`(${name}: ${fmt((performance.now() - t) / 1000, 1)} s)`);
  }
  console.log(`\n=== summary (${fmt((performance.now() - started) / 1000)} s, load average ${load()}) ===`);
  console.log(
    table([
      ['figure', 'value', 'target', 'verdict'],
      ...collectedResults().map((r) => [
        `${r.bench}: ${r.metric}`,
        `${fmt(r.value, r.unit === 'ratio' ? 2 : r.value < 100 ? 1 : 0)} ${r.unit}`,
        r.target ?? '',
        r.met === undefined ? '' : r.met ? 'PASS' : 'MISS',
      ]),
    ]),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
