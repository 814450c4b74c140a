import { statSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import type { Database, Statement } from 'better-sqlite3';
import type { Position } from '@praktijklus/event-store';
import { isReadModelsDamage } from '../read-models';
import { CUBOIDS, cuboidCellsSql } from '../signal-stats/schema';
import {
  columnsOf,
  HISTORY_FULL_TEXT,
  historyVersionsOf,
  literal,
  OWN,
  PREFIX,
  quote,
  storedVersions,
  tablesOf,
} from './history';

/*
 * The read side of time travel's history (history.ts): a connection per moment on which every
 * read-model table is a view of its versions valid at that moment.
 */

/** A query as of a moment touched what the history does not keep (a table written only per batch). */
export class NotInHistory extends Error {
  constructor(what: string) {
    super(`${what} is not kept in the history`);
    this.name = 'NotInHistory';
  }
}

export interface HistoryReadModelsOptions {
  file: string;
  /** `versionsOf` the projections the queries are written for: a history of others is not read. */
  versions: string;
  positionOrdinal: (position: Position) => number;
  /** Moments held open at once, each a connection; the least recently used is closed. */
  openCuts: number;
  cacheMiB?: number;
}

/** What finds the position of a moment, prepared once per history file opened. */
interface MomentStatements {
  checkpoints: Statement<[], string | null>;
  next: Statement<[string], number>;
  last: Statement<[string], number>;
}

const prepareMoments = (db: Database): MomentStatements => ({
  checkpoints: db.prepare<[], string | null>('SELECT position FROM projector_checkpoints').pluck(),
  // `recorded_at` never decreases with the position (the store's clock), so these walk the index.
  next: db
    .prepare<[string], number>(
      'SELECT ordinal FROM history_moments WHERE recorded_at > ? ORDER BY recorded_at, ordinal LIMIT 1',
    )
    .pluck(),
  last: db
    .prepare<[string], number>(
      'SELECT ordinal FROM history_moments WHERE recorded_at <= ? ORDER BY recorded_at DESC, ordinal DESC LIMIT 1',
    )
    .pluck(),
});

/**
 * `signals_fts` as of `position`: the full-text index of the versions, joined to the versions valid
 * then. SQLite flattens the view into the query, so `signals_fts MATCH` reaches the index itself;
 * a query it cannot flatten calls the function `match`, which declines (the caller replays).
 */
const fullTextView = (position: number): string => `CREATE TEMP VIEW signals_fts AS
  SELECT v.seq AS rowid, f.${HISTORY_FULL_TEXT} AS signals_fts, f.title, f.description, f.norms, f.themes, f.facets
  FROM main.${HISTORY_FULL_TEXT} f JOIN main.${quote(`${PREFIX}signals`)} v ON v.rowid = f.rowid
  WHERE v.history_from <= ${position} AND v.history_to > ${position}`;

/**
 * The read side of the history: `read` answers a query as of a moment from the versions, or
 * undefined when the history cannot (no history file, not yet built up to that moment, or the
 * query needs what it does not keep), and the caller replays instead.
 */
export class HistoryReadModels {
  private main: { db: Database; inode: number; moments: MomentStatements } | undefined;
  /** A file found of other versions (being built again): not looked at again until it is replaced. */
  private foreign: number | undefined;
  private readonly cuts = new Map<number, Database>();

  constructor(private readonly options: HistoryReadModelsOptions) {}

  read<T>(at: Date, query: (db: Database, now: Date) => T): { answer: T } | undefined {
    try {
      const db = this.cutAt(at.toISOString());
      return db === undefined ? undefined : { answer: query(db, at) };
    } catch (error) {
      if (error instanceof NotInHistory) return undefined;
      // A damaged history (its thread builds it again) is not a reason to fail: the caller replays.
      if (isReadModelsDamage(error)) {
        this.close();
        return undefined;
      }
      throw error;
    }
  }

  /** Opens the history file (when there is one of these versions) ahead of the first question. */
  open(): void {
    try {
      this.opened();
    } catch (error) {
      if (!isReadModelsDamage(error)) throw error;
      this.close();
    }
  }

  close(): void {
    for (const db of this.cuts.values()) db.close();
    this.cuts.clear();
    this.main?.db.close();
    this.main = undefined;
  }

  /** The connection that sees the read models as they stood at `at`, if the history holds that moment. */
  private cutAt(at: string): Database | undefined {
    const main = this.opened();
    if (main === undefined) return undefined;
    const position = this.positionAt(main.moments, at);
    if (position === undefined) return undefined;
    let cut = this.cuts.get(position);
    if (cut) {
      this.cuts.delete(position);
      this.cuts.set(position, cut);
      return cut;
    }
    while (this.cuts.size >= Math.max(1, this.options.openCuts)) {
      const [oldest, db] = this.cuts.entries().next().value as [number, Database];
      db.close();
      this.cuts.delete(oldest);
    }
    cut = this.openCut(position);
    this.cuts.set(position, cut);
    return cut;
  }

  /**
   * The ordinal of the last event recorded at or before `at` (0: none), once every projection of
   * the history has applied an event recorded after `at`: only then can no later-applied event
   * still belong before the moment.
   */
  private positionAt(moments: MomentStatements, at: string): number | undefined {
    const positions = moments.checkpoints.all();
    if (positions.length === 0 || positions.some((position) => position === null)) return undefined;
    const reached = Math.min(...positions.map((position) => this.options.positionOrdinal(position ?? '')));
    const next = moments.next.get(at);
    if (next === undefined || next > reached) return undefined;
    return moments.last.get(at) ?? 0;
  }

  /** The history file, opened again when it was built anew meanwhile; undefined while it is missing or of other versions. */
  private opened(): { db: Database; moments: MomentStatements } | undefined {
    const { file } = this.options;
    let inode: number;
    try {
      inode = statSync(file).ino;
    } catch {
      this.close();
      return undefined;
    }
    if (this.main && this.main.inode !== inode) this.close();
    if (!this.main) {
      if (this.foreign === inode) return undefined;
      const stored = storedVersions(file);
      if (stored !== historyVersionsOf(this.options.versions)) {
        // Undefined: not yet begun (its first transaction), so looked at again next time.
        if (stored !== undefined) this.foreign = inode;
        return undefined;
      }
      this.foreign = undefined;
      const db = this.connect();
      this.main = { db, inode, moments: prepareMoments(db) };
    }
    return this.main;
  }

  private connect(): Database {
    const db = new BetterSqlite3(this.options.file, { readonly: true, fileMustExist: true });
    db.pragma(`cache_size = ${-1024 * Math.max(2, Math.floor(this.options.cacheMiB ?? 16))}`);
    return db;
  }

  /**
   * A connection on which each table of the read models is a temporary view of its versions valid
   * at `position` (temporary objects come first in SQLite's name lookup), the cuboids are counted
   * from those, and what the history does not keep raises NotInHistory.
   */
  private openCut(position: number): Database {
    const db = this.connect();
    try {
      const unavailable = (what: unknown): never => {
        throw new NotInHistory(String(what));
      };
      db.function('history_unavailable', { deterministic: false }, unavailable);
      // The full-text operator on a view SQLite did not flatten: declined, the caller replays.
      db.function('match', { deterministic: false }, () => unavailable('full-text search'));
      const statements: string[] = [];
      const tables = tablesOf(db);
      const versioned = new Set(
        tables.filter((row) => row.name.startsWith(PREFIX)).map((row) => row.name.slice(PREFIX.length)),
      );
      const cuboids = new Map(CUBOIDS.map((cuboid) => [cuboid.table, cuboid]));
      const counted: string[] = [];
      const fullText = versioned.has('signals') && tables.some((row) => row.name === HISTORY_FULL_TEXT);
      for (const row of tables) {
        if (row.name.startsWith(PREFIX) || OWN.test(row.name)) continue;
        // Only grows, so today's vocabulary holds every term of the moment's (a prefix is expanded
        // to terms the moment lacks at worst, which match nothing there).
        if (fullText && row.name === 'signals_terms') continue;
        if (fullText && row.name === 'signals_fts') {
          statements.push(fullTextView(position));
          continue;
        }
        const columns = columnsOf(db, row.name);
        const cuboid = cuboids.get(row.name);
        if (versioned.has(row.name)) {
          statements.push(`CREATE TEMP VIEW ${quote(row.name)} AS
            SELECT ${columns.map((column) => quote(column.name)).join(', ')} FROM main.${quote(`${PREFIX}${row.name}`)}
            WHERE history_from <= ${position} AND history_to > ${position}`);
        } else if (cuboid) {
          counted.push(`CREATE TEMP VIEW ${quote(row.name)} AS ${cuboidCellsSql(cuboid)}`);
        } else {
          const names = columns.map((column) => column.name);
          if (row.type === 'virtual') names.push('rowid', row.name);
          statements.push(`CREATE TEMP VIEW ${quote(row.name)} AS
            SELECT ${names.map((name) => `NULL AS ${quote(name)}`).join(', ')} WHERE history_unavailable(${literal(row.name)})`);
        }
      }
      // The cuboids after the per-signal view they count from.
      db.exec([...statements, ...counted].join(';\n'));
      db.pragma('query_only = ON');
      return db;
    } catch (error) {
      db.close();
      throw error;
    }
  }
}
