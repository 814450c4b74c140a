import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { preparePrivateDatabase, type Position } from '@praktijklus/event-store';
import type { Projection } from '../projection';
import { CheckpointStore } from '../projector/checkpoint-store';

/** The folder under READMODELS_DIR that holds the snapshots of the read models. */
export const SNAPSHOTS_DIR = 'snapshots';

/** One snapshot of the read-model file: every projection stood at `position` when it was taken. */
export interface Snapshot {
  /** Absolute path of the snapshot file. */
  file: string;
  /** The last event applied; null for the empty base (nothing applied yet). */
  position: Position | null;
  /** `recordedAt` of the event at `position`, epoch ms; -Infinity for the empty base. */
  recordedAtMs: number;
  /** `name@version` of every projection in the snapshot, sorted; a snapshot of other versions is stale. */
  versions: string;
}

const META_TABLE = 'time_travel_snapshot';
const META_DDL = `CREATE TABLE IF NOT EXISTS ${META_TABLE} (
  position    TEXT,
  recorded_at TEXT,
  versions    TEXT NOT NULL,
  taken_at    TEXT NOT NULL
) STRICT`;
const SNAPSHOT_FILE = /^snapshot-\d+-[0-9a-z]+\.sqlite$/;
const EMPTY_BASE = 'empty-base.sqlite';

/** `name@version` of each projection, sorted, as a snapshot records them. */
export const versionsOf = (projections: readonly Projection[]): string =>
  projections
    .map((projection) => `${projection.name}@${projection.version}`)
    .sort()
    .join(',');

interface MetaRow {
  position: string | null;
  recorded_at: string | null;
  versions: string;
}

/**
 * The snapshots of the read models in READMODELS_DIR/snapshots: complete files only (a snapshot is
 * written under a temporary name and renamed when whole), each describing itself in one table.
 */
export class SnapshotStore {
  readonly dir: string;
  private readonly removalListeners: ((file: string) => void)[] = [];
  /** Descriptions read from the files, by path: a snapshot never changes once renamed into place. */
  private readonly described = new Map<string, Snapshot>();

  constructor(readModelsDir: string) {
    this.dir = join(readModelsDir, SNAPSHOTS_DIR);
  }

  /** Called before a snapshot file is deleted, so whoever has it open lets it go. */
  onRemoval(listener: (file: string) => void): void {
    this.removalListeners.push(listener);
  }

  /** Every complete snapshot (not the empty base), oldest first. */
  list(): Snapshot[] {
    if (!existsSync(this.dir)) return [];
    const snapshots: Snapshot[] = [];
    for (const name of readdirSync(this.dir)) {
      if (!SNAPSHOT_FILE.test(name)) continue;
      const file = join(this.dir, name);
      const snapshot = this.described.get(file) ?? this.describe(file);
      if (!snapshot) continue;
      this.described.set(file, snapshot);
      snapshots.push(snapshot);
    }
    return snapshots.sort((a, b) => a.recordedAtMs - b.recordedAtMs || a.file.localeCompare(b.file));
  }

  /**
   * Copies the read models `db` holds (every projection at `position`, recorded at `recordedAt`)
   * into a new snapshot with the query indexes built, so a view on it is as fast as on the live file,
   * and the aggregates of `deferred` (a rebuild's replay leaves them to the end) computed.
   */
  take(
    db: Database,
    projections: readonly Projection[],
    position: Position,
    recordedAt: string,
    deferred: readonly Projection[] = [],
  ): Snapshot {
    this.ensureDir();
    const recordedAtMs = Date.parse(recordedAt);
    const name = `snapshot-${String(recordedAtMs).padStart(15, '0')}-${Date.now().toString(36)}.sqlite`;
    const partial = join(this.dir, `${name}.partial`);
    removeDatabase(partial);
    db.prepare('VACUUM INTO ?').run(partial);
    this.finish(partial, projections, position, recordedAt, deferred);
    const file = join(this.dir, name);
    renameSync(partial, file);
    return { file, position, recordedAtMs, versions: versionsOf(projections) };
  }

  /**
   * A read-model file with every projection migrated and nothing applied: the base for a moment
   * before the first snapshot. Made once per set of projection versions.
   */
  emptyBase(projections: readonly Projection[]): Snapshot {
    const file = join(this.dir, EMPTY_BASE);
    const versions = versionsOf(projections);
    const existing = this.described.get(file) ?? (existsSync(file) ? this.describe(file) : undefined);
    if (existing?.versions === versions) {
      this.described.set(file, existing);
      return existing;
    }
    this.ensureDir();
    const partial = `${file}.partial`;
    removeDatabase(partial);
    preparePrivateDatabase(partial);
    const db = new BetterSqlite3(partial);
    try {
      const checkpoints = new CheckpointStore(db);
      const updatedAt = new Date().toISOString();
      for (const projection of projections) {
        projection.migrate(db);
        checkpoints.put({
          name: projection.name,
          version: projection.version,
          position: null,
          status: 'running',
          error: null,
          updatedAt,
        });
      }
    } finally {
      db.close();
    }
    this.finish(partial, projections, null, null);
    if (existing) this.remove(file);
    renameSync(partial, file);
    const base = { file, position: null, recordedAtMs: Number.NEGATIVE_INFINITY, versions };
    this.described.set(file, base);
    return base;
  }

  /** Deletes what a snapshot interrupted half-way (a crash, a full disk) left behind. */
  removePartials(): void {
    if (!existsSync(this.dir)) return;
    for (const name of readdirSync(this.dir)) {
      if (name.endsWith('.partial')) removeDatabase(join(this.dir, name));
    }
  }

  /** Deletes a snapshot file and its side files, after telling the listeners. */
  remove(file: string): void {
    for (const listener of this.removalListeners) listener(file);
    this.described.delete(file);
    removeDatabase(file);
  }

  private finish(
    file: string,
    projections: readonly Projection[],
    position: Position | null,
    recordedAt: string | null,
    deferred: readonly Projection[] = [],
  ): void {
    const copy = new BetterSqlite3(file);
    try {
      copy.transaction(() => {
        for (const projection of deferred) projection.aggregate?.(copy);
      })();
      for (const projection of projections) projection.index?.(copy);
      copy.exec(META_DDL);
      copy.exec(`DELETE FROM ${META_TABLE}`);
      copy
        .prepare(`INSERT INTO ${META_TABLE} (position, recorded_at, versions, taken_at) VALUES (?, ?, ?, ?)`)
        .run(position, recordedAt, versionsOf(projections), new Date().toISOString());
      copy.pragma('journal_mode = WAL');
    } finally {
      copy.close();
    }
  }

  private describe(file: string): Snapshot | undefined {
    let db: Database | undefined;
    try {
      db = new BetterSqlite3(file, { fileMustExist: true });
      const row = db.prepare<[], MetaRow>(`SELECT position, recorded_at, versions FROM ${META_TABLE}`).get();
      if (!row) return undefined;
      return {
        file,
        position: row.position,
        recordedAtMs: row.recorded_at === null ? Number.NEGATIVE_INFINITY : Date.parse(row.recorded_at),
        versions: row.versions,
      };
    } catch {
      return undefined;
    } finally {
      db?.close();
    }
  }

  private ensureDir(): void {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
  }
}

const stores = new Map<string, SnapshotStore>();

/**
 * The one SnapshotStore of a READMODELS_DIR in this process, so the projector's keeper and the
 * queries' cuts share it: a snapshot thinned away is let go by the cut that has it open.
 */
export function snapshotStoreOf(readModelsDir: string): SnapshotStore {
  let store = stores.get(readModelsDir);
  if (!store) {
    store = new SnapshotStore(readModelsDir);
    stores.set(readModelsDir, store);
  }
  return store;
}

export const removeDatabase = (file: string): void => {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${file}${suffix}`, { force: true });
};
