import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { SqliteEventStore } from '@praktijklus/event-store';
import { createNormConflictsProjection } from '../norm-conflicts/norm-conflicts.projection';
import { listNormConflicts } from '../norm-conflicts/norm-conflicts.queries';
import type { Projection } from '../projection';
import { openReadModels } from '../read-models';
import { createSignalStatsProjection } from '../signal-stats/signal-stats.projection';
import { SIGNAL_DIMENSIONS, signalStats } from '../signal-stats/signal-stats.queries';
import { createSignalsProjection } from '../signals/signals.projection';
import { listSignals } from '../signals/signals.queries';
import { applyAll, EventLog, testContext } from '../signals/test-support/signal-events';
import { Projector } from './projector';
import { rebuildReadModelsFile } from './rebuild-file';
import { createCountingProjection } from './test-support/counting.projection';

const quiet = { log: () => undefined, error: () => undefined };

const mine = (): Projection[] => [
  createSignalsProjection(testContext),
  createSignalStatsProjection(testContext),
  createNormConflictsProjection(testContext),
];

const history = (): EventLog => {
  const log = new EventLog();
  const refs = ['Bbl art. 4.101', 'Omgevingsplan art. 22.3', 'Wet natuurbescherming art. 2.7'];
  for (let index = 0; index < 40; index += 1) {
    log.recorded({
      signalId: `s${index}`,
      type: index % 3 === 0 ? 'CONFLICTING_NORMS' : 'BARRIER',
      norms: index % 3 === 0 ? [{ ref: refs[index % 2] }, { ref: refs[2] }] : [],
      reportingAuthority: ['gm0344', 'gm0363', 'pv26'][index % 3],
      policyDomain: ['building', 'water', 'energy', 'nature'][index % 4],
      observedAt: `2026-0${1 + (index % 3)}-${String(1 + (index % 28)).padStart(2, '0')}`,
      title: `Signaal ${index} over ${index % 2 === 0 ? 'warmtepompen' : 'dijken'}`,
    });
    if (index % 7 === 6) log.escalated(`e${index}`, [`s${index - 1}`, `s${index - 3}`]);
    if (index % 9 === 8) log.withdrawn(`s${index - 2}`);
    if (index % 10 === 9) log.amended(`s${index - 9}`, { policyDomain: 'soil', observedAt: '2026-03-15' });
  }
  log.duplicate('s4', 's3');
  log.classified('s5', ['geluid'], 'environment');
  return log;
};

/** What the three read models answer, over every grouping of the statistics. */
const answers = (db: Database) => ({
  signals: listSignals(db, { first: 100, filter: { statuses: ['ACTIVE', 'DUPLICATE', 'WITHDRAWN'] } }),
  search: listSignals(db, { first: 100, search: 'warmtepomp' }).rows.map((row) => row.id),
  stats: SIGNAL_DIMENSIONS.map((dimension) => signalStats(db, { groupBy: [dimension], bucket: 'WEEK' })),
  conflicts: listNormConflicts(db, { first: 100 }),
});

describe('signals, statistics and norm conflicts fed by the projector', () => {
  let dir: string;
  let store: SqliteEventStore;
  let db: Database;
  let projector: Projector | undefined;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'read-models-'));
    store = SqliteEventStore.open({ file: path.join(dir, 'events.sqlite'), synchronous: 'NORMAL' });
    db = openReadModels(path.join(dir, 'readmodels.sqlite'));
  });

  afterEach(async () => {
    await projector?.stop();
    await store.close();
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Appends the history and projects it in batches of three; answers what the projector made. */
  const projectHistory = async (): Promise<ReturnType<typeof answers>> => {
    let last = '';
    for (const event of history().events) {
      const { id, type, data, metadata } = event;
      const written = await store.append(event.streamId, [{ id, type, data, metadata }], {
        expectedRevision: 'ANY',
      });
      last = written.position;
    }
    projector = new Projector({ store, db, projections: mine(), batchSize: 3, logger: quiet });
    await projector.start();
    expect(await projector.waitFor(last, 5000)).toBe(true);
    expect(projector.status().map((status) => status.status)).toEqual(['running', 'running', 'running']);
    return answers(db);
  };

  /** The same events as the store hands them out (its positions and times), in one batch. */
  const answersInOneBatch = async (): Promise<ReturnType<typeof answers>> => {
    const stored = await store.readAll();
    const reference = new BetterSqlite3(':memory:');
    try {
      for (const projection of mine()) {
        projection.migrate(reference);
        applyAll(reference, projection, stored);
      }
      return answers(reference);
    } finally {
      reference.close();
    }
  };

  it('answers the same in small batches, in one batch and after a rebuild', async () => {
    const live = await projectHistory();
    expect(live).toEqual(await answersInOneBatch());
    expect(live.signals.totalCount).toBe(40);
    expect(live.conflicts.length).toBeGreaterThan(0);
    expect(live.stats[0].reduce((sum, row) => sum + row.count, 0)).toBe(36);

    await projector?.rebuild();
    expect(answers(db)).toEqual(live);
  });

  it("answers the same on the projector thread's connection, whose temporary tables and sorts are files", async () => {
    db.close();
    db = openReadModels(path.join(dir, 'readmodels.sqlite'), { tempStore: 'FILE' });
    expect(db.pragma('temp_store', { simple: true })).toBe(1);
    const live = await projectHistory();
    expect(live).toEqual(await answersInOneBatch());
    expect(live.signals.totalCount).toBe(40);
  });

  it('rebuilds into a new file that replaces the old one, and keeps the old one when a projection or the file fails', async () => {
    const file = path.join(dir, 'readmodels.sqlite');
    const log = history();
    let last = '';
    for (const event of log.events) {
      const { id, type, data, metadata } = event;
      last = (await store.append(event.streamId, [{ id, type, data, metadata }], { expectedRevision: 'ANY' }))
        .position;
    }
    projector = new Projector({ store, db, projections: mine(), batchSize: 7, logger: quiet });
    await projector.start();
    expect(await projector.waitFor(last, 5000)).toBe(true);
    await projector.stop();
    projector = undefined;
    const live = answers(db);
    // Writes still in the old file's write-ahead log, as a running server leaves them.
    db.pragma('wal_autocheckpoint = 0');
    db.exec('CREATE TABLE stale (x); INSERT INTO stale VALUES (1)');

    const progress: number[] = [];
    await rebuildReadModelsFile({
      store,
      file,
      projections: mine(),
      logger: quiet,
      onProgress: (done) => progress.push(done),
    });
    db.close();
    db = openReadModels(file);
    expect(answers(db)).toEqual(live);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'stale'").get()).toBeUndefined();
    expect(progress.at(-1)).toBe(log.events.length);
    expect(fs.readdirSync(dir).filter((name) => name.includes('rebuilding'))).toEqual([]);

    const halting = [...mine(), createCountingProjection({ failOn: (event) => event.position === last })];
    await expect(rebuildReadModelsFile({ store, file, projections: halting, logger: quiet })).rejects.toThrow(
      /counting halted/,
    );
    expect(answers(db)).toEqual(live);
    expect(fs.readdirSync(dir).filter((name) => name.includes('rebuilding'))).toEqual([]);

    // A failing file is not retried: the partial file may hold half a batch.
    const full = () => Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    const failing = [
      ...mine(),
      createCountingProjection({ failOn: (event) => event.position === last, failure: full }),
    ];
    await expect(rebuildReadModelsFile({ store, file, projections: failing, logger: quiet })).rejects.toThrow(
      /disk is full/,
    );
    expect(answers(db)).toEqual(live);
    expect(fs.readdirSync(dir).filter((name) => name.includes('rebuilding'))).toEqual([]);
  });
});
