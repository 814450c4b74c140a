import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { INSERT_EVENT_SQL } from '@praktijklus/event-store';
import { startTestServer, type TestServer } from '../support/test-server';
import { eventually, EVENTS_FILE, type Readiness } from './support/fault-server';

const officer = { sub: 'officer-poison', roles: ['officer' as const], authority: 'gm0344' };
const analyst = { sub: 'analyst-poison', roles: ['analyst' as const], authority: 'mnre1034' };

const signal = (title: string): Record<string, unknown> => ({
  type: 'BARRIER',
  title,
  description: 'De geluidsnorm voor installaties maakt een warmtepomp onmogelijk.',
  policyDomain: 'building',
  level: 'POLICY',
  initiativeKind: 'ENTREPRENEUR',
  observedAt: '2025-09-15',
  authorities: ['gm0344'],
  norms: [],
});

/**
 * A poison event: a recorded signal of a schema version this code does not know, its data in a
 * shape no projection expects, written straight into the log as a newer writer (or a corrupting
 * tool) could have done.
 */
function writePoison(eventsFile: string): { id: string; position: number } {
  const db = new BetterSqlite3(eventsFile);
  try {
    db.pragma('busy_timeout = 5000');
    const id = randomUUID();
    const signalId = randomUUID();
    const info = db.prepare(INSERT_EVENT_SQL).run(
      id,
      `signal-${signalId}`,
      0,
      'SignalRecorded',
      JSON.stringify({ signal: { id: signalId, kop: 'Onbekend formaat' }, labels: 7 }),
      JSON.stringify({
        actor: { sub: 'officer-future', authority: 'gm0344', roles: ['officer'] },
        correlationId: id,
        causationId: id,
        schemaVersion: 99,
      }),
      new Date().toISOString(),
    );
    return { id, position: Number(info.lastInsertRowid) };
  } finally {
    db.close();
  }
}

// Every projection that reads recorded signals (accountability counts them per authority and domain,
// policy changes per norm); the others never look at a SignalRecorded.
const SIGNAL_PROJECTIONS = [
  'signals',
  'signal-stats',
  'norm-conflicts',
  'feedback-loop',
  'accountability',
  'policy-changes',
];
const UNTOUCHED = ['escalation-board', 'agreements', 'experiments', 'cases'];

describe('a poison event in the log', () => {
  let server: TestServer;
  let dataDir: string;

  beforeAll(async () => {
    server = await startTestServer({ keepDataDir: true });
    dataDir = server.dataDir;
  });

  afterAll(async () => {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const readiness = async () => server.request<Readiness>('GET', '/ready');
  const byName = (body: Readiness) => new Map(body.projections.map((p) => [p.name, p]));

  it('halts the projections it breaks, visibly in /ready, while the others and the server go on', async () => {
    for (const title of ['Warmtepomp voor de poison', 'Nog een warmtepomp']) {
      const written = await server.request('POST', '/api/v1/signals', {
        token: officer,
        body: signal(title),
      });
      expect(written.status).toBe(201);
    }
    const poison = writePoison(join(dataDir, EVENTS_FILE));

    const halted = await eventually('the signal projections to halt on the poison', async () => {
      const ready = await readiness();
      const projections = byName(ready.body);
      return SIGNAL_PROJECTIONS.every((name) => projections.get(name)?.status === 'halted') &&
        UNTOUCHED.every((name) => Number(projections.get(name)?.position) >= poison.position)
        ? ready
        : undefined;
    });
    expect(halted.status).toBe(503);
    expect(halted.body.ready).toBe(false);
    expect(halted.body.store.reachable).toBe(true);
    for (const name of SIGNAL_PROJECTIONS) {
      const status = byName(halted.body).get(name);
      // Halted on the poison itself: the last good event is the one before, and the error names it.
      expect({ name, position: status?.position, error: status?.error }).toEqual({
        name,
        position: String(poison.position - 1),
        error: expect.stringContaining(`SignalRecorded ${poison.id} at position ${poison.position}`),
      });
    }

    // The server keeps answering: health, intake, the store's own reads, and the views that still run.
    expect((await server.request('GET', '/health')).status).toBe(200);
    const after = await server.request<{ id: string; position: string }>('POST', '/api/v1/signals', {
      token: officer,
      body: signal('Na de poison gemeld'),
    });
    expect(after.status).toBe(201);
    expect((await server.request('GET', `/api/v1/signals/${after.body.id}`, { token: officer })).status).toBe(
      200,
    );
    const board = await server.graphql<{ data?: { escalationBoard: { open: number } }; errors?: unknown }>(
      '{ escalationBoard { open } }',
      { token: analyst },
    );
    expect(board.status).toBe(200);
    expect(board.body.errors).toBeUndefined();
    expect(board.body.data?.escalationBoard.open).toBe(0);

    // The others follow the log past the poison; the halted ones stay where they stopped.
    const moved = await eventually('the running projections to pass the next signal', async () => {
      const ready = await readiness();
      const projections = byName(ready.body);
      return UNTOUCHED.every((name) => projections.get(name)?.position === after.body.position)
        ? ready
        : undefined;
    });
    for (const name of SIGNAL_PROJECTIONS) {
      expect({ name, ...byName(moved.body).get(name) }).toMatchObject({
        name,
        status: 'halted',
        position: String(poison.position - 1),
      });
    }

    // A restart does not skip the poison silently: the halt is kept.
    await server.close();
    server = await startTestServer({ env: { DATA_DIR: dataDir }, keepDataDir: true });
    const restarted = await readiness();
    expect(restarted.status).toBe(503);
    for (const name of SIGNAL_PROJECTIONS) expect(byName(restarted.body).get(name)?.status).toBe('halted');
    for (const name of UNTOUCHED) expect(byName(restarted.body).get(name)?.status).toBe('running');
  });
});
