import BetterSqlite3 from 'better-sqlite3';
import type { Database, Statement } from 'better-sqlite3';
import { type Position, preparePrivateDatabase } from '@praktijklus/event-store';
import type { Due, DueChange, DueKind } from './due-dates';

/** The reactor's own file: its checkpoint and what falls due, changed together in one transaction. */
export const REACTOR_FILE = 'reactor.sqlite';
/** Held by the leading reactor of a DATA_DIR. */
export const REACTOR_LOCK_FILE = 'reactor.lock';

export class ReactorBusy extends Error {
  constructor(file: string) {
    super(`another process runs the reactor on ${file}`);
    this.name = 'ReactorBusy';
  }
}

interface DueRow {
  kind: DueKind;
  stream_id: string;
  entity_id: string;
  due_key: string;
  due_at: number;
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS reactor_checkpoint (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    position TEXT NOT NULL
  );
  CREATE TABLE IF NOT EXISTS due (
    kind TEXT NOT NULL,
    stream_id TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    due_key TEXT NOT NULL,
    -- NULL: nothing due now (recorded, settled, or no date planned); the row keeps its anchor.
    due_at INTEGER,
    anchor TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (kind, stream_id)
  ) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS due_by_time ON due (due_at) WHERE due_at IS NOT NULL;
`;

const errorCode = (error: unknown): string =>
  typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';

/**
 * The leader's lock: an exclusive SQLite lock on `reactor.lock`, held by a connection of its own
 * until release. The operating system drops it when its holder dies, so a standby takes over after
 * a crash. Were it ever lost, nothing is recorded twice: event ids and webhook ids are deterministic.
 */
export function acquireReactorLock(file: string): { release(): void } {
  preparePrivateDatabase(file);
  const db = new BetterSqlite3(file);
  try {
    db.pragma('busy_timeout = 0');
    db.pragma('journal_mode = DELETE');
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
  } catch (error) {
    db.close();
    if (/^SQLITE_(BUSY|LOCKED)/.test(errorCode(error))) throw new ReactorBusy(file);
    throw error;
  }
  return { release: () => db.open && db.close() };
}

/** The reactor's state: checkpoint and due table, changed together; any instance may read it. */
export class ReactorStore {
  readonly db: Database;
  private readonly statements: {
    checkpoint: Statement<[], { position: string }>;
    saveCheckpoint: Statement<[string]>;
    current: Statement<[string, string], { anchor: string }>;
    upsert: Statement<[string, string, string, string, number | null, string]>;
    settle: Statement<[string, string]>;
    settleKey: Statement<[string, string, string]>;
    clearStream: Statement<[string]>;
    dueBy: Statement<[number, number], DueRow>;
    pending: Statement<[], { count: number; next: number | null }>;
  };

  private constructor(db: Database) {
    this.db = db;
    db.exec(SCHEMA);
    this.statements = {
      checkpoint: db.prepare('SELECT position FROM reactor_checkpoint WHERE id = 1'),
      saveCheckpoint: db.prepare(
        'INSERT INTO reactor_checkpoint (id, position) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET position = excluded.position',
      ),
      current: db.prepare('SELECT anchor FROM due WHERE kind = ? AND stream_id = ?'),
      upsert: db.prepare(
        `INSERT INTO due (kind, stream_id, entity_id, due_key, due_at, anchor) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (kind, stream_id) DO UPDATE SET entity_id = excluded.entity_id, due_key = excluded.due_key,
           due_at = excluded.due_at, anchor = excluded.anchor`,
      ),
      settle: db.prepare('UPDATE due SET due_at = NULL WHERE kind = ? AND stream_id = ?'),
      settleKey: db.prepare('UPDATE due SET due_at = NULL WHERE kind = ? AND stream_id = ? AND due_key = ?'),
      clearStream: db.prepare('DELETE FROM due WHERE stream_id = ?'),
      dueBy: db.prepare(
        `SELECT kind, stream_id, entity_id, due_key, due_at FROM due
         WHERE due_at IS NOT NULL AND due_at <= ? ORDER BY due_at LIMIT ?`,
      ),
      pending: db.prepare('SELECT count(*) AS count, min(due_at) AS next FROM due WHERE due_at IS NOT NULL'),
    };
  }

  /** Opens (creating) the file in WAL mode: the leader writes, every instance may read. */
  static open(file: string, synchronous: 'FULL' | 'NORMAL' | 'OFF' = 'FULL'): ReactorStore {
    preparePrivateDatabase(file);
    const db = new BetterSqlite3(file);
    try {
      db.pragma('journal_mode = WAL');
      db.pragma(`synchronous = ${synchronous}`);
      db.pragma('busy_timeout = 5000');
      return new ReactorStore(db);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  get open(): boolean {
    return this.db.open;
  }

  checkpoint(): Position | undefined {
    return this.statements.checkpoint.get()?.position;
  }

  /**
   * Applies the changes of a batch of events and moves the checkpoint, all or nothing; `alsoInside`
   * writes more in the same transaction (the webhook outbox).
   */
  applyBatch(
    changes: readonly DueChange[],
    position: Position,
    alsoInside: () => void = () => undefined,
  ): void {
    this.db.transaction(() => {
      for (const change of changes) this.applyChange(change);
      alsoInside();
      this.statements.saveCheckpoint.run(position);
    })();
  }

  /** What is due at `now` (epoch ms), earliest first. */
  dueAt(now: number, limit: number): Due[] {
    return this.statements.dueBy.all(now, limit).map((row) => ({
      kind: row.kind,
      streamId: row.stream_id,
      entityId: row.entity_id,
      key: row.due_key,
      dueAt: row.due_at,
    }));
  }

  /**
   * The decider found nothing to record for this due item (the entity moved on in a way the table
   * could not see): stop asking until an event sets it again.
   */
  settle(due: Due): void {
    this.statements.settleKey.run(due.kind, due.streamId, due.key);
  }

  pending(): { count: number; next: number | null } {
    return this.statements.pending.get() ?? { count: 0, next: null };
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  private applyChange(change: DueChange): void {
    switch (change.op) {
      case 'set': {
        const { due } = change;
        const anchor = change.anchor ?? '';
        const existing = this.statements.current.get(due.kind, due.streamId);
        if (existing !== undefined && anchor < existing.anchor) return;
        this.statements.upsert.run(
          due.kind,
          due.streamId,
          due.entityId,
          due.key,
          Number.isFinite(due.dueAt) ? due.dueAt : null,
          anchor,
        );
        return;
      }
      case 'settle':
        if (change.key === undefined) this.statements.settle.run(change.kind, change.streamId);
        else this.statements.settleKey.run(change.kind, change.streamId, change.key);
        return;
      case 'clear-stream':
        this.statements.clearStream.run(change.streamId);
        return;
      default: {
        const unknown: never = change;
        throw new Error(`unknown due change ${JSON.stringify(unknown)}`);
      }
    }
  }
}
