import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { parsePostgresPosition, parseSqlitePosition, type EventStore } from '@praktijklus/event-store';
import {
  allProjections,
  HISTORY_FILE,
  type HistoryProjector,
  type HistoryProjectorOptions,
  keepSnapshots,
  openHistoryProjector,
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
  const positionOrdinal = positionOrdinalOf(settings);
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
    ...(positionOrdinal ? { positionOrdinal } : {}),
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

/** The ordinal of a position of the configured store, when its positions count events. */
export function positionOrdinalOf(settings: Settings): ((position: string) => number) | undefined {
  if (settings.eventStore === 'sqlite') return parseSqlitePosition;
  if (settings.eventStore === 'postgres') return parsePostgresPosition;
  return undefined;
}

/**
 * Time travel's history (READMODELS_DIR/history.sqlite) and the projector that keeps it up with the
 * log (call its `start`), when TIME_TRAVEL_HISTORY is on and the store's positions count events
 * (not EventStoreDB's).
 */
export function historyProjectorOf(
  settings: Settings,
  store: EventStore,
  reference: ReferenceData,
  options: Omit<HistoryProjectorOptions, 'file' | 'store' | 'projections' | 'positionOrdinal'> = {},
): HistoryProjector | undefined {
  const positionOrdinal = positionOrdinalOf(settings);
  if (!historyKept(settings) || positionOrdinal === undefined) return undefined;
  return openHistoryProjector({
    ...options,
    file: join(settings.readModelsDir, HISTORY_FILE),
    store,
    projections: allProjections({ layerOf: (authority: string) => reference.layerOf(authority) }),
    positionOrdinal,
  });
}

/** Whether time travel keeps a history: TIME_TRAVEL_HISTORY is on and the store's positions count events. */
export const historyKept = (settings: Settings): boolean =>
  settings.timeTravel.history && positionOrdinalOf(settings) !== undefined;
