import { closeSync, fstatSync, openSync, readdirSync, writeSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Projector } from '@praktijklus/projections';
import { PROJECTOR } from '../apps/server/src/projections/projections.tokens';
import { startTestServer, type TestServer } from './support/test-server';
import { ministryAnalyst, signalBody, utrechtOfficer, type Written } from './signals.fixtures';

const READ_MODELS = 'readmodels.sqlite';
const PAGE = 4096;

interface Ready {
  ready: boolean;
  readModels?: {
    status: string;
    reason?: string;
    movedTo?: string;
    lastRecovery?: { reason: string; movedTo: string };
  };
}

/** Overwrites the pages of the file from `fromPage` (0-based) to its end, as a failing disk would. */
function overwritePages(file: string, fromPage: number): void {
  const descriptor = openSync(file, 'r+');
  try {
    const size = fstatSync(descriptor).size;
    const garbage = Buffer.alloc(size - fromPage * PAGE, 0xab);
    writeSync(descriptor, garbage, 0, garbage.length, fromPage * PAGE);
  } finally {
    closeSync(descriptor);
  }
}

async function record(server: TestServer, count: number): Promise<string> {
  let position = '';
  for (let index = 0; index < count; index += 1) {
    const written = await server.request<Written>('POST', '/api/v1/signals', {
      token: utrechtOfficer,
      body: signalBody({ title: `Beschadigd leesmodel ${index}` }),
    });
    expect(written.status).toBe(201);
    position = written.body.position;
  }
  return position;
}

async function signalsTotal(server: TestServer): Promise<number | undefined> {
  const answer = await server.graphql<{ data?: { signals: { totalCount: number } } }>(
    '{ signals(first: 1) { totalCount } }',
    { token: ministryAnalyst },
  );
  return answer.body.data?.signals.totalCount;
}

async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const movedAside = (dataDir: string): string[] =>
  readdirSync(dataDir).filter((name) => name.startsWith(`${READ_MODELS}.corrupt-`) && !name.endsWith('-wal'));

describe('a damaged read-model file', () => {
  let dataDir: string;
  let server: TestServer | undefined;

  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'praktijklus-damage-'))));
  afterEach(async () => {
    await server?.close();
    server = undefined;
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('found at start-up (quick_check) is moved aside and rebuilt from the log, the server starting regardless', async () => {
    server = await startTestServer({ env: { DATA_DIR: dataDir } });
    const last = await record(server, 3);
    expect(await server.app.get<symbol, Projector>(PROJECTOR).waitFor(last, 10_000)).toBe(true);
    await server.close();
    server = undefined;
    // The header too: SQLite then refuses the file as "not a database".
    overwritePages(join(dataDir, READ_MODELS), 0);

    server = await startTestServer({ env: { DATA_DIR: dataDir } });
    expect(movedAside(dataDir)).toHaveLength(1);
    expect(
      await eventually('the rebuilt signals', async () =>
        (await signalsTotal(server!)) === 3 ? true : undefined,
      ),
    ).toBe(true);
    const ready = await eventually('ready again', async () => {
      const answer = await server!.request<Ready>('GET', '/ready');
      return answer.status === 200 ? answer.body : undefined;
    });
    expect(ready.readModels).toMatchObject({
      status: 'ok',
      lastRecovery: {
        reason: expect.stringMatching(/SQLITE_(NOTADB|CORRUPT)|quick_check/),
        movedTo: movedAside(dataDir)[0],
      },
    });
  }, 60_000);

  it('found by a view while the projector has nothing to write is confirmed by quick_check and rebuilt', async () => {
    server = await startTestServer({ env: { DATA_DIR: dataDir } });
    const projector = server.app.get<symbol, Projector>(PROJECTOR);
    expect(await projector.waitFor(await record(server, 3), 10_000)).toBe(true);
    const file = join(dataDir, READ_MODELS);
    const other = new Database(file);
    other.pragma('wal_checkpoint(TRUNCATE)');
    overwritePages(file, 1);
    other.pragma('user_version = 7');
    other.close();

    expect(await signalsTotal(server)).toBeUndefined();
    expect(
      await eventually('the rebuilt signals', async () =>
        (await signalsTotal(server!)) === 3 ? true : undefined,
      ),
    ).toBe(true);
    expect(movedAside(dataDir)).toHaveLength(1);
  }, 60_000);

  it('found while running (SQLITE_CORRUPT) halts visibly, is moved aside and rebuilt, and the projector resumes', async () => {
    server = await startTestServer({ env: { DATA_DIR: dataDir } });
    const projector = server.app.get<symbol, Projector>(PROJECTOR);
    expect(await projector.waitFor(await record(server, 3), 10_000)).toBe(true);
    const file = join(dataDir, READ_MODELS);
    const other = new Database(file);
    other.pragma('wal_checkpoint(TRUNCATE)');
    overwritePages(file, 1);
    // A write by another connection makes the server's connection drop its page cache.
    other.pragma('user_version = 7');
    other.close();

    await record(server, 1);
    expect(
      await eventually('the rebuilt signals', async () =>
        (await signalsTotal(server!)) === 4 ? true : undefined,
      ),
    ).toBe(true);
    expect(movedAside(dataDir)).toHaveLength(1);
    const ready = await eventually('ready again', async () => {
      const answer = await server!.request<Ready>('GET', '/ready');
      return answer.status === 200 ? answer.body : undefined;
    });
    expect(ready.readModels).toMatchObject({
      status: 'ok',
      lastRecovery: { reason: expect.stringMatching(/SQLITE_CORRUPT/), movedTo: movedAside(dataDir)[0] },
    });
    expect(projector.status().every((projection) => projection.status === 'running')).toBe(true);
  }, 60_000);
});
