/** One sample of a scrape: `name{labels} value`. */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface Scrape {
  samples: Sample[];
  /** `# TYPE` of each metric family: counter, gauge, histogram, summary, untyped. */
  types: Map<string, string>;
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?[ \t]+(\S+)(?:[ \t]+-?\d+)?$/;
const LABEL = /\s*([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"\s*(,|$)/y;

/**
 * The Prometheus text exposition format (0.0.4): `# HELP`/`# TYPE` lines, samples with escaped
 * label values and an optional timestamp, `+Inf`/`-Inf`/`NaN`. Anything else is an error, so a
 * malformed scrape fails the test instead of reading as a missing series.
 */
export function parsePrometheusText(text: string): Scrape {
  const samples: Sample[] = [];
  const types = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    if (line.startsWith('#')) {
      const type = /^# TYPE (\S+) (counter|gauge|histogram|summary|untyped)$/.exec(line);
      if (type) types.set(type[1], type[2]);
      else if (!/^# HELP \S+/.test(line)) throw new Error(`not a comment the format knows: ${line}`);
      continue;
    }
    const match = SAMPLE.exec(line);
    if (!match) throw new Error(`not a sample line: ${line}`);
    samples.push({
      name: match[1],
      labels: parseLabels(match[2] ?? '', line),
      value: parseValue(match[3], line),
    });
  }
  return { samples, types };
}

function parseLabels(text: string, line: string): Record<string, string> {
  const labels: Record<string, string> = {};
  LABEL.lastIndex = 0;
  while (LABEL.lastIndex < text.length) {
    const start = LABEL.lastIndex;
    const pair = LABEL.exec(text);
    if (!pair || LABEL.lastIndex === start) throw new Error(`bad labels in: ${line}`);
    labels[pair[1]] = pair[2].replace(/\\(["\\n])/g, (_all, c: string) => (c === 'n' ? '\n' : c));
  }
  return labels;
}

// Prometheus reads values with Go's ParseFloat, which takes Inf and NaN in any case; prom-client
// writes `Nan` (the event-loop lag before its first sample), which Prometheus accepts.
function parseValue(text: string, line: string): number {
  if (/^\+?inf$/i.test(text)) return Infinity;
  if (/^-inf$/i.test(text)) return -Infinity;
  if (/^nan$/i.test(text)) return NaN;
  const value = Number(text);
  if (Number.isNaN(value)) throw new Error(`bad value in: ${line}`);
  return value;
}

/** The samples of `name` whose labels include every one in `labels`. */
export function select(scrape: Scrape, name: string, labels: Record<string, string> = {}): Sample[] {
  return scrape.samples.filter(
    (sample) => sample.name === name && Object.entries(labels).every(([k, v]) => sample.labels[k] === v),
  );
}

/** The sum over those samples; 0 when the series does not exist yet (a counter never incremented). */
export function total(scrape: Scrape, name: string, labels: Record<string, string> = {}): number {
  return select(scrape, name, labels).reduce((sum, sample) => sum + sample.value, 0);
}
