import type { EventStore, Position } from '@praktijklus/event-store';
import { BatchReader } from '@praktijklus/projections';
import { type Due, dueChangesOf, type DueDateRules } from './due-dates';
import { Digests } from './notifications/digest';
import { NotificationStore, type PendingDelivery } from './notifications/notification-store';
import { OverdueWatch } from './notifications/overdue';
import { nextAttemptAt, type SendOutcome, sendWebhook } from './notifications/webhook-sender';
import { acquireReactorLock, ReactorBusy, ReactorStore } from './reactor-store';

/** Records what fell due through the entity's decider; `false` when the decider found nothing to record. */
export type TimeCommandIssuer = (due: Due, now: Date) => Promise<boolean>;

export interface ReactorLogger {
  log(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface ReactorOptions {
  store: EventStore;
  /** The reactor's SQLite file (`DATA_DIR/reactor.sqlite`). */
  file: string;
  /** The leader's lock file (`DATA_DIR/reactor.lock`). */
  lockFile: string;
  rules: DueDateRules;
  issue: TimeCommandIssuer;
  logger: ReactorLogger;
  synchronous?: 'FULL' | 'NORMAL' | 'OFF';
  /** Events applied per transaction. Default 1000. */
  batchSize?: number;
  /** Due items recorded per scan at most; the rest wait for the next scan. Default 200. */
  scanLimit?: number;
  retryDelayMs?: number;
  notifications?: NotificationOptions;
}

export interface NotificationOptions {
  /** `WEBHOOK_ALLOW_PRIVATE_NETWORKS`: receivers on loopback or private addresses (tests, on premises). */
  allowPrivateNetworks: boolean;
  /** `WEBHOOK_MAX_ATTEMPTS`: then the delivery is dead-lettered. */
  maxAttempts: number;
  /** First retry after about this long, doubling each time. Default 30 s. */
  retryBaseMs?: number;
  /** One attempt's time limit. Default 10 s. */
  timeoutMs?: number;
  /** Sends an e-mail delivery; absent without SMTP_URL (e-mail deliveries then wait). */
  sendMail?: (delivery: PendingDelivery) => Promise<SendOutcome>;
  /** Most deliveries in flight at once. Default 20. */
  concurrency?: number;
  /** PUBLIC_URL: CloudEvents carry the link to the entity's page in the app. */
  publicUrl?: string;
  /** DIGEST_HOUR: from this Amsterdam hour the day's digest goes to e-mail subscriptions; absent: none. */
  digestHour?: number;
  /** Told how each attempt ended (metrics): delivered, failed with a retry to come, or dead-lettered. */
  onAttempt?: (result: 'delivered' | 'retry' | 'dead') => void;
}

export interface ReactorStatus {
  /** `leader` does the work; a `standby` waits for the file's lock (another instance holds it). */
  role: 'leader' | 'standby' | 'stopped';
  position: Position | null;
  /** Deliveries still to be made (webhooks and e-mail), retries included. */
  outboxDepth: number;
  /** Items that will fall due, and the earliest moment one does. */
  pending: number;
  nextDueAt: string | null;
  lastScanAt: string | null;
  /** The last failure of the loop or of a scan, until the next success. */
  error: string | null;
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * The process manager of time: a checkpointed subscription keeps the table of what can expire (its
 * position stored in the same transaction as the table's changes), and `scan` records what has
 * expired through the deciders. Commands carry deterministic event ids, so a restart, a crash
 * between append and checkpoint, or a second instance never records anything twice.
 */
export class Reactor {
  private readonly batchSize: number;
  private readonly scanLimit: number;
  private readonly retryDelayMs: number;
  private db: ReactorStore | undefined;
  private lock: { release(): void } | undefined;
  private reader: BatchReader | undefined;
  private loop: Promise<void> | undefined;
  private stopping = false;
  private scanning: Promise<void> | undefined;
  private lastScanAt: string | null = null;
  private notifications: NotificationStore | undefined;
  private overdue: OverdueWatch | undefined;
  private digests: Digests | undefined;
  private readonly inFlight = new Set<string>();
  private error: string | null = null;

  constructor(private readonly options: ReactorOptions) {
    this.batchSize = options.batchSize ?? 1000;
    this.scanLimit = options.scanLimit ?? 200;
    this.retryDelayMs = options.retryDelayMs ?? 1000;
  }

  /** Becomes the leader when the file's lock is free; otherwise stays a standby that `tick` retries. */
  start(): void {
    this.stopping = false;
    this.tryLead();
  }

  /** One scheduler beat: a standby tries to take over, the leader records what fell due by `now`. */
  async tick(now: Date = new Date()): Promise<void> {
    if (this.stopping) return;
    if (this.db === undefined) this.tryLead();
    if (this.db === undefined) return;
    // Beats that arrive while a scan still runs are dropped, not queued.
    if (this.scanning) return;
    this.scanning = this.scan(now).finally(() => (this.scanning = undefined));
    await this.scanning;
  }

  status(): ReactorStatus {
    const db = this.db;
    if (db === undefined || !db.open) {
      return {
        role: this.stopping ? 'stopped' : 'standby',
        outboxDepth: 0,
        position: null,
        pending: 0,
        nextDueAt: null,
        lastScanAt: this.lastScanAt,
        error: this.error,
      };
    }
    const pending = db.pending();
    return {
      role: 'leader',
      outboxDepth: this.notifications?.depth() ?? 0,
      position: db.checkpoint() ?? null,
      pending: pending.count,
      nextDueAt: pending.next === null ? null : new Date(pending.next).toISOString(),
      lastScanAt: this.lastScanAt,
      error: this.error,
    };
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.reader?.close();
    for (let i = 0; i < 100 && this.inFlight.size > 0; i++)
      await new Promise((resolve) => setTimeout(resolve, 20));
    await this.loop;
    await this.scanning;
    this.db?.close();
    this.db = undefined;
    this.lock?.release();
    this.lock = undefined;
    this.loop = undefined;
  }

  private tryLead(): void {
    try {
      this.lock = acquireReactorLock(this.options.lockFile);
    } catch (error) {
      if (error instanceof ReactorBusy) return;
      throw error;
    }
    this.db = ReactorStore.open(this.options.file, this.options.synchronous);
    this.notifications = new NotificationStore(this.db.db, this.options.notifications?.publicUrl);
    this.overdue = new OverdueWatch(this.db.db);
    this.digests = new Digests(this.db.db, this.notifications, this.overdue);
    this.options.logger.log('leading: this instance records deadlines and non-response');
    this.loop = this.run();
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      try {
        await this.consume();
      } catch (error) {
        if (this.stopping) return;
        this.error = `reactor loop: ${messageOf(error)}`;
        this.options.logger.error(`${this.error}; retrying in ${this.retryDelayMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, this.retryDelayMs));
      }
    }
  }

  private async consume(): Promise<void> {
    const db = this.requireDb();
    const from = db.checkpoint();
    const reader = new BatchReader(
      this.options.store.subscribeAll(from === undefined ? {} : { from }),
      this.batchSize,
    );
    this.reader = reader;
    try {
      for (;;) {
        const batch = await reader.next();
        if (batch === undefined || this.stopping) return;
        const { notifications, overdue } = this;
        const enqueuedAt = new Date();
        db.applyBatch(
          batch.flatMap((event) => dueChangesOf(event, this.options.rules)),
          batch[batch.length - 1].position,
          () =>
            batch.forEach((event) => {
              notifications?.enqueue(event, enqueuedAt);
              overdue?.apply(event);
            }),
        );
        if (this.error?.startsWith('reactor loop')) this.error = null;
      }
    } finally {
      this.reader = undefined;
      await reader.close();
    }
  }

  private async scan(now: Date): Promise<void> {
    const db = this.requireDb();
    for (const due of db.dueAt(now.getTime(), this.scanLimit)) {
      if (this.stopping) return;
      try {
        const recorded = await this.options.issue(due, now);
        // The table learns of a recorded event through the log; nothing recorded means nothing more to ask.
        if (!recorded) db.settle(due);
      } catch (error) {
        this.error = `${due.kind} of ${due.streamId}: ${messageOf(error)}`;
        this.options.logger.warn(`could not record ${this.error}; retrying at the next scan`);
      }
    }
    this.enqueueDigests(now);
    this.lastScanAt = now.toISOString();
    this.deliver(now);
  }

  private enqueueDigests(now: Date): void {
    const digestHour = this.options.notifications?.digestHour;
    if (digestHour === undefined || this.digests === undefined || this.stopping) return;
    try {
      const enqueued = this.digests.run(now, digestHour);
      if (enqueued > 0) this.options.logger.log(`enqueued ${enqueued} daily digest(s)`);
    } catch (error) {
      this.error = `daily digest: ${messageOf(error)}`;
      this.options.logger.warn(`${this.error}; retrying at the next scan`);
    }
  }

  /** Delivers what is due now without waiting for the next scan (the scheduler's faster beat). */
  deliverDue(now: Date = new Date()): void {
    if (this.db !== undefined && !this.stopping) this.deliver(now);
  }

  /**
   * Starts every due delivery not already on its way, each on its own: a slow receiver holds only
   * its own attempt (bounded by the time limit), never the others or the next scan.
   */
  private deliver(now: Date): void {
    const options = this.options.notifications;
    const store = this.notifications;
    if (options === undefined || store === undefined) return;
    const room = (options.concurrency ?? 20) - this.inFlight.size;
    if (room <= 0) return;
    const due = store
      .due(now, room + this.inFlight.size)
      .filter((delivery) => !this.inFlight.has(delivery.id));
    for (const delivery of due.slice(0, room)) {
      if (delivery.channel === 'EMAIL' && options.sendMail === undefined) continue;
      this.inFlight.add(delivery.id);
      const attempt =
        delivery.channel === 'EMAIL' && options.sendMail
          ? options.sendMail(delivery)
          : sendWebhook(delivery, now, {
              allowPrivateNetworks: options.allowPrivateNetworks,
              timeoutMs: options.timeoutMs ?? 10_000,
            });
      void attempt
        .catch((error: unknown): SendOutcome => ({ ok: false, status: null, error: messageOf(error) }))
        .then((outcome) => this.recordAttempt(store, delivery, outcome, options))
        .finally(() => this.inFlight.delete(delivery.id));
    }
  }

  private recordAttempt(
    store: NotificationStore,
    delivery: PendingDelivery,
    outcome: SendOutcome,
    options: NotificationOptions,
  ): void {
    if (this.db === undefined || !this.db.open) return;
    const at = new Date();
    if (outcome.ok) {
      store.markDelivered(delivery.id, outcome.status ?? 0, at);
      options.onAttempt?.('delivered');
      return;
    }
    const attempts = delivery.attempts + 1;
    const retryAt =
      attempts >= options.maxAttempts ? null : nextAttemptAt(attempts - 1, at, options.retryBaseMs ?? 30_000);
    store.markFailed(delivery.id, { status: outcome.status, error: outcome.error ?? 'failed' }, at, retryAt);
    options.onAttempt?.(retryAt === null ? 'dead' : 'retry');
  }

  private requireDb(): ReactorStore {
    if (this.db === undefined || !this.db.open) throw new Error('the reactor is not leading');
    return this.db;
  }
}
