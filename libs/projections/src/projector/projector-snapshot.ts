import type { Position } from '@praktijklus/event-store';
import type { ProjectionStatus } from './projector-types';

/** Where one projection stands, as plain data (it crosses a thread boundary as a message). */
export interface ProjectionSnapshot {
  name: string;
  version: number;
  position: Position | null;
  halted: boolean;
  error: string | null;
  /** When the log head moved past it (ms since epoch); null while caught up. */
  behindSince: number | null;
}

/**
 * Everything `status()`, `headPosition` and `waitFor` answer from, as plain data: a projector
 * running in another thread sends it after every change, and the request loop answers from it
 * exactly as the projector itself would.
 */
export interface ProjectorSnapshot {
  slots: ProjectionSnapshot[];
  head: Position | null;
  /** Why the read-model file is unusable; null while it is sound. */
  damage: string | null;
}

type Compare = (a: Position, b: Position) => number;

const caughtUp = (snapshot: ProjectorSnapshot, position: Position | null, compare: Compare): boolean =>
  snapshot.head === null || (position !== null && compare(position, snapshot.head) >= 0);

/** The status of every projection at `now`, from a snapshot. */
export function statusOfSnapshot(
  snapshot: ProjectorSnapshot,
  now: number,
  compare: Compare,
  positionOrdinal: ((position: Position) => number) | undefined,
): ProjectionStatus[] {
  const { head, damage } = snapshot;
  return snapshot.slots.map((slot) => {
    const isCaughtUp = caughtUp(snapshot, slot.position, compare);
    const halted = slot.halted || damage !== null;
    return {
      name: slot.name,
      version: slot.version,
      position: slot.position,
      status: halted ? 'halted' : isCaughtUp ? 'running' : 'catching-up',
      error: damage ?? slot.error,
      lag: halted ? null : isCaughtUp ? 0 : now - (slot.behindSince ?? now),
      eventsBehind:
        positionOrdinal === undefined
          ? null
          : Math.max(
              0,
              (head === null ? 0 : positionOrdinal(head)) -
                (slot.position === null ? 0 : positionOrdinal(slot.position)),
            ),
    };
  });
}

/** True once every projection that is not halted has applied the event at `position`. */
export function snapshotReached(snapshot: ProjectorSnapshot, position: Position, compare: Compare): boolean {
  return snapshot.slots.every(
    (slot) => slot.halted || (slot.position !== null && compare(slot.position, position) >= 0),
  );
}
