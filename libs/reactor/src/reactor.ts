import type { EventStore, Position } from '@praktijklus/event-store';
import { BatchReader } from '@praktijklus/projections';
import { type Due, dueChangesOf, type DueDateRules } from './due-dates';
import { Digests } from './notifications/digest';
import { NotificationStore, type PendingDelivery } from './notifications/notification-store';
import { OverdueWatch } from './notifications/overdue';
import { nextAttemptAt, type SendOutcome, sendWebhook } from './notifications/webhook-sender';
import type { LeaderLock, Leadership } from './leadership';
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
  /** The leader's lock file (`DATA_DIR/reactor.lock`), when no `leadership` is given. */
  lockFile: string;
  /** Leadership shared across machines (a PostgreSQL advisory lock) instead of the lock file. */
  leadership?: Leadership;
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
  /** `leader` does the work; a `standby` waits for the leader's lock (another instance holds it). */
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

/** The lock file's (released at once, never lost) or a shared leadership's. */
type HeldLock = { release(): void | Promise<void>; check?: LeaderLock['check'] };

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
  private lock: HeldLock | undefined;
  private acquiring: Promise<void> | undefined;
  private stopRequested = false;
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

  /** Becomes the leader when the lock is free; otherwise stays a standby that `tick` retries. */
  start(): void {
    this.stopping = false;
    this.stopRequested = false;
    if (this.options.leadership === undefined) this.tryLead();
    else void this.tryLeadShared();
  }

  /**
   * One scheduler beat: a standby tries to take over, the leader confirms it still holds a shared
   * lock and records what fell due by `now`.
   */
  async tick(now: Date = new Date()): Promise<void> {
    if (this.stopping) return;
    if (this.db === undefined) {
      if (this.options.leadership === undefined) this.tryLead();
      else await this.tryLeadShared();
    } else if (this.lock?.check !== undefined) {
      try {
        await this.lock.check();
      } catch (error) {
        await this.standDown(messageOf(error));
      }
    }
    if (this.db === undefined || this.stopping) return;
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
    this.stopRequested = true;
    this.stopping = true;
    await this.acquiring;
    await this.halt();
  }

  /** Ends the loop, the scan and deliveries in flight, and gives up the lock. */
  private async halt(): Promise<void> {
    await this.reader?.close();
    for (let i = 0; i < 100 && this.inFlight.size > 0; i++)
      await new Promise((resolve) => setTimeout(resolve, 20));
    await this.loop;
    await this.scanning;
    this.db?.close();
    this.db = undefined;
    await this.lock?.release();
    this.lock = undefined;
    this.loop = undefined;
  }

  /** A leader whose shared lock went (its connection dropped) stops acting: another may lead now. */
  private async standDown(reason: string): Promise<void> {
    if (this.db === undefined || this.stopping) return;
    this.error = `lost the leader's lock: ${reason}`;
    this.options.logger.warn(`${this.error}; standing by`);
    this.stopping = true;
    await this.halt();
    this.stopping = this.stopRequested;
  }

  private tryLeadShared(): Promise<void> {
    this.acquiring ??= this.acquireShared().finally(() => (this.acquiring = undefined));
    return this.acquiring;
  }

  private async acquireShared(): Promise<void> {
    const leadership = this.options.leadership;
    if (leadership === undefined) return;
    let lock: LeaderLock | undefined;
    try {
      lock = await leadership.tryAcquire((reason) => void this.standDown(reason));
    } catch (error) {
      this.error = `leader's lock: ${messageOf(error)}`;
      this.options.logger.warn(`${this.error}; trying again at the next scan`);
      return;
    }
    if (lock === undefined) return;
    if (this.stopping || this.db !== undefined) {
      await lock.release();
      return;
    }
    this.error = null;
    this.lead(lock);
  }

  private tryLead(): void {
    let lock: { release(): void };
    try {
      lock = acquireReactorLock(this.options.lockFile);
    } catch (error) {
      if (error instanceof ReactorBusy) return;
      throw error;
    }
    this.lead(lock);
  }

  private lead(lock: HeldLock): void {
    this.lock = lock;
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
