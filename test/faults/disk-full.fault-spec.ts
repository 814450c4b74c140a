import { testToken, type SpawnedServer } from '@praktijklus/testing';
import { readiness, recordedSignalsIn, startServer, temporaryDataDir } from './support/fault-server';

const officer = { sub: 'officer-full', roles: ['officer' as const], authority: 'gm0344' };
const analyst = { sub: 'analyst-full', roles: ['analyst' as const], authority: 'mnre1034' };
const CLIENTS = 10;
const MAX_ATTEMPTS = 600;
/** About a hundred recorded signals fit: enough to see writes pass before the disk is full. */
const PAGES = '48';

interface Written {
  id: string;
  position: string;
  revision: number;
}

const signal = (n: number): Record<string, unknown> => ({
  type: 'KNOWLEDGE_GAP',
  title: `Onduidelijk loket voor melding ${n}`,
  description:
    'Niemand weet welk bevoegd gezag over de aansluiting op het warmtenet gaat; de initiatiefnemer wordt van loket naar loket gestuurd.',
  policyDomain: 'energy',
  level: 'IMPLEMENTATION',
  initiativeKind: 'CITIZEN_INITIATIVE',
  observedAt: '2025-08-20',
  authorities: ['gm0344', 'pv26'],
  norms: [],
});

describe('the event store disk is full', () => {
  const data = temporaryDataDir('disk-full');
  let server: SpawnedServer | undefined;

  afterAll(async () => {
    await server?.kill();
    data.remove();
  });

  it('refuses writes with 503 problem+json, loses nothing acknowledged, and keeps answering reads', async () => {
    server = await startServer(
      data.dir,
      { FAULT_MAX_PAGE_COUNT: PAGES },
      'test/faults/support/capped-store-server.main.ts',
    );
    const url = server.url as string;
    const token = await testToken(officer);
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };

    const acknowledged: Written[] = [];
    const refusals: Array<{ status: number; type: string | null; body: { code?: string; status?: number } }> =
      [];
    let attempts = 0;
    let consecutiveRefusals = 0;
    const client = async () => {
      while (attempts < MAX_ATTEMPTS && consecutiveRefusals < 30) {
        attempts += 1;
        const response = await fetch(`${url}/api/v1/signals`, {
          method: 'POST',
          headers,
          body: JSON.stringify(signal(attempts)),
        });
        const body = (await response.json()) as Written & { code?: string; status?: number };
        if (response.status === 201) {
          acknowledged.push({ id: body.id, position: body.position, revision: body.revision });
          consecutiveRefusals = 0;
        } else {
          refusals.push({ status: response.status, type: response.headers.get('content-type'), body });
          consecutiveRefusals += 1;
        }
      }
    };
    await Promise.all(Array.from({ length: CLIENTS }, client));

    expect(acknowledged.length).toBeGreaterThan(20);
    expect(consecutiveRefusals).toBeGreaterThanOrEqual(30);
    // Every refusal is the store saying it cannot take the write: never a 500, never a client error.
    for (const refusal of refusals) {
      expect(refusal).toEqual({
        status: 503,
        type: expect.stringMatching(/^application\/problem\+json/),
        body: expect.objectContaining({ status: 503, code: 'STORE_UNAVAILABLE' }),
      });
    }

    // Reads go on while the disk is full: health, readiness, the log, and the views.
    expect((await fetch(`${url}/health`)).status).toBe(200);
    const ready = await readiness(url);
    expect(ready.status).toBe(200);
    expect(ready.body.store).toMatchObject({ reachable: true, writable: false, writeError: 'SQLITE_FULL' });
    for (const written of acknowledged.slice(-5)) {
      const response = await fetch(`${url}/api/v1/signals/${written.id}`, { headers });
      expect(response.status).toBe(200);
    }
    const last = acknowledged.map((w) => Number(w.position)).reduce((a, b) => Math.max(a, b), 0);
    const view = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${await testToken(analyst)}`,
        'content-type': 'application/json',
        'x-consistent-with': String(last),
      },
      body: JSON.stringify({ query: '{ signals(first: 1) { totalCount } }' }),
    });
    expect(view.status).toBe(200);
    expect(await view.json()).toEqual({ data: { signals: { totalCount: acknowledged.length } } });

    // With room again, every acknowledged write is there, the file is sound and writes work.
    await server.stop();
    server = await startServer(data.dir);
    const roomy = server.url as string;
    for (const written of acknowledged) {
      const response = await fetch(`${roomy}/api/v1/signals/${written.id}`, { headers });
      expect({ id: written.id, status: response.status }).toEqual({ id: written.id, status: 200 });
    }
    const again = await fetch(`${roomy}/api/v1/signals`, {
      method: 'POST',
      headers,
      body: JSON.stringify(signal(0)),
    });
    expect(again.status).toBe(201);
    expect((await readiness(roomy)).body.store).toMatchObject({ reachable: true, writable: true });
    await server.stop();
    server = undefined;

    const recorded = await recordedSignalsIn(data.dir);
    // Nothing refused was written after all: the log holds the acknowledged signals and the last one.
    expect(recorded).toBe(acknowledged.length + 1);
    console.log(
      `disk-full: ${acknowledged.length} writes acknowledged, then ${refusals.length} refused with 503`,
    );
  });
});
