import { randomUUID } from 'node:crypto';
import { describeEventStoreContract } from '../contract/event-store.contract';
import { StoreUnavailable } from '../errors';
import { NO_STREAM } from '../event-store.port';
import { EsdbEventStore } from './esdb-event-store';

const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;
const SKIPPED = 'EventStoreDB contract skipped: EVENTSTORE_CONNECTION_STRING not set';

if (connectionString) {
  describeEventStoreContract('EventStoreDB', async () => {
    // The contract's streams only, so the suite runs on a cluster that also holds other data.
    const store = EsdbEventStore.connect(connectionString, { streamPrefixes: ['contract_'] });
    await store.ping();
    return { store, cleanup: () => store.close() };
  });
} else {
  console.warn(SKIPPED);
  // Registered as a skipped suite so the report shows it, rather than passing in silence.
  const skippedSuite = describe.skip;
  skippedSuite(SKIPPED, () => {
    it('runs the event store contract against EventStoreDB', () => undefined);
  });
}

describe('EsdbEventStore without a reachable cluster', () => {
  // Port 1 on loopback refuses connections at once: no server is needed to see the mapping.
  const store = EsdbEventStore.connect('esdb://127.0.0.1:1?tls=false');

  afterAll(() => store.close());

  const metadata = {
    actor: { sub: 'officer-1', authority: 'gm0344', roles: ['officer' as const] },
    correlationId: 'c',
    causationId: 'c',
    schemaVersion: 1,
  };

  it('answers ping, append and reads with StoreUnavailable', async () => {
    await expect(store.ping()).rejects.toBeInstanceOf(StoreUnavailable);
    await expect(
      store.append('s', [{ id: randomUUID(), type: 'T', data: {}, metadata }], {
        expectedRevision: NO_STREAM,
      }),
    ).rejects.toBeInstanceOf(StoreUnavailable);
    await expect(store.readStream('s')).rejects.toBeInstanceOf(StoreUnavailable);
    await expect(store.readAll({ limit: 10 })).rejects.toBeInstanceOf(StoreUnavailable);
    await expect(store.headPosition()).rejects.toBeInstanceOf(StoreUnavailable);
  });

  it('ends a subscription with StoreUnavailable', async () => {
    const subscription = store.subscribeAll();
    await expect(subscription[Symbol.asyncIterator]().next()).rejects.toBeInstanceOf(StoreUnavailable);
    await subscription.close();
  });

  it('compares positions by commit, then prepare', () => {
    expect(store.comparePositions('9/9', '10/0')).toBe(-1);
    expect(store.comparePositions('10/5', '10/4')).toBe(1);
    expect(store.comparePositions('10/5', '10/5')).toBe(0);
  });
});
