import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { SqliteEventStore, type RecordedEvent } from '@praktijklus/event-store';
import { listAgreements } from '../agreements/agreements.queries';
import { escalationBoardSummary } from '../escalation-board/escalation-board.queries';
import { allProjections } from '../index';
import { listPolicyChanges, policyChangeEffect } from '../policy-changes/policy-changes.queries';
import { Projector } from '../projector/projector';
import { openReadModels } from '../read-models';
import { listSignals } from '../signals/signals.queries';
import { testContext } from '../signals/test-support/signal-events';
import { AsOfReadModels } from './as-of-read-models';
import { SnapshotKeeper } from './snapshot-keeper';
import { SnapshotStore } from './snapshot-store';
import { appendHistory, HOUR, quiet, rebuiltAt as rebuildAt, START, views } from './test-support/as-of-log';

describe('AsOfReadModels: the read models as they stood at a moment', () => {
  let dir: string;
  let store: SqliteEventStore;
  let live: Database;
  let snapshots: SnapshotStore;
  let asOf: AsOfReadModels;
  let events: RecordedEvent[];
  let clock = START;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'as-of-'));
    store = SqliteEventStore.open({ file: path.join(dir, 'events.sqlite'), clock: () => clock });
    events = await appendHistory(store, () => (clock += 12 * HOUR));
    snapshots = new SnapshotStore(dir);
    const projections = allProjections(testContext);
    const keeper = new SnapshotKeeper({
      store: snapshots,
      intervalEvents: 15,
      keep: 3,
      comparePositions: (a, b) => store.comparePositions(a, b),
    });
    live = openReadModels(path.join(dir, 'readmodels.sqlite'));
    const projector = new Projector({
      store,
      db: live,
      projections,
      batchSize: 5,
      logger: quiet,
      onBatchApplied: (db, last, applied, deferred) =>
        keeper.afterBatch(db, projections, last, applied, deferred),
    });
    await projector.start();
    const head = await store.headPosition();
    if (head === undefined || !(await projector.waitFor(head, 10_000))) throw new Error('no catch-up');
    await projector.stop();
    asOf = new AsOfReadModels({
      store,
      snapshots,
      projections: () => allProjections(testContext),
      openCuts: 2,
      pageSize: 7,
      // A pause after every event: the answers below are checked with replays interleaved.
      sliceMs: 0,
    });
  });

  afterAll(async () => {
    asOf.close();
    live.close();
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const rebuiltAt = (at: Date): Record<string, unknown> => rebuildAt(events, at);

  const recordedAtOf = (index: number): Date => new Date(events[index].recordedAt);

  it('keeps a bounded, thinned set of snapshots taken along the log', () => {
    const taken = snapshots.list();
    // Every 15 events (15, 30, … 90), thinned to 3 as they come: the oldest, the newest, one between.
    expect(taken.map((snapshot) => snapshot.position)).toEqual(['15', '45', '90']);
    expect(taken.map((snapshot) => snapshot.recordedAtMs)).toEqual(
      ['15', '45', '90'].map((position) => Date.parse(events[Number(position) - 1].recordedAt)),
    );
  });

  it('answers every view as a rebuild of the log cut at that moment would, at cuts before, on, between and after snapshots', async () => {
    const taken = snapshots.list();
    const onSnapshot = new Date(taken[1].recordedAtMs);
    const cuts = [
      new Date(START - HOUR),
      recordedAtOf(3),
      new Date(recordedAtOf(10).getTime() + HOUR),
      onSnapshot,
      new Date(onSnapshot.getTime() + 13 * HOUR),
      new Date(taken[0].recordedAtMs - HOUR),
      new Date(Date.parse('2026-04-01T16:59:59.000Z')),
      new Date(Date.parse('2026-04-01T17:00:01.000Z')),
      recordedAtOf(events.length - 1),
      new Date(clock + 30 * 24 * HOUR),
      recordedAtOf(20),
    ];
    for (const at of cuts) {
      const answer = await asOf.read(at, (db, now) => views(db, now));
      expect({ at: at.toISOString(), ...answer }).toEqual({ at: at.toISOString(), ...rebuiltAt(at) });
    }
  });

  it('judges overdue at the moment asked for, not at the clock of the query', async () => {
    const before = await asOf.read(new Date('2026-04-01T16:00:00.000Z'), (db, now) =>
      escalationBoardSummary(db, { now }),
    );
    const after = await asOf.read(new Date('2026-04-02T09:00:00.000Z'), (db, now) =>
      escalationBoardSummary(db, { now }),
    );
    expect(before.overdue).toBe(0);
    expect(after.overdue).toBeGreaterThan(0);
    const verdictAt = (iso: string): Promise<string> =>
      asOf.read(new Date(iso), (db, now) => {
        const [change] = listPolicyChanges(db, { first: 1 }).rows;
        return policyChangeEffect(db, change, 14, now).verdict;
      });
    expect(await verdictAt('2026-03-20T12:00:00.000Z')).toBe('TOO_EARLY');
    expect(await verdictAt('2026-03-26T12:00:00.000Z')).not.toBe('TOO_EARLY');
    const agreementAt = (iso: string): Promise<boolean> =>
      asOf.read(new Date(iso), (db, now) => listAgreements(db, { first: 1, now }).rows[0].overdue);
    expect(await agreementAt('2026-03-20T12:00:00.000Z')).toBe(false);
    expect(await agreementAt('2026-03-27T12:00:00.000Z')).toBe(true);
  });

  it('answers concurrent questions about different moments each at its own moment', async () => {
    const moments = [recordedAtOf(5), recordedAtOf(40), recordedAtOf(12), recordedAtOf(70), recordedAtOf(5)];
    const answers = await Promise.all(
      moments.map((at) => asOf.read(at, (db) => listSignals(db, { first: 100 }).totalCount)),
    );
    expect(answers).toEqual(
      moments.map((at) => (rebuiltAt(at).signals as { totalCount: number }).totalCount),
    );
  });

  /**
   * Time travel of its own over copies of the snapshots (a cut holds a write transaction on its
   * file, and `asOf` holds some), pausing after every event.
   */
  const travellerOnCopies = (name: string): AsOfReadModels => {
    const copy = path.join(dir, name);
    fs.cpSync(snapshots.dir, path.join(copy, 'snapshots'), {
      recursive: true,
      filter: (file) => !/-(wal|shm)$/.test(file),
    });
    return new AsOfReadModels({
      store,
      snapshots: new SnapshotStore(copy),
      projections: () => allProjections(testContext),
      openCuts: 1,
      pageSize: 1_000,
      sliceMs: 0,
    });
  };

  it('lets the event loop serve other work while it replays', async () => {
    const traveller = travellerOnCopies('copy-turns');
    let turns = 0;
    let replaying = true;
    const turn = (): void => {
      turns += 1;
      if (replaying) setImmediate(turn);
    };
    setImmediate(turn);
    try {
      // Before the first snapshot: ten events replayed from the empty base, in one page of the log.
      const count = await traveller.read(recordedAtOf(9), (db) => listSignals(db, { first: 100 }).totalCount);
      replaying = false;
      expect(count).toBe((rebuiltAt(recordedAtOf(9)).signals as { totalCount: number }).totalCount);
      // One turn of the loop per event and projection; without pauses the read would take one or two.
      expect(turns).toBeGreaterThanOrEqual(10 * allProjections(testContext).length);
    } finally {
      replaying = false;
      traveller.close();
    }
  });

  it('stops a replay at its next pause when time travel is closed (shutdown)', async () => {
    const traveller = travellerOnCopies('copy-closed');
    let queried = false;
    const pending = traveller.read(recordedAtOf(9), () => {
      queried = true;
    });
    await new Promise((resolve) => setImmediate(resolve));
    traveller.close();
    await expect(pending).rejects.toThrow('time travel is closed');
    expect(queried).toBe(false);
  });

  it('leaves the snapshot files as they were taken: replays are never committed', () => {
    for (const snapshot of snapshots.list()) {
      const db = new BetterSqlite3(snapshot.file, { fileMustExist: true });
      try {
        const at = new Date(snapshot.recordedAtMs);
        expect(listSignals(db, { first: 100 })).toEqual(rebuiltAt(at).signals);
      } finally {
        db.close();
      }
    }
  });
});
