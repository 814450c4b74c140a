import type { Database } from 'better-sqlite3';
import {
  parsePostgresPosition,
  parseSqlitePosition,
  type EventStore,
  type RecordedEvent,
} from '@praktijklus/event-store';
import {
  allProjections,
  Projector,
  SnapshotKeeper,
  snapshotStoreOf,
  type ProjectorLogger,
  type ProjectorOptions,
} from '@praktijklus/projections';
import type { ReferenceData } from '@praktijklus/reference';
import type { Settings } from './settings';

/** The projector's options over every read model, as the server and the CLI's rebuild use them. */
export function projectorOptions(
  settings: Settings,
  store: EventStore,
  reference: ReferenceData,
  logger?: ProjectorLogger,
): Omit<ProjectorOptions, 'db'> {
  const projections = allProjections({ layerOf: (authority: string) => reference.layerOf(authority) });
  const { snapshotIntervalEvents, snapshotKeep } = settings.timeTravel;
  const keeper =
    snapshotIntervalEvents > 0
      ? new SnapshotKeeper({
          store: snapshotStoreOf(settings.readModelsDir),
          intervalEvents: snapshotIntervalEvents,
          keep: snapshotKeep,
          comparePositions: (a, b) => store.comparePositions(a, b),
          ...(logger ? { log: (message: string) => logger.log(message) } : {}),
        })
      : undefined;
  return {
    store,
    projections,
    ...(keeper
      ? {
          onBatchApplied: (db: Database, last: RecordedEvent, applied: number) =>
            keeper.afterBatch(db, projections, last, applied),
        }
      : {}),
    // SQLite and PostgreSQL positions count events, which gives lag in events and rebuild totals.
    ...(settings.eventStore === 'sqlite' ? { positionOrdinal: parseSqlitePosition } : {}),
    ...(settings.eventStore === 'postgres' ? { positionOrdinal: parsePostgresPosition } : {}),
    ...(logger ? { logger } : {}),
  };
}

/** The projector over every read model, as the server and the CLI's rebuild both run it. */
export function createProjector(
  settings: Settings,
  store: EventStore,
  db: Database,
  reference: ReferenceData,
  logger?: ProjectorLogger,
): Projector {
  return new Projector({ ...projectorOptions(settings, store, reference, logger), db });
}
