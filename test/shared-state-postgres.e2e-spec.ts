import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { runCli } from '../apps/cli/src/main';
import type { CliOutput } from '../apps/cli/src/cli-error';
import { parseSettings } from '@praktijklus/config';
import { TEST_JWT_SECRET } from '../libs/testing/src/test-secret';
import { postgresUnavailableReason, startTestPostgres, type TestPostgres } from '@praktijklus/testing';
import { startTestServer, type TestServer } from './support/test-server';
import {
  eventStoreOf,
  filesContaining,
  type ProblemBody,
  signalBody,
  provinceAdmin,
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
const SECOND = { name: 'Vereniging Kluis Operatorpad', contact: 'operator.pad@example.org' };

/** The tables of the database's public schema that hold `text` anywhere in a row. */
async function tablesContaining(url: string, text: string): Promise<string[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const tables = await client.query<{ name: string }>(
      "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'",
    );
    const found: string[] = [];
    for (const { name } of tables.rows) {
      const hits = await client.query(`SELECT 1 FROM "${name}" AS t WHERE t::text LIKE '%' || $1 || '%'`, [
        text,
      ]);
      if ((hits.rowCount ?? 0) > 0) found.push(name);
    }
    return found;
  } finally {
    await client.end();
  }
}

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

    it('lets the operator CLI erase an initiative in PostgreSQL, seen by both servers, left nowhere', async () => {
      const [a, b] = servers;
      const recorded = await a.request<Written>('POST', '/api/v1/signals', {
        token: utrechtOfficer,
        body: signalBody({ initiative: SECOND }),
      });
      expect(recorded.status).toBe(201);
      const id = recorded.body.id;
      expect(await tablesContaining(url, SECOND.name)).toEqual(['personal_data']);

      const operatorDir = mkdtempSync(join(tmpdir(), 'praktijklus-shared-cli-'));
      dirs.push(operatorDir);
      let out = '';
      let err = '';
      const output: CliOutput = {
        out: (text) => (out += text),
        err: (text) => (err += text),
        interactive: false,
      };
      const env = {
        NODE_ENV: 'test',
        EVENT_STORE: 'postgres',
        DATABASE_URL: url,
        DATA_DIR: operatorDir,
        AUTH_JWT_SECRET: TEST_JWT_SECRET,
      };
      expect(await runCli(['erase-initiative', id, '--by', 'fg-utrecht'], env, output)).toBe(0);
      expect({ out, err }).toEqual({ out: expect.stringContaining(id), err: '' });

      expect(await tablesContaining(url, SECOND.name)).toEqual([]);
      expect(await tablesContaining(url, SECOND.contact)).toEqual([]);
      // Each server's projector takes the erasure from the shared log in its own time.
      for (const server of [a, b]) {
        const deadline = Date.now() + 20_000;
        for (;;) {
          const history = await server.request<Array<{ type: string; actor: { sub: string } }>>(
            'GET',
            `/api/v1/signals/${id}/history`,
            { token: provinceAdmin },
          );
          const last = history.body.at(-1);
          if (last?.type === 'SignalPersonalDataErased' || Date.now() > deadline) {
            expect(last).toMatchObject({ type: 'SignalPersonalDataErased', actor: { sub: 'fg-utrecht' } });
            break;
          }
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        const shown = await server.request<SignalBody>('GET', `/api/v1/signals/${id}`, {
          token: utrechtAdmin,
        });
        expect(shown.body.initiative).toEqual({ erased: true, erasedAt: expect.any(String) });
      }
      for (const dir of dirs) expect(filesContaining(dir, SECOND.name)).toEqual([]);
    });
  });
}
