import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { parseSqlitePosition, SqliteEventStore } from '@praktijklus/event-store';
import type { Position } from '@praktijklus/event-store';
import type { Projection } from '../projection';
import { openReadModels, replaceDamagedReadModels } from '../read-models';
import { Projector, ProjectorOptions } from './projector';
import { appliedEventIds, createCountingProjection } from './test-support/counting.projection';

const CRASH_PROJECTOR = path.join(__dirname, 'test-support', 'crash-projector.js');
const quiet = { log: () => undefined, error: () => undefined };
const metadata = {
  actor: { sub: 'officer-1', authority: 'gm0344', roles: ['officer' as const] },
  correlationId: 'c',
  causationId: 'c',
  schemaVersion: 1,
};

let dir: string;
let store: SqliteEventStore;
let db: Database;
const projectors: Projector[] = [];

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'projector-'));
  store = SqliteEventStore.open({ file: path.join(dir, 'events.sqlite'), synchronous: 'NORMAL' });
  db = openReadModels(path.join(dir, 'readmodels.sqlite'));
});

afterEach(async () => {
  for (const projector of projectors.splice(0)) await projector.stop();
  await store.close();
  if (db.open) db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const projectorOf = (projections: Projection[], options: Partial<ProjectorOptions> = {}): Projector => {
  const projector = new Projector({ store, db, projections, batchSize: 10, logger: quiet, ...options });
  projectors.push(projector);
  return projector;
};

/** Appends `count` events over a few streams; returns their ids in log order and the last position. */
const appendEvents = async (count: number): Promise<{ ids: string[]; last: Position }> => {
  const ids: string[] = [];
  let last = '';
  for (let index = 0; index < count; index += 1) {
    const id = randomUUID();
    const result = await store.append(
      `thing-${index % 7}`,
      [{ id, type: 'ThingHappened', data: { index }, metadata }],
      { expectedRevision: 'ANY' },
    );
    ids.push(id);
    last = result.position;
  }
  return { ids, last };
};

const checkpointOf = (name: string) =>
  db
    .prepare<[string], { version: number; position: string | null; status: string; error: string | null }>(
      'SELECT version, position, status, error FROM projector_checkpoints WHERE name = ?',
    )
    .get(name);

const statusOf = (projector: Projector, name: string) => {
  const status = projector.status().find((candidate) => candidate.name === name);
  if (!status) throw new Error(`no status for ${name}`);
  return status;
};

describe('Projector', () => {
  it('catches up and then follows live appends, every event applied once per projection', async () => {
    const before = await appendEvents(35);
    const projector = projectorOf([
      createCountingProjection({ name: 'counting-a' }),
      createCountingProjection({ name: 'counting-b' }),
    ]);
    await projector.start();
    expect(await projector.waitFor(before.last, 5000)).toBe(true);

    const after = await appendEvents(12);
    expect(await projector.waitFor(after.last, 5000)).toBe(true);

    const all = [...before.ids, ...after.ids];
    expect(appliedEventIds(db, 'counting-a')).toEqual(all);
    expect(appliedEventIds(db, 'counting-b')).toEqual(all);
    expect(checkpointOf('counting-a')).toEqual({
      version: 1,
      position: after.last,
      status: 'running',
      error: null,
    });
    expect(projector.status()).toEqual([
      expect.objectContaining({ name: 'counting-a', position: after.last, status: 'running', lag: 0 }),
      expect.objectContaining({ name: 'counting-b', position: after.last, status: 'running', lag: 0 }),
    ]);
    expect(projector.headPosition).toBe(after.last);
  });

  it('halts on a damaged read-model file instead of retrying, and replays the log once the file is replaced', async () => {
    const errors: string[] = [];
    const damages: string[] = [];
    const projector = projectorOf([createCountingProjection()], {
      logger: { log: () => undefined, error: (message) => errors.push(message) },
      retryDelayMs: 20,
      onDamage: (reason) => damages.push(reason),
    });
    const before = await appendEvents(30);
    await projector.start();
    expect(await projector.waitFor(before.last, 5000)).toBe(true);

    const file = path.join(dir, 'readmodels.sqlite');
    const other = new BetterSqlite3(file);
    other.pragma('wal_checkpoint(TRUNCATE)');
    const descriptor = fs.openSync(file, 'r+');
    const garbage = Buffer.alloc(fs.fstatSync(descriptor).size - 4096, 0xab);
    fs.writeSync(descriptor, garbage, 0, garbage.length, 4096);
    fs.closeSync(descriptor);
    // Another connection's write makes the projector's connection read the pages again.
    other.pragma('user_version = 7');
    other.close();
    const after = await appendEvents(5);
    await new Promise((resolve) => setTimeout(resolve, 300));

    expect(damages).toEqual([expect.stringMatching(/^SQLITE_CORRUPT/)]);
    expect(errors.filter((message) => message.includes('retrying'))).toEqual([]);
    expect(statusOf(projector, 'counting')).toMatchObject({
      status: 'halted',
      error: expect.stringMatching(/^SQLITE_CORRUPT/),
    });

    await projector.replaceDamagedFile(async () => {
      await replaceDamagedReadModels(db, file, new Date('2026-12-04T05:30:00Z'));
    });
    expect(await projector.waitFor(after.last, 5000)).toBe(true);
    expect(appliedEventIds(db)).toEqual([...before.ids, ...after.ids]);
    expect(fs.existsSync(`${file}.corrupt-2026-12-04T05-30-00-000Z`)).toBe(true);
    expect(db.pragma('quick_check', { simple: true })).toBe('ok');
  });

  it('waitFor answers false when the position is not reached in time, and rejects a foreign position', async () => {
    const { last } = await appendEvents(3);
    const projector = projectorOf([createCountingProjection()]);
    await projector.start();
    expect(await projector.waitFor(last, 5000)).toBe(true);
    const beyond = String(parseSqlitePosition(last) + 1);
    const started = Date.now();
    expect(await projector.waitFor(beyond, 100)).toBe(false);
    expect(Date.now() - started).toBeGreaterThanOrEqual(90);
    expect(() => projector.waitFor('not-a-position', 100)).toThrow();
  });

  it('halts a projection that throws half-way through a batch, keeps the others going, and stays halted on restart', async () => {
    const { ids, last } = await appendEvents(30);
    const poison = ids[14]; // the fifth event of the second batch of ten
    const failing = () =>
      createCountingProjection({ name: 'counting-b', failOn: (event) => event.id === poison });
    const projector = projectorOf([createCountingProjection({ name: 'counting-a' }), failing()]);
    await projector.start();
    expect(await projector.waitFor(last, 5000)).toBe(true);

    expect(appliedEventIds(db, 'counting-a')).toEqual(ids);
    // Rolled back to, and checkpointed at, the last good event before the poison.
    expect(appliedEventIds(db, 'counting-b')).toEqual(ids.slice(0, 14));
    const halted = statusOf(projector, 'counting-b');
    expect(halted).toMatchObject({ status: 'halted', lag: null });
    expect(halted.error).toContain(poison);
    expect(halted.error).toContain('ThingHappened');
    const stored = checkpointOf('counting-b');
    expect(stored?.status).toBe('halted');
    expect(stored?.error).toBe(halted.error);
    expect(stored?.position).toBe(halted.position);
    expect(appliedEventIds(db, 'counting-b').length).toBe(14);

    await projector.stop();
    const more = await appendEvents(5);
    const restarted = projectorOf([createCountingProjection({ name: 'counting-a' }), failing()]);
    await restarted.start();
    expect(await restarted.waitFor(more.last, 5000)).toBe(true);
    expect(statusOf(restarted, 'counting-b').status).toBe('halted');
    expect(appliedEventIds(db, 'counting-b')).toEqual(ids.slice(0, 14));
    expect(appliedEventIds(db, 'counting-a')).toEqual([...ids, ...more.ids]);
  });

  it('resumes a halted projection by rebuilding it, reporting progress, and ends with every event once', async () => {
    const { ids, last } = await appendEvents(25);
    let broken = true;
    const projector = projectorOf(
      [
        createCountingProjection({ name: 'counting-a' }),
        createCountingProjection({ name: 'counting-b', failOn: (event) => broken && event.id === ids[7] }),
      ],
      { positionOrdinal: parseSqlitePosition },
    );
    await projector.start();
    expect(await projector.waitFor(last, 5000)).toBe(true);
    expect(statusOf(projector, 'counting-b')).toMatchObject({ status: 'halted', eventsBehind: 18 });

    broken = false;
    const progress: Array<[number, number | undefined]> = [];
    await projector.rebuild(['counting-b'], (done, total) => progress.push([done, total]));

    expect(appliedEventIds(db, 'counting-b')).toEqual(ids);
    expect(appliedEventIds(db, 'counting-a')).toEqual(ids);
    expect(statusOf(projector, 'counting-b')).toMatchObject({
      status: 'running',
      error: null,
      eventsBehind: 0,
    });
    expect(progress[0]).toEqual([0, 25]);
    expect(progress[progress.length - 1]).toEqual([25, 25]);
    // The rebuilt projection goes on with live events after the rebuild.
    const more = await appendEvents(3);
    expect(await projector.waitFor(more.last, 5000)).toBe(true);
    expect(appliedEventIds(db, 'counting-b')).toEqual([...ids, ...more.ids]);
  });

  it('builds query indexes once a projection has caught up, not while it replays the log', async () => {
    const { last } = await appendEvents(35);
    const indexedAt: number[] = [];
    const hasIndex = () =>
      db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'counting_applied_by_position'").get() !==
      undefined;
    const projector = projectorOf([createCountingProjection({ onIndex: (rows) => indexedAt.push(rows) })]);
    await projector.start();
    expect(await projector.waitFor(last, 5000)).toBe(true);
    expect(indexedAt).toEqual([35]);
    expect(hasIndex()).toBe(true);

    await projector.rebuild(undefined, () => {
      if (indexedAt.length === 1) expect(hasIndex()).toBe(false);
    });
    expect(indexedAt).toEqual([35, 35]);
    expect(hasIndex()).toBe(true);
    // Live events after that do not build them again.
    const more = await appendEvents(2);
    expect(await projector.waitFor(more.last, 5000)).toBe(true);
    expect(indexedAt).toEqual([35, 35]);
  });

  it('rebuilds only the projection whose version changed, the other keeping its rows and checkpoint', async () => {
    const { ids, last } = await appendEvents(20);
    const first = projectorOf([
      createCountingProjection({ name: 'counting-a' }),
      createCountingProjection({ name: 'counting-b' }),
    ]);
    await first.start();
    expect(await first.waitFor(last, 5000)).toBe(true);
    await first.stop();
    // A row only a rebuild would remove: it must survive in counting-a and vanish from counting-b.
    db.exec("INSERT INTO counting_a_applied VALUES ('marker', '0')");
    db.exec("INSERT INTO counting_b_applied VALUES ('marker', '0')");

    const second = projectorOf([
      createCountingProjection({ name: 'counting-a' }),
      createCountingProjection({ name: 'counting-b', version: 2 }),
    ]);
    await second.start();
    expect(await second.waitFor(last, 5000)).toBe(true);

    expect(appliedEventIds(db, 'counting-b')).toEqual(ids);
    expect(appliedEventIds(db, 'counting-a')).toEqual(['marker', ...ids]);
    expect(checkpointOf('counting-b')).toMatchObject({ version: 2, position: last, status: 'running' });
    expect(checkpointOf('counting-a')).toMatchObject({ version: 1, position: last });
    expect(second.status().every((status) => status.status === 'running')).toBe(true);
  });

  it('retries a batch after a failure of the read-model file instead of halting', async () => {
    const { ids, last } = await appendEvents(15);
    let failures = 1;
    const busy = () => Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
    const logged: string[] = [];
    const projector = projectorOf(
      [
        createCountingProjection({ name: 'counting-a' }),
        createCountingProjection({
          name: 'counting-b',
          failOn: (event) => event.id === ids[12] && failures-- > 0,
          failure: busy,
        }),
      ],
      { retryDelayMs: 10, logger: { log: () => undefined, error: (message) => logged.push(message) } },
    );
    await projector.start();
    expect(await projector.waitFor(last, 5000)).toBe(true);

    expect(appliedEventIds(db, 'counting-a')).toEqual(ids);
    expect(appliedEventIds(db, 'counting-b')).toEqual(ids);
    expect(projector.status().map((status) => status.status)).toEqual(['running', 'running']);
    expect(logged.join('\n')).toContain('database is locked');
  });

  it('flushes what a projection buffered with its batch, and forgets it when the batch is rolled back', async () => {
    const { ids, last } = await appendEvents(30);
    let busy = 1;
    const projector = projectorOf(
      [
        createCountingProjection({
          name: 'counting-a',
          buffered: true,
          failOn: (event) => event.id === ids[5] && busy-- > 0,
          failure: () => Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' }),
        }),
        createCountingProjection({
          name: 'counting-b',
          buffered: true,
          failOn: (event) => event.id === ids[23],
        }),
      ],
      { retryDelayMs: 10 },
    );
    await projector.start();
    expect(await projector.waitFor(last, 5000)).toBe(true);
    expect(appliedEventIds(db, 'counting-a')).toEqual(ids);
    expect(appliedEventIds(db, 'counting-b')).toEqual(ids.slice(0, 23));
    expect(checkpointOf('counting-b')).toMatchObject({ status: 'halted', position: String(23) });
  });

  it('applies every event exactly once after the process is killed in the middle of a batch transaction', async () => {
    const { ids, last } = await appendEvents(60);
    const storeFile = path.join(dir, 'events.sqlite');
    const readModelFile = path.join(dir, 'readmodels.sqlite');
    // counting-b kills the process on its 25th event: the batch 21..30 is half written by counting-a.
    const child = spawn(process.execPath, [CRASH_PROJECTOR, storeFile, readModelFile, '25'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const signal = await new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_code, exitSignal) => resolve(exitSignal)),
    );
    expect({ signal, stderr }).toEqual({ signal: 'SIGKILL', stderr: '' });
    // What the killed process committed: whole batches only, never a part of one.
    const committed = appliedEventIds(db, 'counting-a').length;
    expect(committed % 10).toBe(0);
    expect(committed).toBeLessThan(30);
    expect(appliedEventIds(db, 'counting-b').length).toBe(committed);

    const restarted = projectorOf([
      createCountingProjection({ name: 'counting-a' }),
      createCountingProjection({ name: 'counting-b' }),
    ]);
    await restarted.start();
    expect(await restarted.waitFor(last, 5000)).toBe(true);
    expect(appliedEventIds(db, 'counting-a')).toEqual(ids);
    expect(appliedEventIds(db, 'counting-b')).toEqual(ids);
    expect(restarted.status().map((status) => status.status)).toEqual(['running', 'running']);
  });

  it('applies what is available in batches of at most batchSize, one transaction each', async () => {
    await appendEvents(40);
    // Inside the transaction the stored checkpoint still shows where the previous batch ended.
    const seenCheckpoints: Array<string | null> = [];
    const sizing: Projection = {
      name: 'sizing',
      version: 1,
      migrate: () => undefined,
      drop: () => undefined,
      apply: (readModels: Database) => {
        seenCheckpoints.push(checkpointOf('sizing')?.position ?? null);
        expect(readModels.inTransaction).toBe(true);
      },
    };
    const projector = projectorOf([sizing], { positionOrdinal: parseSqlitePosition, batchSize: 16 });
    await projector.start();
    const head = projector.headPosition;
    expect(head).toBe('40');
    expect(await projector.waitFor(head ?? '', 5000)).toBe(true);
    const batches = new Map<string | null, number>();
    for (const seen of seenCheckpoints) batches.set(seen, (batches.get(seen) ?? 0) + 1);
    expect([...batches.entries()]).toEqual([
      [null, 16],
      ['16', 16],
      ['32', 8],
    ]);
    expect(statusOf(projector, 'sizing')).toMatchObject({ position: '40', eventsBehind: 0, lag: 0 });
  });
});
