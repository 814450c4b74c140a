import { WrongExpectedRevision } from '../errors';
import {
  ANY,
  type AppendResult,
  type ExpectedRevision,
  type Position,
  type RecordedEvent,
  STREAM_EXISTS,
} from '../event-store.port';
import { isExpectedRevisionMet } from '../expected-revision';

/** A row of `events` as node-postgres hands it over (bigint as text, json parsed, timestamptz as Date). */
export interface PostgresEventRow {
  position: string;
  event_id: string;
  stream_id: string;
  revision: number;
  type: string;
  data: RecordedEvent['data'];
  metadata: RecordedEvent['metadata'];
  recorded_at: Date;
}

export const EVENT_COLUMNS = 'position, event_id, stream_id, revision, type, data, metadata, recorded_at';

/** Positions are the gap-free `position` column, serialised as decimal strings like SQLite's rowids. */
export function serializePostgresPosition(position: number): Position {
  return String(position);
}

export function parsePostgresPosition(position: Position): number {
  const value = /^\d+$/.test(position) ? Number(position) : Number.NaN;
  if (!Number.isSafeInteger(value))
    throw new RangeError(`not a PostgreSQL event store position: ${position}`);
  return value;
}

export function toRecordedEvent(row: PostgresEventRow): RecordedEvent {
  return {
    id: row.event_id,
    type: row.type,
    data: row.data,
    metadata: row.metadata,
    streamId: row.stream_id,
    revision: row.revision,
    position: serializePostgresPosition(Number(row.position)),
    recordedAt: row.recorded_at.toISOString(),
  };
}

/** Where an event id already in the log was written. */
export interface KnownEvent {
  event_id: string;
  stream_id: string;
  revision: number;
  position: string;
}

/**
 * EventStoreDB's idempotency, as the SQLite adapter keeps it: when every id was already written,
 * in this order, to this stream, right after the revision the caller expected, the first result
 * is returned and nothing is written. Any other overlap with existing ids is a conflict.
 */
export function replay(
  streamId: string,
  expected: ExpectedRevision,
  known: Array<KnownEvent | undefined>,
  current: number,
): AppendResult {
  const first = known[0];
  const last = known[known.length - 1];
  const sameWrite =
    first !== undefined &&
    last !== undefined &&
    known.every((row, index) => row?.stream_id === streamId && row.revision === first.revision + index);
  const expectedBefore =
    expected === ANY ||
    expected === STREAM_EXISTS ||
    isExpectedRevisionMet(expected, (first?.revision ?? 0) - 1);
  if (!sameWrite || !expectedBefore) throw new WrongExpectedRevision(streamId, expected, current);
  return { nextRevision: last.revision, position: serializePostgresPosition(Number(last.position)) };
}
