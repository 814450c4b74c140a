import type { Database, Statement } from 'better-sqlite3';
import type { Position } from '@praktijklus/event-store';

export type StoredProjectionStatus = 'running' | 'catching-up' | 'halted';

/** One row per projection; written in the same transaction as the rows its batch produced. */
export const CHECKPOINTS_DDL = `
CREATE TABLE IF NOT EXISTS projector_checkpoints (
  name       TEXT    PRIMARY KEY,
  version    INTEGER NOT NULL,
  position   TEXT,
  status     TEXT    NOT NULL CHECK (status IN ('running', 'catching-up', 'halted')),
  error      TEXT,
  updated_at TEXT    NOT NULL
) STRICT`;

export interface Checkpoint {
  name: string;
  version: number;
  /** The last event this projection applied; null before its first. */
  position: Position | null;
  status: StoredProjectionStatus;
  error: string | null;
  updatedAt: string;
}

interface CheckpointRow {
  name: string;
  version: number;
  position: string | null;
  status: StoredProjectionStatus;
  error: string | null;
  updated_at: string;
}

type Params = Record<string, string | number | null>;

const toCheckpoint = (row: CheckpointRow): Checkpoint => ({
  name: row.name,
  version: row.version,
  position: row.position,
  status: row.status,
  error: row.error,
  updatedAt: row.updated_at,
});

/** Prepared statements over `projector_checkpoints`; create after `CHECKPOINTS_DDL` ran. */
export class CheckpointStore {
  private readonly select: Statement<[string], CheckpointRow>;
  private readonly upsert: Statement<[Params]>;
  private readonly advance: Statement<[Params]>;

  constructor(db: Database) {
    db.exec(CHECKPOINTS_DDL);
    this.select = db.prepare<[string], CheckpointRow>('SELECT * FROM projector_checkpoints WHERE name = ?');
    this.upsert = db.prepare<[Params]>(`
      INSERT INTO projector_checkpoints (name, version, position, status, error, updated_at)
      VALUES (@name, @version, @position, @status, @error, @updatedAt)
      ON CONFLICT (name) DO UPDATE SET version = excluded.version, position = excluded.position,
        status = excluded.status, error = excluded.error, updated_at = excluded.updated_at`);
    this.advance = db.prepare<[Params]>(`
      UPDATE projector_checkpoints SET position = @position, status = @status, error = @error,
        updated_at = @updatedAt
      WHERE name = @name`);
  }

  get(name: string): Checkpoint | undefined {
    const row = this.select.get(name);
    return row === undefined ? undefined : toCheckpoint(row);
  }

  put(checkpoint: Checkpoint): void {
    this.upsert.run({ ...checkpoint });
  }

  /** Moves an existing checkpoint; the version stays as stored. */
  update(checkpoint: Omit<Checkpoint, 'version'>): void {
    const { name, position, status, error, updatedAt } = checkpoint;
    this.advance.run({ name, position, status, error, updatedAt });
  }
}
