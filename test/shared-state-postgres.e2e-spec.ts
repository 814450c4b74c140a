import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { parseSettings } from '@praktijklus/config';
import { postgresUnavailableReason, startTestPostgres, type TestPostgres } from '@praktijklus/testing';
import { startTestServer, type TestServer } from './support/test-server';
import {
  eventStoreOf,
  filesContaining,
  type ProblemBody,
  signalBody,
  utrechtAdmin,
  utrechtOfficer,
  type Written,
} from './signals.fixtures';

jest.setTimeout(120_000);

interface SignalBody {
  initiative?: { name?: string; contact?: string; erased?: boolean; erasedAt?: string } | null;
}

/** Why two servers cannot share one PostgreSQL database here, or undefined when they can. */
function unavailableReason(): string | undefined {
  const postgres = postgresUnavailableReason();
  if (postgres !== undefined) return postgres;
  try {
    parseSettings({
      EVENT_STORE: 'postgres',
      DATABASE_URL: 'postgres://praktijklus@127.0.0.1:5432/praktijklus',
    });
  } catch (error) {
    return `this build has no PostgreSQL event store (${error instanceof Error ? error.message : String(error)})`;
  }
  return undefined;
}

const unavailable = unavailableReason();
const FIRST = { name: 'Stichting Gedeelde Kluis Zwaluwstraat', contact: 'gedeeld.kluis@example.org' };

if (unavailable !== undefined) {
  describe('two servers on one PostgreSQL database', () => {
    // Without PostgreSQL (.ci/run installs it) the report shows this skip and its reason, not a silent pass.
    it.skip(`needs EVENT_STORE=postgres: ${unavailable}`, () => undefined);
  });
  console.warn(`shared-state-postgres e2e skipped: ${unavailable}`);
} else {
  /**
   * Two servers on different machines, as far as files go: each its own DATA_DIR, nothing shared
   * but the database. The vault and the idempotency records must be there.
   */
  describe('two servers on one PostgreSQL database share the vault and the idempotency records', () => {
    let postgres: TestPostgres;
    let url: string;
    const dirs: string[] = [];
    const servers: TestServer[] = [];

    beforeAll(async () => {
      postgres = await startTestPostgres();
      url = postgres.createDatabase('shared_state');
      for (let i = 0; i < 2; i++) {
        const dir = mkdtempSync(join(tmpdir(), `praktijklus-shared-${i}-`));
        dirs.push(dir);
        servers.push(
          await startTestServer({ env: { EVENT_STORE: 'postgres', DATABASE_URL: url, DATA_DIR: dir } }),
        );
      }
    }, 180_000);

    afterAll(async () => {
      for (const server of servers) await server.close();
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
      postgres?.destroy();
    });

    const record = (server: TestServer, key: string, title: string) =>
      server.request<Written | ProblemBody>('POST', '/api/v1/signals', {
        token: utrechtOfficer,
        body: signalBody({ title }),
        headers: { 'idempotency-key': key },
      });

    it('shows on one server the name recorded through the other, and erases it for both', async () => {
      const [a, b] = servers;
      const recorded = await a.request<Written>('POST', '/api/v1/signals', {
        token: utrechtOfficer,
        body: signalBody({ initiative: FIRST }),
      });
      expect(recorded.status).toBe(201);
      const id = recorded.body.id;

      const onB = await b.request<SignalBody>('GET', `/api/v1/signals/${id}`, { token: utrechtOfficer });
      expect(onB.body.initiative).toEqual(FIRST);

      const erased = await b.request('POST', `/api/v1/signals/${id}/erase-personal-data`, {
        token: utrechtAdmin,
      });
      expect(erased.status).toBe(200);
      const onA = await a.request<SignalBody>('GET', `/api/v1/signals/${id}`, { token: utrechtOfficer });
      expect(onA.body.initiative).toMatchObject({ erased: true });

      const client = new Client({ connectionString: url });
      await client.connect();
      try {
        const rows = await client.query(
          "SELECT ref FROM personal_data WHERE ref LIKE 'initiative/' || $1 || '/%'",
          [id],
        );
        expect(rows.rowCount).toBe(0);
      } finally {
        await client.end();
      }
      for (const dir of dirs) expect(filesContaining(dir, FIRST.name)).toEqual([]);
    });

    it('one key with two bodies on the two servers at once: one 201, one 409; a retry on either replays', async () => {
      for (let trial = 0; trial < 10; trial++) {
        const key = `shared-race-${trial}`;
        const answers = await Promise.all([
          record(servers[0], key, `Eerste ${trial}`),
          record(servers[1], key, `Tweede ${trial}`),
        ]);
        expect(answers.map((answer) => answer.status).sort()).toEqual([201, 409]);
        const winner = answers.findIndex((answer) => answer.status === 201);
        const title = winner === 0 ? `Eerste ${trial}` : `Tweede ${trial}`;
        const retried = await record(servers[1 - winner], key, title);
        expect({ status: retried.status, body: retried.body }).toEqual({
          status: 201,
          body: answers[winner].body,
        });
      }
    });

    it('the same request on both servers at once is written once and answered the same', async () => {
      const before = (await eventStoreOf(servers[0]).readAll()).length;
      const answers = await Promise.all(
        servers.map((server) => record(server, 'shared-burst', 'Eén melding')),
      );
      expect(answers.map((answer) => answer.status)).toEqual([201, 201]);
      expect(answers[1].body).toEqual(answers[0].body);
      expect((await eventStoreOf(servers[0]).readAll()).length - before).toBe(1);
    });
  });
}
