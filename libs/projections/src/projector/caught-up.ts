import type { Database } from 'better-sqlite3';
import type { CheckpointStore } from './checkpoint-store';
import { messageOf, type ProjectorLogger, type Slot } from './projector-types';

/**
 * What a projection gets once it has caught up with the log after a replay: the aggregates it
 * deferred (`Projection.aggregate`, in one transaction) and then its query indexes
 * (`Projection.index`). A failing aggregate halts the projection, with the reason in its
 * checkpoint (a rebuild waiting for it then fails); failing indexes are tried again after the next
 * batch.
 */
export function completeCaughtUp(
  db: Database,
  slots: readonly Slot[],
  isCaughtUp: (slot: Slot) => boolean,
  checkpoints: CheckpointStore,
  logger: ProjectorLogger,
): void {
  for (const slot of slots) {
    if ((slot.indexed && !slot.deferred) || slot.halted || !isCaughtUp(slot)) continue;
    const { projection } = slot;
    if (slot.deferred) {
      try {
        db.transaction(() => projection.aggregate?.(db))();
        slot.deferred = false;
      } catch (error) {
        const failure = `aggregating after the replay failed: ${messageOf(error)}`;
        Object.assign(slot, { halted: true, error: failure });
        const { position } = slot;
        checkpoints.update({
          name: projection.name,
          position,
          status: 'halted',
          error: failure,
          updatedAt: new Date().toISOString(),
        });
        logger.error(`${projection.name} halted: ${failure}`);
        continue;
      }
    }
    try {
      projection.index?.(db);
      slot.indexed = true;
    } catch (error) {
      logger.error(`${projection.name}: building its indexes failed: ${messageOf(error)}`);
    }
  }
}
