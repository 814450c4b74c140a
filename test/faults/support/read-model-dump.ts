import BetterSqlite3 from 'better-sqlite3';
import { parseSqlitePosition, SqliteEventStore } from '@praktijklus/event-store';
import { allProjections, openReadModels, Projector } from '@praktijklus/projections';
import { ReferenceData } from '@praktijklus/reference';

export type ReadModelDump = Record<string, unknown[]>;

const FULL_TEXT_PROBES = ['warmtepomp', 'monument', 'zonnepanelen', 'geluidsnorm', 'Bbl'];

/**
 * Every table of a read-model file with its rows in a stable order, checkpoints without their
 * timestamps. The full-text index is compared by its answers: its segments depend on how the rows
 * arrived, not on what they say.
 */
export function dumpReadModels(file: string): ReadModelDump {
  const db = new BetterSqlite3(file, { readonly: true });
  try {
    const tables = db
      .prepare(
        `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
         AND name NOT LIKE 'signals_fts%' ORDER BY name`,
      )
      .pluck()
      .all() as string[];
    const dump: ReadModelDump = {};
    for (const table of tables) {
      const columns = (db.prepare(`PRAGMA table_info("${table}")`).all() as Array<{ name: string }>)
        .map((column) => column.name)
        .filter((name) => !(table === 'projector_checkpoints' && name === 'updated_at'));
      const list = columns.map((name) => `"${name}"`).join(', ');
      dump[table] = db.prepare(`SELECT ${list} FROM "${table}" ORDER BY ${list}`).all();
    }
    const hasFullText = db.prepare(`SELECT 1 FROM sqlite_master WHERE name = 'signals_fts'`).pluck().get();
    if (hasFullText !== undefined) {
      for (const word of FULL_TEXT_PROBES) {
        dump[`signals_fts MATCH ${word}`] = db
          .prepare(
            `SELECT s.signal_id FROM signals_fts f JOIN signals s ON s.seq = f.rowid
             WHERE signals_fts MATCH ? ORDER BY s.signal_id`,
          )
          .pluck()
          .all(`"${word}"*`);
      }
    }
    return dump;
  } finally {
    db.close();
  }
}

/**
 * The same tables with the same rows. Compared as JSON first: a deep diff of tens of thousands of
 * rows takes seconds, so it only runs, table by table, where the JSON differs and a diff is wanted.
 */
export function expectSameReadModels(live: ReadModelDump, rebuilt: ReadModelDump): void {
  expect(Object.keys(live)).toEqual(Object.keys(rebuilt));
  for (const table of Object.keys(rebuilt)) {
    if (JSON.stringify(live[table]) === JSON.stringify(rebuilt[table])) continue;
    expect({ table, rows: live[table] }).toEqual({ table, rows: rebuilt[table] });
  }
}

/** Replays the whole log of `eventsFile` into a fresh read-model file, as `projections rebuild` does. */
export async function rebuildReadModels(eventsFile: string, readModelsFile: string): Promise<void> {
  const store = SqliteEventStore.open({ file: eventsFile, synchronous: 'OFF' });
  const db = openReadModels(readModelsFile);
  const reference = ReferenceData.load();
  try {
    const projector = new Projector({
      store,
      db,
      projections: allProjections({ layerOf: (authority) => reference.layerOf(authority) }),
      positionOrdinal: parseSqlitePosition,
      logger: { log: () => undefined, error: () => undefined },
    });
    await projector.rebuild();
  } finally {
    db.close();
    await store.close();
  }
}

export interface StoredCheckpoint {
  name: string;
  position: string | null;
  status: string;
  error: string | null;
}

/** The projector's checkpoints as stored in a read-model file (read while a server writes it). */
export function readCheckpoints(readModelsFile: string): StoredCheckpoint[] {
  const db = new BetterSqlite3(readModelsFile, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 2000');
    const exists = db
      .prepare(`SELECT 1 FROM sqlite_master WHERE name = 'projector_checkpoints'`)
      .pluck()
      .get();
    if (exists === undefined) return [];
    return db
      .prepare('SELECT name, position, status, error FROM projector_checkpoints ORDER BY name')
      .all() as StoredCheckpoint[];
  } finally {
    db.close();
  }
}

/** The last position of the log in an events file. */
export function headOf(eventsFile: string): number {
  const db = new BetterSqlite3(eventsFile, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT COALESCE(MAX(position), 0) FROM events').pluck().get() as number) ?? 0;
  } finally {
    db.close();
  }
}

export { parseSqlitePosition };
