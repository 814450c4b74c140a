import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { ANY, type NewEvent } from '../event-store.port';
import { SqliteEventStore } from './sqlite-event-store';
import { WalCheckpointer } from './wal-checkpointer';

const event = (): NewEvent => ({
  id: randomUUID(),
  type: 'SqliteEventRecorded',
  data: { text: 'x'.repeat(2_000) },
  metadata: {
    actor: { sub: 'officer-1', authority: 'gm0344', roles: ['officer'] },
    correlationId: 'correlation-1',
    causationId: 'causation-1',
    schemaVersion: 1,
  },
});

let dir: string;
let file: string;
const opened: SqliteEventStore[] = [];
const open = (autoCheckpoint: boolean): SqliteEventStore => {
  const store = SqliteEventStore.open({ file, autoCheckpoint });
  opened.push(store);
  return store;
};
const walBytes = (): number => fs.statSync(`${file}-wal`).size;
/**
 * 3,000 appends of about 2 kB in group commits of 100: several thousand pages (two indexes with
 * random keys), past the 1,000 of SQLite's autocheckpoint. `afterGroup` runs after each commit.
 */
const appendMany = async (store: SqliteEventStore, afterGroup = (): void => {}): Promise<void> => {
  for (let group = 0; group < 30; group += 1) {
    await Promise.all(
      Array.from({ length: 100 }, () => store.append(randomUUID(), [event()], { expectedRevision: ANY })),
    );
    afterGroup();
  }
};

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wal-checkpointer-'));
  file = path.join(dir, 'events.sqlite');
});

afterEach(async () => {
  for (const store of opened.splice(0)) await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('a writer without autocheckpoint and the WalCheckpointer', () => {
  it('leaves the WAL to grow: its commits never checkpoint', async () => {
    const writer = open(false);
    await appendMany(writer);
    const reader = open(true);
    const state = reader.checkpointWal('PASSIVE');
    expect(state.walPages).toBeGreaterThan(1_000);
    // The writer's own commits checkpoint with autocheckpoint on: its WAL starts over at 1,000 pages.
    const other = path.join(dir, 'other.sqlite');
    const checkpointing = SqliteEventStore.open({ file: other });
    opened.push(checkpointing);
    await appendMany(checkpointing);
    expect(checkpointing.checkpointWal('PASSIVE').walPages).toBeLessThan(state.walPages);
  });

  it('copies the WAL into the main file from another connection and empties it once appends are quiet', async () => {
    const writer = open(false);
    const reader = open(true);
    const checkpointer = new WalCheckpointer(reader);
    await appendMany(writer);
    const grown = walBytes();
    expect(grown).toBeGreaterThan(4_000_000);
    checkpointer.tick();
    // Wholly copied, but the WAL may still have been growing: it keeps the file.
    expect(walBytes()).toBe(grown);
    const copied = reader.checkpointWal('PASSIVE');
    expect(copied.checkpointedPages).toBe(copied.walPages);
    checkpointer.tick();
    expect(walBytes()).toBe(0);
    // Every event is in the main file: the log reads whole through a fresh connection.
    const fresh = open(true);
    expect(await fresh.readAll()).toHaveLength(3_000);
  });

  it('keeps the WAL bounded under appends: the writer starts it over after each checkpoint', async () => {
    const writer = open(false);
    const checkpointer = new WalCheckpointer(open(true));
    await appendMany(writer, () => checkpointer.tick());
    // Without checkpoints the WAL holds all 3,000 appends (tens of MB); with one after each commit,
    // about one commit's worth (a few hundred pages), whatever the log's length.
    expect(walBytes()).toBeLessThan(3_000_000);
    const observer = open(true);
    expect(observer.checkpointWal('PASSIVE').walPages).toBeLessThan(700);
  });

  it('does not wait for the write lock: TRUNCATE during a write is refused as busy, not blocked', async () => {
    const writer = open(false);
    const reader = open(true);
    await appendMany(writer);
    reader.checkpointWal('PASSIVE');
    // The reader's busy timeout is 5 s: a TRUNCATE that waited for the lock would take that long.
    const holder = new Database(file);
    holder.exec('BEGIN IMMEDIATE');
    try {
      const started = performance.now();
      expect(reader.checkpointWal('TRUNCATE').busy).toBe(true);
      expect(performance.now() - started).toBeLessThan(1_000);
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
  });
});
