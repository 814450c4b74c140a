import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { parseSqlitePosition, SqliteEventStore, type RecordedEvent } from '@praktijklus/event-store';
import { allProjections } from '../index';
import { escalationBoardSummary } from '../escalation-board/escalation-board.queries';
import { listSignals } from '../signals/signals.queries';
import { signalStats } from '../signal-stats/signal-stats.queries';
import { testContext } from '../signals/test-support/signal-events';
import { HISTORY_FILE, openHistoryProjector, type HistoryProjector } from './history';
import { HistoryReadModels } from './history-read-models';
import { versionsOf } from './snapshot-store';
import {
  appendHistory,
  history,
  HOUR,
  quiet,
  rebuiltAt,
  rebuiltOn,
  START,
  views,
} from './test-support/as-of-log';

describe("Time travel's history: every row's versions by position", () => {
  let dir: string;
  let store: SqliteEventStore;
  let projector: HistoryProjector;
  let reader: HistoryReadModels;
  let events: RecordedEvent[];
  let clock = START;
  const versions = versionsOf(allProjections(testContext));

  const caughtUp = async (): Promise<void> => {
    const head = await store.headPosition();
    if (head === undefined || !(await projector.projector.waitFor(head, 10_000)))
      throw new Error('no catch-up');
  };

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'history-'));
    store = SqliteEventStore.open({ file: path.join(dir, 'events.sqlite'), clock: () => clock });
    events = await appendHistory(store, () => (clock += 12 * HOUR));
    projector = openHistoryProjector({
      file: path.join(dir, HISTORY_FILE),
      store,
      projections: allProjections(testContext),
      positionOrdinal: parseSqlitePosition,
      logger: quiet,
      // Batches of 5 while catching up: a batch's rows are still stamped event by event.
      rebuildBatchSize: 5,
      batchSize: 5,
    });
    await projector.projector.start();
    await caughtUp();
    reader = new HistoryReadModels({
      file: path.join(dir, HISTORY_FILE),
      versions,
      positionOrdinal: parseSqlitePosition,
      openCuts: 3,
    });
  });

  afterAll(async () => {
    reader.close();
    await projector.close();
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const recordedAtOf = (index: number): Date => new Date(events[index].recordedAt);

  it('answers every view as a rebuild of the log cut at that moment would', () => {
    const cuts = [
      new Date(START - HOUR),
      recordedAtOf(0),
      recordedAtOf(3),
      new Date(recordedAtOf(10).getTime() + HOUR),
      recordedAtOf(20),
      new Date(Date.parse('2026-04-01T16:59:59.000Z')),
      new Date(Date.parse('2026-04-01T17:00:01.000Z')),
      recordedAtOf(events.length - 2),
      recordedAtOf(33),
    ];
    for (const at of cuts) {
      const answer = reader.read(at, (db, now) => views(db, now));
      expect({ at: at.toISOString(), ...answer?.answer }).toEqual({
        at: at.toISOString(),
        ...rebuiltAt(events, at),
      });
    }
  });

  it('answers statistics of every grouping from the versions of the per-signal table', () => {
    const groupings = [['PERIOD'], ['AUTHORITY', 'PERIOD'], ['LEVEL', 'INITIATIVE_KIND'], ['TYPE']] as const;
    for (let index = 0; index < events.length; index += 4) {
      const at = recordedAtOf(index);
      for (const groupBy of groupings) {
        const input = { groupBy: [...groupBy], bucket: 'WEEK' as const };
        const answer = reader.read(at, (db) => signalStats(db, input));
        const rebuilt = rebuiltOn(events, at, (db) => signalStats(db, input));
        expect({ index, groupBy, answer: answer?.answer }).toEqual({ index, groupBy, answer: rebuilt });
      }
    }
  });

  it('answers a search as a rebuild would: the words, stems, prefixes and facets of that moment', () => {
    const searches = [
      { search: 'warmtepompen' },
      { search: 'warmtepomp' },
      { search: 'zonnepaneel' },
      { search: 'dijk', filter: { policyDomains: ['soil', 'water'] } },
      { search: 'netcongestie' },
      { search: 'signaal', filter: { statuses: ['WITHDRAWN' as const] } },
      { search: 'signaal', visibleToAuthority: 'gm0363' },
      { search: 'signaal', filter: { observedFrom: '2026-02-01', observedTo: '2026-02-28' } },
    ];
    let found = 0;
    for (let index = 0; index < events.length - 1; index += 3) {
      const at = recordedAtOf(index);
      for (const input of searches) {
        const query = (db: BetterSqlite3.Database) => listSignals(db, { first: 7, ...input });
        const answer = reader.read(at, query);
        expect({ index, input, answer: answer?.answer }).toEqual({
          index,
          input,
          answer: rebuiltOn(events, at, query),
        });
        found += answer?.answer.totalCount ?? 0;
      }
    }
    expect(found).toBeGreaterThan(100);
    // Backwards too, from a cursor.
    const at = recordedAtOf(events.length - 5);
    const page = reader.read(at, (db) => listSignals(db, { first: 3, search: 'signaal' }))?.answer;
    const before = { last: 2, before: page?.rows[2]?.cursor ?? '', search: 'signaal' };
    expect(reader.read(at, (db) => listSignals(db, before))?.answer).toEqual(
      rebuiltOn(events, at, (db) => listSignals(db, before)),
    );
  });

  it('declines a moment it has not reached', async () => {
    // The last event is the only one recorded after the moment before it: not applied until it is.
    const later = new Date(clock + 24 * HOUR);
    expect(reader.read(later, (db, now) => escalationBoardSummary(db, { now }))).toBeUndefined();
    clock += 48 * HOUR;
    const { id, type, data, metadata } = history().events[0];
    await store.append(
      'agreement-ag-late',
      [{ id: `${id}-late`, type, data: { ...data, agreementId: 'ag-late' }, metadata }],
      {
        expectedRevision: 'ANY',
      },
    );
    await caughtUp();
    events = await store.readAll();
    expect(reader.read(later, (db, now) => views(db, now))?.answer).toEqual(rebuiltAt(events, later));
  });

  it('declines, rather than fails, when its file is damaged (the caller replays instead)', () => {
    const copy = path.join(dir, 'damaged-history.sqlite');
    const source = new BetterSqlite3(path.join(dir, HISTORY_FILE), { readonly: true });
    source.prepare('VACUUM INTO ?').run(copy);
    source.close();
    const damaged = new HistoryReadModels({
      file: copy,
      versions,
      positionOrdinal: parseSqlitePosition,
      openCuts: 1,
    });
    const at = recordedAtOf(30);
    expect(damaged.read(at, (db) => listSignals(db, { first: 1 }).totalCount)).toEqual({
      answer: (rebuiltAt(events, at).signals as { totalCount: number }).totalCount,
    });
    // Every page after the first overwritten: the tables' B-trees are garbage now.
    const descriptor = fs.openSync(copy, 'r+');
    const size = fs.fstatSync(descriptor).size;
    for (let offset = 4096; offset < size; offset += 4096)
      fs.writeSync(descriptor, Buffer.alloc(4096, 0x5a), 0, 4096, offset);
    fs.closeSync(descriptor);
    expect(damaged.read(recordedAtOf(31), (db) => listSignals(db, { first: 1 }).totalCount)).toBeUndefined();
    damaged.close();
  });

  it('indexes the versions as each projection indexes its tables once it caught up', () => {
    const db = new BetterSqlite3(path.join(dir, HISTORY_FILE), { readonly: true });
    try {
      const indexes = db
        .prepare<[], { name: string; tbl_name: string }>(
          `SELECT name, tbl_name FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL`,
        )
        .all();
      const names = new Set(indexes.map((index) => index.name));
      const versioned = new Set(
        indexes.filter((index) => index.tbl_name.startsWith('history__')).map((index) => index.tbl_name),
      );
      // Every query index of a versioned table (e.g. the signals' by authority) has its copy on the versions.
      const queryIndexes = indexes.filter((index) => versioned.has(`history__${index.tbl_name}`));
      expect(queryIndexes.length).toBeGreaterThan(10);
      expect(
        queryIndexes.filter((index) => !names.has(`history__${index.name}`)).map((index) => index.name),
      ).toEqual([]);
    } finally {
      db.close();
    }
  });

  it('is not read by queries written for other projection versions', () => {
    const other = new HistoryReadModels({
      file: path.join(dir, HISTORY_FILE),
      versions: versions.replace('signals@', 'signals@9'),
      positionOrdinal: parseSqlitePosition,
      openCuts: 1,
    });
    expect(other.read(recordedAtOf(30), (db) => listSignals(db, { first: 1 }).totalCount)).toBeUndefined();
    other.close();
  });
});
