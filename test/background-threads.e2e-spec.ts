import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { signalBody, utrechtOfficer, type Written } from './signals.fixtures';
import { startTestServer, type TestServer } from './support/test-server';

interface Ready {
  ready: boolean;
  projector: { running: boolean; headPosition: string | null };
  projections: Array<{ name: string; status: string; position: string | null; eventsBehind: number | null }>;
  reactor: { role: string } | null;
}

/**
 * Read-your-writes and /ready across the thread boundary: the same answers whether the projector
 * and the reactor run in threads of their own (BACKGROUND_THREAD=worker, the default) or on the
 * request loop (main).
 */
describe.each(['worker', 'main'])('BACKGROUND_THREAD=%s', (mode) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ env: { BACKGROUND_THREAD: mode, SNAPSHOT_INTERVAL_EVENTS: '3' } });
  });

  afterAll(async () => {
    await server.close();
  });

  it('answers a query with X-Consistent-With only once the written signal is in the read models', async () => {
    for (let i = 0; i < 5; i += 1) {
      const written = await server.request<Written>('POST', '/api/v1/signals', {
        token: utrechtOfficer,
        body: signalBody({ title: `Signaal ${i} over de grens van de thread` }),
      });
      expect(written.status).toBe(201);
      const read = await server.graphql<{ data: { signal: { id: string; title: string } | null } }>(
        `{ signal(id: "${written.body.id}") { id title } }`,
        { token: utrechtOfficer, headers: { 'x-consistent-with': written.body.position } },
      );
      expect(read.body.data.signal).toEqual({
        id: written.body.id,
        title: `Signaal ${i} over de grens van de thread`,
      });
    }
  });

  it('shows every projection at the head of the log in /ready, and the reactor leading', async () => {
    const written = await server.request<Written>('POST', '/api/v1/signals', {
      token: utrechtOfficer,
      body: signalBody(),
    });
    await server.graphql('{ policyDomains { code } }', {
      token: utrechtOfficer,
      headers: { 'x-consistent-with': written.body.position },
    });
    const ready = await server.request<Ready>('GET', '/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.projector).toEqual({ running: true, headPosition: written.body.position });
    expect(ready.body.projections.length).toBeGreaterThan(5);
    for (const projection of ready.body.projections) {
      expect(projection).toMatchObject({
        status: 'running',
        position: written.body.position,
        eventsBehind: 0,
      });
    }
    expect(ready.body.reactor?.role).toBe('leader');
  });

  it(
    mode === 'worker'
      ? "empties the log's WAL once appends are quiet: the projector thread checkpoints it, not the request loop's commits"
      : "leaves the log's WAL to the request loop's own checkpoints (past 1,000 pages), which never empty it",
    async () => {
      const wal = join(server.dataDir, 'events.sqlite-wal');
      const written = await server.request<Written>('POST', '/api/v1/signals', {
        token: utrechtOfficer,
        body: signalBody(),
      });
      expect(written.status).toBe(201);
      expect(statSync(wal).size).toBeGreaterThan(0);
      const deadline = Date.now() + (mode === 'worker' ? 10_000 : 2_000);
      while (statSync(wal).size > 0 && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 100));
      if (mode === 'worker') expect(statSync(wal).size).toBe(0);
      else expect(statSync(wal).size).toBeGreaterThan(0);
    },
  );

  it("takes time travel's snapshots of the read models where the projector runs", () => {
    const files = readdirSync(join(server.dataDir, 'snapshots')).filter((name) =>
      /^snapshot-.*\.sqlite$/.test(name),
    );
    // Six signals were written (an event each), a snapshot once three were applied since the last.
    expect(files.length).toBeGreaterThanOrEqual(1);
  });
});
