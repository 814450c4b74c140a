import { accessSync, constants } from 'node:fs';
import Database from 'better-sqlite3';
import type { Database as Connection, Statement } from 'better-sqlite3';
import { StoreUnavailable, StreamNotFound, WrongExpectedRevision } from '../errors';
import {
  ANY,
  AppendResult,
  EventStore,
  ExpectedRevision,
  NewEvent,
  Position,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  STREAM_EXISTS,
  SubscribeAllOptions,
  Subscription,
  WriteHealth,
} from '../event-store.port';
import { assertExpectedRevision, isExpectedRevisionMet, NO_REVISION } from '../expected-revision';
import { isStorageFailure, isUniqueViolation, sqliteCode, toStoreError } from './sqlite-errors';
import { RecordingClock } from './recording-clock';
import { cacheKiBOf, configureConnection } from './sqlite-connection';
import { EventRow, EVENTS_TABLE_DDL, INSERT_EVENT_SQL } from './sqlite-schema';
import {
  type EncodedEvent,
  encode,
  parseSqlitePosition,
  serializeSqlitePosition,
  toRecordedEvent,
} from './sqlite-rows';
import { PagedSubscription, type PagedSubscriptionFeed } from '../paged-subscription';

export { parseSqlitePosition, serializeSqlitePosition } from './sqlite-rows';
import { preparePrivateDatabase } from '../private-files';

export type SqliteSynchronous = 'FULL' | 'NORMAL' | 'OFF';

export interface SqliteEventStoreOptions {
  file: string;
  /** Default FULL: an acknowledged append survives a crash of the process and of the machine. */
  synchronous?: SqliteSynchronous;
  /** How often live subscribers look for events written by other processes. Default 50 ms. */
  pollIntervalMs?: number;
  /** How long a write waits for another process's write lock before failing. Default 5000 ms. */
  busyTimeoutMs?: number;
  /** Caps the file at this many pages (SQLite `max_page_count`); appends beyond it fail as disk full. */
  maxPageCount?: number;
  /** The time appends are recorded at, in epoch milliseconds (default `Date.now`): see RecordingClock. */
  clock?: () => number;
  /** Told how far the clock stepped back before the last recorded event (see RecordingClock). */
  onClockBehind?: (behindMs: number) => void;
  /**
   * Default true: a commit that takes the WAL past 1000 pages checkpoints it on this connection,
   * inside the commit (with FULL, an fsync of the main file). False leaves checkpoints to another
   * connection calling `checkpointWal` (the projector thread's), or the WAL grows without bound.
   */
  autoCheckpoint?: boolean;
  /** The connection's page cache in MiB (SQLite `cache_size`); default the build's 16 MB. */
  cacheMiB?: number;
}

export type WalCheckpointMode = 'PASSIVE' | 'TRUNCATE';

/** What `PRAGMA wal_checkpoint` reports: the WAL's size and how much of it is in the main file, in pages. */
export interface WalCheckpoint {
  /** True when a reader or a writer held the checkpoint back (TRUNCATE never waits for them). */
  busy: boolean;
  walPages: number;
  checkpointedPages: number;
}

export interface GroupCommitStats {
  /** Write transactions committed (one per group). */
  transactions: number;
  /** Appends settled by those transactions, successful or not. */
  appends: number;
}

const DEFAULT_POLL_INTERVAL_MS = 50;
const DEFAULT_BUSY_TIMEOUT_MS = 5000;
const START = 0;

interface PendingAppend {
  streamId: string;
  events: EncodedEvent[];
  expected: ExpectedRevision;
  resolve(result: AppendResult): void;
  reject(error: unknown): void;
}

type Outcome = { ok: true; result: AppendResult } | { ok: false; error: unknown };

interface Statements {
  insert: Statement<[string, string, number, string, string, string, string]>;
  byEventId: Statement<[string], Pick<EventRow, 'stream_id' | 'revision' | 'position'>>;
  streamHead: Statement<[string], Pick<EventRow, 'revision' | 'position'>>;
  readStream: Statement<[string, number], EventRow>;
  readAfter: Statement<[number, number], EventRow>;
  head: Statement<[], { position: number | null }>;
  lastRecordedAt: Statement<[], string>;
  savepoint: Statement<[]>;
  release: Statement<[]>;
  rollbackTo: Statement<[]>;
}

/**
 * The embedded event store on one SQLite file (WAL). Appends that arrive in the same turn of the
 * event loop are committed in one transaction, each checked on its own inside a savepoint, so a
 * durable fsync per group instead of per append keeps `synchronous=FULL` cheap under load.
 */
export class SqliteEventStore implements EventStore {
  private queue: PendingAppend[] = [];
  private flushScheduled = false;
  private closed = false;
  private readonly subscriptions = new Set<PagedSubscription<EventRow>>();
  private readonly waiting = new Set<PagedSubscription<EventRow>>();
  private pollTimer: NodeJS.Timeout | undefined;
  private readonly stats: GroupCommitStats = { transactions: 0, appends: 0 };
  /** The SQLite code of the last write the storage refused; undefined once a write succeeds. */
  private writeFailure: string | undefined;

  private constructor(
    private readonly db: Connection,
    private readonly statements: Statements,
    private readonly pollIntervalMs: number,
    private readonly recordingClock: RecordingClock,
  ) {}

  static open(options: SqliteEventStoreOptions): SqliteEventStore {
    const synchronous = options.synchronous ?? 'FULL';
    if (!['FULL', 'NORMAL', 'OFF'].includes(synchronous)) throw new RangeError(`synchronous: ${synchronous}`);
    const busyTimeoutMs = options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
    let db: Connection | undefined;
    try {
      if (options.file !== ':memory:') preparePrivateDatabase(options.file);
      db = new Database(options.file);
      configureConnection(db, { ...options, busyTimeoutMs, synchronous });
      db.exec(EVENTS_TABLE_DDL);
      const statements: Statements = {
        insert: db.prepare(INSERT_EVENT_SQL),
        byEventId: db.prepare('SELECT stream_id, revision, position FROM events WHERE event_id = ?'),
        streamHead: db.prepare(
          'SELECT revision, position FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1',
        ),
        readStream: db.prepare(
          'SELECT * FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision',
        ),
        readAfter: db.prepare('SELECT * FROM events WHERE position > ? ORDER BY position LIMIT ?'),
        head: db.prepare('SELECT MAX(position) AS position FROM events'),
        lastRecordedAt: db
          .prepare<[], string>('SELECT recorded_at FROM events ORDER BY position DESC LIMIT 1')
          .pluck(),
        savepoint: db.prepare('SAVEPOINT append'),
        release: db.prepare('RELEASE append'),
        rollbackTo: db.prepare('ROLLBACK TO append'),
      };
      const clock = new RecordingClock(options.clock, options.onClockBehind);
      const store = new SqliteEventStore(
        db,
        statements,
        options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS,
        clock,
      );
      // SQLite falls back to reading a file it may not write without a word: say so before a write fails.
      if (!writableByThisProcess(options.file)) store.writeFailure = 'SQLITE_READONLY';
      return store;
    } catch (error) {
      db?.close();
      throw toStoreError(error);
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
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        // setImmediate, not a microtask: requests parsed in the same poll phase join the group.
        setImmediate(() => this.flush());
      }
    });
  }

  async readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    const rows = this.read(() => this.statements.readStream.all(streamId, options?.fromRevision ?? 0));
    if (
      rows.length === 0 &&
      options?.whenMissing !== 'empty' &&
      this.read(() => this.statements.streamHead.get(streamId)) === undefined
    ) {
      throw new StreamNotFound(streamId);
    }
    return rows.map(toRecordedEvent);
  }

  async readAll(options?: ReadAllOptions): Promise<RecordedEvent[]> {
    const after = options?.from === undefined ? START : parseSqlitePosition(options.from);
    // SQLite reads LIMIT -1 as "no limit".
    const limit = options?.limit === undefined ? -1 : Math.max(0, Math.floor(options.limit));
    return this.read(() => this.statements.readAfter.all(after, limit)).map(toRecordedEvent);
  }

  subscribeAll(options?: SubscribeAllOptions): Subscription {
    const after = options?.from === undefined ? START : parseSqlitePosition(options.from);
    const subscription = new PagedSubscription(this.feed, after);
    if (this.closed) void subscription.close();
    else this.subscriptions.add(subscription);
    return subscription;
  }

  async headPosition(): Promise<Position | undefined> {
    const { position } = this.read(() => this.statements.head.get()) ?? { position: null };
    return position === null ? undefined : serializeSqlitePosition(position);
  }

  comparePositions(a: Position, b: Position): number {
    return Math.sign(parseSqlitePosition(a) - parseSqlitePosition(b));
  }

  async ping(): Promise<void> {
    this.read(() => this.db.prepare('SELECT 1').get());
  }

  writeHealth(): WriteHealth {
    return this.writeFailure === undefined
      ? { writable: true }
      : { writable: false, error: this.writeFailure };
  }

  /** Commits appends already queued, ends every subscription, then closes the file. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.flush();
    this.closed = true;
    for (const subscription of [...this.subscriptions]) await subscription.close();
    this.stopPolling();
    this.db.close();
  }

  /** `PRAGMA integrity_check`: "ok" when the file is sound, otherwise the problems found, one per line. */
  integrityCheck(): string {
    const rows = this.read(() => this.db.pragma('integrity_check') as Array<{ integrity_check: string }>);
    return rows.map((row) => row.integrity_check).join('\n');
  }

  /** The page cache this connection may hold (SQLite `cache_size`), in KiB. */
  cacheKiB(): number {
    return this.read(() => cacheKiBOf(this.db));
  }

  /** The durability settings in force on this connection. */
  durability(): { journalMode: string; synchronous: SqliteSynchronous | 'EXTRA' } {
    const journalMode = String(this.read(() => this.db.pragma('journal_mode', { simple: true })));
    const level = Number(this.read(() => this.db.pragma('synchronous', { simple: true })));
    const synchronous = (['OFF', 'NORMAL', 'FULL', 'EXTRA'] as const)[level];
    if (synchronous === undefined) throw new Error(`unexpected synchronous level ${level}`);
    return { journalMode, synchronous };
  }

  /**
   * Copies the WAL's committed pages into the main file from this connection (a reader's will do).
   * PASSIVE neither waits for nor holds up readers and writers: appends go on while it runs.
   * TRUNCATE also empties the WAL file, for which it takes the write lock; it does not wait for
   * the lock or for readers (busy otherwise), so run it when appends are quiet.
   */
  checkpointWal(mode: WalCheckpointMode): WalCheckpoint {
    const run = (): WalCheckpoint => {
      const [row] = this.db.pragma(`wal_checkpoint(${mode})`) as Array<{
        busy: number;
        log: number;
        checkpointed: number;
      }>;
      return { busy: row.busy !== 0, walPages: row.log, checkpointedPages: row.checkpointed };
    };
    if (mode === 'PASSIVE') return this.read(run);
    const timeout = Number(this.read(() => this.db.pragma('busy_timeout', { simple: true })));
    this.db.pragma('busy_timeout = 0');
    try {
      return this.read(run);
    } finally {
      this.db.pragma(`busy_timeout = ${timeout}`);
    }
  }

  /** Counters of the group commit, for tests and benchmarks. */
  groupCommitStats(): GroupCommitStats {
    return { ...this.stats };
  }

  private read<T>(query: () => T): T {
    if (this.closed) throw new StoreUnavailable('event store closed');
    try {
      return query();
    } catch (error) {
      throw toStoreError(error);
    }
  }

  private flush(): void {
    this.flushScheduled = false;
    const group = this.queue;
    this.queue = [];
    if (group.length === 0) return;
    if (this.closed) {
      for (const append of group) append.reject(new StoreUnavailable('event store closed'));
      return;
    }
    const outcomes = this.commitGroup(group);
    let wrote = false;
    group.forEach((append, index) => {
      const outcome = outcomes[index];
      if (outcome.ok) {
        wrote = true;
        append.resolve(outcome.result);
      } else {
        append.reject(outcome.error);
      }
    });
    if (wrote) this.wakeWaiting(Number.POSITIVE_INFINITY);
  }

  /** One write transaction for the whole group; a savepoint per append isolates its failure. */
  private commitGroup(group: PendingAppend[]): Outcome[] {
    const outcomes: Outcome[] = [];
    try {
      this.db.exec('BEGIN IMMEDIATE');
      // Read inside the write lock, so after any other process's last write too.
      const recordedAt = this.recordingClock.timeAfter(this.statements.lastRecordedAt.get());
      for (const append of group) {
        this.statements.savepoint.run();
        try {
          outcomes.push({ ok: true, result: this.write(append, recordedAt) });
          this.statements.release.run();
        } catch (error) {
          // A storage failure poisons the whole transaction; anything else only this append.
          if (isStorageFailure(error)) throw error;
          this.statements.rollbackTo.run();
          this.statements.release.run();
          outcomes.push({ ok: false, error: this.appendError(append, error) });
        }
      }
      this.db.exec('COMMIT');
    } catch (error) {
      this.rollbackQuietly();
      if (isStorageFailure(error)) this.writeFailure = sqliteCode(error);
      const failure = toStoreError(error);
      return group.map(() => ({ ok: false, error: failure }));
    }
    // A group of refused appends (conflicts) commits nothing, so it proves nothing about the disk.
    if (outcomes.some((outcome) => outcome.ok)) this.writeFailure = undefined;
    this.stats.transactions += 1;
    this.stats.appends += group.length;
    return outcomes;
  }

  private write(append: PendingAppend, recordedAt: string): AppendResult {
    const { streamId, events, expected } = append;
    const head = this.statements.streamHead.get(streamId);
    const current = head?.revision ?? NO_REVISION;
    const known = events.map((event) => this.statements.byEventId.get(event.id));
    if (known.some((row) => row !== undefined)) return this.replay(append, known, current);
    if (!isExpectedRevisionMet(expected, current))
      throw new WrongExpectedRevision(streamId, expected, current);
    if (events.length === 0) {
      return { nextRevision: current, position: serializeSqlitePosition(head?.position ?? START) };
    }
    let revision = current;
    let position = START;
    for (const event of events) {
      revision += 1;
      const info = this.statements.insert.run(
        event.id,
        streamId,
        revision,
        event.type,
        event.data,
        event.metadata,
        recordedAt,
      );
      position = Number(info.lastInsertRowid);
    }
    return { nextRevision: revision, position: serializeSqlitePosition(position) };
  }

  /**
   * EventStoreDB's idempotency: when every id was already written, in this order, to this stream,
   * right after the revision the caller expected, the first result is returned and nothing is
   * written. Any other overlap with existing ids is a conflict.
   */
  private replay(
    append: PendingAppend,
    known: Array<Pick<EventRow, 'stream_id' | 'revision' | 'position'> | undefined>,
    current: number,
  ): AppendResult {
    const { streamId, expected } = append;
    const first = known[0];
    const last = known[known.length - 1];
    const sameWrite =
      first !== undefined &&
      last !== undefined &&
      known.every((row, index) => row?.stream_id === streamId && row.revision === first.revision + index);
    const expectedBefore =
      expected === ANY ||
      expected === STREAM_EXISTS ||
      isExpectedRevisionMet(expected, (first?.revision ?? 0) - 1);
    if (!sameWrite || !expectedBefore) throw new WrongExpectedRevision(streamId, expected, current);
    return { nextRevision: last.revision, position: serializeSqlitePosition(last.position) };
  }

  private appendError(append: PendingAppend, error: unknown): unknown {
    if (isUniqueViolation(error)) {
      const head = this.statements.streamHead.get(append.streamId);
      return new WrongExpectedRevision(append.streamId, append.expected, head?.revision ?? NO_REVISION);
    }
    return error;
  }

  private rollbackQuietly(): void {
    try {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
    } catch {
      // SQLite may already have rolled back on its own after an I/O error; nothing more to undo.
    }
  }

  private readonly feed: PagedSubscriptionFeed<EventRow> = {
    readAfter: (after, limit) => this.read(() => this.statements.readAfter.all(after, limit)),
    positionOf: (row) => row.position,
    toEvent: toRecordedEvent,
    // A page is read at once, before anything else can run: no wake-up can fall between it and parking.
    wakeups: () => 0,
    park: (subscription) => {
      this.waiting.add(subscription);
      this.startPolling();
    },
    unpark: (subscription) => {
      this.waiting.delete(subscription);
      if (this.waiting.size === 0) this.stopPolling();
    },
    detach: (subscription) => {
      this.subscriptions.delete(subscription);
    },
  };

  private wakeWaiting(head: number): void {
    for (const subscription of [...this.waiting]) {
      if (subscription.after < head) subscription.wake();
    }
  }

  private startPolling(): void {
    if (this.pollTimer !== undefined || this.closed) return;
    // Other processes writing to the file cannot wake us in-process: look at the head now and then.
    this.pollTimer = setInterval(() => {
      try {
        const { position } = this.statements.head.get() ?? { position: null };
        if (position !== null) this.wakeWaiting(position);
      } catch {
        // A failed look (file briefly locked during recovery) is retried on the next tick.
      }
    }, this.pollIntervalMs);
  }

  private stopPolling(): void {
    if (this.pollTimer === undefined) return;
    clearInterval(this.pollTimer);
    this.pollTimer = undefined;
  }
}

/** False when the file exists and the operating system refuses to let this process write it. */
function writableByThisProcess(file: string): boolean {
  try {
    accessSync(file, constants.W_OK);
    return true;
  } catch (error) {
    const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
    // ENOENT and the like (":memory:", URIs) say nothing about permissions.
    return !(code === 'EACCES' || code === 'EPERM' || code === 'EROFS');
  }
}
