import type { Pool, PoolClient, PoolConfig } from 'pg';
import { guardPoolConnections, pgDriver } from './pg-driver';
import { StoreUnavailable, StreamNotFound, WrongExpectedRevision } from '../errors';
import {
  AppendResult,
  EventStore,
  ExpectedRevision,
  NewEvent,
  Position,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeAllOptions,
  Subscription,
} from '../event-store.port';
import { assertExpectedRevision, isExpectedRevisionMet, NO_REVISION } from '../expected-revision';
import { RecordingClock } from '../sqlite/recording-clock';
import { type EncodedEvent, encode } from '../sqlite/sqlite-rows';
import { isPostgresUnavailable, isUniqueViolation, toStoreError } from './postgres-errors';
import { EVENT_STORE_MIGRATIONS, type MigrationReport, runPostgresMigrations } from './postgres-migrations';
import {
  EVENT_COLUMNS,
  type KnownEvent,
  parsePostgresPosition,
  replay,
  type PostgresEventRow,
  serializePostgresPosition,
  toRecordedEvent,
} from './postgres-rows';
import { PagedSubscription, type PagedSubscriptionFeed } from '../paged-subscription';
import { EVENTS_CHANNEL, PostgresWakeups } from './postgres-wakeups';

export interface PostgresEventStoreOptions {
  /** `postgres://user:password@host:5432/database?sslmode=verify-full&sslrootcert=...`; TLS as node-postgres reads it. */
  connectionString: string;
  /** Connections in the pool at most. Default 10. */
  poolMax?: number;
  /** How long a query waits for a connection (from the pool or a new one) before StoreUnavailable. Default 5000 ms. */
  connectTimeoutMs?: number;
  /** How often waiting subscribers look at the head when no NOTIFY woke them. Default 500 ms. */
  pollIntervalMs?: number;
  /** Apply the schema migrations on open (default true); false when `migrate` is run apart. */
  migrate?: boolean;
  /** The time appends are recorded at, in epoch milliseconds (default `Date.now`): see RecordingClock. */
  clock?: () => number;
  onClockBehind?: (behindMs: number) => void;
}

export interface PostgresPoolStatus {
  max: number;
  total: number;
  idle: number;
  waiting: number;
}

export interface PostgresDatabaseStatus {
  name: string;
  /** True on a standby (recovery): reads work, appends are refused. */
  inRecovery: boolean;
}

/**
 * Every append transaction takes this transaction-level advisory lock before it reads the head,
 * so appends are serialised across every process on the database: positions are assigned as
 * head + 1 under the lock and a transaction commits before the next one may start. A reader
 * asking for `position > p` can therefore never see a later position while an earlier one is
 * still uncommitted (the trap of plain sequences), and positions are gap-free. PostgreSQL makes a
 * commit visible before it releases the transaction's locks, so the next holder reads it.
 * Group commit below keeps this cheap: one transaction (one fsync) carries many appends.
 */
export const APPEND_LOCK_KEY = 7_240_116_002;

const DEFAULT_POOL_MAX = 10;
const DEFAULT_CONNECT_TIMEOUT_MS = 5000;
const DEFAULT_POLL_INTERVAL_MS = 500;
/** Longer than any append waits for the lock in earnest; then StoreUnavailable and the connection is dropped. */
const QUERY_TIMEOUT_MS = 30_000;
/** Appends committed together at most; more wait for the next transaction. */
const MAX_GROUP = 500;
const START = 0;

interface PendingAppend {
  streamId: string;
  events: EncodedEvent[];
  expected: ExpectedRevision;
  resolve(result: AppendResult): void;
  reject(error: unknown): void;
}

type Outcome = { ok: true; result: AppendResult } | { ok: false; error: unknown };

export class PostgresEventStore implements EventStore {
  private queue: PendingAppend[] = [];
  private draining: Promise<void> | undefined;
  private closed = false;
  private readonly subscriptions = new Set<PagedSubscription<RecordedEvent>>();
  private readonly wakes: PostgresWakeups;
  private database: PostgresDatabaseStatus | undefined;

  private constructor(
    private readonly pool: Pool,
    config: PoolConfig,
    private readonly poolMax: number,
    pollIntervalMs: number,
    private readonly recordingClock: RecordingClock,
  ) {
    this.wakes = new PostgresWakeups(config, pollIntervalMs, () => this.head());
  }

  /** Connects, applies pending migrations (unless told not to) and answers once the database did. */
  static async open(options: PostgresEventStoreOptions): Promise<PostgresEventStore> {
    const poolMax = options.poolMax ?? DEFAULT_POOL_MAX;
    if (!Number.isSafeInteger(poolMax) || poolMax < 1) throw new RangeError(`poolMax: ${poolMax}`);
    const config: PoolConfig = {
      connectionString: options.connectionString,
      connectionTimeoutMillis: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
      // A database that vanished without closing the connection (a partition, a crashed host) is
      // noticed by TCP keepalive, and a statement that hangs fails after QUERY_TIMEOUT_MS.
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
      query_timeout: QUERY_TIMEOUT_MS,
      application_name: 'praktijklus',
    };
    const pool = guardPoolConnections(
      new (pgDriver().Pool)({ ...config, max: poolMax, idleTimeoutMillis: 30_000 }),
    );
    // An idle connection that dies (database restarted) is dropped by the pool; the next query
    // that needs one reports the outage. Without a listener the error would end the process.
    pool.on('error', () => undefined);
    const store = new PostgresEventStore(
      pool,
      config,
      poolMax,
      options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS,
      new RecordingClock(options.clock, options.onClockBehind),
    );
    try {
      if (options.migrate ?? true) await runPostgresMigrations(pool, 'event-store', EVENT_STORE_MIGRATIONS);
      await store.ping();
      return store;
    } catch (error) {
      await store.close();
      throw toStoreError(error);
    }
  }

  /** Applies the event store's pending migrations (`npm run cli -- migrate`) without opening a store. */
  static async migrate(connectionString: string): Promise<MigrationReport> {
    const pool = guardPoolConnections(
      new (pgDriver().Pool)({
        connectionString,
        max: 1,
        connectionTimeoutMillis: DEFAULT_CONNECT_TIMEOUT_MS,
      }),
    );
    pool.on('error', () => undefined);
    try {
      return await runPostgresMigrations(pool, 'event-store', EVENT_STORE_MIGRATIONS);
    } catch (error) {
      throw toStoreError(error);
    } finally {
      await pool.end();
    }
  }

  append(
    streamId: string,
    events: NewEvent[],
    options: { expectedRevision: ExpectedRevision },
  ): Promise<AppendResult> {
    if (this.closed) return Promise.reject(new StoreUnavailable('event store closed'));
    let encoded: EncodedEvent[];
    try {
      assertExpectedRevision(options.expectedRevision);
      encoded = encode(events);
    } catch (error) {
      return Promise.reject(error);
    }
    return new Promise<AppendResult>((resolve, reject) => {
      this.queue.push({ streamId, events: encoded, expected: options.expectedRevision, resolve, reject });
      // One transaction at a time per process: appends arriving meanwhile form the next group.
      this.draining ??= new Promise<void>((done) => setImmediate(done)).then(() => this.drain());
    });
  }

  async readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    const rows = await this.query<PostgresEventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = $1 AND revision >= $2 ORDER BY revision`,
      [streamId, options?.fromRevision ?? 0],
    );
    if (rows.length === 0 && options?.whenMissing !== 'empty') {
      const exists = await this.query('SELECT 1 FROM events WHERE stream_id = $1 LIMIT 1', [streamId]);
      if (exists.length === 0) throw new StreamNotFound(streamId);
    }
    return rows.map(toRecordedEvent);
  }

  async readAll(options?: ReadAllOptions): Promise<RecordedEvent[]> {
    const after = options?.from === undefined ? START : parsePostgresPosition(options.from);
    const limit = options?.limit === undefined ? null : Math.max(0, Math.floor(options.limit));
    return this.readAfter(after, limit);
  }

  subscribeAll(options?: SubscribeAllOptions): Subscription {
    const after = options?.from === undefined ? START : parsePostgresPosition(options.from);
    const subscription = new PagedSubscription(this.feed, after);
    if (this.closed) void subscription.close();
    else {
      this.subscriptions.add(subscription);
      this.wakes.listen();
    }
    return subscription;
  }

  async headPosition(): Promise<Position | undefined> {
    const head = await this.head();
    return head === undefined ? undefined : serializePostgresPosition(head);
  }

  comparePositions(a: Position, b: Position): number {
    return Math.sign(parsePostgresPosition(a) - parsePostgresPosition(b));
  }

  async ping(): Promise<void> {
    const [row] = await this.query<{ name: string; in_recovery: boolean }>(
      'SELECT current_database() AS name, pg_is_in_recovery() AS in_recovery',
    );
    if (row !== undefined) this.database = { name: row.name, inRecovery: row.in_recovery };
  }

  /** Connections of this process: in use are `total - idle`; `waiting` queries wait for one. */
  poolStatus(): PostgresPoolStatus {
    return {
      max: this.poolMax,
      total: this.pool.totalCount,
      idle: this.pool.idleCount,
      waiting: this.pool.waitingCount,
    };
  }

  /** The database as the last successful ping saw it; undefined before one. */
  databaseStatus(): PostgresDatabaseStatus | undefined {
    return this.database;
  }

  /** Commits appends already queued, ends every subscription, then closes the connections. */
  async close(): Promise<void> {
    if (this.closed) return;
    await this.draining;
    this.closed = true;
    for (const subscription of [...this.subscriptions]) await subscription.close();
    await this.wakes.close();
    await this.pool.end().catch(() => undefined);
  }

  private async query<R>(sql: string, params: unknown[] = []): Promise<R[]> {
    if (this.closed) throw new StoreUnavailable('event store closed');
    try {
      return (await this.pool.query(sql, params)).rows as R[];
    } catch (error) {
      throw toStoreError(error);
    }
  }

  private async readAfter(after: number, limit: number | null): Promise<RecordedEvent[]> {
    const rows = await this.query<PostgresEventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE position > $1 ORDER BY position LIMIT $2`,
      [after, limit],
    );
    return rows.map(toRecordedEvent);
  }

  private async head(): Promise<number | undefined> {
    const [row] = await this.query<{ position: string | null }>(
      'SELECT MAX(position) AS position FROM events',
    );
    return row?.position === null || row === undefined ? undefined : Number(row.position);
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const group = this.queue.splice(0, MAX_GROUP);
        const outcomes = await this.commitGroup(group);
        let wrote = false;
        group.forEach((append, index) => {
          const outcome = outcomes[index];
          if (outcome?.ok) {
            wrote = true;
            append.resolve(outcome.result);
          } else {
            append.reject(outcome?.error ?? new StoreUnavailable('append not settled'));
          }
        });
        if (wrote) this.wakes.wakeAll();
      }
    } finally {
      this.draining = undefined;
    }
  }

  /**
   * The group in one transaction under the append lock. A statement the database refuses (not a
   * conflict: those are decided before writing) cannot be pinned on one append of a bulk insert,
   * so the group is then tried again one append per transaction, each failing on its own.
   */
  private async commitGroup(group: PendingAppend[]): Promise<Outcome[]> {
    const outcomes = await this.commitOnce(group);
    if (!('refused' in outcomes)) return outcomes;
    if (group.length === 1) return [{ ok: false, error: outcomes.refused }];
    const single: Outcome[] = [];
    for (const append of group) single.push(...(await this.commitGroup([append])));
    return single;
  }

  /**
   * Reads the heads of the group's streams and its event ids already in the log in two
   * statements, decides every append in order (seeing the earlier ones of the group), and writes
   * the accepted ones in one insert: a handful of round trips per group whatever its size.
   */
  private async commitOnce(group: PendingAppend[]): Promise<Outcome[] | { refused: unknown }> {
    let client: PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      const failure = toStoreError(error);
      return group.map(() => ({ ok: false, error: failure }));
    }
    let broken = false;
    // The connection may die between two statements; the next statement then fails and says so,
    // but node-postgres also emits 'error', which would end the process without a listener.
    const onError = (): void => {
      broken = true;
    };
    client.on('error', onError);
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1)', [APPEND_LOCK_KEY]);
      // Read under the lock, so after every other writer's last commit.
      const last = await client.query<{ position: string; recorded_at: Date }>(
        'SELECT position, recorded_at FROM events ORDER BY position DESC LIMIT 1',
      );
      const head = last.rows[0];
      const recordedAt = this.recordingClock.timeAfter(head?.recorded_at.toISOString());
      let plan: { outcomes: Outcome[]; rows: InsertRow[] };
      try {
        plan = await this.decide(client, group, head === undefined ? 1 : Number(head.position) + 1);
        if (plan.rows.length > 0) await insertEvents(client, plan.rows, recordedAt);
      } catch (error) {
        // A statement refused for what one append holds (a stream id PostgreSQL cannot store).
        if (isPostgresUnavailable(error)) throw error;
        await client.query('ROLLBACK');
        return { refused: isUniqueViolation(error) ? conflictOf(group) : error };
      }
      const lastRow = plan.rows[plan.rows.length - 1];
      if (lastRow !== undefined) {
        // Delivered to listeners at commit, never before; a rolled-back group notifies no one.
        await client.query('SELECT pg_notify($1, $2)', [EVENTS_CHANNEL, String(lastRow.position)]);
      }
      await client.query('COMMIT');
      return plan.outcomes;
    } catch (error) {
      broken = true;
      await client.query('ROLLBACK').catch(() => undefined);
      // A COMMIT cut off may have landed: callers retry with the same event ids, which is idempotent.
      const failure = toStoreError(error);
      return group.map(() => ({ ok: false, error: failure }));
    } finally {
      // A connection that failed mid-transaction is destroyed rather than handed to the next query.
      client.removeListener('error', onError);
      client.release(broken);
    }
  }

  private async decide(
    client: PoolClient,
    group: PendingAppend[],
    firstPosition: number,
  ): Promise<{ outcomes: Outcome[]; rows: InsertRow[] }> {
    const streamIds = [...new Set(group.map((append) => append.streamId))];
    const heads = await client.query<{ stream_id: string; revision: number; position: string }>(
      `SELECT DISTINCT ON (stream_id) stream_id, revision, position FROM events
       WHERE stream_id = ANY($1::text[]) ORDER BY stream_id, revision DESC`,
      [streamIds],
    );
    const known = await client.query<KnownEvent>(
      'SELECT event_id, stream_id, revision, position FROM events WHERE event_id = ANY($1::text[])',
      [group.flatMap((append) => append.events.map((event) => event.id))],
    );
    const streams = new Map(heads.rows.map((row) => [row.stream_id, row]));
    const ids = new Map(known.rows.map((row) => [row.event_id, row]));
    const outcomes: Outcome[] = [];
    const rows: InsertRow[] = [];
    let next = firstPosition;
    for (const append of group) {
      const { streamId, events, expected } = append;
      const streamHead = streams.get(streamId);
      const current = streamHead?.revision ?? NO_REVISION;
      try {
        const earlier = events.map((event) => ids.get(event.id));
        if (earlier.some((row) => row !== undefined)) {
          outcomes.push({ ok: true, result: replay(streamId, expected, earlier, current) });
          continue;
        }
        if (!isExpectedRevisionMet(expected, current)) {
          throw new WrongExpectedRevision(streamId, expected, current);
        }
      } catch (error) {
        outcomes.push({ ok: false, error });
        continue;
      }
      if (events.length === 0) {
        const position = serializePostgresPosition(Number(streamHead?.position ?? START));
        outcomes.push({ ok: true, result: { nextRevision: current, position } });
        continue;
      }
      events.forEach((event, index) => {
        const row = { ...event, streamId, revision: current + 1 + index, position: next + index };
        rows.push(row);
        ids.set(event.id, {
          event_id: event.id,
          stream_id: streamId,
          revision: row.revision,
          position: String(row.position),
        });
      });
      next += events.length;
      const last = rows[rows.length - 1] as InsertRow;
      streams.set(streamId, {
        stream_id: streamId,
        revision: last.revision,
        position: String(last.position),
      });
      outcomes.push({
        ok: true,
        result: { nextRevision: last.revision, position: serializePostgresPosition(last.position) },
      });
    }
    return { outcomes, rows };
  }

  private readonly feed: PagedSubscriptionFeed<RecordedEvent> = {
    readAfter: (after, limit) => this.readAfter(after, limit),
    positionOf: (event) => Number(event.position),
    toEvent: (event) => event,
    wakeups: () => this.wakes.wakeups(),
    park: (subscription, seen) => this.wakes.park(subscription, seen),
    unpark: (subscription) => this.wakes.unpark(subscription),
    detach: (subscription) => {
      this.subscriptions.delete(subscription);
    },
  };
}

interface InsertRow extends EncodedEvent {
  streamId: string;
  revision: number;
  position: number;
}

async function insertEvents(client: PoolClient, rows: InsertRow[], recordedAt: string): Promise<void> {
  await client.query(
    `INSERT INTO events (position, event_id, stream_id, revision, type, data, metadata, recorded_at)
     SELECT p, e, s, r, t, d, m, $8::timestamptz
     FROM unnest($1::bigint[], $2::text[], $3::text[], $4::integer[], $5::text[], $6::json[], $7::json[])
       AS x(p, e, s, r, t, d, m)`,
    [
      rows.map((row) => row.position),
      rows.map((row) => row.id),
      rows.map((row) => row.streamId),
      rows.map((row) => row.revision),
      rows.map((row) => row.type),
      rows.map((row) => row.data),
      rows.map((row) => row.metadata),
      recordedAt,
    ],
  );
}

/** Only a writer that skipped the append lock can collide with us: the store does not know the actual revision. */
function conflictOf(group: PendingAppend[]): WrongExpectedRevision {
  const [append] = group;
  return new WrongExpectedRevision(append?.streamId ?? '', append?.expected ?? 'ANY', undefined);
}
