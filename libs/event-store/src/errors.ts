import { ExpectedRevision } from './event-store.port';

export class WrongExpectedRevision extends Error {
  readonly code = 'WRONG_EXPECTED_REVISION';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    /** The stream's current revision; -1 when the stream does not exist; undefined when unknown. */
    readonly actual: number | undefined,
  ) {
    super(
      `stream ${streamId}: expected revision ${String(expected)}, actual ${actual === undefined ? 'unknown' : actual}`,
    );
    this.name = 'WrongExpectedRevision';
  }
}

export class StreamNotFound extends Error {
  readonly code = 'STREAM_NOT_FOUND';
  constructor(readonly streamId: string) {
    super(`stream ${streamId} not found`);
    this.name = 'StreamNotFound';
  }
}

/**
 * The stream was deleted on the store (an EventStoreDB tombstone): unlike a stream never written,
 * it can be neither read nor written again, so callers must not take it for a new one.
 */
export class StreamDeleted extends Error {
  readonly code = 'STREAM_DELETED';
  constructor(readonly streamId: string) {
    super(`stream ${streamId} was deleted`);
    this.name = 'StreamDeleted';
  }
}

/** The store cannot take writes now (disk full, read-only, unreachable): the caller may retry later. */
export class StoreUnavailable extends Error {
  readonly code = 'STORE_UNAVAILABLE';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreUnavailable';
  }
}
