import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { SqliteEventStore, type RecordedEvent } from '@praktijklus/event-store';
import { accountability } from '../accountability/accountability.queries';
import { escalationBoardSummary, listEscalations } from '../escalation-board/escalation-board.queries';
import { feedbackLoop } from '../feedback-loop/feedback-loop.queries';
import { allProjections } from '../index';
import { listNormConflicts } from '../norm-conflicts/norm-conflicts.queries';
import { Projector } from '../projector/projector';
import { openReadModels } from '../read-models';
import { signalStats } from '../signal-stats/signal-stats.queries';
import { listSignals } from '../signals/signals.queries';
import { EventLog, testContext } from '../signals/test-support/signal-events';
import { AsOfReadModels } from './as-of-read-models';
import { SnapshotKeeper } from './snapshot-keeper';
import { SnapshotStore } from './snapshot-store';

const quiet = { log: () => undefined, error: () => undefined };
const HOUR = 3_600_000;
const START = Date.UTC(2026, 2, 5, 8);

/** Signals, norm conflicts and escalations whose deadline (2026-04-01 17:00) falls inside the log. */
const history = (): EventLog => {
  const log = new EventLog();
  const refs = ['Bbl art. 4.101', 'Omgevingsplan art. 22.3', 'Wet natuurbescherming art. 2.7'];
  for (let index = 0; index < 60; index += 1) {
    log.recorded({
      signalId: `s${index}`,
      type: index % 3 === 0 ? 'CONFLICTING_NORMS' : 'BARRIER',
      norms: index % 3 === 0 ? [{ ref: refs[index % 2] }, { ref: refs[2] }] : [],
      reportingAuthority: ['gm0344', 'gm0363', 'pv26'][index % 3],
      policyDomain: ['building', 'water', 'energy'][index % 3],
      observedAt: `2026-0${1 + (index % 3)}-${String(1 + (index % 28)).padStart(2, '0')}`,
      title: `Signaal ${index} over ${index % 2 === 0 ? 'warmtepompen' : 'dijken'}`,
    });
    if (index % 7 === 6) log.escalated(`e${index}`, [`s${index - 1}`, `s${index - 3}`]);
    if (index % 9 === 8) log.withdrawn(`s${index - 2}`);
    if (index % 10 === 9) log.amended(`s${index - 9}`, { policyDomain: 'soil' });
  }
  return log;
};

/** What the views answer at `now`: the figures time travel must reproduce. */
const views = (db: Database, now: Date): Record<string, unknown> => ({
  signals: listSignals(db, { first: 100 }),
  officerSignals: listSignals(db, { first: 100, visibleToAuthority: 'gm0363' }),
  stats: signalStats(db, { groupBy: ['POLICY_DOMAIN', 'TYPE'] }),
  conflicts: listNormConflicts(db, { first: 20 }),
  escalations: listEscalations(db, { first: 100, now }),
  board: escalationBoardSummary(db, { now }),
  accountability: accountability(db, { now }),
  feedbackLoop: feedbackLoop(db),
});

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
    for (const event of history().events) {
      clock += 12 * HOUR;
      const { id, type, data, metadata } = event;
      await store.append(event.streamId, [{ id, type, data, metadata }], { expectedRevision: 'ANY' });
    }
    events = await store.readAll();
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
      onBatchApplied: (db, last, applied) => keeper.afterBatch(db, projections, last, applied),
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
    });
  });

  afterAll(async () => {
    asOf.close();
    live.close();
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** A fresh rebuild of the log cut at `at`: every event recorded up to it, applied in a new file. */
  const rebuiltAt = (at: Date): Record<string, unknown> => {
    const db = new BetterSqlite3(':memory:');
    try {
      const cut = events.filter((event) => Date.parse(event.recordedAt) <= at.getTime());
      for (const projection of allProjections(testContext)) {
        projection.migrate(db);
        db.transaction(() => {
          for (const event of cut) projection.apply(db, event);
          projection.flush?.(db);
        })();
        projection.index?.(db);
      }
      return views(db, at);
    } finally {
      db.close();
    }
  };

  const recordedAtOf = (index: number): Date => new Date(events[index].recordedAt);

  it('keeps a bounded, thinned set of snapshots taken along the log', () => {
    const taken = snapshots.list();
    // Every 15 events (15, 30, 45, 60, 75), thinned to 3: the oldest, the newest and the middle.
    expect(taken.map((snapshot) => snapshot.position)).toEqual(['15', '45', '75']);
    expect(taken.map((snapshot) => snapshot.recordedAtMs)).toEqual(
      ['15', '45', '75'].map((position) => Date.parse(events[Number(position) - 1].recordedAt)),
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
