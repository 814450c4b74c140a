import { join } from 'node:path';
import { Client } from 'pg';
import { PostgresEventStore } from '@praktijklus/event-store';
import {
  postgresUnavailableReason,
  startTestPostgres,
  testToken,
  type SpawnedServer,
  type TestPostgres,
} from '@praktijklus/testing';
import { dumpReadModels, expectSameReadModels, readCheckpoints } from './support/read-model-dump';
import { eventually, READ_MODELS_FILE, startServer, temporaryDataDir } from './support/fault-server';
import { signalBody } from '../signals.fixtures';

const SIGNALS = 4;
const WRITERS = 24;
const AMENDMENTS_PER_WRITER = 6;

const unavailable = postgresUnavailableReason();

if (unavailable !== undefined) {
  const message = `PostgreSQL two-writers fault skipped: ${unavailable}`;
  console.warn(message);
  const skippedSuite = describe.skip;
  skippedSuite(message, () => {
    it('keeps revisions contiguous and positions gap-free with two writing servers', () => undefined);
  });
} else {
  describe('two server processes appending to the same streams on one PostgreSQL log', () => {
    const dataA = temporaryDataDir('pg-two-a');
    const dataB = temporaryDataDir('pg-two-b');
    let postgres: TestPostgres | undefined;
    const servers: SpawnedServer[] = [];

    afterAll(async () => {
      for (const server of servers) await server.kill();
      postgres?.destroy();
      dataA.remove();
      dataB.remove();
    });

    it('answers every amendment once, with contiguous revisions, gap-free positions and agreeing projectors', async () => {
      postgres = await startTestPostgres();
      const databaseUrl = postgres.createDatabase('two_writers');
      const env = { EVENT_STORE: 'postgres', DATABASE_URL: databaseUrl };
      const a = await startServer(dataA.dir, env);
      servers.push(a);
      const b = await startServer(dataB.dir, env);
      servers.push(b);
      const token = await testToken({ sub: 'officer-utrecht', roles: ['officer'], authority: 'gm0344' });
      const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };

      const ids: string[] = [];
      for (let n = 0; n < SIGNALS; n++) {
        const response = await fetch(`${a.url}/api/v1/signals`, {
          method: 'POST',
          headers,
          body: JSON.stringify(signalBody({ title: `Dakopbouw geweigerd ${n}` })),
        });
        expect(response.status).toBe(201);
        ids.push(((await response.json()) as { id: string }).id);
      }

      // Each writer amends the same few signals through both servers at once, every title unique, so
      // every amendment that is answered 200 must be exactly one event on its stream.
      const answered = new Map<string, number>(ids.map((id) => [id, 0]));
      const statuses = new Map<number, number>();
      await Promise.all(
        Array.from({ length: WRITERS }, async (_, writer) => {
          for (let round = 0; round < AMENDMENTS_PER_WRITER; round++) {
            const id = ids[(writer + round) % SIGNALS] as string;
            const url = (writer + round) % 2 === 0 ? a.url : b.url;
            const response = await fetch(`${url}/api/v1/signals/${id}`, {
              method: 'PATCH',
              headers,
              body: JSON.stringify({ title: `Dakopbouw geweigerd, schrijver ${writer} ronde ${round}` }),
            });
            await response.arrayBuffer();
            statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
            if (response.status === 200) answered.set(id, (answered.get(id) ?? 0) + 1);
          }
        }),
      );
      // A lost race is retried by the command handler; what still loses is a 409, never anything else.
      expect([...statuses.keys()].every((status) => status === 200 || status === 409)).toBe(true);
      // Every signal took amendments (a 409 is a race lost even after the handler's retries).
      expect([...answered.values()].every((count) => count > 0)).toBe(true);

      const sql = new Client({ connectionString: databaseUrl });
      await sql.connect();
      let head = 0;
      try {
        for (const id of ids) {
          const { rows } = await sql.query<{ revision: number; type: string }>(
            'SELECT revision, type FROM events WHERE stream_id = $1 ORDER BY revision',
            [`signal-${id}`],
          );
          // Revisions 0..n-1 with no hole or repeat: one recording plus one event per 200.
          expect(rows.map((row) => row.revision)).toEqual(rows.map((_, index) => index));
          expect(rows.filter((row) => row.type === 'SignalAmended')).toHaveLength(answered.get(id) ?? -1);
        }
        const { rows: shape } = await sql.query<{ count: string; min: string; max: string }>(
          'SELECT COUNT(*) AS count, MIN(position) AS min, MAX(position) AS max FROM events',
        );
        head = Number(shape[0]?.max);
        expect(shape[0]).toEqual({ count: String(head), min: '1', max: String(head) });
      } finally {
        await sql.end();
      }

      // A catch-up reader from the start sees every position once, in order.
      const store = await PostgresEventStore.open({ connectionString: databaseUrl });
      const seen: number[] = [];
      try {
        const subscription = store.subscribeAll();
        for await (const event of subscription) {
          seen.push(Number(event.position));
          if (seen.length === head) break;
        }
        await subscription.close();
      } finally {
        await store.close();
      }
      expect(seen).toEqual(Array.from({ length: head }, (_, index) => index + 1));

      // Both servers' projectors reach the head, and their read models agree.
      for (const dir of [dataA.dir, dataB.dir]) {
        await eventually(`the projector of ${dir} to catch up`, () => {
          const checkpoints = readCheckpoints(join(dir, READ_MODELS_FILE));
          return checkpoints.length > 0 && checkpoints.every((c) => Number(c.position) === head)
            ? true
            : undefined;
        });
      }
      for (const server of servers.splice(0)) await server.stop();
      expectSameReadModels(
        dumpReadModels(join(dataA.dir, READ_MODELS_FILE)),
        dumpReadModels(join(dataB.dir, READ_MODELS_FILE)),
      );
      console.log(`postgres-two-writers: ${head} events, answers by status ${JSON.stringify([...statuses])}`);
    });
  });
}
