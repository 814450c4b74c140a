import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawnServer, testToken, type SpawnedServer, type SpawnServerOptions } from '@praktijklus/testing';
import {
  IDEMPOTENCY_FILE,
  readiness,
  recordedSignalsIn,
  serverOptions,
  startServer,
  temporaryDataDir,
} from './support/fault-server';

type User = NonNullable<SpawnServerOptions['user']>;

const officer = { sub: 'officer-read-only', roles: ['officer' as const], authority: 'gm0344' };
const analyst = { sub: 'analyst-read-only', roles: ['analyst' as const], authority: 'mnre1034' };
const NOBODY: User = { uid: 65534, gid: 65534 };
const CLIENTS = 8;
const ATTEMPTS = 120;
/** Acknowledged writes before the folder is made read-only under load. */
const WRITABLE_FOR = 40;

/**
 * Who runs the server so that file modes bind it: root ignores them, so as root the server runs as
 * nobody; otherwise as this user. `skip` says why the scenario cannot be staged on this machine.
 */
function serverUser(): { user?: User; skip?: string } {
  const user = process.getuid?.() === 0 ? NOBODY : undefined;
  const who = user ? `uid ${user.uid}` : 'this user';
  const probeDir = mkdtempSync(join(tmpdir(), 'praktijklus-fault-probe-'));
  try {
    if (user) chownSync(probeDir, user.uid, user.gid);
    chmodSync(probeDir, 0o555);
    const script = [
      `const fs = require('node:fs');`,
      `fs.accessSync(${JSON.stringify(resolve(__dirname, '../../apps/server/src/main.ts'))}, fs.constants.R_OK);`,
      `require(${JSON.stringify(require.resolve('better-sqlite3'))});`,
      `try { fs.writeFileSync(${JSON.stringify(join(probeDir, 'probe'))}, ''); } catch { process.exit(0); }`,
      `process.exit(3);`,
    ].join('\n');
    const probe = spawnSync(process.execPath, ['-e', script], { ...user, encoding: 'utf8', timeout: 30_000 });
    if (probe.error) return { skip: `cannot run a process as ${who}: ${probe.error.message}` };
    if (probe.status === 3)
      return { skip: `a folder without write permission still takes writes from ${who}` };
    if (probe.status !== 0)
      return { skip: `${who} cannot run the server from this checkout: ${probe.stderr}` };
    return user ? { user } : {};
  } finally {
    chmodSync(probeDir, 0o755);
    rmSync(probeDir, { recursive: true, force: true });
  }
}

/** chmod a-w of the data folder and every file in it (the databases, their WAL and shared memory). */
function makeReadOnly(dir: string): void {
  for (const name of readdirSync(dir)) chmodSync(join(dir, name), 0o444);
  chmodSync(dir, 0o555);
}

function makeWritable(dir: string): void {
  chmodSync(dir, 0o755);
  for (const name of readdirSync(dir)) chmodSync(join(dir, name), 0o644);
}

interface Written {
  id: string;
  position: string;
}

interface Answer {
  status: number;
  type: string | null;
  retryAfter: string | null;
  body: Partial<Written> & { code?: string; status?: number };
}

const signal = (n: number): Record<string, unknown> => ({
  type: 'BARRIER',
  title: `Vergunning voor zonnepanelen op monument ${n}`,
  description:
    'De erfgoedregels laten geen zonnepanelen toe op het dak, ook niet als ze vanaf de straat onzichtbaar zijn.',
  policyDomain: 'building',
  level: 'IMPLEMENTATION',
  initiativeKind: 'CITIZEN_INITIATIVE',
  observedAt: '2025-09-12',
  authorities: ['gm0344'],
  norms: [],
});

const staging = serverUser();
if (staging.skip) {
  console.warn(`read-only data folder fault test SKIPPED: ${staging.skip}`);
}
const scenario = staging.skip ? it.skip : it;

describe('the data folder turns read-only', () => {
  const data = temporaryDataDir('read-only');
  const user = staging.user;
  let server: SpawnedServer | undefined;

  afterAll(async () => {
    await server?.kill();
    makeWritable(data.dir);
    data.remove();
  });

  scenario(
    'refuses writes with 503 problem+json, loses nothing acknowledged, and keeps answering reads',
    async () => {
      if (user) chownSync(data.dir, user.uid, user.gid);
      server = await startServer(data.dir, {}, undefined, user);
      let url = server.url as string;
      const headers = {
        authorization: `Bearer ${await testToken(officer)}`,
        'content-type': 'application/json',
      };
      const analystToken = await testToken(analyst);
      const post = async (n: number, extra: Record<string, string> = {}): Promise<Answer> => {
        const response = await fetch(`${url}/api/v1/signals`, {
          method: 'POST',
          headers: { ...headers, ...extra },
          body: JSON.stringify(signal(n)),
        });
        return {
          status: response.status,
          type: response.headers.get('content-type'),
          retryAfter: response.headers.get('retry-after'),
          body: (await response.json()) as Answer['body'],
        };
      };
      const countSignals = async (consistentWith: string): Promise<unknown> => {
        const response = await fetch(`${url}/graphql`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${analystToken}`,
            'content-type': 'application/json',
            'x-consistent-with': consistentWith,
          },
          body: JSON.stringify({ query: '{ signals(first: 1) { totalCount } }' }),
        });
        return { status: response.status, body: await response.json() };
      };
      const refusal = expect.objectContaining({
        status: 503,
        type: expect.stringMatching(/^application\/problem\+json/),
        retryAfter: expect.any(String),
        body: expect.objectContaining({ status: 503, code: 'STORE_UNAVAILABLE' }),
      });

      // Under load the folder and its files lose write permission. The server's files are already
      // open and the kernel checks permissions at open, so writes may still be acknowledged: each
      // answer is a 201 or a 503 problem, never a 500, and every 201 must survive.
      const acknowledged: Written[] = [];
      const answers: Answer[] = [];
      let attempts = 0;
      let acknowledgedBeforeChmod: number | undefined;
      const client = async (): Promise<void> => {
        while (attempts < ATTEMPTS) {
          attempts += 1;
          const answer = await post(attempts);
          answers.push(answer);
          if (answer.status === 201) {
            acknowledged.push({ id: String(answer.body.id), position: String(answer.body.position) });
          }
          if (acknowledgedBeforeChmod === undefined && acknowledged.length >= WRITABLE_FOR) {
            acknowledgedBeforeChmod = acknowledged.length;
            makeReadOnly(data.dir);
          }
        }
      };
      await Promise.all(Array.from({ length: CLIENTS }, client));
      expect(acknowledgedBeforeChmod).toBeDefined();
      for (const answer of answers.filter((a) => a.status !== 201)) expect(answer).toEqual(refusal);
      const last = acknowledged.map((w) => Number(w.position)).reduce((a, b) => Math.max(a, b), 0);
      expect(await countSignals(String(last))).toEqual({
        status: 200,
        body: { data: { signals: { totalCount: acknowledged.length } } },
      });

      // The server crashes and comes back on the read-only folder: it must open the files it may
      // only read, refuse every write, and go on answering reads.
      await server.kill();
      server = await startServer(data.dir, {}, undefined, user);
      url = server.url as string;
      const fresh = await readiness(url);
      expect(fresh.status).toBe(200);
      expect(fresh.body.store).toMatchObject({
        reachable: true,
        writable: false,
        writeError: 'SQLITE_READONLY',
      });

      const refused = await Promise.all([
        ...Array.from({ length: 5 }, (_, n) => post(-n)),
        post(-10, { 'idempotency-key': 'read-only-retry-1' }),
      ]);
      for (const answer of refused) expect(answer).toEqual(refusal);
      // A retry with the same key is refused the same way: no answer was remembered for it.
      expect(await post(-10, { 'idempotency-key': 'read-only-retry-1' })).toEqual(refusal);

      for (const written of acknowledged) {
        const response = await fetch(`${url}/api/v1/signals/${written.id}`, { headers });
        expect({ id: written.id, status: response.status }).toEqual({ id: written.id, status: 200 });
      }
      expect(await countSignals(String(last))).toEqual({
        status: 200,
        body: { data: { signals: { totalCount: acknowledged.length } } },
      });
      const afterRefusals = await readiness(url);
      expect(afterRefusals.status).toBe(200);
      expect(afterRefusals.body.store).toMatchObject({ reachable: true, writable: false });
      expect(afterRefusals.body.projections.every((p) => p.status === 'running')).toBe(true);
      await server.stop();
      server = undefined;

      // Write permission back, but for the idempotency records: writes are taken again, nothing
      // acknowledged is missing, and a keyed write is answered (and replayed) without its record.
      makeWritable(data.dir);
      for (const name of readdirSync(data.dir).filter((file) => file.startsWith(IDEMPOTENCY_FILE))) {
        chmodSync(join(data.dir, name), 0o444);
      }
      server = await startServer(data.dir, {}, undefined, user);
      url = server.url as string;
      expect((await readiness(url)).body.store).toMatchObject({ reachable: true, writable: true });
      for (const written of acknowledged) {
        const response = await fetch(`${url}/api/v1/signals/${written.id}`, { headers });
        expect({ id: written.id, status: response.status }).toEqual({ id: written.id, status: 200 });
      }
      expect((await post(0)).status).toBe(201);
      const keyed = { 'idempotency-key': 'read-only-records-1' };
      const first = await post(1, keyed);
      expect(first).toMatchObject({ status: 201, body: { id: expect.any(String) } });
      expect(await post(1, keyed)).toMatchObject({ status: 201, body: first.body });
      // A clean stop removes the write-ahead log and its shared memory...
      await server.stop();
      server = undefined;

      // ...which SQLite cannot recreate in a read-only folder, so it cannot even read the log: the
      // server refuses to start with one line naming DATA_DIR rather than start unable to answer.
      makeReadOnly(data.dir);
      const refusedStart = await spawnServer(serverOptions(data.dir, {}, undefined, user));
      const exit = await refusedStart.exited;
      expect(refusedStart.url).toBeUndefined();
      expect(exit.code).toBe(1);
      expect(refusedStart.output()).toMatch(/^Start-up failed: .*SQLITE_READONLY.* in DATA_DIR /m);
      expect(refusedStart.output()).not.toMatch(/\n\s+at /);
      makeWritable(data.dir);

      const recorded = await recordedSignalsIn(data.dir);
      // Nothing refused was written after all: the log holds the acknowledged signals and the last two.
      expect(recorded).toBe(acknowledged.length + 2);
      console.log(
        `read-only: ${acknowledged.length} writes acknowledged (${acknowledged.length - (acknowledgedBeforeChmod ?? 0)} after chmod on open files), ${refused.length + 1} refused with 503 after the restart`,
      );
    },
  );
});
