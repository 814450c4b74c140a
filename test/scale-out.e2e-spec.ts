import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  readResponse,
  spawnServer,
  testToken,
  type SpawnedServer,
  type TestResponse,
} from '@praktijklus/testing';
import { signalBody, utrechtOfficer, type Written } from './signals.fixtures';

// Three child processes on two shared cores: start-up alone takes several seconds each.
jest.setTimeout(180_000);

const RATE_LIMIT = 8;
const SIGNAL = 'query ($id: ID!) { signal(id: $id) { id title } }';

interface SignalAnswer {
  data?: { signal: { id: string; title: string } | null };
  errors?: Array<{ extensions?: { code?: string } }>;
}

/**
 * One log, three processes: a writer (ROLES=commands) and two readers (ROLES=queries,projector),
 * each reader with read models of its own in READMODELS_DIR, all on the same DATA_DIR.
 */
describe('scale-out: one writer and two readers on one event log', () => {
  const root = mkdtempSync(join(tmpdir(), 'praktijklus-scale-'));
  const dataDir = join(root, 'data');
  const readerDirs = [join(root, 'reader-1'), join(root, 'reader-2')];
  let writer: SpawnedServer;
  const readers: SpawnedServer[] = [];
  let officer: string;

  const start = async (env: Record<string, string>): Promise<SpawnedServer> => {
    const server = await spawnServer({
      env: {
        DATA_DIR: dataDir,
        RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT),
        SQLITE_SYNCHRONOUS: 'NORMAL',
        ...env,
      },
      startTimeoutMs: 60_000,
    });
    if (server.url === undefined) throw new Error(`a process did not start:\n${server.output()}`);
    return server;
  };
  const startReader = (index: number) =>
    start({ ROLES: 'queries,projector', READMODELS_DIR: readerDirs[index] });

  const write = async (title: string): Promise<Written> => {
    const response = await fetch(`${writer.url}/api/v1/signals`, {
      method: 'POST',
      headers: { authorization: `Bearer ${officer}`, 'content-type': 'application/json' },
      body: JSON.stringify(signalBody({ title })),
    });
    const answer = await readResponse<Written>(response);
    expect(answer.status).toBe(201);
    return answer.body;
  };

  const read = async (
    reader: SpawnedServer,
    id: string,
    headers: Record<string, string> = {},
    token = officer,
  ): Promise<TestResponse<SignalAnswer>> =>
    readResponse<SignalAnswer>(
      await fetch(`${reader.url}/graphql`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query: SIGNAL, variables: { id } }),
      }),
    );

  beforeAll(async () => {
    officer = await testToken(utrechtOfficer);
    writer = await start({ ROLES: 'commands' });
    readers.push(await startReader(0), await startReader(1));
  });

  afterAll(async () => {
    await Promise.all([writer, ...readers].map((server) => server?.kill()));
    rmSync(root, { recursive: true, force: true });
  });

  it('keeps each reader’s read models in its own READMODELS_DIR', () => {
    for (const dir of readerDirs) expect(existsSync(join(dir, 'readmodels.sqlite'))).toBe(true);
  });

  it('reads a write through the writer on either reader with X-Consistent-With', async () => {
    const written = await write('Gelezen op beide lezers');
    for (const reader of readers) {
      const answer = await read(reader, written.id, { 'x-consistent-with': written.position });
      expect(answer.status).toBe(200);
      expect(answer.body.data?.signal).toEqual({ id: written.id, title: 'Gelezen op beide lezers' });
    }
  });

  it('lets a reader that was killed catch up when it starts again', async () => {
    await readers[1].kill();
    const missed = [await write('Gemist 1'), await write('Gemist 2'), await write('Gemist 3')];
    readers[1] = await startReader(1);
    const last = missed[missed.length - 1];
    const answer = await read(readers[1], last.id, { 'x-consistent-with': last.position });
    expect(answer.body.data?.signal?.title).toBe('Gemist 3');
    for (const signal of missed) {
      expect((await read(readers[1], signal.id)).body.data?.signal?.id).toBe(signal.id);
    }
  });

  it('refuses the same bad token on each process', async () => {
    const forged = `${officer.slice(0, -4)}AAAA`;
    for (const reader of readers) {
      const answer = await read(reader, 'x', {}, forged);
      expect(answer.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
    const refused = await fetch(`${writer.url}/api/v1/signals`, {
      method: 'POST',
      headers: { authorization: `Bearer ${forged}`, 'content-type': 'application/json' },
      body: JSON.stringify(signalBody()),
    });
    expect(refused.status).toBe(401);
  });

  it('applies the rate limit per user on each reader alike', async () => {
    const limited = await testToken({ ...utrechtOfficer, sub: 'officer-rate-limit' });
    for (const reader of readers) {
      const statuses: number[] = [];
      for (let i = 0; i < RATE_LIMIT + 1; i++) statuses.push((await read(reader, 'x', {}, limited)).status);
      expect(statuses.slice(0, RATE_LIMIT).every((status) => status === 200)).toBe(true);
      expect(statuses[RATE_LIMIT]).toBe(429);
    }
  });
});
