/** Percentile of already sorted numbers (nearest rank). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

export function sortedCopy(values: readonly number[]): number[] {
  return [...values].sort((a, b) => a - b);
}

export const fmt = (value: number, digits = 0): string =>
  Number.isFinite(value)
    ? value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })
    : 'n/a';

export const ratio = (value: number): string => (Number.isFinite(value) ? value.toFixed(2) : 'n/a');

/** A verdict against a target: "PASS" or "MISS". */
export const verdict = (met: boolean): string => (met ? 'PASS' : 'MISS');

/** Prints an aligned table: the first row is the header. */
export function table(rows: ReadonlyArray<ReadonlyArray<string>>): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  const line = (row: ReadonlyArray<string>) =>
    row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ');
  const [header, ...body] = rows;
  if (header === undefined) return '';
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

/** One figure for the summary the runner prints at the end. */
export interface BenchResult {
  bench: string;
  metric: string;
  value: number;
  unit: string;
  target?: string;
  met?: boolean;
}

const results: BenchResult[] = [];

export function emitResult(result: BenchResult): void {
  results.push(result);
}

export function collectedResults(): readonly BenchResult[] {
  return results;
}
