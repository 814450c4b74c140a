import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnServer, type SpawnedServer } from '@praktijklus/testing';

// The server as its own process, twice, on two shared cores.
jest.setTimeout(120_000);

/** The start of an ANSI colour code (ESC and `[`), what a JSON log line must never hold. */
const ANSI = `${String.fromCharCode(0x1b)}[`;

/** What the whole process writes from start to stop, Nest's own start-up lines included. */
async function outputOf(env: Record<string, string>): Promise<string[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'praktijklus-log-process-'));
  let server: SpawnedServer | undefined;
  try {
    server = await spawnServer({ env: { DATA_DIR: dataDir, ...env }, startTimeoutMs: 90_000 });
    if (server.url === undefined) throw new Error(`the server did not start:\n${server.output()}`);
    expect((await fetch(`${server.url}/api/v1/signals/not-a-uuid`)).status).toBe(401);
    await server.stop();
    return server
      .output()
      .split('\n')
      .filter((line) => line !== '');
  } finally {
    await server?.kill();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

describe('the server process log', () => {
  it('is JSON on every line, Nest’s start-up lines included, without colour codes', async () => {
    const lines = await outputOf({});
    expect(lines.length).toBeGreaterThan(3);
    const entries = lines.map((line) => {
      expect([line, line.includes(ANSI)]).toEqual([line, false]);
      return JSON.parse(line) as Record<string, unknown>;
    });
    expect(entries).toContainEqual(expect.objectContaining({ level: 'info', context: 'NestFactory' }));
    expect(entries).toContainEqual(
      expect.objectContaining({ event: 'request', route: '/api/v1/signals/:id', status: 401 }),
    );
  });

  it('is pino-pretty’s readable lines with LOG_FORMAT=pretty', async () => {
    const lines = await outputOf({ LOG_FORMAT: 'pretty' });
    const json = lines.filter((line) => line.startsWith('{'));
    expect(json).toEqual([]);
    expect(
      lines.some((line) => /^\[\d\d:\d\d:\d\d\.\d{3}\] .*INFO.*Starting Nest application/.test(line)),
    ).toBe(true);
  });
});
