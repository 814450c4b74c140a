import type { RecordedEvent, Subscription } from '@praktijklus/event-store';

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Turns a subscription (one event at a time) into batches of what is available: a background pump
 * reads ahead up to one batch (reading and applying share one thread, so more only held memory),
 * and `next()` waits for at least one event, then lets one turn of the event loop pass so that
 * events already at hand join the batch instead of trickling in singly.
 */
export class BatchReader {
  private queue: RecordedEvent[] = [];
  private head = 0;
  private ended = false;
  private failure: { error: unknown } | undefined;
  private wakeConsumer: (() => void) | undefined;
  private wakePump: (() => void) | undefined;
  private readonly highWater: number;

  constructor(
    private readonly subscription: Subscription,
    private readonly batchSize: number,
    /** Called with every event as it is read, before it is batched (e.g. to track the log head). */
    private readonly onRead: (event: RecordedEvent) => void = () => undefined,
  ) {
    this.highWater = batchSize;
    void this.pump();
  }

  /** Events read but not yet handed out. */
  get buffered(): number {
    return this.queue.length - this.head;
  }

  /** The next batch, or undefined once the subscription ended; rethrows the subscription's failure. */
  async next(): Promise<RecordedEvent[] | undefined> {
    if (this.buffered === 0 && !this.ended)
      await new Promise<void>((resolve) => (this.wakeConsumer = resolve));
    if (this.buffered < this.batchSize && !this.ended) await nextTurn();
    if (this.buffered === 0) {
      if (this.failure) throw this.failure.error;
      return undefined;
    }
    const end = Math.min(this.queue.length, this.head + this.batchSize);
    const batch = this.queue.slice(this.head, end);
    this.head = end;
    if (this.head === this.queue.length) {
      this.queue = [];
      this.head = 0;
    }
    this.resumePump();
    return batch;
  }

  async close(): Promise<void> {
    this.resumePump();
    await this.subscription.close();
  }

  private async pump(): Promise<void> {
    try {
      for await (const event of this.subscription) {
        this.onRead(event);
        this.queue.push(event);
        this.notifyConsumer();
        if (this.buffered >= this.highWater) await new Promise<void>((resolve) => (this.wakePump = resolve));
      }
    } catch (error) {
      this.failure = { error };
    } finally {
      this.ended = true;
      this.notifyConsumer();
    }
  }

  private notifyConsumer(): void {
    const wake = this.wakeConsumer;
    this.wakeConsumer = undefined;
    wake?.();
  }

  private resumePump(): void {
    const wake = this.wakePump;
    this.wakePump = undefined;
    wake?.();
  }
}
