import type { RecordedEvent, Subscription } from './event-store.port';

const SUBSCRIPTION_PAGE_SIZE = 256;

/** What a paged subscription reads its log through; `Row` is what the store's page query yields. */
export interface PagedSubscriptionFeed<Row> {
  /** Rows strictly after `after`, in position order, at most `limit`: at once, or from a database. */
  readAfter(after: number, limit: number): Row[] | Promise<Row[]>;
  positionOf(row: Row): number;
  toEvent(row: Row): RecordedEvent;
  /** Counts every sign that the log may have grown (a commit here, a NOTIFY, a poll). */
  wakeups(): number;
  /** Sleep until the next wake-up, unless one came after `seen`. */
  park(subscription: PagedSubscription<Row>, seen: number): void;
  unpark(subscription: PagedSubscription<Row>): void;
  detach(subscription: PagedSubscription<Row>): void;
}

const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined };

/**
 * Reads pages strictly after the last position it handed out and sleeps when there is nothing
 * more: catch-up and live are the same query, so the boundary can neither miss nor repeat. A
 * wake-up that arrives while a page is being read is not lost: the subscription notes the
 * wake-up count before reading, and parking with an older count returns at once. A page read at
 * once (SQLite) is not awaited, so nothing can come between that read and parking.
 */
export class PagedSubscription<Row> implements Subscription, AsyncIterator<RecordedEvent, undefined> {
  private buffer: Row[] = [];
  private index = 0;
  private closed = false;
  private sleeper: (() => void) | undefined;

  constructor(
    private readonly feed: PagedSubscriptionFeed<Row>,
    /** The position of the last event read from the log (exclusive lower bound of the next page). */
    public after: number,
  ) {}

  [Symbol.asyncIterator](): AsyncIterator<RecordedEvent, undefined> {
    return this;
  }

  async next(): Promise<IteratorResult<RecordedEvent, undefined>> {
    for (;;) {
      if (this.closed) return DONE;
      const row = this.buffer[this.index];
      if (row !== undefined) {
        this.index += 1;
        return { done: false, value: this.feed.toEvent(row) };
      }
      const seen = this.feed.wakeups();
      const read = this.feed.readAfter(this.after, SUBSCRIPTION_PAGE_SIZE);
      const page = Array.isArray(read) ? read : await read;
      if (this.closed) return DONE;
      const last = page[page.length - 1];
      if (last !== undefined) {
        this.buffer = page;
        this.index = 0;
        this.after = this.feed.positionOf(last);
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
