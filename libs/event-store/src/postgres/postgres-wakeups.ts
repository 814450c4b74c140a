import type { Client, ClientConfig } from 'pg';
import { pgDriver } from './pg-driver';
import type { RecordedEvent } from '../event-store.port';
import type { PagedSubscription } from '../paged-subscription';

export const EVENTS_CHANNEL = 'praktijklus_events';

/**
 * Wakes subscribers that wait for the log to grow: at once for commits of this process, through
 * LISTEN on a connection of its own for commits of any process (the appender NOTIFYs in its
 * transaction, so the message arrives after the commit), and by polling the head as the fallback
 * while that connection is down (a restart of the database loses notifications).
 */
export class PostgresWakeups {
  private readonly waiting = new Set<PagedSubscription<RecordedEvent>>();
  private count = 0;
  private pollTimer: NodeJS.Timeout | undefined;
  private listener: Client | undefined;
  private connecting = false;
  private closed = false;

  constructor(
    private readonly config: ClientConfig,
    private readonly pollIntervalMs: number,
    private readonly head: () => Promise<number | undefined>,
  ) {}

  /** How many wake-ups there were so far; a subscriber notes it before it reads. */
  wakeups(): number {
    return this.count;
  }

  /** Sleep until the next wake-up, or wake at once when one came after `seen`. */
  park(subscription: PagedSubscription<RecordedEvent>, seen: number): void {
    this.waiting.add(subscription);
    this.startPolling();
    this.listen();
    if (seen !== this.count) subscription.wake();
  }

  unpark(subscription: PagedSubscription<RecordedEvent>): void {
    this.waiting.delete(subscription);
    if (this.waiting.size === 0) this.stopPolling();
  }

  wakeAll(): void {
    this.count += 1;
    for (const subscription of [...this.waiting]) subscription.wake();
  }

  /** Opens the LISTEN connection unless it is open or opening. */
  listen(): void {
    if (this.listener !== undefined || this.connecting || this.closed) return;
    this.connecting = true;
    const client = new (pgDriver().Client)(this.config);
    const drop = (): void => {
      if (this.listener === client) this.listener = undefined;
      client.end().catch(() => undefined);
    };
    client.on('error', drop);
    client.on('end', drop);
    client.on('notification', () => this.wakeAll());
    client
      .connect()
      .then(() => client.query(`LISTEN ${EVENTS_CHANNEL}`))
      .then(
        () => {
          this.connecting = false;
          if (this.closed) return drop();
          this.listener = client;
          // Commits made while nobody listened (a restart of the database) are read now.
          this.wakeAll();
        },
        () => {
          // The poll (and the next subscriber) will try again; polling alone keeps subscribers fed.
          this.connecting = false;
          drop();
        },
      );
  }

  async close(): Promise<void> {
    this.closed = true;
    this.stopPolling();
    const listener = this.listener;
    this.listener = undefined;
    await listener?.end().catch(() => undefined);
  }

  private startPolling(): void {
    if (this.pollTimer !== undefined || this.closed) return;
    this.pollTimer = setInterval(() => {
      this.listen();
      const lowest = Math.min(...[...this.waiting].map((subscription) => subscription.after));
      this.head().then(
        (head) => {
          if (head !== undefined && head > lowest) this.wakeAll();
        },
        // The database is away: subscribers stay asleep and the next tick looks again.
        () => undefined,
      );
    }, this.pollIntervalMs);
    this.pollTimer.unref();
  }

  private stopPolling(): void {
    if (this.pollTimer === undefined) return;
    clearInterval(this.pollTimer);
    this.pollTimer = undefined;
  }
}
