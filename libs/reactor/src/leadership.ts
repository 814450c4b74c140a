import type { Client as PgClient } from 'pg';

/** The leader's lock while this instance holds it. */
export interface LeaderLock {
  /** Resolves when the lock is still held; rejects when it was lost. */
  check(): Promise<void>;
  release(): Promise<void>;
}

/**
 * Who may lead across machines: one reactor at a time acts on deadlines, non-response and
 * deliveries. Without one, the reactor takes the lock file in DATA_DIR (`acquireReactorLock`).
 */
export interface Leadership {
  /** What holds the lock, for the log. */
  readonly description: string;
  /**
   * The lock when it is free, undefined when another instance holds it. `onLost` hears once when a
   * lock held is lost without `release` (its connection dropped), so the holder stops acting.
   */
  tryAcquire(onLost: (reason: string) => void): Promise<LeaderLock | undefined>;
}

// Any fixed 64-bit number of our own: every reactor on the database competes for this one.
const REACTOR_LOCK_KEY = 7_391_004_116_205_822;

/**
 * A session-level `pg_try_advisory_lock` on a connection of its own: reactors on different
 * machines sharing one PostgreSQL take turns. PostgreSQL frees the lock when that session ends (the
 * holder died, or its connection dropped), and the holder then hears `onLost` and stands down.
 */
export function postgresLeadership(url: string): Leadership {
  return {
    description: 'a PostgreSQL advisory lock',
    tryAcquire: async (onLost) => {
      // A heartbeat that cannot reach the server fails within query_timeout instead of hanging.
      const { Client } = module.require('pg') as { Client: typeof PgClient };
      const client = new Client({
        connectionString: url,
        keepAlive: true,
        connectionTimeoutMillis: 5000,
        query_timeout: 5000,
      });
      let released = false;
      let lost = false;
      const lose = (reason: string): void => {
        if (released || lost) return;
        lost = true;
        onLost(reason);
      };
      client.on('error', (error) => lose(error.message));
      client.on('end', () => lose('connection closed'));
      try {
        await client.connect();
        const { rows } = await client.query<{ locked: boolean }>(
          'SELECT pg_try_advisory_lock($1) AS locked',
          [REACTOR_LOCK_KEY],
        );
        if (rows[0]?.locked !== true) {
          released = true;
          await client.end();
          return undefined;
        }
      } catch (error) {
        released = true;
        await client.end().catch(() => undefined);
        throw error;
      }
      return {
        check: async () => {
          if (lost) throw new Error('the PostgreSQL session holding the lock ended');
          await client.query('SELECT 1');
        },
        release: async () => {
          if (released) return;
          released = true;
          await client.end().catch(() => undefined);
        },
      };
    },
  };
}
