import { join } from 'node:path';
import { allProjections, HISTORY_FILE, HistoryReadModels, versionsOf } from '@praktijklus/projections';
import type { ReferenceData } from '@praktijklus/reference';
import { historyKept, positionOrdinalOf, type Settings } from '@praktijklus/config';

/**
 * The reader of time travel's history in READMODELS_DIR (ProjectionsModule's thread keeps it),
 * when TIME_TRAVEL_HISTORY is on and the store's positions count events; otherwise undefined.
 */
export function historyReadModelsOf(
  settings: Settings,
  reference: ReferenceData,
): HistoryReadModels | undefined {
  const positionOrdinal = positionOrdinalOf(settings);
  if (!historyKept(settings) || positionOrdinal === undefined) return undefined;
  const projections = allProjections({ layerOf: (authority) => reference.layerOf(authority) });
  return new HistoryReadModels({
    file: join(settings.readModelsDir, HISTORY_FILE),
    versions: versionsOf(projections),
    positionOrdinal,
    openCuts: settings.timeTravel.openCuts,
    cacheMiB: Math.max(2, Math.floor(settings.timeTravel.cacheMiB / settings.timeTravel.openCuts)),
  });
}
