import { Client } from 'pg';
import { postgresUnavailableReason, startTestPostgres, type TestPostgres } from '@praktijklus/testing';
import type { CliOutput } from './cli-error';
import { runCli } from './main';

const unavailable = postgresUnavailableReason();

function capture(): CliOutput & { text(): string } {
  let text = '';
  return {
    out: (chunk) => {
      text += chunk;
    },
    err: (chunk) => {
      text += chunk;
    },
    interactive: false,
    text: () => text,
  };
}

if (unavailable !== undefined) {
  const message = `migrate tests skipped: ${unavailable}`;
  console.warn(message);
  const skippedSuite = describe.skip;
  skippedSuite(message, () => {
    it('migrates a PostgreSQL database', () => undefined);
  });
} else {
  describe('npm run cli -- migrate', () => {
    let postgres: TestPostgres;

    beforeAll(async () => {
      postgres = await startTestPostgres();
    }, 120_000);

    afterAll(() => postgres?.destroy());

    it('creates the event store schema once, then reports it up to date', async () => {
      const env = { EVENT_STORE: 'postgres', DATABASE_URL: postgres.url };
      const first = capture();
      expect(await runCli(['migrate'], env, first)).toBe(0);
      expect(first.text()).toBe('Applied event store migration(s) 1; now at version 1.\n');
      const second = capture();
      expect(await runCli(['migrate'], env, second)).toBe(0);
      expect(second.text()).toBe('Event store schema up to date at version 1.\n');

      const client = new Client({ connectionString: postgres.url });
      await client.connect();
      try {
        const { rows } = await client.query(
          "SELECT column_name FROM information_schema.columns WHERE table_name = 'events' ORDER BY ordinal_position",
        );
        expect(rows.map((row: { column_name: string }) => row.column_name)).toEqual([
          'position',
          'event_id',
          'stream_id',
          'revision',
          'type',
          'data',
          'metadata',
          'recorded_at',
        ]);
      } finally {
        await client.end();
      }
    });

    it('refuses on the embedded store and when the database is unreachable', async () => {
      const sqlite = capture();
      expect(await runCli(['migrate'], { DATA_DIR: postgres.dataDir }, sqlite)).toBe(1);
      expect(sqlite.text()).toMatch(/^migrate applies to EVENT_STORE=postgres only/);
      const away = capture();
      const env = { EVENT_STORE: 'postgres', DATABASE_URL: 'postgres://praktijklus@127.0.0.1:1/none' };
      expect(await runCli(['migrate'], env, away)).toBe(1);
      expect(away.text()).toMatch(/^migrate failed: event store unavailable/);
    });
  });
}
