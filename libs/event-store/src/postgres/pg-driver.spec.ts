import { EventEmitter } from 'node:events';
import type { PoolClient } from 'pg';
import { guardPoolConnections, pgDriver } from './pg-driver';

describe('guardPoolConnections', () => {
  it("keeps a connection's late 'error' event from ending the process", async () => {
    const pool = guardPoolConnections(
      new (pgDriver().Pool)({ connectionString: 'postgres://127.0.0.1:1/none' }),
    );
    const connection = new EventEmitter();
    pool.emit('connect', connection as unknown as PoolClient);
    // Without a listener EventEmitter throws the error: in a server, an uncaught exception.
    expect(() =>
      connection.emit('error', new Error('terminating connection due to administrator command')),
    ).not.toThrow();
    await pool.end();
  });
});
