import {
  AllStreamResolvedEvent,
  AllStreamSubscription,
  BACKWARDS,
  END,
  EventStoreDBClient,
  excludeSystemEvents,
  ReadPosition,
  START,
} from '@eventstore/db-client';
import { StoreUnavailable, StreamNotFound } from '../errors';
import {
  AppendResult,
  EventStore,
  ExpectedRevision,
  NewEvent,
  Position,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeAllOptions,
  Subscription,
} from '../event-store.port';
import { assertExpectedRevision } from '../expected-revision';
import {
  compareEsdbPositions,
  EsdbPosition,
  isSystemEventType,
  parseEsdbPosition,
  positionOf,
  serializeEsdbPosition,
  toEsdbEventData,
  toEsdbExpectedRevision,
  toPortError,
  toRecordedEvent,
} from './esdb-mapping';

const PAGE_SIZE = 500;
const ORIGIN: EsdbPosition = { commit: 0n, prepare: 0n };

/**
 * The port on an EventStoreDB (or KurrentDB) cluster. `$all` is read without system events;
 * positions are the commit/prepare pair serialised as `<commit>/<prepare>`.
 */
export class EsdbEventStore implements EventStore {
  private readonly subscriptions = new Set<EsdbSubscription>();

  private constructor(private readonly client: EventStoreDBClient) {}

  /** Connects lazily: the first call reaches the cluster, `ping()` checks it is there. */
  static connect(connectionString: string): EsdbEventStore {
    return new EsdbEventStore(EventStoreDBClient.connectionString(connectionString));
  }

  async append(
    streamId: string,
    events: NewEvent[],
    options: { expectedRevision: ExpectedRevision },
  ): Promise<AppendResult> {
    const expected = options.expectedRevision;
    assertExpectedRevision(expected);
    try {
      const result = await this.client.appendToStream(streamId, events.map(toEsdbEventData), {
        expectedRevision: toEsdbExpectedRevision(expected),
      });
      const nextRevision = Number(result.nextExpectedRevision);
      return {
        nextRevision,
        position: await this.positionOfRevision(streamId, nextRevision, result.position),
      };
    } catch (error) {
      throw toPortError(error, { streamId, expected });
    }
  }

  async readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    try {
      const read = this.client.readStream(streamId, { fromRevision: BigInt(options?.fromRevision ?? 0) });
      for await (const resolved of read) {
        const event = toRecordedEvent(resolved);
        if (event !== undefined) events.push(event);
      }
    } catch (error) {
      const failure = toPortError(error, { streamId });
      if (failure instanceof StreamNotFound && options?.whenMissing === 'empty') return [];
      throw failure;
    }
    return events;
  }

  async readAll(options?: ReadAllOptions): Promise<RecordedEvent[]> {
    const limit = options?.limit ?? Number.POSITIVE_INFINITY;
    const found: RecordedEvent[] = [];
    // The client reads from a position inclusively and cannot filter here: page, skip and filter.
    let after = options?.from === undefined ? undefined : parseEsdbPosition(options.from);
    try {
      while (found.length < limit) {
        // One more than still wanted: the first event read may be `after` itself.
        const maxCount = Math.min(PAGE_SIZE, limit - found.length + 1);
        let read = 0;
        for await (const resolved of this.client.readAll({ fromPosition: after ?? START, maxCount })) {
          read += 1;
          const position = positionOf(resolved);
          if (position === undefined || (after !== undefined && compareEsdbPositions(position, after) <= 0))
            continue;
          after = position;
          const event = toRecordedEvent(resolved);
          if (event !== undefined && found.length < limit) found.push(event);
        }
        if (read < maxCount) break;
      }
    } catch (error) {
      throw toPortError(error);
    }
    return found;
  }

  subscribeAll(options?: SubscribeAllOptions): Subscription {
    const after = options?.from === undefined ? undefined : parseEsdbPosition(options.from);
    const fromPosition: ReadPosition = after ?? START;
    const source = this.client.subscribeToAll({ fromPosition, filter: excludeSystemEvents() });
    const subscription = new EsdbSubscription(source, after, () => this.subscriptions.delete(subscription));
    this.subscriptions.add(subscription);
    return subscription;
  }

  async headPosition(): Promise<Position | undefined> {
    let before: EsdbPosition | undefined;
    try {
      for (;;) {
        let read = 0;
        const page = this.client.readAll({
          direction: BACKWARDS,
          fromPosition: before ?? END,
          maxCount: PAGE_SIZE,
        });
        for await (const resolved of page) {
          read += 1;
          const position = positionOf(resolved);
          const event = resolved.event;
          if (position === undefined || event === undefined) continue;
          if (before !== undefined && compareEsdbPositions(position, before) >= 0) continue;
          before = position;
          if (!isSystemEventType(event.type) && event.isJson) return serializeEsdbPosition(position);
        }
        if (read < PAGE_SIZE) return undefined;
      }
    } catch (error) {
      throw toPortError(error);
    }
  }

  comparePositions(a: Position, b: Position): number {
    return compareEsdbPositions(parseEsdbPosition(a), parseEsdbPosition(b));
  }

  async ping(): Promise<void> {
    try {
      for await (const _ of this.client.readAll({ maxCount: 1 })) break;
    } catch (error) {
      const mapped = toPortError(error);
      throw mapped instanceof StoreUnavailable
        ? mapped
        : new StoreUnavailable('EventStoreDB not usable', { cause: error });
    }
  }

  async close(): Promise<void> {
    for (const subscription of [...this.subscriptions]) await subscription.close();
    await this.client.dispose();
  }

  /**
   * The append result's position is that of the write, which for several events need not be the
   * last event's own position in `$all`; reading that event back gives the one subscribers see.
   */
  private async positionOfRevision(
    streamId: string,
    revision: number,
    fallback: EsdbPosition | undefined,
  ): Promise<Position> {
    if (revision >= 0) {
      const read = this.client.readStream(streamId, { fromRevision: BigInt(revision), maxCount: 1 });
      for await (const resolved of read) {
        const position = positionOf(resolved);
        if (position !== undefined) return serializeEsdbPosition(position);
      }
    }
    return serializeEsdbPosition(fallback ?? ORIGIN);
  }
}

const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined };

/** Wraps the client's catch-up subscription; `close()` ends a pending `next()` at once. */
class EsdbSubscription implements Subscription, AsyncIterator<RecordedEvent, undefined> {
  private closed = false;
  private readonly events: AsyncIterator<AllStreamResolvedEvent>;
  private readonly closing: Promise<IteratorReturnResult<undefined>>;
  private signalClosed: () => void = () => undefined;

  constructor(
    private readonly source: AllStreamSubscription,
    /** Exclusive start; also enforced here so the event at `from` itself is never delivered again. */
    private after: EsdbPosition | undefined,
    private readonly onClose: () => void,
  ) {
    this.events = source[Symbol.asyncIterator]();
    this.closing = new Promise((resolve) => {
      this.signalClosed = () => resolve(DONE);
    });
  }

  [Symbol.asyncIterator](): AsyncIterator<RecordedEvent, undefined> {
    return this;
  }

  async next(): Promise<IteratorResult<RecordedEvent, undefined>> {
    for (;;) {
      if (this.closed) return DONE;
      let result: IteratorResult<AllStreamResolvedEvent>;
      try {
        result = await Promise.race([this.events.next(), this.closing]);
      } catch (error) {
        if (this.closed) return DONE;
        throw toPortError(error);
      }
      if (this.closed || result.done === true) return DONE;
      const position = positionOf(result.value);
      if (
        position !== undefined &&
        this.after !== undefined &&
        compareEsdbPositions(position, this.after) <= 0
      ) {
        continue;
      }
      this.after = position ?? this.after;
      const event = toRecordedEvent(result.value);
      if (event !== undefined) return { done: false, value: event };
    }
  }

  async return(): Promise<IteratorResult<RecordedEvent, undefined>> {
    await this.close();
    return DONE;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.signalClosed();
    this.onClose();
    try {
      await this.source.unsubscribe();
    } finally {
      this.source.destroy();
    }
  }
}
