/** An opaque, serialised global log position; compare only with `EventStore.comparePositions`. */
export type Position = string;

export const NO_STREAM = 'NO_STREAM' as const;
export const STREAM_EXISTS = 'STREAM_EXISTS' as const;
export const ANY = 'ANY' as const;

/** Revisions are 0-based: the first event of a stream has revision 0. */
export type ExpectedRevision = number | typeof NO_STREAM | typeof STREAM_EXISTS | typeof ANY;

/**
 * Who appended an event, as the store keeps it. The store does not interpret roles: the domain owns
 * `Actor` and `Role`, and its `Actor` fits here as it is.
 */
export interface EventActor {
  sub: string;
  name?: string;
  authority: string;
  roles: string[];
}

export interface EventMetadata {
  actor: EventActor;
  correlationId: string;
  causationId: string;
  schemaVersion: number;
  /**
   * W3C `traceparent` of the span that appended the event, when tracing is on: the projector's
   * span for the event continues that trace. Absent on events written without tracing (and on
   * every event written before it existed).
   */
  traceparent?: string;
}

export type EventData = Record<string, unknown>;

export interface NewEvent {
  /** A UUID; unique across the store. */
  id: string;
  type: string;
  data: EventData;
  metadata: EventMetadata;
}

export interface RecordedEvent {
  id: string;
  type: string;
  data: EventData;
  metadata: EventMetadata;
  streamId: string;
  revision: number;
  position: Position;
  /** ISO 8601, set by the store when the event was committed. */
  recordedAt: string;
}

export interface AppendResult {
  /** The revision of the last event written, i.e. the stream's current revision. */
  nextRevision: number;
  /** The position of the last event written. */
  position: Position;
}

export interface ReadAllOptions {
  /** Exclusive: events strictly after this position. Omitted: from the start of the log. */
  from?: Position;
  /** At most this many events. Omitted: to the end of the log. */
  limit?: number;
}

export interface ReadStreamOptions {
  /** Inclusive: events from this revision on. Default 0. */
  fromRevision?: number;
  /** A stream without events: `'throw'` StreamNotFound (the default) or answer `'empty'`. */
  whenMissing?: 'throw' | 'empty';
}

export interface SubscribeAllOptions {
  /** Exclusive: events strictly after this position. Omitted: from the start of the log. */
  from?: Position;
}

/** An async iterable of events; `close()` ends it and releases resources. */
export interface Subscription extends AsyncIterable<RecordedEvent> {
  close(): Promise<void>;
}

export interface EventStore {
  append(
    streamId: string,
    events: NewEvent[],
    options: { expectedRevision: ExpectedRevision },
  ): Promise<AppendResult>;
  /**
   * Events of one stream in revision order; throws `StreamNotFound` when it has none, or answers
   * `[]` with `whenMissing: 'empty'` (for callers to whom a new stream is the normal case).
   */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /** One page of the global log in commit order. */
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  /** Catch up from `from`, then receive live events, without a miss or duplicate at the boundary. */
  subscribeAll(options?: SubscribeAllOptions): Subscription;
  /** The position of the newest event, or undefined for an empty log. */
  headPosition(): Promise<Position | undefined>;
  comparePositions(a: Position, b: Position): number;
  /** Reachable and usable. */
  ping(): Promise<void>;
  /** Whether the storage itself refuses writes now (full, read-only); adapters that cannot tell omit it. */
  writeHealth?(): WriteHealth;
  close(): Promise<void>;
}

export interface WriteHealth {
  /** False from a write refused for storage reasons (or a file not writable at open) until one succeeds. */
  writable: boolean;
  /** The storage's reason, e.g. `SQLITE_READONLY` or `SQLITE_FULL`; absent while writable. */
  error?: string;
}
