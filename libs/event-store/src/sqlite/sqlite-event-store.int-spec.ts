import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { describeEventStoreContract } from '../contract/event-store.contract';
import { StoreUnavailable, WrongExpectedRevision } from '../errors';
import { EventMetadata, NewEvent, NO_STREAM, RecordedEvent, Subscription } from '../event-store.port';
import { SqliteEventStore } from './sqlite-event-store';

const APPENDER = path.join(__dirname, 'test-fixtures', 'appender.js');

const metadata: EventMetadata = {
  actor: { sub: 'officer-1', authority: 'gm0344', roles: ['officer'] },
  correlationId: 'correlation-1',
  causationId: 'causation-1',
  schemaVersion: 1,
};

const newEvent = (data: Record<string, unknown> = {}): NewEvent => ({
  id: randomUUID(),
  type: 'SqliteEventRecorded',
  data,
  metadata,
});

interface Ack {
  id: string;
  position: string;
  revision: number;
}

let dir: string;
const fileIn = (name = 'events.sqlite'): string => path.join(dir, name);

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sqlite-event-store-'));
});

afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describeEventStoreContract('SQLite', async () => {
  const store = SqliteEventStore.open({ file: fileIn() });
  return { store, cleanup: () => store.close() };
});

describe('SqliteEventStore', () => {
  let store: SqliteEventStore;

  afterEach(async () => {
    await store.close();
  });

  it('uses WAL with synchronous=FULL unless told otherwise', async () => {
    store = SqliteEventStore.open({ file: fileIn() });
    expect(store.durability()).toEqual({ journalMode: 'wal', synchronous: 'FULL' });
    const relaxed = SqliteEventStore.open({ file: fileIn('relaxed.sqlite'), synchronous: 'NORMAL' });
    expect(relaxed.durability()).toEqual({ journalMode: 'wal', synchronous: 'NORMAL' });
    await relaxed.close();
  });

  it('holds the page cache it is given, the build default otherwise', async () => {
    store = SqliteEventStore.open({ file: fileIn() });
    const follower = SqliteEventStore.open({ file: fileIn(), cacheMiB: 2 });
    expect(follower.cacheKiB()).toBe(2048);
    expect(store.cacheKiB()).toBeGreaterThan(2048);
    await follower.close();
  });

  it('reports an empty log and answers ping', async () => {
    store = SqliteEventStore.open({ file: fileIn() });
    await expect(store.ping()).resolves.toBeUndefined();
    expect(await store.headPosition()).toBeUndefined();
    expect(await store.readAll()).toEqual([]);
  });

  it('never records an event before the last one when its clock steps back, and says so', async () => {
    const times = [Date.parse('2026-03-10T12:00:00Z'), Date.parse('2026-03-10T11:00:00Z')];
    const behind: number[] = [];
    store = SqliteEventStore.open({
      file: fileIn(),
      clock: () => times.shift() ?? Date.parse('2026-03-10T12:30:00Z'),
      onClockBehind: (behindMs) => behind.push(behindMs),
    });
    await store.append('s-1', [newEvent()], { expectedRevision: NO_STREAM });
    await store.append('s-2', [newEvent()], { expectedRevision: NO_STREAM });
    await store.append('s-1', [newEvent()], { expectedRevision: 0 });
    expect((await store.readAll()).map((event) => event.recordedAt)).toEqual([
      '2026-03-10T12:00:00.000Z',
      '2026-03-10T12:00:00.000Z',
      '2026-03-10T12:30:00.000Z',
    ]);
    expect(behind).toEqual([3_600_000]);
  });

  describe('group commit', () => {
    it('commits appends arriving together in one transaction, checking each on its own', async () => {
      store = SqliteEventStore.open({ file: fileIn() });
      await store.append('taken', [newEvent()], { expectedRevision: NO_STREAM });
      const before = store.groupCommitStats();

      const streams = Array.from({ length: 49 }, (_, index) => `group-${index}`);
      const outcomes = await Promise.allSettled([
        ...streams
          .slice(0, 20)
          .map((streamId) => store.append(streamId, [newEvent()], { expectedRevision: NO_STREAM })),
        store.append('taken', [newEvent()], { expectedRevision: NO_STREAM }),
        ...streams
          .slice(20)
          .map((streamId) => store.append(streamId, [newEvent()], { expectedRevision: NO_STREAM })),
      ]);

      const rejected = outcomes.filter((outcome) => outcome.status === 'rejected');
      expect(rejected).toHaveLength(1);
      expect(rejected[0].reason).toBeInstanceOf(WrongExpectedRevision);
      expect(outcomes[20].status).toBe('rejected');
      expect(await store.readStream('taken')).toHaveLength(1);
      for (const streamId of streams) expect(await store.readStream(streamId)).toHaveLength(1);

      const after = store.groupCommitStats();
      expect(after.appends - before.appends).toBe(50);
      expect(after.transactions - before.transactions).toBe(1);
    });

    it('sees earlier appends of the same group, including an identical retry', async () => {
      store = SqliteEventStore.open({ file: fileIn() });
      const [a, b] = [newEvent(), newEvent()];
      const [first, retry, second] = await Promise.all([
        store.append('s', [a], { expectedRevision: NO_STREAM }),
        store.append('s', [a], { expectedRevision: NO_STREAM }),
        store.append('s', [b], { expectedRevision: 0 }),
      ]);
      expect(retry).toEqual(first);
      expect(second.nextRevision).toBe(1);
      expect((await store.readStream('s')).map((event) => event.id)).toEqual([a.id, b.id]);
      expect(store.groupCommitStats().transactions).toBe(1);
    });
  });

  describe('storage failures', () => {
    it('refuses writes with StoreUnavailable when the disk is full, loses nothing acknowledged and keeps reading', async () => {
      store = SqliteEventStore.open({ file: fileIn(), maxPageCount: 16 });
      expect(store.writeHealth()).toEqual({ writable: true });
      const big = (): NewEvent => newEvent({ text: 'x'.repeat(6000) });
      const acknowledged: string[] = [];
      let failure: unknown;
      for (let revision = -1; revision < 100 && failure === undefined; revision += 1) {
        const event = big();
        try {
          await store.append('full', [event], { expectedRevision: revision });
          acknowledged.push(event.id);
        } catch (error) {
          failure = error;
        }
      }
      expect(failure).toBeInstanceOf(StoreUnavailable);
      expect(acknowledged.length).toBeGreaterThan(0);
      expect(store.writeHealth()).toEqual({ writable: false, error: 'SQLITE_FULL' });

      // A storage failure rolls back the whole group: nobody in it is told their write succeeded.
      const small = newEvent();
      const group = await Promise.allSettled([
        store.append('small', [small], { expectedRevision: NO_STREAM }),
        store.append('full', [big()], { expectedRevision: acknowledged.length - 1 }),
      ]);
      expect(group.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected']);
      for (const outcome of group) {
        expect(outcome.status === 'rejected' && outcome.reason).toBeInstanceOf(StoreUnavailable);
      }

      expect((await store.readStream('full')).map((event) => event.id)).toEqual(acknowledged);
      expect(store.integrityCheck()).toBe('ok');
      await store.close();

      store = SqliteEventStore.open({ file: fileIn() });
      expect((await store.readStream('full')).map((event) => event.id)).toEqual(acknowledged);
      expect((await store.readAll()).map((event) => event.id)).not.toContain(small.id);
      await expect(store.append('small', [small], { expectedRevision: NO_STREAM })).resolves.toMatchObject({
        nextRevision: 0,
      });
      expect(store.writeHealth()).toEqual({ writable: true });
    });

    it('commits appends queued when closing, then refuses everything with StoreUnavailable', async () => {
      store = SqliteEventStore.open({ file: fileIn() });
      const event = newEvent();
      const pending = store.append('s', [event], { expectedRevision: NO_STREAM });
      await store.close();
      await expect(pending).resolves.toMatchObject({ nextRevision: 0 });

      await expect(store.append('s', [newEvent()], { expectedRevision: 0 })).rejects.toBeInstanceOf(
        StoreUnavailable,
      );
      await expect(store.readAll()).rejects.toBeInstanceOf(StoreUnavailable);
      await expect(store.ping()).rejects.toBeInstanceOf(StoreUnavailable);

      store = SqliteEventStore.open({ file: fileIn() });
      expect((await store.readStream('s')).map((recorded) => recorded.id)).toEqual([event.id]);
      const next = await store.append('s', [newEvent()], { expectedRevision: 0 });
      expect(store.comparePositions(next.position, (await store.readStream('s'))[0].position)).toBe(1);
    });
  });

  describe('live subscribers', () => {
    it('are woken in-process by an append, without waiting for the poll', async () => {
      store = SqliteEventStore.open({ file: fileIn(), pollIntervalMs: 60_000 });
      const subscription = store.subscribeAll();
      const received = take(subscription, 1, () => true, 2_000);
      await new Promise((resolve) => setImmediate(resolve));
      const event = newEvent();
      await store.append('s', [event], { expectedRevision: NO_STREAM });
      expect((await received).map((recorded) => recorded.id)).toEqual([event.id]);
    });

    it('notice a single event committed through another connection', async () => {
      store = SqliteEventStore.open({ file: fileIn(), pollIntervalMs: 20 });
      const subscription = store.subscribeAll();
      const received = take(subscription, 1, () => true, 5_000);
      await new Promise((resolve) => setImmediate(resolve));
      const other = SqliteEventStore.open({ file: fileIn() });
      const event = newEvent();
      await other.append('s', [event], { expectedRevision: NO_STREAM });
      await other.close();
      expect((await received).map((recorded) => recorded.id)).toEqual([event.id]);
    });
  });

  describe('with a second process on the same file', () => {
    it('delivers events the other process appends to a live subscriber here', async () => {
      store = SqliteEventStore.open({ file: fileIn(), pollIntervalMs: 20 });
      await store.append('here', [newEvent()], { expectedRevision: NO_STREAM });
      const subscription = store.subscribeAll({ from: await store.headPosition() });
      const received = take(subscription, 20, (event) => event.streamId === 'there');

      const child = spawnAppender(fileIn(), 'there', '20');
      const acks = await readAcks(child, 20);
      expect(await exitOf(child)).toBe(0);

      expect((await received).map((event) => [event.id, event.position])).toEqual(
        acks.map((ack) => [ack.id, ack.position]),
      );
    });

    it('keeps every acknowledged append when the writing process is killed with SIGKILL', async () => {
      const child = spawnAppender(fileIn(), 'crash', 'forever');
      const acks = await readAcks(child, 25);
      child.kill('SIGKILL');
      expect(await exitOf(child)).toBe('SIGKILL');

      store = SqliteEventStore.open({ file: fileIn() });
      expect(store.integrityCheck()).toBe('ok');
      const events = await store.readStream('crash');
      expect(events.length).toBeGreaterThanOrEqual(acks.length);
      expect(events.map((event) => event.revision)).toEqual(events.map((_, index) => index));
      expect(events.slice(0, acks.length).map((event) => [event.id, event.position])).toEqual(
        acks.map((ack) => [ack.id, ack.position]),
      );
    });
  });
});

function spawnAppender(file: string, streamId: string, count: string): ChildProcess {
  return spawn(process.execPath, [APPENDER, file, streamId, count], { stdio: ['ignore', 'pipe', 'pipe'] });
}

/** The first `count` acknowledgements the child prints; stops reading as soon as it has them. */
async function readAcks(child: ChildProcess, count: number, timeoutMs = 10_000): Promise<Ack[]> {
  const stdout = child.stdout;
  if (stdout === null) throw new Error('child has no stdout');
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const lines = readline.createInterface({ input: stdout });
  const acks: Ack[] = [];
  const deadline = setTimeout(() => lines.close(), timeoutMs);
  try {
    for await (const line of lines) {
      acks.push(JSON.parse(line) as Ack);
      if (acks.length === count) break;
    }
  } finally {
    clearTimeout(deadline);
    lines.close();
  }
  if (acks.length < count)
    throw new Error(`child acknowledged ${acks.length} of ${count} appends: ${stderr}`);
  return acks;
}

function exitOf(child: ChildProcess): Promise<number | NodeJS.Signals | null> {
  if (child.exitCode !== null || child.signalCode !== null)
    return Promise.resolve(child.exitCode ?? child.signalCode);
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
}

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
  return received;
}
