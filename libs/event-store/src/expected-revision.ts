import { ANY, ExpectedRevision, NO_STREAM, STREAM_EXISTS } from './event-store.port';

/** The revision of a stream that has no events. */
export const NO_REVISION = -1;

/**
 * Rejects values the port does not define. A numeric -1 is accepted and means "no stream", so a
 * caller that folds an empty stream to revision -1 gets the same check as `NO_STREAM`.
 */
export function assertExpectedRevision(expected: ExpectedRevision): void {
  if (typeof expected === 'number') {
    if (!Number.isSafeInteger(expected) || expected < NO_REVISION) {
      throw new RangeError(`expected revision must be an integer >= -1, got ${expected}`);
    }
    return;
  }
  if (expected !== NO_STREAM && expected !== STREAM_EXISTS && expected !== ANY) {
    throw new RangeError(`unknown expected revision ${String(expected)}`);
  }
}

/** EventStoreDB's rule: does a stream currently at `current` (-1: none) satisfy `expected`? */
export function isExpectedRevisionMet(expected: ExpectedRevision, current: number): boolean {
  switch (expected) {
    case ANY:
      return true;
    case NO_STREAM:
      return current === NO_REVISION;
    case STREAM_EXISTS:
      return current > NO_REVISION;
    default:
      return expected === current;
  }
}
