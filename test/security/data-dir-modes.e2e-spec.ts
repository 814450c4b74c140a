import { chmodSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { loadOrCreateSecret } from '@praktijklus/auth';
import { runCli } from '../../apps/cli/src/main';
import type { CliOutput } from '../../apps/cli/src/cli-error';
import { startTestServer } from '../support/test-server';
import { signalBody, utrechtOfficer } from '../signals.fixtures';

const modeOf = (path: string): string => (statSync(path).mode & 0o777).toString(8);

/** Every file in `dir` with a mode other than 0600. */
const loosePermissions = (dir: string): string[] =>
  readdirSync(dir)
    .filter((name) => modeOf(join(dir, name)) !== '600')
    .map((name) => `${name} ${modeOf(join(dir, name))}`);

const quiet: CliOutput = { out: () => undefined, err: () => undefined, interactive: false };

describe('DATA_DIR holds personal data: owner only, whatever the umask', () => {
  let umask: number;
  let parent: string;

  beforeAll(() => {
    umask = process.umask(0o022);
    parent = mkdtempSync(join(tmpdir(), 'praktijklus-modes-'));
  });
  afterAll(() => {
    process.umask(umask);
    rmSync(parent, { recursive: true, force: true });
  });

  it('creates the folder 0700 and every file in it 0600', async () => {
    const dataDir = join(parent, 'new', 'data');
    const server = await startTestServer({ env: { DATA_DIR: dataDir } });
    try {
      const recorded = await server.request('POST', '/api/v1/signals', {
        token: utrechtOfficer,
        body: signalBody({ initiative: { name: 'Zwaluw Zonnestroom', contact: 'zwaluw@example.org' } }),
        headers: { 'idempotency-key': 'modes-1' },
      });
      expect(recorded.status).toBe(201);
      // What a server without AUTH_JWT_SECRET generates.
      loadOrCreateSecret(dataDir);
      expect(modeOf(dataDir)).toBe('700');
      expect(readdirSync(dataDir)).toEqual(
        expect.arrayContaining(['events.sqlite', 'personal-data.sqlite', 'readmodels.sqlite', 'auth-secret']),
      );
      expect(loosePermissions(dataDir)).toEqual([]);
    } finally {
      await server.close();
    }
    const env = { NODE_ENV: 'test', DATA_DIR: dataDir, SQLITE_SYNCHRONOUS: 'NORMAL' };
    expect(await runCli(['projections', 'rebuild'], env, quiet)).toBe(0);
    expect(loosePermissions(dataDir)).toEqual([]);
  });

  it('tightens a folder and files created looser before', async () => {
    const dataDir = join(parent, 'old');
    const server = await startTestServer({ env: { DATA_DIR: dataDir } });
    await server.close();
    chmodSync(dataDir, 0o755);
    for (const name of readdirSync(dataDir)) chmodSync(join(dataDir, name), 0o644);
    writeFileSync(join(dataDir, 'auth-secret'), `${'s'.repeat(48)}\n`, { mode: 0o644 });
    const vault = new Database(join(dataDir, 'personal-data.sqlite'));
    vault.pragma('journal_mode = WAL');
    vault.close();

    const again = await startTestServer({ env: { DATA_DIR: dataDir } });
    try {
      loadOrCreateSecret(dataDir);
      expect(modeOf(dataDir)).toBe('700');
      expect(loosePermissions(dataDir)).toEqual([]);
    } finally {
      await again.close();
    }
  });
});
