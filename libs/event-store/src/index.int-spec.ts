import { execFileSync } from 'node:child_process';
import path from 'node:path';

const REGISTER = path.join(__dirname, 'sqlite', 'test-fixtures', 'register-typescript.js');

/** Which of the EventStoreDB client's modules a fresh Node process has loaded after `script`. */
function grpcClientLoadedAfter(script: string, client = '@eventstore'): boolean {
  const probe = `${script}; process.stdout.write(String(Object.keys(require.cache).some((file) => file.includes(${JSON.stringify(client)}))));`;
  const output = execFileSync(process.execPath, ['-r', REGISTER, '-e', probe], {
    cwd: __dirname,
    encoding: 'utf8',
  });
  return output.trim() === 'true';
}

describe('@praktijklus/event-store entry point', () => {
  const index = JSON.stringify(path.join(__dirname, 'index.ts'));

  it('does not load the EventStoreDB client for the embedded store', () => {
    expect(
      grpcClientLoadedAfter(`const { SqliteEventStore } = require(${index}); void SqliteEventStore`),
    ).toBe(false);
  });

  it('does not load the PostgreSQL driver unless shared state is kept there', () => {
    const pg = '/node_modules/pg/';
    expect(
      grpcClientLoadedAfter(`const { SqliteEventStore } = require(${index}); void SqliteEventStore`, pg),
    ).toBe(false);
    const script = `const { createSharedStatePool } = require(${index}); createSharedStatePool({ url: 'postgres://x@127.0.0.1:1/x', poolMax: 1 })`;
    expect(grpcClientLoadedAfter(script, pg)).toBe(true);
  });

  it('loads it when an EventStoreDB store is asked for', () => {
    const script = `const { connectEsdbEventStore } = require(${index}); connectEsdbEventStore('esdb://127.0.0.1:1?tls=false')`;
    expect(grpcClientLoadedAfter(script)).toBe(true);
  });
});
