import { Client } from 'pg';
import { postgresUnavailableReason, startTestPostgres, type TestPostgres } from '@praktijklus/testing';
import { startTestServer, type TestServer } from './support/test-server';
import { analyst, officers, write, writeSignals } from './views.fixtures';
import { signalBody } from './signals.fixtures';

jest.setTimeout(120_000);

const unavailable = postgresUnavailableReason();

interface ReadyBody {
  ready: boolean;
  store: {
    reachable: boolean;
    kind: string;
    error?: string;
    pool?: { max: number; total: number; idle: number; waiting: number };
    database?: { name: string; inRecovery: boolean };
  };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

if (unavailable !== undefined) {
  const message = `PostgreSQL e2e skipped: ${unavailable}`;
  console.warn(message);
  const skippedSuite = describe.skip;
  skippedSuite(message, () => {
    it('runs the server on EVENT_STORE=postgres', () => undefined);
  });
} else {
  describe('the server on EVENT_STORE=postgres', () => {
    let postgres: TestPostgres;
    let databaseUrl: string;
    let server: TestServer;

    const signalTitle = async (id: string, position: string): Promise<unknown> => {
      const response = await server.graphql<{ data: { signal: { title: string; revision: number } | null } }>(
        'query ($id: ID!) { signal(id: $id) { title revision } }',
        { token: analyst, variables: { id }, headers: { 'x-consistent-with': position } },
      );
      expect(response.status).toBe(200);
      return response.body.data.signal;
    };

    beforeAll(async () => {
      postgres = await startTestPostgres();
      databaseUrl = postgres.createDatabase('e2e');
      server = await startTestServer({ env: { EVENT_STORE: 'postgres', DATABASE_URL: databaseUrl } });
    });

    afterAll(async () => {
      await server?.close();
      postgres?.destroy();
    });

    it('writes signals to PostgreSQL and reads them back through GraphQL with X-Consistent-With', async () => {
      const { signals, position } = await writeSignals(server);
      for (const signal of signals.slice(0, 10)) {
        expect(await signalTitle(signal.id, position)).toEqual({
          title: signal.title,
          revision: expect.any(Number),
        });
      }
      const client = new Client({ connectionString: databaseUrl });
      await client.connect();
      try {
        const { rows } = await client.query<{ count: string; head: string }>(
          `SELECT COUNT(*) FILTER (WHERE type = 'SignalRecorded') AS count, MAX(position) AS head FROM events`,
        );
        expect(rows[0]).toEqual({ count: String(signals.length), head: position });
      } finally {
        await client.end();
      }
    });

    it('reports the store kind, the pool and the database on /ready', async () => {
      const response = await server.request<ReadyBody>('GET', '/ready');
      expect(response.status).toBe(200);
      expect(response.body.ready).toBe(true);
      expect(response.body.store).toEqual({
        reachable: true,
        kind: 'postgres',
        pool: { max: 10, total: expect.any(Number), idle: expect.any(Number), waiting: 0 },
        database: { name: 'e2e', inRecovery: false },
      });
      expect(response.body.store.pool?.total).toBeGreaterThanOrEqual(1);
    });

    it('answers 503 STORE_UNAVAILABLE while the database is down and recovers by itself when it returns', async () => {
      const before = await write(
        server,
        '/api/v1/signals',
        officers.gm0344,
        signalBody({ title: 'Voor de storing' }),
      );
      postgres.kill();
      try {
        const refused = await server.request<{ status: number; code: string }>('POST', '/api/v1/signals', {
          token: officers.gm0344,
          body: signalBody({ title: 'Tijdens de storing' }),
        });
        expect(refused.status).toBe(503);
        expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        expect(refused.body).toMatchObject({ status: 503, code: 'STORE_UNAVAILABLE' });
        expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);

        const ready = await server.request<ReadyBody>('GET', '/ready');
        expect(ready.status).toBe(503);
        expect(ready.body.store).toMatchObject({ reachable: false, kind: 'postgres' });
      } finally {
        postgres.start();
      }

      let after: { id: string; position: string } | undefined;
      for (let attempt = 0; after === undefined; attempt += 1) {
        if (attempt > 100) throw new Error('the server did not recover after the database returned');
        const response = await server.request<{ id: string; position: string }>('POST', '/api/v1/signals', {
          token: officers.gm0344,
          body: signalBody({ title: 'Na de storing' }),
        });
        if (response.status === 201) after = response.body;
        else {
          expect(response.status).toBe(503);
          await sleep(200);
        }
      }
      expect(BigInt(after.position)).toBe(BigInt(before.position) + 1n);
      // The projector resumed: the write after the outage is readable, and so is the one before.
      expect(await signalTitle(after.id, after.position)).toEqual({ title: 'Na de storing', revision: 0 });
      expect(await signalTitle(before.id, after.position)).toEqual({ title: 'Voor de storing', revision: 0 });
      const ready = await server.request<ReadyBody>('GET', '/ready');
      expect(ready.status).toBe(200);
    });
  });
}
