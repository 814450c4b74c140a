import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { context, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NotFound } from '@praktijklus/domain';
import {
  NO_STREAM,
  SqliteEventStore,
  type EventMetadata,
  type NewEvent,
  type RecordedEvent,
} from '@praktijklus/event-store';
import {
  MAX_TRACED_EVENTS_PER_BATCH,
  spanContextOf,
  traceAppends,
  traceCommand,
  traceparentOf,
  traceProjectorBatch,
} from './spans';

const metadata: EventMetadata = {
  actor: { sub: 'officer-utrecht', authority: 'gm0344', roles: ['officer'] },
  correlationId: 'c0ffee00-0000-4000-8000-000000000001',
  causationId: 'c0ffee00-0000-4000-8000-000000000001',
  schemaVersion: 1,
};

const newEvent = (id: number): NewEvent => ({
  id: `00000000-0000-4000-8000-${String(id).padStart(12, '0')}`,
  type: 'SignalRecorded',
  data: { title: 'Iemands persoonlijke verhaal' },
  metadata,
});

describe('traceparent in event metadata', () => {
  it('writes a span context as W3C traceparent and reads it back', () => {
    const spanContext = {
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      spanId: '00f067aa0ba902b7',
      traceFlags: 1,
    };
    const traceparent = traceparentOf(spanContext);
    expect(traceparent).toBe('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01');
    expect(spanContextOf(traceparent)).toEqual({ ...spanContext, isRemote: true });
  });

  it.each([
    undefined,
    42,
    '',
    '01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
    '00-00000000000000000000000000000000-00f067aa0ba902b7-01',
    '00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01',
    '00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01',
  ])('reads no parent from %j (events from before tracing, or damaged values)', (value) => {
    expect(spanContextOf(value)).toBeUndefined();
  });

  it('writes none for a no-op span', () => {
    expect(
      traceparentOf(
        trace
          .wrapSpanContext({ traceId: '0'.repeat(32), spanId: '0'.repeat(16), traceFlags: 0 })
          .spanContext(),
      ),
    ).toBeUndefined();
  });
});

describe('spans with a started SDK', () => {
  const exporter = new InMemorySpanExporter();
  let sdk: NodeSDK;
  let dir: string;
  let store: SqliteEventStore;

  beforeAll(() => {
    sdk = new NodeSDK({
      serviceName: 'praktijklus-test',
      spanProcessors: [new SimpleSpanProcessor(exporter)],
      metricReaders: [],
      logRecordProcessors: [],
      instrumentations: [],
    });
    sdk.start();
  });

  beforeEach(() => {
    exporter.reset();
    dir = mkdtempSync(join(tmpdir(), 'spans-'));
    store = SqliteEventStore.open({ file: join(dir, 'events.sqlite'), synchronous: 'OFF' });
    traceAppends(store, 'sqlite');
  });

  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  afterAll(async () => {
    await sdk.shutdown();
    trace.disable();
    context.disable();
    propagation.disable();
  });

  it('nests the append under the command and stores the append span as the events’ traceparent', async () => {
    await traceCommand(
      { type: 'RecordSignal', streamId: 'signal-1' },
      () => store.append('signal-1', [newEvent(1), newEvent(2)], { expectedRevision: NO_STREAM }),
      () => 'error',
    );
    // The in-memory exporter may receive them in either order (the resource is detected asynchronously).
    const spans = [...exporter.getFinishedSpans()].sort((a, b) => a.name.localeCompare(b.name));
    expect(spans.map((span) => span.name)).toEqual(['append signal', 'command RecordSignal']);
    const [append, command] = spans;
    expect(append.parentSpanContext?.spanId).toBe(command.spanContext().spanId);
    expect(append.kind).toBe(SpanKind.CLIENT);
    expect(append.attributes).toMatchObject({
      'db.system': 'sqlite',
      'praktijklus.stream.id': 'signal-1',
      'praktijklus.event.count': 2,
      'praktijklus.event.types': ['SignalRecorded'],
      'praktijklus.position': '2',
    });
    const stored = await store.readStream('signal-1');
    expect(stored.map((event) => event.metadata.traceparent)).toEqual([
      traceparentOf(append.spanContext()),
      traceparentOf(append.spanContext()),
    ]);
    expect(JSON.stringify(exporter.getFinishedSpans().map((span) => span.attributes))).not.toContain(
      'persoonlijke',
    );
  });

  it('records a refusal as an outcome, an error as a failure, and neither message', async () => {
    const refusal = new NotFound('SIGNAL_NOT_FOUND', 'Geen melding van Jan Jansen.');
    await expect(
      traceCommand(
        { type: 'WithdrawSignal', streamId: 'signal-2' },
        () => Promise.reject(refusal),
        () => 'refused',
      ),
    ).rejects.toBe(refusal);
    await expect(
      traceCommand(
        { type: 'WithdrawSignal', streamId: 'signal-2' },
        () => Promise.reject(new Error('disk of Jan Jansen full')),
        () => 'error',
      ),
    ).rejects.toThrow('disk');
    const outcome = (value: string) =>
      exporter.getFinishedSpans().find((span) => span.attributes['praktijklus.command.outcome'] === value)!;
    const [refused, failed] = [outcome('refused'), outcome('error')];
    expect(refused.attributes).toMatchObject({
      'praktijklus.command.outcome': 'refused',
      'error.type': 'SIGNAL_NOT_FOUND',
    });
    expect(refused.status.code).toBe(SpanStatusCode.UNSET);
    expect(failed.attributes['praktijklus.command.outcome']).toBe('error');
    expect(failed.status).toEqual({ code: SpanStatusCode.ERROR, message: 'Error' });
    expect(
      JSON.stringify([refused, failed].map((span) => [span.attributes, span.status, span.events])),
    ).not.toContain('Jansen');
  });

  it('makes one consumer span per traced event of a batch, a child of its append, at most a bounded number', async () => {
    await store.append('signal-3', [newEvent(3)], { expectedRevision: NO_STREAM });
    const [traced] = await store.readStream('signal-3');
    const untraced: RecordedEvent = { ...traced, id: 'untraced', metadata };
    const batch = [untraced, ...Array.from({ length: MAX_TRACED_EVENTS_PER_BATCH + 5 }, () => traced)];
    exporter.reset();

    expect(traceProjectorBatch(batch, () => 'applied')).toBe('applied');

    const spans = exporter.getFinishedSpans();
    expect(spans).toHaveLength(MAX_TRACED_EVENTS_PER_BATCH);
    const parent = spanContextOf(traced.metadata.traceparent);
    for (const span of spans) {
      expect(span.name).toBe('project SignalRecorded');
      expect(span.kind).toBe(SpanKind.CONSUMER);
      expect(span.spanContext().traceId).toBe(parent?.traceId);
      expect(span.parentSpanContext?.spanId).toBe(parent?.spanId);
      expect(span.attributes['praktijklus.batch.size']).toBe(batch.length);
    }
  });

  it('marks the consumer spans failed when applying the batch throws, and passes the error on', async () => {
    await store.append('signal-4', [newEvent(4)], { expectedRevision: NO_STREAM });
    const batch = await store.readStream('signal-4');
    exporter.reset();
    const failure = new Error('projection broke');
    expect(() =>
      traceProjectorBatch(batch, () => {
        throw failure;
      }),
    ).toThrow(failure);
    const [span] = exporter.getFinishedSpans();
    expect(span.status.code).toBe(SpanStatusCode.ERROR);
  });

  it('makes no span and no traceparent for a batch of events written before tracing', () => {
    const old: RecordedEvent = {
      ...newEvent(5),
      streamId: 'signal-5',
      revision: 0,
      position: '1',
      recordedAt: new Date(0).toISOString(),
    };
    expect(traceProjectorBatch([old], () => 7)).toBe(7);
    expect(exporter.getFinishedSpans()).toEqual([]);
  });
});
