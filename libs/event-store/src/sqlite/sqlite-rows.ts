import type { NewEvent, Position, RecordedEvent } from '../event-store.port';
import type { EventRow } from './sqlite-schema';

export interface EncodedEvent {
  id: string;
  type: string;
  data: string;
  metadata: string;
}

/** Positions are rowids, serialised as decimal strings. */
export function serializeSqlitePosition(position: number): Position {
  return String(position);
}

export function parseSqlitePosition(position: Position): number {
  const value = /^\d+$/.test(position) ? Number(position) : Number.NaN;
  if (!Number.isSafeInteger(value)) throw new RangeError(`not a SQLite event store position: ${position}`);
  return value;
}

export function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    id: row.event_id,
    type: row.type,
    data: JSON.parse(row.data),
    metadata: JSON.parse(row.metadata),
    streamId: row.stream_id,
    revision: row.revision,
    position: serializeSqlitePosition(row.position),
    recordedAt: row.recorded_at,
  };
}

export function encode(events: NewEvent[]): EncodedEvent[] {
  const ids = new Set<string>();
  return events.map((event) => {
    if (ids.has(event.id)) throw new RangeError(`event id ${event.id} appears twice in one append`);
    ids.add(event.id);
    if (typeof event.data !== 'object' || event.data === null) {
      throw new TypeError(`event ${event.id}: data must be an object`);
    }
    // Serialised now, so a caller mutating its objects after append() cannot change what is stored.
    return {
      id: event.id,
      type: event.type,
      data: JSON.stringify(event.data),
      metadata: JSON.stringify(event.metadata),
    };
  });
}
