import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import {
  getInMemoryEventStore,
  STREAM_DOES_NOT_EXIST,
  type EventStore as EmmettEventStore,
} from '@event-driven-io/emmett';
import {
  NO_STREAM,
  PostgresEventStore,
  SqliteEventStore,
  type EventMetadata,
  type EventStore,
  type NewEvent,
} from '@praktijklus/event-store';
import { postgresUnavailableReason, startTestPostgres } from '@praktijklus/testing';
import { benchDir, benchSeconds } from './support/bench-env';
import { removeSqlite } from './support/bench-data';
import { emitResult, fmt, ratio, table } from './support/report';

const STREAMS = 1000;
const WORKERS = 50;

/** One store under test: appends `count` events to a stream whose current revision it is told. */
interface Contender {
  name: string;
  /** `revision` is the number of events already in the stream (0: a new stream). */
  append(stream: string, count: number, revision: number): Promise<void>;
  close(): Promise<void>;
  note?(): string;
}

const metadata: EventMetadata = {
  actor: { sub: 'officer-gm0344-1', authority: 'gm0344', roles: ['officer'] },
  correlationId: '3f0c5a52-5a43-4d5c-9d43-5cf4d1a1a2b1',
  causationId: '3f0c5a52-5a43-4d5c-9d43-5cf4d1a1a2b1',
  schemaVersion: 1,
};

// A recorded signal as the intake writes it (about 700 bytes of JSON).
const signalData = (signalId: string): Record<string, unknown> => ({
  signalId,
  type: 'CONFLICTING_NORMS',
  title: 'Zonnepanelen op monumentaal pand geweigerd door tegenstrijdige normen',
  description:
    'De energie-eis uit het Bbl vraagt zonnepanelen op het dak; het omgevingsplan verbiedt zichtbare installaties op monumenten. De initiatiefnemer krijgt van beide loketten een ander antwoord.',
  policyDomain: 'heritage',
  level: 'IMPLEMENTATION',
  initiativeKind: 'CITIZEN_INITIATIVE',
  observedAt: '2025-11-03',
  authorities: ['gm0344', 'pv26'],
  norms: [{ ref: 'Bbl art. 4.101' }, { ref: 'Omgevingsplan gemeente Utrecht art. 5.12' }],
  initiative: null,
  location: { municipality: 'gm0344' },
  reportingAuthority: 'gm0344',
  reportedBy: 'officer-gm0344-1',
  recordedAt: '2025-11-04T09:12:00.000Z',
});

function ours(name: string, file: string, synchronous: 'FULL' | 'NORMAL' | 'OFF'): Contender {
  if (file !== ':memory:') removeSqlite(file);
  const store = SqliteEventStore.open({ file, synchronous });
  return {
    ...appender(name, store),
    close: async () => {
      await store.close();
      if (file !== ':memory:') removeSqlite(file);
    },
    note: () => {
      const { transactions, appends } = store.groupCommitStats();
      return `${fmt(appends / Math.max(1, transactions), 1)} appends/commit`;
    },
  };
}

/** Our PostgreSQL store on a throw-away local cluster (fsync on, as shipped), opened per case. */
async function oursOnPostgres(url: string): Promise<Contender> {
  const store = await PostgresEventStore.open({ connectionString: url });
  return { ...appender('ours, PostgreSQL (local)', store), close: () => store.close() };
}

function appender(name: string, store: EventStore): Pick<Contender, 'name' | 'append'> {
  return {
    name,
    append: async (stream, count, revision) => {
      const events: NewEvent[] = Array.from({ length: count }, () => ({
        id: randomUUID(),
        type: 'SignalRecorded',
        data: signalData(stream),
        metadata,
      }));
      await store.append(stream, events, { expectedRevision: revision === 0 ? NO_STREAM : revision - 1 });
    },
  };
}

function emmett(): Contender {
  const store: EmmettEventStore = getInMemoryEventStore();
  return {
    name: 'Emmett in-memory',
    append: async (stream, count, revision) => {
      const events = Array.from({ length: count }, () => ({
        type: 'SignalRecorded',
        data: signalData(stream),
        metadata: { ...metadata },
      }));
      await store.appendToStream(stream, events, {
        expectedStreamVersion: revision === 0 ? STREAM_DOES_NOT_EXIST : BigInt(revision),
      });
    },
    close: async () => undefined,
  };
}

/** Appends for `seconds`: one at a time, or `WORKERS` loops each on its own streams. */
async function measure(
  contender: Contender,
  count: number,
  concurrent: boolean,
  seconds: number,
): Promise<number> {
  const revisions = new Array<number>(STREAMS).fill(0);
  const prefix = `signal-${randomUUID()}`;
  const deadline = performance.now() + seconds * 1000;
  let appends = 0;
  const loop = async (worker: number, stride: number) => {
    for (let i = worker; performance.now() < deadline; i += stride) {
      const stream = i % STREAMS;
      await contender.append(`${prefix}-${stream}`, count, revisions[stream] as number);
      revisions[stream] = (revisions[stream] as number) + count;
      appends += 1;
    }
  };
  const started = performance.now();
  if (concurrent) await Promise.all(Array.from({ length: WORKERS }, (_, w) => loop(w, WORKERS)));
  else await loop(0, 1);
  return (appends / (performance.now() - started)) * 1000;
}

/**
 * Store: our SQLite store against Emmett's in-memory event store (a peer library from npm) on the
 * same append workload: 1 or 10 events per append, the expected revision checked on every append,
 * one append at a time and 50 at once. Emmett keeps everything in process memory, so the fair
 * comparison is our store on an in-memory SQLite database; the durable FULL and NORMAL files show
 * the price of durability and what group commit buys back.
 */
export async function storeBench(): Promise<void> {
  const seconds = benchSeconds(2);
  const dir = benchDir('store');
  const postgresSkipped = postgresUnavailableReason();
  if (postgresSkipped) console.log(`PostgreSQL row skipped: ${postgresSkipped}`);
  const postgres = postgresSkipped ? undefined : await startTestPostgres();
  const makers: Array<() => Contender | Promise<Contender>> = [
    () => ours('ours, file, synchronous=FULL', join(dir, 'full.sqlite'), 'FULL'),
    () => ours('ours, file, synchronous=NORMAL', join(dir, 'normal.sqlite'), 'NORMAL'),
    () => ours('ours, in-memory SQLite', ':memory:', 'OFF'),
    ...(postgres ? [() => oursOnPostgres(postgres.url)] : []),
    () => emmett(),
  ];
  try {
    await runContenders(makers, seconds);
  } finally {
    postgres?.destroy();
  }
}

async function runContenders(
  makers: Array<() => Contender | Promise<Contender>>,
  seconds: number,
): Promise<void> {
  const rows: string[][] = [['appends/s', 'seq ×1', 'seq ×10', 'conc ×1', 'conc ×10', 'notes']];
  const rates = new Map<string, number[]>();
  for (const make of makers) {
    const rates4: number[] = [];
    let name = '';
    let note = '';
    for (const [count, concurrent] of [
      [1, false],
      [10, false],
      [1, true],
      [10, true],
    ] as const) {
      const contender = await make();
      name = contender.name;
      rates4.push(await measure(contender, count, concurrent, seconds));
      if (concurrent && count === 1) note = contender.note?.() ?? '';
      await contender.close();
    }
    rates.set(name, rates4);
    rows.push([name, ...rates4.map((r) => fmt(r)), note]);
  }
  console.log(table(rows));
  const peer = rates.get('Emmett in-memory') ?? [];
  const cases = ['sequential ×1', 'sequential ×10', 'concurrent ×1', 'concurrent ×10'];
  const ratioRows: string[][] = [['ratio to Emmett in-memory', ...cases]];
  for (const [name, values] of rates) {
    if (name === 'Emmett in-memory') continue;
    ratioRows.push([name, ...values.map((v, i) => ratio(v / (peer[i] ?? Number.NaN)))]);
    if (name.includes('NORMAL') || name.includes('PostgreSQL')) continue;
    values.forEach((value, i) =>
      emitResult({
        bench: 'store',
        metric: `${name} / Emmett, ${cases[i]}`,
        value: value / (peer[i] ?? Number.NaN),
        unit: 'ratio',
      }),
    );
  }
  console.log(ratioRows.length > 1 ? `\n${table(ratioRows)}` : '');
  const full = rates.get('ours, file, synchronous=FULL') ?? [];
  console.log(
    `group commit: FULL concurrent ×1 / sequential ×1 = ${ratio((full[2] ?? 0) / (full[0] ?? Number.NaN))}`,
  );
}
