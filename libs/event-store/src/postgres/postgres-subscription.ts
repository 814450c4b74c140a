import type { RecordedEvent, Subscription } from '../event-store.port';

const SUBSCRIPTION_PAGE_SIZE = 256;

export interface PostgresSubscriptionFeed {
  /** Events strictly after `after`, in position order, at most `limit`. */
  readAfter(after: number, limit: number): Promise<RecordedEvent[]>;
  /** Counts every sign that the log may have grown (a commit here, a NOTIFY, a poll). */
  wakeups(): number;
  /** Sleep until the next wake-up, unless one came after `seen`. */
  park(subscription: PostgresSubscription, seen: number): void;
  unpark(subscription: PostgresSubscription): void;
  detach(subscription: PostgresSubscription): void;
}

const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined };

/**
 * Reads pages strictly after the last position it handed out and sleeps when there is nothing
 * more: catch-up and live are the same query, so the boundary can neither miss nor repeat. A
 * wake-up that arrives while a page is being read is not lost: the subscription notes the
 * wake-up count before reading, and parking with an older count returns at once.
 */
export class PostgresSubscription implements Subscription, AsyncIterator<RecordedEvent, undefined> {
  private buffer: RecordedEvent[] = [];
  private index = 0;
  private closed = false;
  private sleeper: (() => void) | undefined;

  constructor(
    private readonly feed: PostgresSubscriptionFeed,
    /** The position of the last event read from the log (exclusive lower bound of the next page). */
    public after: number,
  ) {}

  [Symbol.asyncIterator](): AsyncIterator<RecordedEvent, undefined> {
    return this;
  }

  async next(): Promise<IteratorResult<RecordedEvent, undefined>> {
    for (;;) {
      if (this.closed) return DONE;
      const event = this.buffer[this.index];
      if (event !== undefined) {
        this.index += 1;
        return { done: false, value: event };
      }
      const seen = this.feed.wakeups();
      const page = await this.feed.readAfter(this.after, SUBSCRIPTION_PAGE_SIZE);
      if (this.closed) return DONE;
      const last = page[page.length - 1];
      if (last !== undefined) {
        this.buffer = page;
        this.index = 0;
        this.after = Number(last.position);
        continue;
      }
      await new Promise<void>((resolve) => {
        this.sleeper = resolve;
        this.feed.park(this, seen);
      });
    }
  }

  async return(): Promise<IteratorResult<RecordedEvent, undefined>> {
    await this.close();
    return DONE;
  }

  wake(): void {
    const sleeper = this.sleeper;
    if (sleeper === undefined) return;
    this.sleeper = undefined;
    this.feed.unpark(this);
    sleeper();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.buffer = [];
    this.feed.detach(this);
    this.wake();
  }
}
