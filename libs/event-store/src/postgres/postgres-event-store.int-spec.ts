import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { postgresUnavailableReason, startTestPostgres, type TestPostgres } from '@praktijklus/testing';
import { describeEventStoreContract } from '../contract/event-store.contract';
import { StoreUnavailable, WrongExpectedRevision } from '../errors';
import {
  type EventMetadata,
  type ExpectedRevision,
  type NewEvent,
  NO_STREAM,
  type RecordedEvent,
  type Subscription,
} from '../event-store.port';
import { APPEND_LOCK_KEY, PostgresEventStore, type PostgresEventStoreOptions } from './postgres-event-store';

const unavailable = postgresUnavailableReason();

const metadata: EventMetadata = {
  actor: { sub: 'officer-1', authority: 'gm0344', roles: ['officer'] },
  correlationId: 'correlation-1',
  causationId: 'causation-1',
  schemaVersion: 1,
};

const newEvent = (data: Record<string, unknown> = {}): NewEvent => ({
  id: randomUUID(),
  type: 'PostgresEventRecorded',
  data,
  metadata,
});

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function eventually<T>(what: string, probe: () => Promise<T>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await probe();
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${String(error)}`);
      await sleep(100);
    }
  }
}

/** Reads `subscription` until `done` says so or `timeoutMs` passes; closes it. */
async function follow(
  subscription: Subscription,
  done: (received: RecordedEvent[]) => boolean,
  timeoutMs = 60_000,
): Promise<RecordedEvent[]> {
  const received: RecordedEvent[] = [];
  const deadline = setTimeout(() => void subscription.close(), timeoutMs);
  try {
    for await (const event of subscription) {
      received.push(event);
      if (done(received)) break;
    }
  } finally {
    clearTimeout(deadline);
    await subscription.close();
  }
  return received;
}

if (unavailable !== undefined) {
  const message = `PostgreSQL event store tests skipped: ${unavailable}`;
  console.warn(message);
  // Registered as a skipped suite so the report shows it, rather than passing in silence.
  const skippedSuite = describe.skip;
  skippedSuite(message, () => {
    it('runs the event store contract and the adapter tests against PostgreSQL', () => undefined);
  });
} else {
  let postgres: TestPostgres;
  let databases = 0;
  const freshDatabase = (): string => {
    databases += 1;
    return postgres.createDatabase(`store_${databases}`);
  };
  const opened: PostgresEventStore[] = [];
  const open = async (
    url: string,
    options: Partial<PostgresEventStoreOptions> = {},
  ): Promise<PostgresEventStore> => {
    const store = await PostgresEventStore.open({ connectionString: url, ...options });
    opened.push(store);
    return store;
  };

  beforeAll(async () => {
    postgres = await startTestPostgres();
  }, 120_000);

  afterAll(() => {
    postgres?.destroy();
  });

  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()));
  });

  describeEventStoreContract('PostgreSQL', async () => {
    const store = await PostgresEventStore.open({ connectionString: postgres.url });
    return { store, cleanup: () => store.close() };
  });

  describe('PostgresEventStore', () => {
    it('migrates at open once, even with instances starting together, and records the version', async () => {
      const url = freshDatabase();
      const stores = await Promise.all([open(url), open(url), open(url)]);
      expect(await stores[0]?.headPosition()).toBeUndefined();
      const client = new Client({ connectionString: url });
      await client.connect();
      try {
        const { rows } = await client.query('SELECT component, version, name FROM schema_migrations');
        expect(rows).toEqual([{ component: 'event-store', version: 1, name: 'events' }]);
      } finally {
        await client.end();
      }
      await stores[0]?.ping();
      expect(stores[0]?.databaseStatus()).toEqual({ name: url.split('/').pop(), inRecovery: false });
      expect(stores[0]?.poolStatus()).toEqual(expect.objectContaining({ max: 10, waiting: 0 }));
    });

    it('answers StoreUnavailable when the database cannot be reached', async () => {
      await expect(
        PostgresEventStore.open({ connectionString: 'postgres://praktijklus@127.0.0.1:1/none' }),
      ).rejects.toBeInstanceOf(StoreUnavailable);
    });

    it('keeps recordedAt monotonic with position across processes whose clocks disagree', async () => {
      const url = freshDatabase();
      const ahead = await open(url, { clock: () => Date.parse('2026-03-10T13:00:00Z') });
      const behind: number[] = [];
      const late = await open(url, {
        clock: () => Date.parse('2026-03-10T12:00:00Z'),
        onClockBehind: (ms) => behind.push(ms),
      });
      await ahead.append('s-1', [newEvent()], { expectedRevision: NO_STREAM });
      await late.append('s-2', [newEvent()], { expectedRevision: NO_STREAM });
      expect((await late.readAll()).map((event) => [event.position, event.recordedAt])).toEqual([
        ['1', '2026-03-10T13:00:00.000Z'],
        ['2', '2026-03-10T13:00:00.000Z'],
      ]);
      expect(behind).toEqual([3_600_000]);
    });

    it('answers StoreUnavailable when the bounded pool has no connection to give in time', async () => {
      const url = freshDatabase();
      const store = await open(url, { poolMax: 1, connectTimeoutMs: 300 });
      const holder = new Client({ connectionString: url });
      await holder.connect();
      try {
        // Another process holds the append lock: this store's append waits on its only connection.
        await holder.query('BEGIN');
        await holder.query('SELECT pg_advisory_xact_lock($1)', [APPEND_LOCK_KEY]);
        const appended = store.append('pool', [newEvent()], { expectedRevision: NO_STREAM });
        await sleep(100);
        const read = store.readAll();
        await sleep(50);
        expect(store.poolStatus()).toEqual({ max: 1, total: 1, idle: 0, waiting: 1 });
        await expect(read).rejects.toBeInstanceOf(StoreUnavailable);
        await holder.query('COMMIT');
        expect(await appended).toEqual({ nextRevision: 0, position: '1' });
        expect(await store.readAll()).toHaveLength(1);
      } finally {
        await holder.end();
      }
    });

    it('commits appends arriving together in one transaction, each checked on its own, seeing the earlier ones', async () => {
      const store = await open(freshDatabase());
      await store.append('taken', [newEvent()], { expectedRevision: NO_STREAM });
      const retried = newEvent();
      const streams = Array.from({ length: 40 }, (_, index) => `group-${index}`);
      const outcomes = await Promise.allSettled([
        ...streams.map((streamId) => store.append(streamId, [newEvent()], { expectedRevision: NO_STREAM })),
        store.append('taken', [newEvent()], { expectedRevision: NO_STREAM }),
        store.append('group-0', [retried], { expectedRevision: 0 }),
        store.append('group-0', [retried], { expectedRevision: 0 }),
        store.append('group-0', [newEvent()], { expectedRevision: 1 }),
      ]);
      expect(outcomes.map((outcome) => outcome.status)).toEqual([
        ...streams.map(() => 'fulfilled'),
        'rejected',
        'fulfilled',
        'fulfilled',
        'fulfilled',
      ]);
      expect((outcomes[40] as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedRevision);
      expect((outcomes[41] as PromiseFulfilledResult<unknown>).value).toEqual(
        (outcomes[42] as PromiseFulfilledResult<unknown>).value,
      );
      expect((await store.readStream('group-0')).map((event) => event.revision)).toEqual([0, 1, 2]);
      const log = await store.readAll();
      expect(log.map((event) => Number(event.position))).toEqual(log.map((_, index) => index + 1));
      expect(new Set(log.map((event) => event.recordedAt)).size).toBeLessThanOrEqual(2);
    });

    it('fails only the append the database refuses, when the group is retried one by one', async () => {
      const store = await open(freshDatabase());
      const outcomes = await Promise.allSettled([
        store.append('good-1', [newEvent()], { expectedRevision: NO_STREAM }),
        // PostgreSQL text cannot hold U+0000: the insert of the whole group is refused.
        store.append('bad-\u0000', [newEvent()], { expectedRevision: NO_STREAM }),
        store.append('good-2', [newEvent()], { expectedRevision: NO_STREAM }),
      ]);
      expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect((outcomes[1] as PromiseRejectedResult).reason).not.toBeInstanceOf(StoreUnavailable);
      expect((await store.readAll()).map((event) => [event.streamId, event.position])).toEqual([
        ['good-1', '1'],
        ['good-2', '2'],
      ]);
    });

    it('commits appends queued when closing, then refuses everything with StoreUnavailable', async () => {
      const store = await open(freshDatabase());
      const pending = store.append('s', [newEvent()], { expectedRevision: NO_STREAM });
      await store.close();
      expect((await pending).nextRevision).toBe(0);
      await expect(store.append('s', [newEvent()], { expectedRevision: 0 })).rejects.toBeInstanceOf(
        StoreUnavailable,
      );
      await expect(store.readAll()).rejects.toBeInstanceOf(StoreUnavailable);
      await expect(store.ping()).rejects.toBeInstanceOf(StoreUnavailable);
    });

    it('wakes a live subscriber through NOTIFY when another process commits, without waiting for the poll', async () => {
      const url = freshDatabase();
      const reader = await open(url, { pollIntervalMs: 60_000 });
      const writer = await open(url);
      const subscription = reader.subscribeAll();
      const received = follow(subscription, (events) => events.length === 1, 10_000);
      await sleep(300);
      const event = newEvent();
      const started = Date.now();
      await writer.append('s', [event], { expectedRevision: NO_STREAM });
      expect((await received).map((e) => e.id)).toEqual([event.id]);
      expect(Date.now() - started).toBeLessThan(5_000);
    });

    it('finds by polling an event committed by a writer that sent no NOTIFY', async () => {
      const url = freshDatabase();
      const reader = await open(url, { pollIntervalMs: 100 });
      const subscription = reader.subscribeAll();
      const received = follow(subscription, (events) => events.length === 1, 10_000);
      await sleep(300);
      const client = new Client({ connectionString: url });
      await client.connect();
      const id = randomUUID();
      await client.query(
        `INSERT INTO events (position, event_id, stream_id, revision, type, data, metadata, recorded_at)
         VALUES (1, $1, 'quiet', 0, 'T', '{}', $2, now())`,
        [id, JSON.stringify(metadata)],
      );
      await client.end();
      expect((await received).map((e) => e.id)).toEqual([id]);
    });

    it('keeps revisions contiguous and positions gap-free for a follower, under many writers on several pools and long transactions', async () => {
      const url = freshDatabase();
      const writers = await Promise.all([open(url), open(url), open(url, { poolMax: 2 })]);
      const follower = await open(url, { pollIntervalMs: 1000 });
      const streams = Array.from({ length: 6 }, (_, index) => `race-${index}`);
      const APPENDS_PER_WORKER = 15;
      const WORKERS = 24;
      const LONG_TRANSACTIONS = 6;
      const total = WORKERS * APPENDS_PER_WORKER + LONG_TRANSACTIONS;
      const followed = follow(follower.subscribeAll(), (events) => events.length >= total, 110_000);

      const worker = async (index: number): Promise<void> => {
        const store = writers[index % writers.length] as PostgresEventStore;
        for (let n = 0; n < APPENDS_PER_WORKER; n += 1) {
          const streamId = streams[(index + n) % streams.length] as string;
          const event = newEvent({ worker: index, n });
          for (let attempt = 0; ; attempt += 1) {
            if (attempt > 500) throw new Error(`${event.id}: gave up`);
            const current = await store.readStream(streamId, { whenMissing: 'empty' });
            const expectedRevision: ExpectedRevision = current[current.length - 1]?.revision ?? NO_STREAM;
            try {
              await store.append(streamId, [event], { expectedRevision });
              break;
            } catch (error) {
              if (!(error instanceof WrongExpectedRevision)) throw error;
            }
          }
        }
      };
      // A writer that keeps its transaction open for a while after taking its position, as a slow
      // client would: everything that commits after it must still come after it in the log.
      const slowWriter = async (): Promise<void> => {
        const client = new Client({ connectionString: url });
        await client.connect();
        try {
          for (let n = 0; n < LONG_TRANSACTIONS; n += 1) {
            await sleep(50);
            await client.query('BEGIN');
            await client.query('SELECT pg_advisory_xact_lock($1)', [APPEND_LOCK_KEY]);
            const { rows } = await client.query<{ head: string | null }>(
              'SELECT MAX(position) AS head FROM events',
            );
            const position = Number(rows[0]?.head ?? 0) + 1;
            await client.query(
              `INSERT INTO events (position, event_id, stream_id, revision, type, data, metadata, recorded_at)
                 VALUES ($1, $2, $3, 0, 'Slow', '{}', $4,
                         GREATEST(clock_timestamp(), (SELECT MAX(recorded_at) FROM events)))`,
              [position, randomUUID(), `slow-${n}`, JSON.stringify(metadata)],
            );
            await client.query('SELECT pg_sleep(0.3)');
            await client.query('COMMIT');
          }
        } finally {
          await client.end();
        }
      };

      await Promise.all([...Array.from({ length: WORKERS }, (_, index) => worker(index)), slowWriter()]);
      const received = await followed;

      expect(received.map((event) => Number(event.position))).toEqual(
        Array.from({ length: total }, (_, index) => index + 1),
      );
      expect(new Set(received.map((event) => event.id)).size).toBe(total);
      for (const streamId of streams) {
        const events = await follower.readStream(streamId);
        expect(events.map((event) => event.revision)).toEqual(events.map((_, index) => index));
      }
      const log = await follower.readAll();
      expect(log.map((event) => event.id)).toEqual(received.map((event) => event.id));
      const times = log.map((event) => Date.parse(event.recordedAt));
      expect(times).toEqual([...times].sort((a, b) => a - b));
    }, 120_000);

    it('answers StoreUnavailable while the database is killed, then recovers by itself, subscribers too', async () => {
      const url = freshDatabase();
      const store = await open(url, { pollIntervalMs: 200, connectTimeoutMs: 1000 });
      await store.append('before', [newEvent()], { expectedRevision: NO_STREAM });
      const subscription = store.subscribeAll();
      const followed = follow(subscription, (events) => events.length === 3, 90_000);
      await sleep(300);

      postgres.kill();
      try {
        await expect(store.ping()).rejects.toBeInstanceOf(StoreUnavailable);
        await expect(
          store.append('during', [newEvent()], { expectedRevision: NO_STREAM }),
        ).rejects.toBeInstanceOf(StoreUnavailable);
        await expect(store.readAll()).rejects.toBeInstanceOf(StoreUnavailable);
      } finally {
        postgres.start();
      }

      await eventually('ping after the restart', () => store.ping());
      const after = newEvent();
      await eventually('an append after the restart', () =>
        store.append('after', [after], { expectedRevision: NO_STREAM }),
      );
      // Another process commits: only NOTIFY on a new LISTEN connection or the poll can tell.
      const other = await open(url);
      const last = newEvent();
      await other.append('other', [last], { expectedRevision: NO_STREAM });
      const received = await followed;
      expect(received.map((event) => event.streamId)).toEqual(['before', 'after', 'other']);
      expect(received.map((event) => event.position)).toEqual(['1', '2', '3']);
    }, 120_000);
  });
}
