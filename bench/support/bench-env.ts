import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Events in the benchmark log (BENCH_EVENTS); ten in eleven are recorded signals. */
export function benchEvents(): number {
  const raw = process.env.BENCH_EVENTS ?? '1100000';
  const value = Number(raw.replace(/_/g, ''));
  if (!Number.isSafeInteger(value) || value < 1000)
    throw new Error(`BENCH_EVENTS: an integer ≥ 1000, got ${raw}`);
  return value;
}

/** Where fixtures are cached and scratch files go (BENCH_DIR, default a folder under the OS temp dir). */
export function benchDir(...parts: string[]): string {
  const dir = join(process.env.BENCH_DIR ?? join(tmpdir(), 'praktijklus-bench'), ...parts);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Seconds of load per measured case (BENCH_SECONDS, default 5). */
export function benchSeconds(fallback = 5): number {
  const value = Number(process.env.BENCH_SECONDS ?? fallback);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}
