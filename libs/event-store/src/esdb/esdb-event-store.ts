import {
  AllStreamResolvedEvent,
  AppendResult as EsdbAppendResult,
  BACKWARDS,
  END,
  EventStoreDBClient,
  excludeSystemEvents,
  ReadAllOptions as EsdbReadAllOptions,
  ReadPosition,
  START,
  streamNameFilter,
} from '@eventstore/db-client';
import { StoreUnavailable, StreamNotFound, WrongExpectedRevision } from '../errors';
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
import { EsdbAllSubscription, EsdbClient } from './esdb-client';
import {
  compareEsdbPositions,
  EsdbPosition,
  isNotLeader,
  isSystemEventType,
  ownStreams,
  parseEsdbPosition,
  positionOf,
  serializeEsdbPosition,
  toEsdbEventData,
  toEsdbExpectedRevision,
  toPortError,
  toRecordedEvent,
} from './esdb-mapping';

const PAGE_SIZE = 500;
/** Waits before each retry of a call a follower refused, while the cluster elects or we reconnect. */
const NOT_LEADER_RETRY_DELAYS_MS = [100, 300, 900];

export interface EsdbEventStoreOptions {
  /** Delays before retrying a call refused with not-leader; one entry per retry. */
  retryDelaysMs?: readonly number[];
  /**
   * Our streams on a shared cluster, e.g. `['signal-', 'escalation-']`: `$all` is read for these
   * only, and any other event is skipped and reported. Omitted: every non-system stream is ours.
   */
  streamPrefixes?: readonly string[];
  /** Where skipped foreign events are reported; default `console.warn`. */
  warn?: (message: string) => void;
}

/**
 * The port on an EventStoreDB (or KurrentDB) cluster. `$all` is read for our streams only, without
 * system events; positions are the commit/prepare pair serialised as `<commit>/<prepare>`.
 */
export class EsdbEventStore implements EventStore {
  private readonly subscriptions = new Set<EsdbSubscription>();

  private readonly retryDelaysMs: readonly number[];
  private readonly streamPrefixes: readonly string[] | undefined;
  private readonly isOurStream: (streamId: string) => boolean;
  private readonly warn: (message: string) => void;
  private foreignSkipped = 0;
  private nextForeignReport = 1;
  /** The last head scan: where it started and our newest event it found there. */
  private head: { scannedFrom: EsdbPosition; position: Position | undefined } | undefined;

  private constructor(
    private readonly client: EsdbClient,
    options: EsdbEventStoreOptions,
  ) {
    this.retryDelaysMs = options.retryDelaysMs ?? NOT_LEADER_RETRY_DELAYS_MS;
    this.streamPrefixes = options.streamPrefixes === undefined ? undefined : [...options.streamPrefixes];
    this.isOurStream = ownStreams(this.streamPrefixes);
    this.warn = options.warn ?? ((message) => console.warn(message));
  }

  /** How many events outside our streams reads of `$all` have passed over since start-up (re-reads count again). */
  foreignEventsSkipped(): number {
    return this.foreignSkipped;
  }

  /** Connects lazily: the first call reaches the cluster, `ping()` checks it is there. */
  static connect(connectionString: string, options: EsdbEventStoreOptions = {}): EsdbEventStore {
    return EsdbEventStore.over(EventStoreDBClient.connectionString(connectionString), options);
  }

  /** The adapter over a client already made: the real one, or a fake in unit tests. */
  static over(client: EsdbClient, options: EsdbEventStoreOptions = {}): EsdbEventStore {
    return new EsdbEventStore(client, options);
  }

  async append(
    streamId: string,
    events: NewEvent[],
    options: { expectedRevision: ExpectedRevision },
  ): Promise<AppendResult> {
    const expected = options.expectedRevision;
    assertExpectedRevision(expected);
    let result: EsdbAppendResult;
    try {
      result = await this.withLeaderRetry(() =>
        this.client.appendToStream(streamId, events.map(toEsdbEventData), {
          expectedRevision: toEsdbExpectedRevision(expected),
        }),
      );
    } catch (error) {
      throw toPortError(error, { streamId, expected });
    }
    // With `throwOnAppendFailure=false` in the connection string a conflict is answered, not thrown;
    // the revision the client puts in that answer is not the stream's, so the actual one stays unknown.
    if (!result.success) throw new WrongExpectedRevision(streamId, expected, undefined);
    const nextRevision = Number(result.nextExpectedRevision);
    return { nextRevision, position: await this.positionOfWrite(streamId, nextRevision, result.position) };
  }

  async readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    try {
      return await this.withLeaderRetry(async () => {
        const events: RecordedEvent[] = [];
        const read = this.client.readStream(streamId, { fromRevision: BigInt(options?.fromRevision ?? 0) });
        for await (const resolved of read) {
          const event = toRecordedEvent(resolved);
          if (event !== undefined) events.push(event);
        }
        return events;
      });
    } catch (error) {
      const failure = toPortError(error, { streamId });
      if (failure instanceof StreamNotFound && options?.whenMissing === 'empty') return [];
      throw failure;
    }
  }

  async readAll(options?: ReadAllOptions): Promise<RecordedEvent[]> {
    const limit = options?.limit ?? Number.POSITIVE_INFINITY;
    const found: RecordedEvent[] = [];
    // The client reads from a position inclusively and cannot filter here: page, skip and filter.
    let after = options?.from === undefined ? undefined : parseEsdbPosition(options.from);
    // Pages start the size of what is wanted; once a page held events we pass over (system or
    // foreign), they are full-sized, so a run of those costs one call per PAGE_SIZE, not per `limit`.
    let passedOver = false;
    try {
      while (found.length < limit) {
        // One more than still wanted: the first event read may be `after` itself.
        const maxCount = passedOver ? PAGE_SIZE : Math.min(PAGE_SIZE, limit - found.length + 1);
        const page = await this.readPage({ fromPosition: after ?? START, maxCount });
        for (const resolved of page) {
          const position = positionOf(resolved);
          if (position === undefined || (after !== undefined && compareEsdbPositions(position, after) <= 0))
            continue;
          after = position;
          const event = this.skipsForeign(resolved) ? undefined : toRecordedEvent(resolved);
          if (event === undefined) passedOver = true;
          else if (found.length < limit) found.push(event);
        }
        if (page.length < maxCount) break;
      }
    } catch (error) {
      throw toPortError(error);
    }
    return found;
  }

  subscribeAll(options?: SubscribeAllOptions): Subscription {
    const after = options?.from === undefined ? undefined : parseEsdbPosition(options.from);
    const fromPosition: ReadPosition = after ?? START;
    const filter =
      this.streamPrefixes === undefined
        ? excludeSystemEvents()
        : streamNameFilter({ prefixes: [...this.streamPrefixes] });
    const source = this.client.subscribeToAll({ fromPosition, filter });
    const subscription = new EsdbSubscription(
      source,
      after,
      (resolved) => this.skipsForeign(resolved),
      () => this.subscriptions.delete(subscription),
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  /**
   * Scans `$all` backwards from its end for our newest event. The log may end in many system or
   * foreign events (statistics, other applications); a scan stops where the previous one began, so
   * each call reads only what was written since.
   */
  async headPosition(): Promise<Position | undefined> {
    const known = this.head;
    let newest: EsdbPosition | undefined;
    let before: EsdbPosition | undefined;
    let found: Position | undefined;
    try {
      scan: for (;;) {
        const page = await this.readPage({
          direction: BACKWARDS,
          fromPosition: before ?? END,
          maxCount: PAGE_SIZE,
        });
        for (const resolved of page) {
          const position = positionOf(resolved);
          const event = resolved.event;
          if (position === undefined || event === undefined) continue;
          if (before !== undefined && compareEsdbPositions(position, before) >= 0) continue;
          if (known !== undefined && compareEsdbPositions(position, known.scannedFrom) <= 0) {
            found = known.position;
            break scan;
          }
          newest ??= position;
          before = position;
          if (!isSystemEventType(event.type) && event.isJson && this.isOurStream(event.streamId)) {
            found = serializeEsdbPosition(position);
            break scan;
          }
        }
        if (page.length < PAGE_SIZE) break;
      }
    } catch (error) {
      throw toPortError(error);
    }
    if (
      newest !== undefined &&
      (this.head === undefined || compareEsdbPositions(newest, this.head.scannedFrom) > 0)
    )
      this.head = { scannedFrom: newest, position: found };
    return found ?? known?.position;
  }

  comparePositions(a: Position, b: Position): number {
    return compareEsdbPositions(parseEsdbPosition(a), parseEsdbPosition(b));
  }

  async ping(): Promise<void> {
    try {
      await this.readPage({ maxCount: 1 });
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
   * The write is committed: nothing here may report it failed if a position can be had. The append
   * result's position is that of the write, which for several events need not be the last event's
   * own position in `$all`; reading that event back gives the one subscribers see, and the append
   * result's stands in when the read fails.
   */
  private async positionOfWrite(
    streamId: string,
    revision: number,
    written: EsdbPosition | undefined,
  ): Promise<Position> {
    let readFailure: unknown;
    if (revision >= 0) {
      try {
        const [resolved] = await this.withLeaderRetry(() =>
          collect(this.client.readStream(streamId, { fromRevision: BigInt(revision), maxCount: 1 })),
        );
        const position = resolved === undefined ? undefined : positionOf(resolved);
        if (position !== undefined) return serializeEsdbPosition(position);
      } catch (error) {
        readFailure = error;
      }
    }
    if (written !== undefined) return serializeEsdbPosition(written);
    // A success without a position (commit position -1) is in practice a repeat of events the server
    // already holds, so a retry writes nothing twice; a made-up position would defeat read-your-writes.
    throw new StoreUnavailable(`EventStoreDB acknowledged the write to ${streamId} without a position`, {
      cause: readFailure,
    });
  }

  /**
   * Whether this is another application's event, to be passed over: reported on the 1st, 10th,
   * 100th... so a busy neighbour is visible in the log without flooding it.
   */
  private skipsForeign(resolved: AllStreamResolvedEvent): boolean {
    const event = resolved.event;
    if (event === undefined || isSystemEventType(event.type) || this.isOurStream(event.streamId))
      return false;
    this.foreignSkipped += 1;
    if (this.foreignSkipped === this.nextForeignReport) {
      this.nextForeignReport *= 10;
      const position = positionOf(resolved);
      this.warn(
        `EventStoreDB: skipped ${this.foreignSkipped} event(s) outside our streams ` +
          `(${this.streamPrefixes?.join(', ') ?? 'non-system'}); latest ${event.type} in ${event.streamId}` +
          (position === undefined ? '' : ` at ${serializeEsdbPosition(position)}`),
      );
    }
    return true;
  }

  private readPage(options: EsdbReadAllOptions): Promise<AllStreamResolvedEvent[]> {
    return this.withLeaderRetry(() => collect(this.client.readAll(options)));
  }

  /** A follower refuses what needs the leader; the client reconnects to the leader it names. */
  private async withLeaderRetry<T>(operation: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await operation();
      } catch (error) {
        const delay = this.retryDelaysMs[attempt];
        if (delay === undefined || !isNotLeader(error)) throw error;
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }
}

async function collect<T>(source: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of source) items.push(item);
  return items;
}

const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined };

/** Wraps the client's catch-up subscription; `close()` ends a pending `next()` at once. */
class EsdbSubscription implements Subscription, AsyncIterator<RecordedEvent, undefined> {
  private closed = false;
  private readonly events: AsyncIterator<AllStreamResolvedEvent>;
  private readonly closing: Promise<IteratorReturnResult<undefined>>;
  private signalClosed: () => void = () => undefined;

  constructor(
    private readonly source: EsdbAllSubscription,
    /** Exclusive start; also enforced here so the event at `from` itself is never delivered again. */
    private after: EsdbPosition | undefined,
    private readonly skips: (resolved: AllStreamResolvedEvent) => boolean,
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
      if (this.skips(result.value)) continue;
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
