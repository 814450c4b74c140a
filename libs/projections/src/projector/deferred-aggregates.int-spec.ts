import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import type { NormReference, SignalType } from '@praktijklus/domain';
import { SqliteEventStore } from '@praktijklus/event-store';
import { allProjections } from '../index';
import type { Projection } from '../projection';
import { openReadModels } from '../read-models';
import { dumpTables, EventLog, testContext } from '../signals/test-support/signal-events';
import { SnapshotKeeper } from '../time-travel/snapshot-keeper';
import { SnapshotStore } from '../time-travel/snapshot-store';
import { Projector } from './projector';
import { rebuildReadModelsFile } from './rebuild-file';

const quiet = { log: () => undefined, error: () => undefined };

/** A small deterministic generator, so a failure can be replayed. */
const random = (seed: number): (() => number) => {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
};

const NORMS: NormReference[] = [
  { ref: 'Bbl art. 4.101', title: 'Geluid van installaties' },
  { ref: 'bbl  art. 4.101', title: 'Geluid installaties' },
  { ref: 'Omgevingsplan art. 22.3' },
  { ref: 'Wet natuurbescherming art. 2.7', title: 'Vergunningplicht Natura 2000' },
  { ref: 'Waterschapsverordening art. 3.1', title: 'Peilbesluit' },
  { ref: 'Bkl art. 5.12' },
];
const TYPES: SignalType[] = ['CONFLICTING_NORMS', 'CONFLICTING_NORMS', 'BARRIER', 'UNCLEAR_AUTHORITY'];
const AUTHORITIES = ['gm0344', 'gm0363', 'pv26', 'ws0155', 'xx0001'];
const DOMAINS = ['building', 'water', 'energy', 'nature', 'soil'];

/**
 * Every kind of change a signal goes through, many times over, in a seeded order: recorded with
 * zero to four norms, amended (type, norms, domain, day, authorities), classified, escalated, given more
 * signals, marked duplicate, withdrawn.
 */
const realisticLog = (signals: number, seed: number): EventLog => {
  const next = random(seed);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)];
  const norms = (): NormReference[] => Array.from({ length: Math.floor(next() * 5) }, () => pick(NORMS));
  const day = (): string =>
    `2026-0${1 + Math.floor(next() * 6)}-${String(1 + Math.floor(next() * 28)).padStart(2, '0')}`;
  const log = new EventLog();
  const ids: string[] = [];
  let escalations = 0;
  for (let index = 0; index < signals; index += 1) {
    const signalId = `s${index}`;
    ids.push(signalId);
    log.recorded({
      signalId,
      type: pick(TYPES),
      norms: norms(),
      reportingAuthority: pick(AUTHORITIES),
      authorities: [pick(AUTHORITIES), pick(AUTHORITIES)],
      policyDomain: pick(DOMAINS),
      observedAt: day(),
      title: `Signaal ${index}`,
    });
    const roll = next();
    const earlier = ids[Math.floor(next() * ids.length)];
    if (roll < 0.08) log.amended(earlier, { norms: norms(), type: pick(TYPES) });
    else if (roll < 0.14)
      log.amended(earlier, {
        policyDomain: pick(DOMAINS),
        observedAt: day(),
        authorities: [pick(AUTHORITIES)],
      });
    else if (roll < 0.18) log.classified(earlier, ['geluid'], pick(DOMAINS));
    else if (roll < 0.22) log.duplicate(earlier, pick(ids));
    else if (roll < 0.26) log.withdrawn(earlier);
    else if (roll < 0.32) {
      escalations += 1;
      log.escalated(`e${escalations}`, [earlier, pick(ids)]);
    } else if (roll < 0.36 && escalations > 0) log.attached(`e${escalations}`, [earlier]);
  }
  return log;
};

/**
 * Every table of the read models but the checkpoints (which carry the time of writing) and the
 * full-text index's shadow tables (laid out by how the rows were cut into transactions).
 */
const everyRow = (db: Database): Record<string, unknown[]> => {
  const tables = db
    .prepare<[], { name: string }>(
      `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
       AND name NOT IN ('projector_checkpoints', 'time_travel_snapshot') AND sql NOT LIKE '%VIRTUAL%'
       AND name NOT LIKE '%\\_fts\\_%' ESCAPE '\\'
       ORDER BY name`,
    )
    .all()
    .map((row) => row.name);
  return dumpTables(db, tables);
};

describe('a rebuild that computes the aggregates once caught up', () => {
  let dir: string;
  let store: SqliteEventStore;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deferred-aggregates-'));
    store = SqliteEventStore.open({ file: path.join(dir, 'events.sqlite'), synchronous: 'OFF' });
    for (const event of realisticLog(1500, 11).events) {
      const { id, type, data, metadata } = event;
      await store.append(event.streamId, [{ id, type, data, metadata }], { expectedRevision: 'ANY' });
    }
  });

  afterEach(async () => {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('leaves the same rows in every table as the live projector, event by event', async () => {
    const live = openReadModels(path.join(dir, 'live.sqlite'));
    const projector = new Projector({
      store,
      db: live,
      projections: allProjections(testContext),
      batchSize: 7,
      logger: quiet,
    });
    await projector.start();
    const head = await store.headPosition();
    expect(head).toBeDefined();
    expect(await projector.waitFor(head ?? '', 30_000)).toBe(true);
    await projector.stop();

    const aggregated: string[] = [];
    const counted = allProjections(testContext).map((projection): Projection => {
      const { aggregate } = projection;
      if (aggregate === undefined) return projection;
      return {
        ...projection,
        aggregate: (db) => {
          aggregated.push(projection.name);
          aggregate(db);
        },
      };
    });
    const file = path.join(dir, 'rebuilt.sqlite');
    await rebuildReadModelsFile({ store, file, projections: counted, rebuildBatchSize: 250, logger: quiet });
    expect(aggregated).toEqual(['signal-stats', 'norm-conflicts', 'accountability', 'policy-changes']);

    const rebuilt = new BetterSqlite3(file, { readonly: true });
    const expected = everyRow(live);
    expect(expected['norm_conflicts_pairs'].length).toBeGreaterThanOrEqual(8);
    expect(expected['norm_conflicts_titles'].length).toBeGreaterThan(5);
    expect(expected['signal_stats_by_day'].length).toBeGreaterThan(100);
    expect(everyRow(rebuilt)).toEqual(expected);
    rebuilt.close();
    live.close();
  });

  it('takes the same snapshots along the way as the live projector', async () => {
    const snapshotsOf = async (
      name: string,
      replay: (projections: Projection[], keep: SnapshotKeeper) => Promise<void>,
    ) => {
      const keeper = new SnapshotKeeper({
        store: new SnapshotStore(path.join(dir, name)),
        intervalEvents: 400,
        keep: 100,
        comparePositions: (a, b) => store.comparePositions(a, b),
      });
      await replay(allProjections(testContext), keeper);
      return new SnapshotStore(path.join(dir, name)).list().map((snapshot) => {
        const copy = new BetterSqlite3(snapshot.file, { readonly: true });
        const rows = { position: snapshot.position, rows: everyRow(copy) };
        copy.close();
        return rows;
      });
    };
    const live = await snapshotsOf('live', async (projections, keeper) => {
      const db = openReadModels(path.join(dir, 'live.sqlite'));
      const projector = new Projector({
        store,
        db,
        projections,
        batchSize: 500,
        logger: quiet,
        onBatchApplied: (at, last, applied, deferred) =>
          keeper.afterBatch(at, projections, last, applied, deferred),
      });
      await projector.start();
      expect(await projector.waitFor((await store.headPosition()) ?? '', 30_000)).toBe(true);
      await projector.stop();
      db.close();
    });
    const rebuilt = await snapshotsOf('rebuilt', (projections, keeper) =>
      rebuildReadModelsFile({
        store,
        file: path.join(dir, 'rebuilt.sqlite'),
        projections,
        rebuildBatchSize: 500,
        logger: quiet,
        onBatchApplied: (at, last, applied, deferred) =>
          keeper.afterBatch(at, projections, last, applied, deferred),
      }),
    );
    expect(live.length).toBeGreaterThan(2);
    expect(rebuilt.map((snapshot) => snapshot.position)).toEqual(live.map((snapshot) => snapshot.position));
    for (const [index, snapshot] of rebuilt.entries()) {
      expect(snapshot.rows['signal_stats_by_overall'].length).toBeGreaterThan(0);
      expect(snapshot.rows).toEqual(live[index].rows);
    }
  });

  it('fails the rebuild and keeps the old file when computing the aggregates fails', async () => {
    const file = path.join(dir, 'readmodels.sqlite');
    fs.writeFileSync(file, '');
    const failing = allProjections(testContext).map((projection): Projection =>
      projection.aggregate === undefined
        ? projection
        : {
            ...projection,
            aggregate: () => {
              throw new Error('no room for the cuboids');
            },
          },
    );
    await expect(rebuildReadModelsFile({ store, file, projections: failing, logger: quiet })).rejects.toThrow(
      /signal-stats halted during the rebuild: aggregating after the replay failed: no room for the cuboids/,
    );
    expect(fs.readdirSync(dir).filter((name) => name.includes('rebuilding'))).toEqual([]);
    expect(fs.statSync(file).size).toBe(0);
  });
});
