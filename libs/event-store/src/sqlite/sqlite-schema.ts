/**
 * The log's table. `position` is the rowid: writers hold the write lock while inserting, so
 * positions grow in commit order and a reader never sees a later position before an earlier one.
 * Exported so tools that write to the file directly (fault injection) use the same shape.
 */
export const EVENTS_TABLE_DDL = `
CREATE TABLE IF NOT EXISTS events (
  position    INTEGER PRIMARY KEY,
  event_id    TEXT    NOT NULL,
  stream_id   TEXT    NOT NULL,
  revision    INTEGER NOT NULL,
  type        TEXT    NOT NULL,
  data        TEXT    NOT NULL,
  metadata    TEXT    NOT NULL,
  recorded_at TEXT    NOT NULL,
  CONSTRAINT events_event_id UNIQUE (event_id),
  CONSTRAINT events_stream_revision UNIQUE (stream_id, revision)
) STRICT`;

/** Parameters in order: event_id, stream_id, revision, type, data (JSON), metadata (JSON), recorded_at (ISO). */
export const INSERT_EVENT_SQL =
  'INSERT INTO events (event_id, stream_id, revision, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)';

export interface EventRow {
  position: number;
  event_id: string;
  stream_id: string;
  revision: number;
  type: string;
  data: string;
  metadata: string;
  recorded_at: string;
}
