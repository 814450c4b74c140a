import {
  AllStreamResolvedEvent,
  StreamDeletedError,
  StreamNotFoundError,
  UnavailableError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import { StoreUnavailable, StreamDeleted, StreamNotFound, WrongExpectedRevision } from '../errors';
import { ANY, EventMetadata, NO_STREAM, STREAM_EXISTS } from '../event-store.port';
import {
  compareEsdbPositions,
  fromEsdbCurrentRevision,
  parseEsdbPosition,
  serializeEsdbPosition,
  toEsdbEventData,
  toEsdbExpectedRevision,
  toPortError,
  toRecordedEvent,
} from './esdb-mapping';

const metadata: EventMetadata = {
  actor: { sub: 'officer-1', authority: 'gm0344', roles: ['officer'] },
  correlationId: 'correlation-1',
  causationId: 'causation-1',
  schemaVersion: 2,
};

function resolved(overrides: Record<string, unknown> = {}, commitPosition?: bigint): AllStreamResolvedEvent {
  return {
    event: {
      streamId: 'signal-1',
      id: '6f1c1a4e-4a8e-4b8e-9f53-5b0c4f1f6a01',
      isJson: true,
      revision: 3n,
      type: 'SignalRecorded',
      created: new Date('2026-03-01T10:00:00.123Z'),
      data: { title: 'Te laat' },
      metadata,
      position: { commit: 1200n, prepare: 1100n },
      ...overrides,
    },
    commitPosition,
    // Overrides deliberately break the client's types (wrong data, missing position) to test refusals.
  } as unknown as AllStreamResolvedEvent;
}

describe('EventStoreDB mapping', () => {
  describe('expected revision', () => {
    it.each([
      [ANY, 'any'],
      [NO_STREAM, 'no_stream'],
      [STREAM_EXISTS, 'stream_exists'],
      [0, 0n],
      [41, 41n],
      [-1, 'no_stream'],
    ] as const)('maps %s to %s', (expected, client) => {
      expect(toEsdbExpectedRevision(expected)).toBe(client);
    });

    it('reads the current revision back as a number, -1 for no stream', () => {
      expect(fromEsdbCurrentRevision('no_stream')).toBe(-1);
      expect(fromEsdbCurrentRevision(7n)).toBe(7);
      expect(fromEsdbCurrentRevision(undefined)).toBeUndefined();
    });
  });

  describe('positions', () => {
    it('round-trips commit and prepare, beyond the range of a double', () => {
      const position = { commit: 2n ** 60n + 1n, prepare: 2n ** 60n };
      expect(serializeEsdbPosition(position)).toBe('1152921504606846977/1152921504606846976');
      expect(parseEsdbPosition(serializeEsdbPosition(position))).toEqual(position);
    });

    it.each(['', 'abc', '12', '1/2/3', '-1/0', '1/x'])('refuses %p', (text) => {
      expect(() => parseEsdbPosition(text)).toThrow(RangeError);
    });

    it('orders by commit, then prepare, numerically', () => {
      const at = (text: string) => parseEsdbPosition(text);
      expect(compareEsdbPositions(at('9/9'), at('10/0'))).toBe(-1);
      expect(compareEsdbPositions(at('10/0'), at('9/9'))).toBe(1);
      expect(compareEsdbPositions(at('10/3'), at('10/12'))).toBe(-1);
      expect(compareEsdbPositions(at('10/12'), at('10/3'))).toBe(1);
      expect(compareEsdbPositions(at('10/3'), at('10/3'))).toBe(0);
    });
  });

  it('writes our events as JSON with their id, data and metadata', () => {
    const event = { id: 'e-1', type: 'SignalRecorded', data: { title: 'x' }, metadata };
    expect(toEsdbEventData(event)).toEqual({
      id: 'e-1',
      contentType: 'application/json',
      type: 'SignalRecorded',
      data: { title: 'x' },
      metadata,
    });
  });

  describe('resolved event to recorded event', () => {
    it('maps every field', () => {
      expect(toRecordedEvent(resolved())).toEqual({
        id: '6f1c1a4e-4a8e-4b8e-9f53-5b0c4f1f6a01',
        type: 'SignalRecorded',
        data: { title: 'Te laat' },
        metadata,
        streamId: 'signal-1',
        revision: 3,
        position: '1200/1100',
        recordedAt: '2026-03-01T10:00:00.123Z',
      });
    });

    it('falls back to the commit position when the server gives no event position', () => {
      expect(toRecordedEvent(resolved({ position: undefined }, 900n))?.position).toBe('900/900');
      expect(() => toRecordedEvent(resolved({ position: undefined }))).toThrow(/no position/);
    });

    it('leaves out system events, binary events and unresolved links', () => {
      expect(toRecordedEvent(resolved({ type: '$metadata' }))).toBeUndefined();
      expect(toRecordedEvent(resolved({ isJson: false, data: new Uint8Array([1]) }))).toBeUndefined();
      expect(toRecordedEvent({ commitPosition: 5n })).toBeUndefined();
    });

    it('refuses a JSON event that does not have our shape instead of skipping it', () => {
      expect(() => toRecordedEvent(resolved({ data: ['not', 'an', 'object'] }))).toThrow(
        /data is not a JSON object/,
      );
      expect(() => toRecordedEvent(resolved({ metadata: { actor: 'x' } }))).toThrow(/metadata/);
    });
  });

  describe('errors', () => {
    it('maps a wrong expected version to WrongExpectedRevision with the actual revision', () => {
      const error = new WrongExpectedVersionError(undefined, {
        streamName: 's-1',
        expected: 0n,
        current: 3n,
      });
      const mapped = toPortError(error, { streamId: 's-1', expected: 0 });
      expect(mapped).toBeInstanceOf(WrongExpectedRevision);
      expect(mapped).toMatchObject({ streamId: 's-1', expected: 0, actual: 3 });

      const missing = new WrongExpectedVersionError(undefined, {
        streamName: 's-2',
        expected: 'stream_exists',
        current: 'no_stream',
      });
      expect(toPortError(missing, { streamId: 's-2', expected: STREAM_EXISTS })).toMatchObject({
        streamId: 's-2',
        expected: STREAM_EXISTS,
        actual: -1,
      });
    });

    it('maps a missing stream to StreamNotFound', () => {
      const notFound = toPortError(new StreamNotFoundError(undefined, 's-1'), { streamId: 's-1' });
      expect(notFound).toBeInstanceOf(StreamNotFound);
      expect(notFound).toMatchObject({ streamId: 's-1' });
    });

    it('maps a deleted stream to StreamDeleted, not to a stream that was never there', () => {
      const deleted = toPortError(StreamDeletedError.fromStreamName('s-2'));
      expect(deleted).toBeInstanceOf(StreamDeleted);
      expect(deleted).not.toBeInstanceOf(StreamNotFound);
      expect(deleted).toMatchObject({ streamId: 's-2', code: 'STREAM_DELETED' });
    });

    it('maps an unreachable cluster to StoreUnavailable keeping the cause', () => {
      const cause = new UnavailableError(undefined, 'connection refused');
      const mapped = toPortError(cause);
      expect(mapped).toBeInstanceOf(StoreUnavailable);
      expect((mapped as StoreUnavailable).cause).toBe(cause);
    });

    it('names a bare gRPC error first, so a refused connection on append is StoreUnavailable too', () => {
      const grpcError = Object.assign(new Error('14 UNAVAILABLE: No connection established'), { code: 14 });
      expect(toPortError(grpcError)).toBeInstanceOf(StoreUnavailable);
    });

    it('passes other errors through unchanged', () => {
      const error = new Error('something else');
      expect(toPortError(error)).toBe(error);
    });
  });
});
