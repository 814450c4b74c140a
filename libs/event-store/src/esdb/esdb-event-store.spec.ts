import {
  AccessDeniedError,
  CancelledError,
  StreamDeletedError,
  ErrorType,
  NotLeaderError,
  UnavailableError,
  UnknownError,
} from '@eventstore/db-client';
import { randomUUID } from 'node:crypto';
import { StoreUnavailable, StreamDeleted, WrongExpectedRevision } from '../errors';
import { NewEvent, NO_STREAM } from '../event-store.port';
import { EsdbEventStore } from './esdb-event-store';
import { FakeEsdbClient, metadata, storedEvent } from './test-support/fake-esdb-client';

const newEvent = (): NewEvent => ({ id: randomUUID(), type: 'SignalRecorded', data: {}, metadata });

/** What the client throws when the node asked is a follower; built without a gRPC call. */
function notLeader(): NotLeaderError {
  return Object.assign(Object.create(NotLeaderError.prototype) as NotLeaderError, {
    name: 'Error',
    message: 'not leader',
    type: ErrorType.NOT_LEADER,
    leader: { address: 'node2', port: 2113 },
  });
}

describe('EsdbEventStore on a fake client', () => {
  let client: FakeEsdbClient;
  let store: EsdbEventStore;

  beforeEach(() => {
    client = new FakeEsdbClient();
    store = EsdbEventStore.over(client, { retryDelaysMs: [0, 0, 0] });
  });

  describe('append result', () => {
    it('refuses an append the client answers with success: false (throwOnAppendFailure=false)', async () => {
      client.appendAnswers.push({ success: false, nextExpectedRevision: 1n, position: undefined });
      const error = await store
        .append('signal-1', [newEvent()], { expectedRevision: 0 })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WrongExpectedRevision);
      expect(error).toMatchObject({ streamId: 'signal-1', expected: 0, actual: undefined });
    });

    it('reports a committed write as written when reading back its position fails', async () => {
      client.appendAnswers.push({
        success: true,
        nextExpectedRevision: 0n,
        position: { commit: 500n, prepare: 500n },
      });
      client.readStreamFailures.push(new UnavailableError(undefined, 'connection reset'));
      await expect(store.append('signal-1', [newEvent()], { expectedRevision: NO_STREAM })).resolves.toEqual({
        nextRevision: 0,
        position: '500/500',
      });
    });

    it('takes the position from the append result, never 0/0, when the event is not read back', async () => {
      client.appendAnswers.push({
        success: true,
        nextExpectedRevision: 0n,
        position: { commit: 700n, prepare: 690n },
      });
      await expect(store.append('signal-1', [newEvent()], { expectedRevision: NO_STREAM })).resolves.toEqual({
        nextRevision: 0,
        position: '700/690',
      });
    });

    it('reads the position of the last event written back from the stream', async () => {
      await store.append('signal-1', [newEvent()], { expectedRevision: NO_STREAM });
      const result = await store.append('signal-1', [newEvent(), newEvent()], { expectedRevision: 0 });
      expect(result).toEqual({ nextRevision: 2, position: '300/300' });
    });

    it('answers StoreUnavailable rather than a made-up position when there is none to be had', async () => {
      client.appendAnswers.push({ success: true, nextExpectedRevision: 0n, position: undefined });
      await expect(
        store.append('signal-1', [newEvent()], { expectedRevision: NO_STREAM }),
      ).rejects.toBeInstanceOf(StoreUnavailable);
    });
  });

  describe('cluster errors', () => {
    it.each([
      ['cancelled (a node shutting down)', () => new CancelledError(undefined, 'cancelled')],
      ['access denied', () => new AccessDeniedError(undefined, 'access denied')],
      ['unknown', () => new UnknownError(undefined, 'unknown')],
    ])('answers %s with StoreUnavailable', async (_, make) => {
      client.appendAnswers.push(make());
      await expect(
        store.append('signal-1', [newEvent()], { expectedRevision: NO_STREAM }),
      ).rejects.toBeInstanceOf(StoreUnavailable);
    });

    it('retries an append refused by a follower until the leader takes it', async () => {
      client.appendAnswers.push(notLeader(), notLeader());
      await expect(
        store.append('signal-1', [newEvent()], { expectedRevision: NO_STREAM }),
      ).resolves.toMatchObject({
        nextRevision: 0,
      });
      expect(client.appendCalls).toHaveLength(3);
    });

    it('gives up on not-leader after its retries with StoreUnavailable', async () => {
      client.appendAnswers.push(notLeader(), notLeader(), notLeader(), notLeader());
      await expect(
        store.append('signal-1', [newEvent()], { expectedRevision: NO_STREAM }),
      ).rejects.toBeInstanceOf(StoreUnavailable);
      expect(client.appendCalls).toHaveLength(4);
    });

    it('retries reads on not-leader too', async () => {
      client.readAllFailures.push(notLeader());
      await expect(store.ping()).resolves.toBeUndefined();
      client.readStreamFailures.push(notLeader());
      await expect(store.readStream('signal-1', { whenMissing: 'empty' })).resolves.toEqual([]);
    });
  });

  describe('events of other applications on a shared cluster', () => {
    const foreign = () =>
      storedEvent('billing-9', 0, 200, {
        type: 'InvoiceSent',
        data: { total: 12 },
        metadata: { tenant: 't' },
      });
    let warnings: string[];

    beforeEach(() => {
      warnings = [];
      store = EsdbEventStore.over(client, {
        retryDelaysMs: [0],
        streamPrefixes: ['signal-', 'escalation-'],
        warn: (message) => warnings.push(message),
      });
    });

    it('reads past them in $all and says so, instead of halting on their shape', async () => {
      client.log = [storedEvent('signal-1', 0, 100), foreign(), storedEvent('escalation-1', 0, 300)];
      const events = await store.readAll();
      expect(events.map((event) => event.streamId)).toEqual(['signal-1', 'escalation-1']);
      expect(store.foreignEventsSkipped()).toBe(1);
      expect(warnings).toEqual([
        expect.stringMatching(/skipped 1 event.*InvoiceSent in billing-9 at 200\/200/),
      ]);
    });

    it('reports the 1st, 10th, 100th... event passed over, not each one', async () => {
      client.log = Array.from({ length: 12 }, (_, index) =>
        storedEvent(`billing-${index}`, 0, 100 + index, { type: 'InvoiceSent' }),
      );
      await expect(store.readAll()).resolves.toEqual([]);
      expect(store.foreignEventsSkipped()).toBe(12);
      expect(warnings).toEqual([
        expect.stringMatching(/skipped 1 event/),
        expect.stringMatching(/skipped 10 event/),
      ]);
    });

    it('still refuses an event of the wrong shape in one of our streams', async () => {
      client.log = [storedEvent('signal-1', 0, 100, { metadata: { tenant: 't' } })];
      await expect(store.readAll()).rejects.toThrow(/metadata/);
    });

    it('subscribes with a stream-prefix filter on $all and skips what gets through anyway', async () => {
      client.log = [foreign(), storedEvent('signal-1', 0, 300)];
      const subscription = store.subscribeAll();
      const first = await subscription[Symbol.asyncIterator]().next();
      expect(first.value).toMatchObject({ streamId: 'signal-1' });
      expect(client.subscribeCalls[0].filter).toMatchObject({
        filterOn: 'streamName',
        prefixes: ['signal-', 'escalation-'],
      });
      expect(store.foreignEventsSkipped()).toBe(1);
      await subscription.close();
    });

    it('takes the head position from our newest event, not a foreign one after it', async () => {
      client.log = [storedEvent('signal-1', 0, 100), foreign()];
      await expect(store.headPosition()).resolves.toBe('100/100');
    });

    it('refuses a prefix that is empty or names system streams', () => {
      expect(() => EsdbEventStore.over(client, { streamPrefixes: [''] })).toThrow(RangeError);
      expect(() => EsdbEventStore.over(client, { streamPrefixes: ['$ce-'] })).toThrow(RangeError);
    });
  });

  describe('deleted streams and system events', () => {
    const systemEvents = (count: number, fromCommit: number) =>
      Array.from({ length: count }, (_, index) =>
        storedEvent('$stats-127.0.0.1:2113', index, fromCommit + index, { type: '$statsCollected' }),
      );

    it('reads a deleted stream as deleted, also for callers to whom a missing stream is empty', async () => {
      client.readStreamFailures.push(StreamDeletedError.fromStreamName('signal-1'));
      await expect(store.readStream('signal-1', { whenMissing: 'empty' })).rejects.toBeInstanceOf(
        StreamDeleted,
      );
    });

    it('scans only what is new for the head position when the log ends in system events', async () => {
      client.log = [storedEvent('signal-1', 0, 100), ...systemEvents(1200, 200)];
      await expect(store.headPosition()).resolves.toBe('100/100');
      const firstScan = client.readAllCalls.length;
      expect(firstScan).toBe(3);
      client.log.push(...systemEvents(5, 5000));
      await expect(store.headPosition()).resolves.toBe('100/100');
      expect(client.readAllCalls.length - firstScan).toBe(1);
      client.log.push(storedEvent('signal-2', 0, 6000));
      await expect(store.headPosition()).resolves.toBe('6000/6000');
    });

    it('reads $all past a run of system events in full pages, not pages the size of the limit', async () => {
      client.log = [
        storedEvent('signal-1', 0, 100),
        ...systemEvents(400, 200),
        storedEvent('signal-2', 0, 900),
      ];
      const events = await store.readAll({ limit: 2 });
      expect(events.map((event) => event.streamId)).toEqual(['signal-1', 'signal-2']);
      expect(client.readAllCalls.length).toBeLessThanOrEqual(2);
    });
  });
});
