import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { StreamNotFound, WrongExpectedRevision } from '../errors';
import {
  ANY,
  AppendResult,
  EventMetadata,
  EventStore,
  ExpectedRevision,
  NewEvent,
  NO_STREAM,
  Position,
  RecordedEvent,
  STREAM_EXISTS,
  Subscription,
} from '../event-store.port';

export interface ContractFixture {
  store: EventStore;
  cleanup(): Promise<void>;
}

const TIMEOUT_MS = 30_000;

const metadata: EventMetadata = {
  actor: { sub: 'officer-1', name: 'Officer One', authority: 'gm0344', roles: ['officer'] },
  correlationId: 'correlation-1',
  causationId: 'causation-1',
  schemaVersion: 1,
};

function newEvent(data: Record<string, unknown> = {}): NewEvent {
  return { id: randomUUID(), type: 'ContractEventRecorded', data: { ...data }, metadata };
}

function newEvents(count: number): NewEvent[] {
  return Array.from({ length: count }, (_, index) => newEvent({ index }));
}

const rejectionOf = (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

/**
 * Every adapter must behave like this, so the command side and the projector can rely on it
 * whichever store is configured. The store may hold other events: each test uses fresh streams and
 * looks at the log only after the head it saw when it started.
 */
export function describeEventStoreContract(name: string, makeStore: () => Promise<ContractFixture>): void {
  describe(`EventStore contract: ${name}`, () => {
    let store: EventStore;
    let cleanup: () => Promise<void>;

    beforeEach(async () => {
      ({ store, cleanup } = await makeStore());
    });

    afterEach(async () => {
      await cleanup();
    });

    const streamOf = (label: string): string => `contract_${label}-${randomUUID()}`;

    async function expectConflict(
      promise: Promise<unknown>,
      streamId: string,
      actual: number,
    ): Promise<void> {
      const error = await rejectionOf(promise);
      expect(error).toBeInstanceOf(WrongExpectedRevision);
      const conflict = error as WrongExpectedRevision;
      expect(conflict.streamId).toBe(streamId);
      // The port allows an adapter not to know the actual revision; when it says one, it must be right.
      expect([actual, undefined]).toContain(conflict.actual);
    }

    /** Every event of `streams` after `from`, read in pages of `pageSize`. */
    async function readLog(
      from: Position | undefined,
      streams: string[],
      pageSize = 100,
    ): Promise<RecordedEvent[]> {
      const wanted = new Set(streams);
      const found: RecordedEvent[] = [];
      let cursor = from;
      for (;;) {
        const page = await store.readAll({ from: cursor, limit: pageSize });
        expect(page.length).toBeLessThanOrEqual(pageSize);
        const last = page[page.length - 1];
        if (last === undefined) return found;
        found.push(...page.filter((event) => wanted.has(event.streamId)));
        cursor = last.position;
      }
    }

    function expectIncreasing(positions: Position[]): void {
      for (let index = 1; index < positions.length; index += 1) {
        expect(store.comparePositions(positions[index - 1], positions[index])).toBeLessThan(0);
        expect(store.comparePositions(positions[index], positions[index - 1])).toBeGreaterThan(0);
      }
    }

    describe('expected revision', () => {
      it('checks NO_STREAM, STREAM_EXISTS, a revision and ANY exactly as EventStoreDB does', async () => {
        const streamId = streamOf('expected');
        const written: string[] = [];
        const append = async (
          events: NewEvent[],
          expectedRevision: ExpectedRevision,
        ): Promise<AppendResult> => {
          const result = await store.append(streamId, events, { expectedRevision });
          written.push(...events.map((event) => event.id));
          return result;
        };

        await expectConflict(
          store.append(streamId, [newEvent()], { expectedRevision: STREAM_EXISTS }),
          streamId,
          -1,
        );
        await expectConflict(store.append(streamId, [newEvent()], { expectedRevision: 0 }), streamId, -1);
        expect((await append(newEvents(2), NO_STREAM)).nextRevision).toBe(1);
        await expectConflict(
          store.append(streamId, [newEvent()], { expectedRevision: NO_STREAM }),
          streamId,
          1,
        );
        await expectConflict(store.append(streamId, [newEvent()], { expectedRevision: 0 }), streamId, 1);
        await expectConflict(store.append(streamId, [newEvent()], { expectedRevision: 5 }), streamId, 1);
        expect((await append([newEvent()], 1)).nextRevision).toBe(2);
        expect((await append([newEvent()], STREAM_EXISTS)).nextRevision).toBe(3);
        expect((await append(newEvents(2), ANY)).nextRevision).toBe(5);

        const events = await store.readStream(streamId);
        expect(events.map((event) => event.id)).toEqual(written);
        expect(events.map((event) => event.revision)).toEqual([0, 1, 2, 3, 4, 5]);
      });

      it('lets ANY start a new stream', async () => {
        const streamId = streamOf('any');
        expect((await store.append(streamId, [newEvent()], { expectedRevision: ANY })).nextRevision).toBe(0);
        expect(await store.readStream(streamId)).toHaveLength(1);
      });
    });

    describe('idempotent retry', () => {
      it('returns the first result for the same event ids at the same revision and writes nothing', async () => {
        const streamId = streamOf('retry');
        const [a, b, c] = newEvents(3);
        const first = await store.append(streamId, [a, b], { expectedRevision: NO_STREAM });
        const head = await store.headPosition();

        expect(await store.append(streamId, [a, b], { expectedRevision: NO_STREAM })).toEqual(first);
        expect(await store.append(streamId, [a, b], { expectedRevision: ANY })).toEqual(first);
        expect(await store.headPosition()).toEqual(head);

        const second = await store.append(streamId, [c], { expectedRevision: 1 });
        expect(await store.append(streamId, [c], { expectedRevision: 1 })).toEqual(second);
        expect(await store.append(streamId, [c], { expectedRevision: ANY })).toEqual(second);
        // A late retry of the first request, after the stream moved on, still gets the first answer.
        expect(await store.append(streamId, [a, b], { expectedRevision: NO_STREAM })).toEqual(first);

        const events = await store.readStream(streamId);
        expect(events.map((event) => event.id)).toEqual([a.id, b.id, c.id]);
      });

      it('rejects a partial overlap of event ids and a retry at another revision', async () => {
        const streamId = streamOf('overlap');
        const [a, b, c] = newEvents(3);
        await store.append(streamId, [a, b], { expectedRevision: NO_STREAM });

        await expectConflict(store.append(streamId, [b, c], { expectedRevision: 0 }), streamId, 1);
        await expectConflict(store.append(streamId, [a, c], { expectedRevision: NO_STREAM }), streamId, 1);
        await expectConflict(store.append(streamId, [a, b], { expectedRevision: 5 }), streamId, 1);

        const events = await store.readStream(streamId);
        expect(events.map((event) => event.id)).toEqual([a.id, b.id]);
      });
    });

    it(
      'serialises 20 concurrent appenders on one stream into revisions 0..19 without gap or repeat',
      async () => {
        const streamId = streamOf('concurrent');
        const currentRevision = async (): Promise<ExpectedRevision> => {
          try {
            const events = await store.readStream(streamId);
            return events[events.length - 1]?.revision ?? NO_STREAM;
          } catch (error) {
            if (error instanceof StreamNotFound) return NO_STREAM;
            throw error;
          }
        };
        const appendWithRetry = async (event: NewEvent): Promise<AppendResult> => {
          for (let attempt = 0; attempt < 200; attempt += 1) {
            const expectedRevision = await currentRevision();
            try {
              return await store.append(streamId, [event], { expectedRevision });
            } catch (error) {
              if (!(error instanceof WrongExpectedRevision)) throw error;
            }
          }
          throw new Error(`gave up appending ${event.id}`);
        };
        const events = newEvents(20);

        const results = await Promise.all(events.map(appendWithRetry));

        const revisions = Array.from({ length: 20 }, (_, index) => index);
        expect(results.map((result) => result.nextRevision).sort((x, y) => x - y)).toEqual(revisions);
        const stored = await store.readStream(streamId);
        expect(stored.map((event) => event.revision)).toEqual(revisions);
        expect(new Set(stored.map((event) => event.id))).toEqual(new Set(events.map((event) => event.id)));
      },
      TIMEOUT_MS,
    );

    describe('readAll', () => {
      it('returns events in commit order across streams, in pages, from an exclusive position', async () => {
        const start = await store.headPosition();
        const [s1, s2, s3] = [streamOf('all-a'), streamOf('all-b'), streamOf('all-c')];
        const order: string[] = [];
        const write = async (
          streamId: string,
          count: number,
          expectedRevision: ExpectedRevision,
        ): Promise<void> => {
          const events = newEvents(count);
          await store.append(streamId, events, { expectedRevision });
          order.push(...events.map((event) => event.id));
        };
        await write(s1, 2, NO_STREAM);
        await write(s2, 1, NO_STREAM);
        await write(s3, 3, NO_STREAM);
        await write(s1, 1, 1);
        await write(s2, 2, 0);

        const all = await readLog(start, [s1, s2, s3]);
        expect(all.map((event) => event.id)).toEqual(order);
        expectIncreasing(all.map((event) => event.position));

        const paged = await readLog(start, [s1, s2, s3], 2);
        expect(paged).toEqual(all);

        const afterThird = await store.readAll({ from: all[2].position, limit: 1 });
        expect(afterThird.map((event) => event.id)).toEqual([all[3].id]);
        expect(await store.readAll({ from: start, limit: 3 })).toHaveLength(3);
        expect(await store.readAll({ from: all[all.length - 1].position })).toEqual([]);
      });
    });

    describe('readStream', () => {
      it('throws StreamNotFound for a stream without events', async () => {
        const streamId = streamOf('missing');
        const error = await rejectionOf(store.readStream(streamId));
        expect(error).toBeInstanceOf(StreamNotFound);
        expect((error as StreamNotFound).streamId).toBe(streamId);
      });

      it("answers [] for a stream without events when asked to with whenMissing: 'empty'", async () => {
        const streamId = streamOf('missing-empty');
        expect(await store.readStream(streamId, { whenMissing: 'empty' })).toEqual([]);
        const events = newEvents(2);
        await store.append(streamId, events, { expectedRevision: NO_STREAM });
        const read = await store.readStream(streamId, { whenMissing: 'empty' });
        expect(read.map((event) => event.id)).toEqual(events.map((event) => event.id));
      });

      it('reads from a revision on', async () => {
        const streamId = streamOf('from-revision');
        const events = newEvents(4);
        await store.append(streamId, events, { expectedRevision: NO_STREAM });
        const tail = await store.readStream(streamId, { fromRevision: 2 });
        expect(tail.map((event) => event.id)).toEqual([events[2].id, events[3].id]);
        expect(await store.readStream(streamId, { fromRevision: 4 })).toEqual([]);
      });
    });

    it('round-trips data, metadata and the recorded time', async () => {
      const streamId = streamOf('round-trip');
      const start = await store.headPosition();
      const event: NewEvent = {
        id: randomUUID(),
        type: 'ContractEventRecorded',
        data: { text: 'één — ✓', amount: 12.5, nested: { list: [1, 'two', null, true] }, empty: {} },
        metadata: {
          actor: { sub: 'admin-7', name: 'Ada', authority: 'pv26', roles: ['admin', 'analyst'] },
          correlationId: randomUUID(),
          causationId: randomUUID(),
          schemaVersion: 3,
        },
      };
      const before = Date.now();
      const result = await store.append(streamId, [event], { expectedRevision: NO_STREAM });
      const after = Date.now();

      const [stored] = await store.readStream(streamId);
      expect(stored).toEqual({
        id: event.id,
        type: event.type,
        data: event.data,
        metadata: event.metadata,
        streamId,
        revision: 0,
        position: result.position,
        recordedAt: expect.any(String),
      });
      expect(new Date(stored.recordedAt).toISOString()).toBe(stored.recordedAt);
      // A server's clock may be a little off from ours; a wrong or missing time is off by far more.
      const recorded = Date.parse(stored.recordedAt);
      expect(recorded).toBeGreaterThanOrEqual(before - 60_000);
      expect(recorded).toBeLessThanOrEqual(after + 60_000);

      expect(await readLog(start, [streamId])).toEqual([stored]);
    });

    it('gives strictly increasing positions and reports the last one written', async () => {
      const [s1, s2] = [streamOf('positions-a'), streamOf('positions-b')];
      const start = await store.headPosition();
      const r1 = await store.append(s1, newEvents(3), { expectedRevision: NO_STREAM });
      const r2 = await store.append(s2, newEvents(1), { expectedRevision: NO_STREAM });
      const r3 = await store.append(s1, newEvents(1), { expectedRevision: 2 });

      const log = await readLog(start, [s1, s2]);
      expect(log).toHaveLength(5);
      expectIncreasing(log.map((event) => event.position));
      expect([r1.position, r2.position, r3.position]).toEqual([
        log[2].position,
        log[3].position,
        log[4].position,
      ]);
      expect(store.comparePositions(r2.position, r2.position)).toBe(0);
      expect(await store.headPosition()).toEqual(r3.position);
      const afterFirst = await store.readAll({ from: r1.position, limit: 1 });
      expect(afterFirst.map((event) => event.id)).toEqual([log[3].id]);
    });

    describe('subscribeAll', () => {
      it(
        'catches up, then delivers live events, with no miss or duplicate at the boundary',
        async () => {
          const streamId = streamOf('subscription');
          const start = await store.headPosition();
          const expected: string[] = [];
          let revision: ExpectedRevision = NO_STREAM;
          const appendBatch = async (count: number): Promise<void> => {
            const events = newEvents(count);
            expected.push(...events.map((event) => event.id));
            revision = (await store.append(streamId, events, { expectedRevision: revision })).nextRevision;
          };
          for (let batch = 0; batch < 12; batch += 1) await appendBatch(50);
          const backlog = expected.length;

          const subscription = store.subscribeAll({ from: start });
          const received: RecordedEvent[] = [];
          let duringCatchUp: Promise<void> | undefined;
          let live: Promise<void> | undefined;
          const sentinel = newEvent({ sentinel: true });
          const deadline = setTimeout(() => void subscription.close(), TIMEOUT_MS - 5_000);
          try {
            for await (const event of subscription) {
              if (event.streamId !== streamId) continue;
              received.push(event);
              if (event.id === sentinel.id) break;
              if (received.length === 1) {
                // Written while the subscriber is still reading the backlog.
                duringCatchUp = (async () => {
                  for (let index = 0; index < 5; index += 1) await appendBatch(1);
                })();
              }
              if (received.length === backlog + 5) {
                live = (async () => {
                  await duringCatchUp;
                  for (let index = 0; index < 5; index += 1) await appendBatch(1);
                  expected.push(sentinel.id);
                  await store.append(streamId, [sentinel], { expectedRevision: revision });
                })();
              }
              // A consumer doing I/O: lets appends commit between events of the catch-up.
              if (received.length % 50 === 0) await new Promise((resolve) => setImmediate(resolve));
            }
          } finally {
            clearTimeout(deadline);
            await subscription.close();
          }
          await live;

          expect(received.map((event) => event.id)).toEqual(expected);
          expect(received.map((event) => event.revision)).toEqual(expected.map((_, index) => index));
          expectIncreasing(received.map((event) => event.position));
        },
        TIMEOUT_MS,
      );

      it('starts strictly after the given position', async () => {
        const streamId = streamOf('subscription-from');
        const events = newEvents(3);
        const first = await store.append(streamId, events.slice(0, 1), { expectedRevision: NO_STREAM });
        await store.append(streamId, events.slice(1), { expectedRevision: 0 });
        const subscription = store.subscribeAll({ from: first.position });
        const received = await take(subscription, 2, (event) => event.streamId === streamId);
        expect(received.map((event) => event.id)).toEqual([events[1].id, events[2].id]);
      });

      it('ends the iteration when closed', async () => {
        const subscription = store.subscribeAll({ from: await store.headPosition() });
        const iterator = subscription[Symbol.asyncIterator]();
        const pending = iterator.next();
        await subscription.close();
        await expect(pending).resolves.toEqual({ done: true, value: undefined });
      });
    });
  });
}

/** The first `count` events that pass `accept`; closes the subscription; fails after a bounded wait. */
async function take(
  subscription: Subscription,
  count: number,
  accept: (event: RecordedEvent) => boolean,
  timeoutMs = 10_000,
): Promise<RecordedEvent[]> {
  const received: RecordedEvent[] = [];
  const deadline = setTimeout(() => void subscription.close(), timeoutMs);
  try {
    for await (const event of subscription) {
      if (!accept(event)) continue;
      received.push(event);
      if (received.length === count) break;
    }
  } finally {
    clearTimeout(deadline);
    await subscription.close();
  }
  if (received.length < count)
    throw new Error(`received ${received.length} of ${count} events in ${timeoutMs} ms`);
  return received;
}
