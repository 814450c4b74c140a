import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../apps/cli/src/main';
import type { CliOutput } from '../apps/cli/src/cli-error';
import type { Manifest } from '../apps/cli/src/backup-files';
import {
  readResponse,
  spawnServer,
  TEST_JWT_SECRET,
  testToken,
  type SpawnedServer,
} from '@praktijklus/testing';
import { filesContaining, provinceAdmin, signalBody, utrechtOfficer, type Written } from './signals.fixtures';
import { startTestServer, type TestServer } from './support/test-server';

// Child processes start in a few seconds each; the e2e default timeout is too short on 2 cores.
jest.setTimeout(120_000);

// Distinctive enough that a match in a restored file can only be the erased data coming back.
const ERASED = { name: 'Vereniging Grutto Herstelproef', contact: 'grutto.herstel@example.org' };
const ACKNOWLEDGED_BEFORE_BACKUP = 25;

interface SignalView {
  id: string;
  initiative?: { name?: string; erased?: boolean } | null;
}

async function cli(env: Record<string, string>, ...args: string[]) {
  let out = '';
  let err = '';
  const output: CliOutput = { out: (t) => (out += t), err: (t) => (err += t), interactive: false };
  const code = await runCli(args, env, output);
  return { code, out, err };
}

describe('backup while the server writes, kill -9 mid-backup, restore', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'praktijklus-backup-data-'));
  const backupDir = join(mkdtempSync(join(tmpdir(), 'praktijklus-backup-')), 'copy');
  const restoredDir = join(mkdtempSync(join(tmpdir(), 'praktijklus-restored-')), 'data');
  const env = (dir: string) => ({ NODE_ENV: 'test', DATA_DIR: dir, AUTH_JWT_SECRET: TEST_JWT_SECRET });
  let server: SpawnedServer | undefined;
  let restored: TestServer | undefined;
  const acknowledged: string[] = [];
  /** Written while the backup ran, answered 201 before it began copying the log. */
  const acknowledgedBeforeLogCopy: string[] = [];
  let erasedSignal: string;
  let backup: { code: number; out: string; err: string };
  let killedDuringBackup = false;

  const post = async <T>(path: string, token: string, body?: unknown) =>
    readResponse<T>(
      await fetch(`${server?.url}${path}`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }),
    );

  beforeAll(async () => {
    server = await spawnServer({ env: { DATA_DIR: dataDir, SQLITE_SYNCHRONOUS: 'FULL' } });
    if (server.url === undefined) throw new Error(`the server did not start:\n${server.output()}`);
    const officer = await testToken(utrechtOfficer);
    const admin = await testToken(provinceAdmin);

    const withName = await post<Written>('/api/v1/signals', officer, signalBody({ initiative: ERASED }));
    expect(withName.status).toBe(201);
    erasedSignal = withName.body.id;
    const erasure = await post(`/api/v1/signals/${erasedSignal}/erase-personal-data`, admin);
    expect(erasure.status).toBe(200);
    for (let i = 0; i < ACKNOWLEDGED_BEFORE_BACKUP; i++) {
      const written = await post<Written>(
        '/api/v1/signals',
        officer,
        signalBody({ title: `Signaal ${i} vóór de backup` }),
      );
      expect(written.status).toBe(201);
      acknowledged.push(written.body.id);
    }

    // Writes keep coming while the backup runs, until the server is killed under them.
    let writing = true;
    const duringBackup: string[] = [];
    const load = (async () => {
      while (writing) {
        const written = await post<Written>(
          '/api/v1/signals',
          officer,
          signalBody({ title: 'Signaal tijdens de backup' }),
        ).catch(() => undefined);
        if (written?.status === 201) duringBackup.push(written.body.id);
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 200));

    let out = '';
    let err = '';
    const output: CliOutput = {
      out: (text) => {
        out += text;
        // The reactor is copied just before the log: the server dies while the backup is under way.
        if (text.startsWith('copied reactor.sqlite') && server !== undefined) {
          acknowledgedBeforeLogCopy.push(...duringBackup);
          killedDuringBackup = server.child.exitCode === null;
          void server.kill();
        }
      },
      err: (text) => (err += text),
      interactive: false,
    };
    const code = await runCli(['backup', backupDir], env(dataDir), output);
    backup = { code, out, err };
    writing = false;
    await server.kill();
    await load;
  });

  afterAll(async () => {
    await server?.kill();
    await restored?.close();
    for (const dir of [dataDir, join(backupDir, '..'), join(restoredDir, '..')]) {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('finishes the backup although the server was killed during it', () => {
    expect(killedDuringBackup).toBe(true);
    expect(acknowledgedBeforeLogCopy.length).toBeGreaterThan(0);
    expect(backup).toMatchObject({ code: 0, err: '' });
  });

  it('writes owner-only files and a manifest with sizes, sha256 and the head position', () => {
    expect(statSync(backupDir).mode & 0o777).toBe(0o700);
    const names = readdirSync(backupDir).sort();
    expect(names).toEqual(
      [
        'events.sqlite',
        'idempotency.sqlite',
        'manifest.json',
        'personal-data.sqlite',
        'reactor.sqlite',
      ].sort(),
    );
    for (const name of names) expect(statSync(join(backupDir, name)).mode & 0o777).toBe(0o600);
    const manifest = JSON.parse(readFileSync(join(backupDir, 'manifest.json'), 'utf8')) as Manifest;
    expect(manifest.events).toBeGreaterThanOrEqual(ACKNOWLEDGED_BEFORE_BACKUP + 2);
    expect(manifest.headPosition).toEqual(expect.any(String));
    expect(manifest.files).toContainEqual({
      name: 'events.sqlite',
      bytes: statSync(join(backupDir, 'events.sqlite')).size,
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  it('refuses to restore into a non-empty DATA_DIR without --force', async () => {
    const refused = await cli(env(dataDir), 'restore', backupDir);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('not empty');
  });

  it('refuses a folder without a manifest (an interrupted backup)', async () => {
    const target = join(restoredDir, '..', 'from-nothing');
    const result = await cli(env(target), 'restore', join(restoredDir, '..'));
    expect(result.code).toBe(1);
    expect(result.err).toContain('not a backup');
  });

  it('refuses a backup whose files do not match the manifest, and writes nothing', async () => {
    const damaged = join(restoredDir, '..', 'damaged-backup');
    cpSync(backupDir, damaged, { recursive: true });
    const file = join(damaged, 'personal-data.sqlite');
    const bytes = readFileSync(file);
    bytes[bytes.length - 1] ^= 0xff;
    writeFileSync(file, bytes);
    const target = join(restoredDir, '..', 'from-damaged');
    const result = await cli(env(target), 'restore', damaged);
    expect(result.code).toBe(1);
    expect(result.err).toContain('personal-data.sqlite does not match the manifest');
    expect(existsSync(target)).toBe(false);
  });

  it('restores into a fresh DATA_DIR and verifies it', async () => {
    const result = await cli(env(restoredDir), 'restore', backupDir);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(result.out).toContain('No problems found.');
  });

  it('with --force replaces the backed-up files and drops the read models of a used DATA_DIR', async () => {
    expect(existsSync(join(dataDir, 'readmodels.sqlite'))).toBe(true);
    // Time travel's history and snapshots of the old log, as a server with them would have left.
    writeFileSync(join(dataDir, 'history.sqlite'), 'derived from the old log');
    mkdirSync(join(dataDir, 'snapshots'), { recursive: true });
    writeFileSync(join(dataDir, 'snapshots', 'snapshot-1-a.sqlite'), 'derived from the old log');
    const result = await cli(env(dataDir), 'restore', backupDir, '--force');
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(existsSync(join(dataDir, 'readmodels.sqlite'))).toBe(false);
    expect(existsSync(join(dataDir, 'history.sqlite'))).toBe(false);
    expect(existsSync(join(dataDir, 'snapshots'))).toBe(false);
    expect(existsSync(join(dataDir, 'events.sqlite-wal'))).toBe(false);
  });

  it('serves every write acknowledged before the backup copied the log, and the erased initiative stays erased', async () => {
    restored = await startTestServer({ env: { DATA_DIR: restoredDir }, keepDataDir: true });
    for (const id of [...acknowledged, ...acknowledgedBeforeLogCopy]) {
      const response = await restored.request<SignalView>('GET', `/api/v1/signals/${id}`, {
        token: utrechtOfficer,
      });
      expect(response.status).toBe(200);
    }
    const erased = await restored.request<SignalView>('GET', `/api/v1/signals/${erasedSignal}`, {
      token: utrechtOfficer,
    });
    expect(erased.status).toBe(200);
    expect(erased.body.initiative).toMatchObject({ erased: true });
    expect([
      ...filesContaining(restoredDir, ERASED.name),
      ...filesContaining(restoredDir, ERASED.contact),
      ...filesContaining(backupDir, ERASED.name),
    ]).toEqual([]);
  });
});
