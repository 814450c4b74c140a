import { existsSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import type { EventStore, Position, RecordedEvent } from '@praktijklus/event-store';
import type { Projection } from '../projection';
import { Projector } from '../projector/projector';
import type { ProjectorLogger } from '../projector/projector-types';
import { damageReason, isReadModelsDamage, openReadModels } from '../read-models';
import { removeDatabase, versionsOf } from './snapshot-store';
import { FULL_TEXT_OPTIONS } from '../signals/schema';
import {
  FULL_TEXT_COLUMNS,
  signalFullTextOf,
  type FullTextSource,
  type SignalFullText,
} from '../signals/signals.projection';

/*
 * Time travel's history: a read-model file of its own in which every row any projection writes is
 * kept as versions, each valid from the position of the event that wrote it until the event that
 * changed or deleted it. The read models as they stood after any event are then a filter of the
 * versions by position, answered by the same queries as the live ones, in milliseconds, where
 * replaying from the nearest snapshot took seconds (docs/benchmarks.md).
 *
 * Versions are written by SQLite triggers on each table, stamped with the position of the event
 * being applied (`history_position()`, set by the projector before each event), so no projection
 * knows of them. Tables a projection writes only when it flushes a batch cannot be stamped per event:
 * the full-text index is kept instead over the signals' versions (`HISTORY_FULL_TEXT`, one row per
 * version), its vocabulary only grows so today's holds every earlier one, and the statistics'
 * cuboids are counted from the versioned per-signal table.
 */

/** The history's file in READMODELS_DIR. */
export const HISTORY_FILE = 'history.sqlite';

/** Its tables: the versions of table T are `history__T`. */
export const PREFIX = 'history__';
/** An open version's `history_to`: after every position. */
const OPEN = '9223372036854775807';
/** Tables of the history's own, never versioned: its moments and meta, the projector's checkpoints. */
export const OWN = /^(history_|projector_checkpoints$|sqlite_)/;
/** Written only in a batch's flush (see above): not versioned. */
const FLUSHED = /^(signals_fts|signals_terms$|signal_stats_by_)/;

const META_DDL = `CREATE TABLE IF NOT EXISTS history_meta (versions TEXT NOT NULL) STRICT`;
const MOMENTS = 'history-moments';
const MOMENTS_VERSION = 1;
/** The shape of the full-text index over the signals' versions (`fullTextSql`). */
const FULL_TEXT_VERSION = 'history-full-text@1';

/** `versionsOf` the projections plus the history's own parts: what a history file records. */
export const historyVersionsOf = (versions: string): string =>
  [...versions.split(','), `${MOMENTS}@${MOMENTS_VERSION}`, FULL_TEXT_VERSION].sort().join(',');

/** The full-text index over the versions of `signals`: its rowid is the version's rowid. */
export const HISTORY_FULL_TEXT = 'history_signals_fts';

export const quote = (name: string): string => `"${name.replaceAll('"', '""')}"`;
export const literal = (text: string): string => `'${text.replaceAll("'", "''")}'`;

interface Column {
  name: string;
  type: string;
  pk: number;
}

interface Shape {
  table: string;
  columns: Column[];
  /** A WITHOUT ROWID table's rows are known by their primary key, others' by their rowid. */
  withoutRowid: boolean;
}

export const columnsOf = (db: Database, table: string, schema = 'main'): Column[] =>
  db
    .prepare<[], Column>(
      `SELECT name, type, pk FROM pragma_table_info(${literal(table)}, ${literal(schema)})`,
    )
    .all();

interface TableListRow {
  name: string;
  type: string;
  wr: number;
}

export const tablesOf = (db: Database): TableListRow[] =>
  db
    .prepare<[], TableListRow>(
      `SELECT name, type, wr FROM pragma_table_list WHERE schema = 'main' ORDER BY name`,
    )
    .all();

/** The projections' tables whose rows are versioned (FTS5 keeps its index in tables named after it). */
const versionedShapes = (db: Database): Shape[] => {
  const tables = tablesOf(db);
  const virtual = tables.filter((row) => row.type === 'virtual').map((row) => `${row.name}_`);
  return tables
    .filter((row) => row.type === 'table' && !OWN.test(row.name) && !FLUSHED.test(row.name))
    .filter((row) => !virtual.some((prefix) => row.name.startsWith(prefix)))
    .map((row) => ({ table: row.name, columns: columnsOf(db, row.name), withoutRowid: row.wr === 1 }));
};

const keyOf = (shape: Shape): string[] =>
  shape.withoutRowid
    ? shape.columns
        .filter((column) => column.pk > 0)
        .sort((a, b) => a.pk - b.pk)
        .map((column) => column.name)
    : ['history_row'];

/** `WHERE` of the open version of the row `OLD` in a trigger. */
const sameRow = (shape: Shape): string =>
  (shape.withoutRowid
    ? keyOf(shape).map((column) => `${quote(column)} IS OLD.${quote(column)}`)
    : ['history_row = OLD.rowid']
  ).join(' AND ');

/** The versions table of `shape`, its triggers and the index they find open versions by. */
const historySql = (shape: Shape): string[] => {
  const history = quote(`${PREFIX}${shape.table}`);
  const table = quote(shape.table);
  const names = shape.columns.map((column) => quote(column.name));
  const values = (row: 'NEW'): string =>
    [...names.map((name) => `${row}.${name}`), shape.withoutRowid ? 'NULL' : `${row}.rowid`].join(', ');
  const insertNew = `INSERT INTO ${history} (${names.join(', ')}, history_row, history_from)
      VALUES (${values('NEW')}, history_position());`;
  // A row the same event wrote before has a version of no length: it goes instead of being closed.
  const closeOld = `DELETE FROM ${history} WHERE ${sameRow(shape)} AND history_to = ${OPEN} AND history_from = history_position();
    UPDATE ${history} SET history_to = history_position() WHERE ${sameRow(shape)} AND history_to = ${OPEN};`;
  const trigger = (what: string): string => quote(`${PREFIX}${shape.table}__${what}`);
  return [
    `CREATE TABLE IF NOT EXISTS ${history} (
      ${shape.columns.map((column) => `${quote(column.name)} ${column.type}`).join(',\n      ')},
      history_row INTEGER,
      history_from INTEGER NOT NULL,
      history_to INTEGER NOT NULL DEFAULT ${OPEN})`,
    `CREATE INDEX IF NOT EXISTS ${quote(`${PREFIX}${shape.table}__row`)}
      ON ${history} (${keyOf(shape).map(quote).join(', ')}, history_to)`,
    `CREATE TRIGGER IF NOT EXISTS ${trigger('insert')} AFTER INSERT ON ${table} BEGIN
      ${insertNew}
    END`,
    `CREATE TRIGGER IF NOT EXISTS ${trigger('update')} AFTER UPDATE ON ${table} BEGIN
      ${closeOld}
      ${insertNew}
    END`,
    `CREATE TRIGGER IF NOT EXISTS ${trigger('delete')} AFTER DELETE ON ${table} BEGIN
      ${closeOld}
    END`,
  ];
};

/** The columns of a full-text row, `signals_fts`'s and the versions' index's alike. */
const FULL_TEXT_PARTS = [
  'title',
  'description',
  'norms',
  'themes',
  'facets',
] as const satisfies ReadonlyArray<keyof SignalFullText>;

/**
 * The full-text index of the signals' versions, as `signals_fts` is made (same tokenizer, prefixes
 * and detail) and with the same row for each version (`signalFullTextOf`, through the function
 * `history_signal_text`), kept by triggers on the versions: a version written adds its row, a
 * version of no length (gone again in the same event) takes it away.
 */
const fullTextSql = (): string[] => {
  const versions = quote(`${PREFIX}signals`);
  const sources = FULL_TEXT_COLUMNS.map((column) => `NEW.${quote(column)}`).join(', ');
  const text = (part: keyof SignalFullText): string => `history_signal_text('${part}', ${sources})`;
  return [
    `CREATE VIRTUAL TABLE IF NOT EXISTS ${HISTORY_FULL_TEXT} USING fts5(
      ${FULL_TEXT_PARTS.join(', ')}, ${FULL_TEXT_OPTIONS})`,
    `CREATE TRIGGER IF NOT EXISTS ${quote(`${HISTORY_FULL_TEXT}__insert`)} AFTER INSERT ON ${versions} BEGIN
      INSERT INTO ${HISTORY_FULL_TEXT} (rowid, ${FULL_TEXT_PARTS.join(', ')})
      VALUES (NEW.rowid, ${FULL_TEXT_PARTS.map(text).join(', ')});
    END`,
    `CREATE TRIGGER IF NOT EXISTS ${quote(`${HISTORY_FULL_TEXT}__delete`)} AFTER DELETE ON ${versions} BEGIN
      DELETE FROM ${HISTORY_FULL_TEXT} WHERE rowid = OLD.rowid;
    END`,
  ];
};

/**
 * `history_signal_text(part, ...FULL_TEXT_COLUMNS)`: one part of a version's full-text row. The
 * trigger asks for its five parts in a row, so the row is made once and kept for the next four.
 */
const signalTextFunction = (): ((part: unknown, ...columns: unknown[]) => string) => {
  let made: unknown[] = [];
  let row: SignalFullText | undefined;
  return (part, ...columns) => {
    if (row === undefined || columns.some((value, i) => value !== made[i])) {
      const source = Object.fromEntries(FULL_TEXT_COLUMNS.map((column, i) => [column, columns[i]]));
      row = signalFullTextOf(source as FullTextSource);
      made = columns;
    }
    return row[part as keyof SignalFullText];
  };
};

interface IndexListRow {
  name: string;
  origin: string;
}

interface IndexColumnRow {
  name: string | null;
}

const indexCount = (db: Database): number =>
  db.prepare<[], number>(`SELECT count(*) FROM sqlite_schema WHERE type = 'index'`).pluck().get() ?? 0;

/**
 * Keeps the versions indexed as the tables are (`indexHistory`), after each batch: projections make
 * their query indexes only once they caught up with the log. Looks further only when the number of
 * indexes changed since the last batch, so a batch costs one count.
 */
const historyIndexer = (db: Database): (() => void) => {
  let seen = -1;
  return () => {
    if (indexCount(db) === seen) return;
    indexHistory(db);
    seen = indexCount(db);
  };
};

/**
 * The query indexes of each versioned table, made on its versions too (without UNIQUE: a row has
 * many versions), plus one on a rowid table's primary key. Idempotent.
 */
export function indexHistory(db: Database): void {
  const existing = new Set(
    db.prepare<[], string>(`SELECT name FROM sqlite_schema WHERE type = 'index'`).pluck().all(),
  );
  for (const shape of versionedShapes(db)) {
    const history = `${PREFIX}${shape.table}`;
    const make = (name: string, sql: () => string): void => {
      if (existing.has(name)) return;
      db.exec(sql());
      existing.add(name);
    };
    const key = shape.columns.filter((column) => column.pk > 0).sort((a, b) => a.pk - b.pk);
    if (!shape.withoutRowid && key.length > 0)
      make(`${history}__key`, () => {
        const columns = key.map((column) => quote(column.name)).join(', ');
        return `CREATE INDEX ${quote(`${history}__key`)} ON ${quote(history)} (${columns}, history_to)`;
      });
    const indexes = db
      .prepare<[], IndexListRow>(`SELECT name, origin FROM pragma_index_list(${literal(shape.table)})`)
      .all();
    for (const index of indexes) {
      if (index.origin === 'pk') continue;
      const name = `${PREFIX}${index.name}`;
      make(name, () => {
        const sql = db
          .prepare<[string], string | null>(`SELECT sql FROM sqlite_schema WHERE type = 'index' AND name = ?`)
          .pluck()
          .get(index.name);
        const head =
          /^CREATE\s+(?:UNIQUE\s+)?INDEX\s+(?:IF\s+NOT\s+EXISTS\s+)?("[^"]+"|\S+)\s+ON\s+("[^"]+"|[^\s(]+)\s*\(/i;
        if (sql && head.test(sql))
          return sql.replace(head, `CREATE INDEX ${quote(name)} ON ${quote(history)} (`);
        const columns = db
          .prepare<[], IndexColumnRow>(`SELECT name FROM pragma_index_info(${literal(index.name)})`)
          .all()
          .map((column) => quote(column.name ?? ''));
        return `CREATE INDEX ${quote(name)} ON ${quote(history)} (${columns.join(', ')})`;
      });
    }
  }
}

/** The moments of the log: each event's ordinal and when it was recorded (a projection of the history's own). */
export function historyMomentsProjection(positionOrdinal: (position: Position) => number): Projection {
  const inserts = new WeakMap<Database, BetterSqlite3.Statement<[number, string]>>();
  return {
    name: MOMENTS,
    version: MOMENTS_VERSION,
    migrate(db) {
      db.exec(`CREATE TABLE IF NOT EXISTS history_moments (
        ordinal     INTEGER PRIMARY KEY,
        recorded_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX IF NOT EXISTS history_moments_recorded ON history_moments (recorded_at, ordinal);`);
    },
    drop(db) {
      inserts.delete(db);
      db.exec('DROP TABLE IF EXISTS history_moments');
    },
    apply(db, event) {
      let insert = inserts.get(db);
      if (!insert) {
        insert = db.prepare('INSERT OR IGNORE INTO history_moments (ordinal, recorded_at) VALUES (?, ?)');
        inserts.set(db, insert);
      }
      insert.run(positionOrdinal(event.position), event.recordedAt);
    },
  };
}

export interface HistoryProjectorOptions {
  /** The history's file (READMODELS_DIR/HISTORY_FILE). */
  file: string;
  store: EventStore;
  /** A set of every projection of its own (they keep per-batch state). */
  projections: Projection[];
  /** The ordinal of a position: the history needs positions that count events. */
  positionOrdinal: (position: Position) => number;
  logger?: ProjectorLogger;
  /**
   * Told once the file turned out damaged while in use (its projector stopped): close it and
   * delete the file; the next `openHistoryProjector` builds it again.
   */
  onDamage?: (reason: string) => void;
  /** Page cache of its connection, MiB (default 16). */
  cacheMiB?: number;
  /** Events a batch once caught up (default 1,000) and while catching up (default 5,000). */
  batchSize?: number;
  rebuildBatchSize?: number;
}

export interface HistoryProjector {
  readonly projector: Projector;
  readonly db: Database;
  /** Stops its projector and closes its file. */
  close(): Promise<void>;
}

/**
 * Opens (or starts anew) the history's file and a projector that keeps it up with the log; call
 * `projector.start()`. A file of other projection versions is deleted and built again from the
 * log: versions of an older shape cannot be told apart from the new ones.
 */
export function openHistoryProjector(options: HistoryProjectorOptions): HistoryProjector {
  try {
    return openHistoryFile(options);
  } catch (error) {
    if (!isReadModelsDamage(error)) throw error;
    // The history is derived from the log like the read models: a damaged file is built again.
    options.logger?.error(`time travel's history is damaged (${damageReason(error)}): building it again`);
    removeDatabase(options.file);
    return openHistoryFile(options);
  }
}

function openHistoryFile(options: HistoryProjectorOptions): HistoryProjector {
  const { file, positionOrdinal } = options;
  const projections = [...options.projections, historyMomentsProjection(positionOrdinal)];
  const versions = historyVersionsOf(versionsOf(options.projections));
  if (existsSync(file) && storedVersions(file) !== versions) {
    options.logger?.log(`time travel's history was built by other projection versions: building it again`);
    removeDatabase(file);
  }
  const db = openReadModels(file, { tempStore: 'FILE', cacheMiB: options.cacheMiB ?? 16 });
  try {
    let position: number | null = null;
    db.function('history_position', { deterministic: false }, () => position);
    db.function('history_signal_text', { deterministic: true, varargs: true }, signalTextFunction());
    db.transaction(() => {
      db.exec(META_DDL);
      for (const projection of projections) projection.migrate(db);
      const shapes = versionedShapes(db);
      for (const shape of shapes) for (const sql of historySql(shape)) db.exec(sql);
      if (shapes.some((shape) => shape.table === 'signals')) for (const sql of fullTextSql()) db.exec(sql);
      db.exec('DELETE FROM history_meta');
      db.prepare('INSERT INTO history_meta (versions) VALUES (?)').run(versions);
    })();
    const projector = new Projector({
      store: options.store,
      db,
      projections,
      positionOrdinal,
      ...(options.batchSize !== undefined ? { batchSize: options.batchSize } : {}),
      rebuildBatchSize: options.rebuildBatchSize ?? 5_000,
      ...(options.logger ? { logger: options.logger } : {}),
      beforeEvent: (event: RecordedEvent) => {
        position = positionOrdinal(event.position);
      },
      onBatchApplied: historyIndexer(db),
      ...(options.onDamage ? { onDamage: options.onDamage } : {}),
    });
    return {
      projector,
      db,
      close: async () => {
        await projector.stop();
        if (db.open) db.close();
      },
    };
  } catch (error) {
    db.close();
    throw error;
  }
}

export const storedVersions = (file: string): string | undefined => {
  try {
    const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
    try {
      return db.prepare<[], string>('SELECT versions FROM history_meta').pluck().get();
    } finally {
      db.close();
    }
  } catch {
    return undefined;
  }
};
