import { EventStoreDBClient, jsonEvent } from '@eventstore/db-client';
import { randomUUID } from 'node:crypto';
import { StreamDeleted, WrongExpectedRevision } from '../errors';
import { EventMetadata, NewEvent, NO_STREAM, RecordedEvent } from '../event-store.port';
import { EsdbEventStore } from './esdb-event-store';

const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;
const SKIPPED = 'EventStoreDB adapter checks skipped: EVENTSTORE_CONNECTION_STRING not set';

const metadata: EventMetadata = {
  actor: { sub: 'officer-1', authority: 'gm0344', roles: ['officer'] },
  correlationId: 'c',
  causationId: 'c',
  schemaVersion: 1,
};
const newEvent = (): NewEvent => ({ id: randomUUID(), type: 'ContractEventRecorded', data: {}, metadata });

/** What the server does with our filters and answers, which the unit tests can only assume. */
function describeOnCluster(cluster: string): void {
  describe('EsdbEventStore on a cluster', () => {
    const raw = EventStoreDBClient.connectionString(cluster);
    const store = EsdbEventStore.connect(cluster, { streamPrefixes: ['contract_'], warn: () => undefined });

    afterAll(async () => {
      await store.close();
      await raw.dispose();
    });

    it('refuses a conflict with throwOnAppendFailure=false in the connection string', async () => {
      const lenient = EsdbEventStore.connect(
        `${cluster}${cluster.includes('?') ? '&' : '?'}throwOnAppendFailure=false`,
      );
      try {
        const streamId = `contract_lenient-${randomUUID()}`;
        await lenient.append(streamId, [newEvent()], { expectedRevision: NO_STREAM });
        await expect(
          lenient.append(streamId, [newEvent()], { expectedRevision: NO_STREAM }),
        ).rejects.toBeInstanceOf(WrongExpectedRevision);
      } finally {
        await lenient.close();
      }
    });

    it("passes over another application's events in $all and in the subscription", async () => {
      const from = await store.headPosition();
      const foreign = `othertenant-${randomUUID()}`;
      await raw.appendToStream(
        foreign,
        jsonEvent({ type: 'InvoiceSent', data: { total: 12 }, metadata: {} }),
      );
      const ours = `contract_ours-${randomUUID()}`;
      await store.append(ours, [newEvent()], { expectedRevision: NO_STREAM });

      const read = await store.readAll({ from });
      expect(read.map((event) => event.streamId)).toContain(ours);
      expect(read.map((event) => event.streamId)).not.toContain(foreign);

      const subscription = store.subscribeAll(from === undefined ? {} : { from });
      const seen: RecordedEvent[] = [];
      for await (const event of subscription) {
        seen.push(event);
        if (event.streamId === ours) break;
      }
      await subscription.close();
      expect(seen.map((event) => event.streamId)).not.toContain(foreign);
    });

    it('answers a tombstoned stream as deleted, for reads and writes', async () => {
      const streamId = `contract_deleted-${randomUUID()}`;
      await store.append(streamId, [newEvent()], { expectedRevision: NO_STREAM });
      await raw.tombstoneStream(streamId);
      await expect(store.readStream(streamId, { whenMissing: 'empty' })).rejects.toBeInstanceOf(
        StreamDeleted,
      );
      await expect(
        store.append(streamId, [newEvent()], { expectedRevision: NO_STREAM }),
      ).rejects.toBeInstanceOf(StreamDeleted);
    });
  });
}

if (connectionString) {
  describeOnCluster(connectionString);
} else {
  console.warn(SKIPPED);
  // Registered as a skipped suite so the report shows it, rather than passing in silence.
  const skippedSuite = describe.skip;
  skippedSuite(SKIPPED, () => {
    it('checks filters, lenient appends and deleted streams against EventStoreDB', () => undefined);
  });
}
