import type * as Pg from 'pg';

/** node-postgres, loaded on first use: a server keeping its log in files never loads the driver. */
export function pgDriver(): typeof Pg {
  return module.require('pg') as typeof Pg;
}

/**
 * Keeps every connection of `pool` from ending the process with an 'error' event. node-postgres
 * emits one when a connection dies (the database killed), besides failing the query in flight,
 * and it can arrive after a caller's own listener is gone (the client released, or destroyed as
 * broken) or twice where pg-pool listens once. The query still reports the outage; the pool still
 * drops the connection.
 */
export function guardPoolConnections(pool: Pg.Pool): Pg.Pool {
  pool.on('connect', (client) => client.on('error', () => undefined));
  return pool;
}
