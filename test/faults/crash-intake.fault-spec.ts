import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { SqliteEventStore } from '@praktijklus/event-store';
import type { SpawnedServer } from '@praktijklus/testing';
import {
  dumpReadModels,
  expectSameReadModels,
  headOf,
  readCheckpoints,
  rebuildReadModels,
} from './support/read-model-dump';
import {
  EVENTS_FILE,
  eventually,
  READ_MODELS_FILE,
  sleep,
  startServer,
  temporaryDataDir,
} from './support/fault-server';
import { KeyedClients, type Acknowledged } from './support/keyed-clients';

const CLIENTS = 50;
const REQUESTS_PER_CLIENT = 8;
const TOTAL = CLIENTS * REQUESTS_PER_CLIENT;
/** Kill when this share of all requests has been acknowledged (plus a random delay). */
const KILL_AT = [0.1, 0.3, 0.5, 0.7, 0.85];

/** The one server of the moment: undefined while it is down. */
interface Current {
  server: SpawnedServer | undefined;
}

describe('SIGKILL during intake: 50 clients with idempotency keys, the server killed and restarted', () => {
  const data = temporaryDataDir('crash-intake');
  const current: Current = { server: undefined };

  afterAll(async () => {
    await current.server?.kill();
    data.remove();
  });

  it('keeps every acknowledged signal exactly once, the file sound, and read models equal to a rebuild', async () => {
    current.server = await startServer(data.dir, { SQLITE_SYNCHRONOUS: 'FULL' });
    const clients = await KeyedClients.create({
      clients: CLIENTS,
      requestsPerClient: REQUESTS_PER_CLIENT,
      urlFor: () => current.server?.url,
      maxAttempts: 400,
      timeoutMs: 15_000,
      // Only the moments around a crash may refuse: nothing the client did is wrong.
      refusal: expect.anything(),
      refusalPauseMs: () => 50,
    });

    const killer = async (): Promise<number> => {
      let kills = 0;
      for (const share of KILL_AT) {
        await clients.untilAcknowledged(share);
        await sleep(Math.random() * 150);
        if (clients.acknowledgedCount >= TOTAL) break;
        const victim = current.server;
        current.server = undefined;
        await victim?.kill();
        expect(victim?.child.signalCode).toBe('SIGKILL');
        kills += 1;
        current.server = await startServer(data.dir, { SQLITE_SYNCHRONOUS: 'FULL' });
      }
      return kills;
    };

    const [kills] = await Promise.all([killer(), clients.run()]);
    expect(kills).toBeGreaterThanOrEqual(3);
    // The kills hit requests in flight, which were then retried with their keys.
    expect(clients.retriedKeys).toBeGreaterThan(0);
    expect(clients.acknowledged.size).toBe(TOTAL);

    // Every key sent once more after the last restart answers its first write again.
    const eventsFile = join(data.dir, EVENTS_FILE);
    const headBeforeRepeats = headOf(eventsFile);
    await clients.expectRepeatsAnswerFirstWrites(() => current.server?.url as string);
    expect(headOf(eventsFile)).toBe(headBeforeRepeats);

    // Wait for the projector to reach the head, then stop the server cleanly.
    const server = current.server as SpawnedServer;
    const readModelsFile = join(data.dir, READ_MODELS_FILE);
    const head = headOf(eventsFile);
    await eventually('the projector to catch up', () => {
      const checkpoints = readCheckpoints(readModelsFile);
      return checkpoints.length > 0 && checkpoints.every((c) => Number(c.position) === head)
        ? true
        : undefined;
    });
    await server.stop();
    current.server = undefined;

    const store = SqliteEventStore.open({ file: eventsFile });
    expect(store.integrityCheck()).toBe('ok');
    await store.close();

    const db = new BetterSqlite3(eventsFile, { readonly: true });
    const recorded = db
      .prepare(
        `SELECT stream_id AS streamId, revision, json_extract(data, '$.signalId') AS id,
                json_extract(data, '$.title') AS title, position
         FROM events WHERE type = 'SignalRecorded'`,
      )
      .all() as Array<{ streamId: string; revision: number; id: string; title: string; position: number }>;
    db.close();
    // Every acknowledged request is in the log exactly once, where its answer said, and nothing else is.
    expect(recorded).toHaveLength(TOTAL);
    const byId = new Map(recorded.map((row) => [row.id, row]));
    expect(byId.size).toBe(TOTAL);
    expect(new Set(recorded.map((row) => row.title)).size).toBe(TOTAL);
    for (const [key, [first]] of clients.acknowledged) {
      const row = byId.get((first as Acknowledged).id);
      expect({ key, title: row?.title, position: String(row?.position), revision: row?.revision }).toEqual({
        key,
        title: `Warmtepomp geweigerd ${key}`,
        position: (first as Acknowledged).position,
        revision: 0,
      });
    }

    const live = dumpReadModels(readModelsFile);
    const rebuiltFile = join(data.dir, 'rebuilt.sqlite');
    await rebuildReadModels(eventsFile, rebuiltFile);
    const rebuilt = dumpReadModels(rebuiltFile);
    expectSameReadModels(live, rebuilt);
    expect((live.signals ?? []).length).toBe(TOTAL);
    console.log(
      `crash-intake: ${kills} kills, ${clients.retriedKeys} keys retried, answers by status ${JSON.stringify([...clients.statuses])}`,
    );
  });
});
