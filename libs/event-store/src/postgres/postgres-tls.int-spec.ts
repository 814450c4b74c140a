import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { postgresUnavailableReason, startTestPostgres, type TestPostgres } from '@praktijklus/testing';
import { StoreUnavailable } from '../errors';
import { NO_STREAM } from '../event-store.port';
import { createSharedStatePool } from '../shared-state/postgres-shared-state';
import { PostgresEventStore } from './postgres-event-store';

// DATABASE_URL's TLS options reach node-postgres unchanged, for the event store and for the shared
// state's pool alike: on a cluster that accepts TCP connections over TLS only (pg_hba `hostssl`),
// with a certificate for 127.0.0.1 signed by a throw-away CA.

const unavailable = postgresUnavailableReason();

if (unavailable !== undefined) {
  console.warn(`PostgreSQL TLS tests skipped: ${unavailable}`);
  // Registered as a skipped suite so the report shows it, rather than passing in silence.
  const skippedSuite = describe.skip;
  skippedSuite(`PostgreSQL TLS tests skipped: ${unavailable}`, () => {
    it('connects over TLS with the options of DATABASE_URL', () => undefined);
  });
} else {
  describe('PostgreSQL over TLS, as DATABASE_URL says', () => {
    let postgres: TestPostgres;
    let verified: string;

    beforeAll(async () => {
      postgres = await startTestPostgres({ tls: true });
      verified = `${postgres.url}?sslmode=verify-full&sslrootcert=${postgres.caFile ?? ''}`;
    }, 120_000);

    afterAll(() => {
      postgres?.destroy();
    });

    it('appends and reads over a verified TLS connection, and every connection of the store is TLS', async () => {
      const store = await PostgresEventStore.open({ connectionString: verified });
      try {
        const id = randomUUID();
        await store.append(
          `tls-${id}`,
          [
            {
              id,
              type: 'TlsChecked',
              data: { over: 'tls' },
              metadata: {
                actor: { sub: 'officer-1', authority: 'gm0344', roles: ['officer'] },
                correlationId: 'c',
                causationId: 'c',
                schemaVersion: 1,
              },
            },
          ],
          { expectedRevision: NO_STREAM },
        );
        expect((await store.readStream(`tls-${id}`)).map((event) => event.id)).toEqual([id]);
        const probe = new Client({ connectionString: verified });
        await probe.connect();
        try {
          const { rows } = await probe.query<{ ssl: boolean }>(
            `SELECT s.ssl FROM pg_stat_ssl s JOIN pg_stat_activity a USING (pid)
             WHERE a.application_name = 'praktijklus'`,
          );
          expect(rows.length).toBeGreaterThan(0);
          expect(rows.every((row) => row.ssl)).toBe(true);
        } finally {
          await probe.end();
        }
      } finally {
        await store.close();
      }
    });

    it('is refused without TLS (sslmode=disable) and with a certificate it cannot verify', async () => {
      // pg_hba.conf refuses the connection (SQLSTATE 28000): the deployment's fault, answered as unavailable.
      const plain = PostgresEventStore.open({ connectionString: `${postgres.url}?sslmode=disable` });
      await expect(plain).rejects.toBeInstanceOf(StoreUnavailable);
      await expect(plain).rejects.toThrow(/28000 .*no encryption/);
      await expect(
        PostgresEventStore.open({ connectionString: `${postgres.url}?sslmode=verify-full` }),
      ).rejects.toBeInstanceOf(StoreUnavailable);
    });

    it("passes the same options to the shared state's pool", async () => {
      const pool = createSharedStatePool({ url: verified, poolMax: 2 });
      try {
        const { rows } = await pool.query<{ ssl: boolean }>(
          'SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()',
        );
        expect(rows).toEqual([{ ssl: true }]);
      } finally {
        await pool.end();
      }
      const plain = createSharedStatePool({ url: `${postgres.url}?sslmode=disable`, poolMax: 1 });
      try {
        await expect(plain.query('SELECT 1')).rejects.toThrow(/pg_hba\.conf|no encryption/);
      } finally {
        await plain.end();
      }
    });
  });
}
