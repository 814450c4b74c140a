import {
  AccessDeniedError,
  ANY as ESDB_ANY,
  AppendExpectedRevision,
  CancelledError,
  convertToCommandError,
  CurrentRevision,
  DeadlineExceededError,
  EventData,
  jsonEvent,
  NO_STREAM as ESDB_NO_STREAM,
  NotLeaderError,
  Position as EsdbPosition,
  ResolvedEvent,
  AllStreamResolvedEvent,
  STREAM_EXISTS as ESDB_STREAM_EXISTS,
  StreamDeletedError,
  StreamNotFoundError,
  TimeoutError,
  UnavailableError,
  UnknownError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import { StoreUnavailable, StreamDeleted, StreamNotFound, WrongExpectedRevision } from '../errors';
import {
  ANY,
  EventMetadata,
  ExpectedRevision,
  NewEvent,
  NO_STREAM,
  Position,
  RecordedEvent,
  STREAM_EXISTS,
} from '../event-store.port';
import { NO_REVISION } from '../expected-revision';

export type { EsdbPosition };

/** The port's expected revision as the client wants it; -1 is "no stream" on both sides. */
export function toEsdbExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
  switch (expected) {
    case ANY:
      return ESDB_ANY;
    case NO_STREAM:
      return ESDB_NO_STREAM;
    case STREAM_EXISTS:
      return ESDB_STREAM_EXISTS;
    default:
      return expected === NO_REVISION ? ESDB_NO_STREAM : BigInt(expected);
  }
}

/** The client's current revision as the port reports it: -1 for a stream without events. */
export function fromEsdbCurrentRevision(current: CurrentRevision | undefined): number | undefined {
  if (current === undefined) return undefined;
  return current === ESDB_NO_STREAM ? NO_REVISION : Number(current);
}

/** `<commit>/<prepare>`, both decimal: opaque to callers, who compare with `compareEsdbPositions`. */
export function serializeEsdbPosition(position: EsdbPosition): Position {
  return `${position.commit}/${position.prepare}`;
}

export function parseEsdbPosition(position: Position): EsdbPosition {
  const match = /^(\d+)\/(\d+)$/.exec(position);
  if (match === null) throw new RangeError(`not an EventStoreDB position: ${position}`);
  return { commit: BigInt(match[1]), prepare: BigInt(match[2]) };
}

export function compareEsdbPositions(a: EsdbPosition, b: EsdbPosition): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}

export function toEsdbEventData(event: NewEvent): EventData {
  return jsonEvent({ id: event.id, type: event.type, data: event.data, metadata: { ...event.metadata } });
}

/** Same rule as the client's `excludeSystemEvents()` filter: event types starting with `$`. */
export function isSystemEventType(type: string): boolean {
  return type.startsWith('$');
}

/**
 * Which streams are ours on a cluster other applications may share: those starting with one of
 * `prefixes`, or without prefixes every stream that is not a system stream.
 */
export function ownStreams(prefixes: readonly string[] | undefined): (streamId: string) => boolean {
  if (prefixes === undefined) return (streamId) => !streamId.startsWith('$');
  for (const prefix of prefixes) {
    if (prefix === '' || prefix.startsWith('$'))
      throw new RangeError(`not a stream prefix of ours: ${JSON.stringify(prefix)}`);
  }
  return (streamId) => prefixes.some((prefix) => streamId.startsWith(prefix));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array)
  );
}

function isEventMetadata(value: unknown): value is EventMetadata {
  return (
    isRecord(value) &&
    isRecord(value.actor) &&
    typeof value.correlationId === 'string' &&
    typeof value.causationId === 'string' &&
    typeof value.schemaVersion === 'number'
  );
}

/** The position of a read event: the event's own, or for older servers the record's commit position. */
export function positionOf(resolved: ResolvedEvent | AllStreamResolvedEvent): EsdbPosition | undefined {
  const position = resolved.event?.position;
  if (position !== undefined) return position;
  return resolved.commitPosition === undefined
    ? undefined
    : { commit: resolved.commitPosition, prepare: resolved.commitPosition };
}

/**
 * One of our events as the port describes it, or undefined for what is not ours to deliver:
 * system events, unresolved links and binary events. A JSON event that does not have the shape we
 * write is an error rather than silently skipped, so a projection halts visibly on it.
 */
export function toRecordedEvent(resolved: ResolvedEvent | AllStreamResolvedEvent): RecordedEvent | undefined {
  const event = resolved.event;
  if (event === undefined || isSystemEventType(event.type) || !event.isJson) return undefined;
  const where = `event ${event.id} in ${event.streamId}`;
  const position = positionOf(resolved);
  if (position === undefined)
    throw new Error(`${where}: the server reported no position (EventStoreDB >= 22.6 needed)`);
  if (!isRecord(event.data)) throw new TypeError(`${where}: data is not a JSON object`);
  if (!isEventMetadata(event.metadata))
    throw new TypeError(`${where}: metadata lacks actor, ids or schema version`);
  return {
    id: event.id,
    type: event.type,
    data: event.data,
    metadata: event.metadata,
    streamId: event.streamId,
    revision: Number(event.revision),
    position: serializeEsdbPosition(position),
    recordedAt: event.created.toISOString(),
  };
}

/** A call refused by a follower, which a retry sends to the leader. */
export function isNotLeader(raw: unknown): boolean {
  return raw instanceof Error && convertToCommandError(raw) instanceof NotLeaderError;
}

/**
 * Client errors as the port's: conflicts, missing or deleted streams, and a cluster that cannot serve now
 * (unreachable, a node shutting down, no leader, our credentials refused, a fault it does not name).
 */
export function toPortError(
  raw: unknown,
  context: { streamId?: string; expected?: ExpectedRevision } = {},
): unknown {
  // Some calls (the batch append) reject with a bare gRPC error; the client's own converter names it.
  const error = raw instanceof Error ? convertToCommandError(raw) : raw;
  if (error instanceof WrongExpectedVersionError) {
    return new WrongExpectedRevision(
      context.streamId ?? error.streamName,
      context.expected ?? ANY,
      fromEsdbCurrentRevision(error.actualVersion),
    );
  }
  if (error instanceof StreamNotFoundError) return new StreamNotFound(context.streamId ?? error.streamName);
  if (error instanceof StreamDeletedError) return new StreamDeleted(context.streamId ?? error.streamName);
  if (
    error instanceof UnavailableError ||
    error instanceof DeadlineExceededError ||
    error instanceof TimeoutError ||
    error instanceof NotLeaderError ||
    error instanceof CancelledError ||
    error instanceof AccessDeniedError ||
    error instanceof UnknownError
  ) {
    return new StoreUnavailable(`EventStoreDB unavailable: ${error.message}`, { cause: error });
  }
  return raw;
}
