import type { Database } from 'better-sqlite3';
import { parsePostgresPosition, parseSqlitePosition, type EventStore } from '@praktijklus/event-store';
import {
  allProjections,
  keepSnapshots,
  Projector,
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
  return {
    store,
    projections,
    ...keepSnapshots({
      readModelsDir: settings.readModelsDir,
      intervalEvents: snapshotIntervalEvents,
      keep: snapshotKeep,
      comparePositions: (a, b) => store.comparePositions(a, b),
      projections,
      ...(logger ? { log: (message: string) => logger.log(message) } : {}),
    }),
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
