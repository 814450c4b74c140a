import { join } from 'node:path';
import { Client } from 'pg';
import { parsePostgresPosition, PostgresEventStore } from '@praktijklus/event-store';
import { allProjections, openReadModels, Projector } from '@praktijklus/projections';
import { ReferenceData } from '@praktijklus/reference';
import {
  postgresUnavailableReason,
  startTestPostgres,
  type SpawnedServer,
  type TestPostgres,
} from '@praktijklus/testing';
import { dumpReadModels, expectSameReadModels, readCheckpoints } from './support/read-model-dump';
import { eventually, READ_MODELS_FILE, sleep, startServer, temporaryDataDir } from './support/fault-server';
import { KeyedClients, type Acknowledged } from './support/keyed-clients';

const CLIENTS = 50;
const REQUESTS_PER_CLIENT = 8;
const TOTAL = CLIENTS * REQUESTS_PER_CLIENT;
/** Kill the database when this share of all requests has been acknowledged (plus a random delay). */
const KILL_AT = [0.1, 0.3, 0.5, 0.7];
/** Replays the whole PostgreSQL log into a fresh read-model file, as `projections rebuild` does. */
async function rebuildFrom(databaseUrl: string, readModelsFile: string): Promise<void> {
  const store = await PostgresEventStore.open({ connectionString: databaseUrl });
  const db = openReadModels(readModelsFile);
  const reference = ReferenceData.load();
  try {
    const projector = new Projector({
      store,
      db,
      projections: allProjections({ layerOf: (authority) => reference.layerOf(authority) }),
      positionOrdinal: parsePostgresPosition,
      logger: { log: () => undefined, error: () => undefined },
    });
    await projector.rebuild();
  } finally {
    db.close();
    await store.close();
  }
}

const unavailable = postgresUnavailableReason();

if (unavailable !== undefined) {
  const message = `PostgreSQL crash fault skipped: ${unavailable}`;
  console.warn(message);
  const skippedSuite = describe.skip;
  skippedSuite(message, () => {
    it('keeps every acknowledged signal exactly once when PostgreSQL is killed', () => undefined);
  });
} else {
  describe('PostgreSQL SIGKILLed and restarted under 50 clients posting to two servers with idempotency keys', () => {
    const dataA = temporaryDataDir('pg-crash-a');
    const dataB = temporaryDataDir('pg-crash-b');
    let postgres: TestPostgres | undefined;
    const servers: SpawnedServer[] = [];

    afterAll(async () => {
      for (const server of servers) await server.kill();
      postgres?.destroy();
      dataA.remove();
      dataB.remove();
    });

    it('keeps every acknowledged signal exactly once, positions gap-free, and both projectors equal to a rebuild', async () => {
      postgres = await startTestPostgres();
      const database = postgres;
      const databaseUrl = database.createDatabase('crash');
      const env = { EVENT_STORE: 'postgres', DATABASE_URL: databaseUrl };
      // Two instances on one log, each with its own read models and idempotency file.
      const a = await startServer(dataA.dir, env);
      servers.push(a);
      const b = await startServer(dataB.dir, env);
      servers.push(b);
      const urls = [a.url, b.url];

      const clients = await KeyedClients.create({
        clients: CLIENTS,
        requestsPerClient: REQUESTS_PER_CLIENT,
        // Retry with the same key on either instance, as a client behind a balancer would.
        urlFor: (index, attempt) => urls[(index + attempt) % urls.length],
        maxAttempts: 600,
        timeoutMs: 20_000,
        // Only the database being away may refuse: nothing the client did is wrong.
        refusal: expect.objectContaining({ code: 'STORE_UNAVAILABLE' }),
        refusalPauseMs: () => 50 + Math.random() * 50,
        onNoAnswer: () => {
          for (const server of servers) {
            if (server.child.exitCode !== null || server.child.signalCode !== null) {
              throw new Error(`a server exited: ${server.output().slice(-3000)}`);
            }
          }
        },
      });

      const killer = async (): Promise<number> => {
        let kills = 0;
        for (const share of KILL_AT) {
          await clients.untilAcknowledged(share);
          await sleep(Math.random() * 100);
          if (clients.acknowledgedCount >= TOTAL) break;
          database.kill();
          kills += 1;
          await sleep(200 + Math.random() * 600);
          database.start();
        }
        return kills;
      };

      const [kills] = await Promise.all([killer(), clients.run()]);
      expect(kills).toBeGreaterThanOrEqual(3);
      expect(clients.retriedKeys).toBeGreaterThan(0);
      expect(clients.acknowledged.size).toBe(TOTAL);
      // A key answered twice (its first answer lost to nobody, a retry elsewhere) answers the same write.
      for (const [key, answers] of clients.acknowledged) {
        expect({ key, answers: new Set(answers.map((x) => JSON.stringify(x))).size }).toEqual({
          key,
          answers: 1,
        });
      }

      const sql = new Client({ connectionString: databaseUrl });
      await sql.connect();
      const head = async (): Promise<number> =>
        Number(
          (await sql.query<{ head: string }>('SELECT COALESCE(MAX(position), 0) AS head FROM events')).rows[0]
            ?.head,
        );
      try {
        // Every key sent once more, to the other instance, answers its first write again.
        const headBeforeRepeats = await head();
        await clients.expectRepeatsAnswerFirstWrites((index) => urls[(index + 1) % urls.length] as string);
        expect(await head()).toBe(headBeforeRepeats);

        const { rows } = await sql.query<{ id: string; title: string; position: string; revision: number }>(
          `SELECT data->>'signalId' AS id, data->>'title' AS title, position, revision
           FROM events WHERE type = 'SignalRecorded' ORDER BY position`,
        );
        // Every acknowledged request is in the log exactly once, where its answer said, and nothing else is.
        expect(rows).toHaveLength(TOTAL);
        const byId = new Map(rows.map((row) => [row.id, row]));
        expect(byId.size).toBe(TOTAL);
        for (const [key, [first]] of clients.acknowledged) {
          const row = byId.get((first as Acknowledged).id);
          expect({ key, title: row?.title, position: row?.position, revision: row?.revision }).toEqual({
            key,
            title: `Warmtepomp geweigerd ${key}`,
            position: (first as Acknowledged).position,
            revision: 0,
          });
        }
        // Positions gap-free: the projectors can count lag in events and never wait for a hole.
        const { rows: shape } = await sql.query<{ count: string; min: string; max: string }>(
          'SELECT COUNT(*) AS count, MIN(position) AS min, MAX(position) AS max FROM events',
        );
        expect(shape[0]).toEqual({
          count: String(headBeforeRepeats),
          min: '1',
          max: String(headBeforeRepeats),
        });

        // Both projectors resume after every outage and reach the head.
        const finalHead = String(await head());
        for (const dir of [dataA.dir, dataB.dir]) {
          await eventually(`the projector of ${dir} to catch up`, () => {
            const checkpoints = readCheckpoints(join(dir, READ_MODELS_FILE));
            return checkpoints.length > 0 && checkpoints.every((c) => c.position === finalHead)
              ? true
              : undefined;
          });
        }
      } finally {
        await sql.end();
      }
      for (const server of servers.splice(0)) await server.stop();

      const liveA = dumpReadModels(join(dataA.dir, READ_MODELS_FILE));
      const liveB = dumpReadModels(join(dataB.dir, READ_MODELS_FILE));
      const rebuiltFile = join(dataA.dir, 'rebuilt.sqlite');
      await rebuildFrom(databaseUrl, rebuiltFile);
      const rebuilt = dumpReadModels(rebuiltFile);
      expectSameReadModels(liveA, rebuilt);
      expectSameReadModels(liveB, rebuilt);
      expect((liveA.signals ?? []).length).toBe(TOTAL);
      console.log(
        `postgres-crash: ${kills} kills, ${clients.retriedKeys} keys retried, answers by status ${JSON.stringify([...clients.statuses])}`,
      );
    });
  });
}
