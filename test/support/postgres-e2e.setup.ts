import { stopE2ePostgres } from './postgres-e2e';

// The `e2e-postgres` project: every startTestServer of the file runs on PostgreSQL.
process.env.E2E_EVENT_STORE = 'postgres';

afterAll(async () => {
  // A file of this project that never ran a server on PostgreSQL would pass without proving anything.
  expect(await stopE2ePostgres()).toBeGreaterThan(0);
});
