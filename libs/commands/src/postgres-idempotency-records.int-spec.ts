import { createSharedStatePool } from '@praktijklus/event-store';
import { postgresUnavailableReason, startTestPostgres, type TestPostgres } from '@praktijklus/testing';
import type { IdempotencyRecords } from './idempotency-records';
import { idempotencyRecordsContract } from './idempotency-records.contract';
import { PostgresIdempotencyRecords } from './postgres-idempotency-records';

const unavailable = postgresUnavailableReason();

if (unavailable !== undefined) {
  describe('PostgresIdempotencyRecords', () => {
    // Without PostgreSQL (.ci/run installs it) the report shows this skip and its reason, not a silent pass.
    it.skip(`needs PostgreSQL: ${unavailable}`, () => undefined);
  });
  console.warn(`PostgresIdempotencyRecords tests skipped: ${unavailable}`);
} else {
  let postgres: TestPostgres;
  let databases = 0;
  beforeAll(async () => {
    postgres = await startTestPostgres();
  }, 120_000);
  afterAll(() => postgres?.destroy());

  // Every `open` is another instance: its own pool, as another server process would have.
  idempotencyRecordsContract('PostgreSQL', async () => {
    const url = postgres.createDatabase(`idempotency_${++databases}`);
    const opened: IdempotencyRecords[] = [];
    return {
      open: async () => {
        const records = await PostgresIdempotencyRecords.open(createSharedStatePool({ url, poolMax: 4 }), {
          ownsPool: true,
        });
        opened.push(records);
        return records;
      },
      cleanup: async () => {
        for (const records of opened) await records.close();
      },
    };
  });

  describe('PostgresIdempotencyRecords', () => {
    it('answers StoreUnavailable while PostgreSQL is down, and works again once it is back', async () => {
      const url = postgres.createDatabase(`idempotency_${++databases}`);
      const records = await PostgresIdempotencyRecords.open(createSharedStatePool({ url, poolMax: 2 }), {
        ownsPool: true,
      });
      try {
        expect(await records.reserve('officer-1', 'key-1', 'f1')).toEqual({ kind: 'reserved' });
        postgres.kill();
        await expect(records.reserve('officer-1', 'key-2', 'f1')).rejects.toMatchObject({
          code: 'STORE_UNAVAILABLE',
        });
        postgres.start();
        expect(await records.reserve('officer-1', 'key-1', 'f1')).toEqual({ kind: 'pending' });
      } finally {
        await records.close();
      }
    });
  });
}
