import type { RecordedEvent, Subscription } from '../event-store.port';
import type { EventRow } from './sqlite-schema';
import { toRecordedEvent } from './sqlite-rows';

const SUBSCRIPTION_PAGE_SIZE = 256;

export interface SubscriptionFeed {
  readAfter(after: number, limit: number): EventRow[];
  park(subscription: SqliteSubscription): void;
  unpark(subscription: SqliteSubscription): void;
  detach(subscription: SqliteSubscription): void;
}

const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined };

/**
 * Reads pages strictly after the last position it handed out, and sleeps when there is nothing
 * more: catch-up and live are the same query, so the boundary can neither miss nor repeat.
 */
export class SqliteSubscription implements Subscription, AsyncIterator<RecordedEvent, undefined> {
  private buffer: EventRow[] = [];
  private index = 0;
  private closed = false;
  private sleeper: (() => void) | undefined;

  constructor(
    private readonly feed: SubscriptionFeed,
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
        return { done: false, value: toRecordedEvent(row) };
      }
      const page = this.feed.readAfter(this.after, SUBSCRIPTION_PAGE_SIZE);
      const last = page[page.length - 1];
      if (last !== undefined) {
        this.buffer = page;
        this.index = 0;
        this.after = last.position;
        continue;
      }
      await new Promise<void>((resolve) => {
        this.sleeper = resolve;
        this.feed.park(this);
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
