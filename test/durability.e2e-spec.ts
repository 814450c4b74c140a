import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readResponse, spawnServer, testToken, type SpawnedServer } from '@praktijklus/testing';

const officer = { sub: 'officer-1', roles: ['officer' as const], authority: 'gm0344' };

// Child processes start in a few seconds each; the e2e default timeout is too short on 2 cores.
jest.setTimeout(60_000);

describe('durability: an acknowledged write survives kill -9', () => {
  let dataDir: string;
  let server: SpawnedServer | undefined;

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'praktijklus-durability-'));
  });

  afterAll(async () => {
    await server?.kill();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const start = async (): Promise<SpawnedServer> => {
    const started = await spawnServer({
      entry: 'test/support/probe-server.main.ts',
      env: { DATA_DIR: dataDir, SQLITE_SYNCHRONOUS: 'FULL' },
    });
    if (started.url === undefined) throw new Error(`the server did not start:\n${started.output()}`);
    return started;
  };

  it('reads back every write acknowledged before SIGKILL after a restart', async () => {
    server = await start();
    const token = await testToken(officer);
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const url = server.url as string;

    // Acknowledged writes, then more in flight at the moment of the kill.
    const acknowledged: Array<{ id: string; revision: number }> = [];
    for (let i = 0; i < 10; i++) {
      const response = await readResponse<{ id: string; revision: number }>(
        await fetch(`${url}/api/v1/tallies`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ label: `t${i}` }),
        }),
      );
      expect(response.status).toBe(201);
      acknowledged.push(response.body);
    }
    const inFlight = Array.from({ length: 20 }, (_, i) =>
      fetch(`${url}/api/v1/tallies`, { method: 'POST', headers, body: JSON.stringify({ label: `f${i}` }) })
        .then((r) => readResponse<{ id: string; revision: number }>(r))
        .then((r) => (r.status === 201 ? r.body : undefined))
        .catch(() => undefined),
    );
    await new Promise((resolve) => setTimeout(resolve, 5));
    await server.kill();
    expect(server.child.signalCode).toBe('SIGKILL');
    for (const write of await Promise.all(inFlight)) if (write) acknowledged.push(write);

    server = await start();
    const restartedUrl = server.url as string;
    for (const write of acknowledged) {
      const response = await readResponse<{ id: string; revision: number }>(
        await fetch(`${restartedUrl}/api/v1/tallies/${write.id}`, { headers }),
      );
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ id: write.id, revision: write.revision });
    }
    await server.stop();
  });
});
