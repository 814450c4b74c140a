import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { NO_STREAM, PostgresEventStore } from '@praktijklus/event-store';
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
  const message = `PostgreSQL CLI tests skipped: ${unavailable}`;
  console.warn(message);
  const skippedSuite = describe.skip;
  skippedSuite(message, () => {
    it('migrates a PostgreSQL database', () => undefined);
  });
} else {
  describe('the operator CLI on PostgreSQL: migrate, verify, rebuild', () => {
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

    it('verifies the PostgreSQL log and rebuilds read models from it', async () => {
      const url = postgres.createDatabase('operator');
      const store = await PostgresEventStore.open({ connectionString: url });
      const metadata = {
        actor: { sub: 'officer-1', authority: 'gm0344', roles: ['officer'] },
        correlationId: randomUUID(),
        causationId: randomUUID(),
        schemaVersion: 1,
      };
      const event = () => ({ id: randomUUID(), type: 'OperatorCheck', data: {}, metadata });
      await store.append('check-a', [event(), event()], { expectedRevision: NO_STREAM });
      await store.append('check-b', [event()], { expectedRevision: NO_STREAM });
      await store.close();
      const dataDir = mkdtempSync(join(tmpdir(), 'migrate-cli-'));
      try {
        const env = { EVENT_STORE: 'postgres', DATABASE_URL: url, DATA_DIR: dataDir };
        const verified = capture();
        expect(await runCli(['verify'], env, verified)).toBe(0);
        expect(verified.text()).toBe('3 events in 2 streams checked (postgres store).\nNo problems found.\n');
        const rebuilt = capture();
        expect(await runCli(['projections', 'rebuild'], env, rebuilt)).toBe(0);
        expect(rebuilt.text()).toMatch(/^Rebuilt all \d+ projections from 3 events in [\d.]+ s\.\n$/);
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
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
