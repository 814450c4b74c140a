import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { SqliteEventStore } from '@praktijklus/event-store';
import { testToken, type SpawnedServer } from '@praktijklus/testing';
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

const CLIENTS = 50;
const REQUESTS_PER_CLIENT = 8;
const TOTAL = CLIENTS * REQUESTS_PER_CLIENT;
/** Kill when this share of all requests has been acknowledged (plus a random delay). */
const KILL_AT = [0.1, 0.3, 0.5, 0.7, 0.85];
const MUNICIPALITIES = ['gm0344', 'gm0363', 'gm0599', 'gm0518', 'gm0014'];

interface Acknowledged {
  key: string;
  id: string;
  position: string;
  revision: number;
}

/** The one server of the moment: undefined while it is down. */
interface Current {
  server: SpawnedServer | undefined;
}

const body = (key: string): Record<string, unknown> => ({
  type: 'BARRIER',
  title: `Warmtepomp geweigerd ${key}`,
  description: 'De geluidsnorm voor installaties in het omgevingsplan maakt een warmtepomp onmogelijk.',
  policyDomain: 'building',
  level: 'IMPLEMENTATION',
  initiativeKind: 'CITIZEN_INITIATIVE',
  observedAt: '2025-10-01',
  authorities: ['gm0344'],
  norms: [{ ref: 'Omgevingsplan art. 4.2' }],
});

describe('SIGKILL during intake: 50 clients with idempotency keys, the server killed and restarted', () => {
  const data = temporaryDataDir('crash-intake');
  const current: Current = { server: undefined };

  afterAll(async () => {
    await current.server?.kill();
    data.remove();
  });

  it('keeps every acknowledged signal exactly once, the file sound, and read models equal to a rebuild', async () => {
    current.server = await startServer(data.dir, { SQLITE_SYNCHRONOUS: 'FULL' });
    const acknowledged = new Map<string, Acknowledged[]>();
    const statuses = new Map<number, number>();
    let acknowledgedCount = 0;
    let retriedKeys = 0;

    const tokens = await Promise.all(
      Array.from({ length: CLIENTS }, (_, index) =>
        testToken({
          sub: `officer-${index}`,
          roles: ['officer'],
          authority: MUNICIPALITIES[index % MUNICIPALITIES.length] as string,
        }),
      ),
    );
    const post = (index: number, key: string): Promise<Response> =>
      fetch(`${current.server?.url}/api/v1/signals`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${tokens[index]}`,
          'content-type': 'application/json',
          'idempotency-key': key,
        },
        body: JSON.stringify(body(key)),
        signal: AbortSignal.timeout(15_000),
      });

    const client = async (index: number): Promise<void> => {
      for (let request = 0; request < REQUESTS_PER_CLIENT; request += 1) {
        const key = `client-${index}-request-${request}`;
        // Retry with the same key until acknowledged, as a client that lost its answer would.
        for (let attempt = 0; ; attempt += 1) {
          if (attempt > 400) throw new Error(`${key}: no answer after ${attempt} attempts`);
          if (attempt === 1) retriedKeys += 1;
          if (current.server === undefined) {
            await sleep(50);
            continue;
          }
          let status: number;
          let answer: unknown;
          try {
            const response = await post(index, key);
            status = response.status;
            answer = await response.json();
          } catch {
            await sleep(50 + Math.random() * 100);
            continue;
          }
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
          if (status >= 200 && status < 300) {
            const written = answer as { id: string; position: string; revision: number };
            const answers = acknowledged.get(key) ?? [];
            answers.push({ key, id: written.id, position: written.position, revision: written.revision });
            acknowledged.set(key, answers);
            if (answers.length === 1) acknowledgedCount += 1;
            break;
          }
          // Only the moments around a crash may refuse: nothing the client did is wrong.
          expect({ key, status, answer }).toEqual({ key, status: 503, answer: expect.anything() });
          await sleep(50);
        }
      }
    };

    const killer = async (): Promise<number> => {
      let kills = 0;
      for (const share of KILL_AT) {
        await eventually(
          `${share * 100}% acknowledged`,
          () => (acknowledgedCount >= share * TOTAL ? true : undefined),
          120_000,
          10,
        );
        await sleep(Math.random() * 150);
        if (acknowledgedCount >= TOTAL) break;
        const victim = current.server;
        current.server = undefined;
        await victim?.kill();
        expect(victim?.child.signalCode).toBe('SIGKILL');
        kills += 1;
        current.server = await startServer(data.dir, { SQLITE_SYNCHRONOUS: 'FULL' });
      }
      return kills;
    };

    const [kills] = await Promise.all([
      killer(),
      Promise.all(Array.from({ length: CLIENTS }, (_, i) => client(i))),
    ]);
    expect(kills).toBeGreaterThanOrEqual(3);
    // The kills hit requests in flight, which were then retried with their keys.
    expect(retriedKeys).toBeGreaterThan(0);
    expect(acknowledged.size).toBe(TOTAL);

    // Every key sent once more after the last restart answers its first write again.
    const eventsFile = join(data.dir, EVENTS_FILE);
    const headBeforeRepeats = headOf(eventsFile);
    for (let index = 0; index < CLIENTS; index += 1) {
      await Promise.all(
        Array.from({ length: REQUESTS_PER_CLIENT }, async (_, request) => {
          const key = `client-${index}-request-${request}`;
          const response = await post(index, key);
          const [first] = acknowledged.get(key) ?? [];
          expect({ key, status: response.status, body: await response.json() }).toEqual({
            key,
            status: 201,
            body: { id: first?.id, position: first?.position, revision: first?.revision },
          });
        }),
      );
    }
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
    for (const [key, [first]] of acknowledged) {
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
      `crash-intake: ${kills} kills, ${retriedKeys} keys retried, answers by status ${JSON.stringify([...statuses])}`,
    );
  });
});
