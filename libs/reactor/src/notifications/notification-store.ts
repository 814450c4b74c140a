import { randomBytes, randomUUID } from 'node:crypto';
import type { Database, Statement } from 'better-sqlite3';
import type { RecordedEvent } from '@praktijklus/event-store';
import { cloudEventOf } from './cloud-events';
import { type PartyChange, partyChangesOf } from './parties';

export type Channel = 'WEBHOOK' | 'EMAIL';
export type DeliveryStatus = 'PENDING' | 'DELIVERED' | 'DEAD';

export interface Subscription {
  id: string;
  authority: string;
  /** The user (token `sub`) who subscribed. */
  createdBy: string;
  channel: Channel;
  /** The URL, or the e-mail address. */
  target: string;
  types: string[];
  createdAt: string;
}

export interface Delivery {
  /** The `webhook-id`, the same on every attempt. */
  id: string;
  subscriptionId: string;
  eventId: string;
  type: string;
  subject: string;
  status: DeliveryStatus;
  attempts: number;
  lastAttemptAt: string | null;
  /** The receiver's HTTP status of the last attempt, or null when it did not answer. */
  lastStatus: number | null;
  lastError: string | null;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
  createdAt: string;
}

/** An outbox row with what its sender needs. */
export interface PendingDelivery extends Delivery {
  body: string;
  channel: Channel;
  target: string;
  secret: string;
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS subscriptions (
    id TEXT PRIMARY KEY,
    authority TEXT NOT NULL,
    created_by TEXT NOT NULL,
    channel TEXT NOT NULL,
    target TEXT NOT NULL,
    types TEXT NOT NULL,
    secret TEXT NOT NULL,
    created_at TEXT NOT NULL,
    deleted_at TEXT
  );
  CREATE INDEX IF NOT EXISTS subscriptions_by_authority ON subscriptions (authority, created_at);
  CREATE TABLE IF NOT EXISTS entity_parties (
    stream_id TEXT NOT NULL,
    relation TEXT NOT NULL,
    authority TEXT NOT NULL,
    PRIMARY KEY (stream_id, relation, authority)
  ) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS outbox (
    id TEXT PRIMARY KEY,
    subscription_id TEXT NOT NULL,
    event_id TEXT NOT NULL,
    type TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'PENDING',
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER,
    last_attempt_at TEXT,
    last_status INTEGER,
    last_error TEXT,
    delivered_at TEXT,
    created_at TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS outbox_due ON outbox (next_attempt_at) WHERE status = 'PENDING';
  CREATE INDEX IF NOT EXISTS outbox_by_subscription ON outbox (subscription_id, created_at);
`;

interface SubscriptionRow {
  id: string;
  authority: string;
  created_by: string;
  channel: Channel;
  target: string;
  types: string;
  secret: string;
  created_at: string;
}

interface OutboxRow {
  id: string;
  subscription_id: string;
  event_id: string;
  type: string;
  subject: string;
  body: string;
  status: DeliveryStatus;
  attempts: number;
  next_attempt_at: number | null;
  last_attempt_at: string | null;
  last_status: number | null;
  last_error: string | null;
  delivered_at: string | null;
  created_at: string;
}

const subscriptionOf = (row: SubscriptionRow): Subscription => ({
  id: row.id,
  authority: row.authority,
  createdBy: row.created_by,
  channel: row.channel,
  target: row.target,
  types: JSON.parse(row.types) as string[],
  createdAt: row.created_at,
});

const deliveryOf = (row: OutboxRow): Delivery => ({
  id: row.id,
  subscriptionId: row.subscription_id,
  eventId: row.event_id,
  type: row.type,
  subject: row.subject,
  status: row.status,
  attempts: row.attempts,
  lastAttemptAt: row.last_attempt_at,
  lastStatus: row.last_status,
  lastError: row.last_error,
  nextAttemptAt: row.next_attempt_at === null ? null : new Date(row.next_attempt_at).toISOString(),
  deliveredAt: row.delivered_at,
  createdAt: row.created_at,
});

/**
 * Subscriptions, who takes part in which entity, and the outbox of deliveries, in the reactor's
 * file: the reactor enqueues in the transaction that moves its checkpoint, so a crash neither loses
 * nor repeats an enqueue; the API reads and writes subscriptions through its own connection.
 */
export class NotificationStore {
  private readonly sql: Record<string, Statement>;

  constructor(
    private readonly db: Database,
    /** PUBLIC_URL: CloudEvents enqueued from now on carry the link to the entity's page. */
    private readonly publicUrl?: string,
  ) {
    db.exec(SCHEMA);
    this.sql = {
      insertSubscription: db.prepare(
        `INSERT INTO subscriptions (id, authority, created_by, channel, target, types, secret, created_at)
         VALUES (@id, @authority, @createdBy, @channel, @target, @types, @secret, @createdAt)`,
      ),
      subscriptionsOf: db.prepare(
        'SELECT * FROM subscriptions WHERE authority = ? AND deleted_at IS NULL ORDER BY created_at, id',
      ),
      subscription: db.prepare('SELECT * FROM subscriptions WHERE id = ? AND deleted_at IS NULL'),
      deleteSubscription: db.prepare(
        'UPDATE subscriptions SET deleted_at = ? WHERE id = ? AND authority = ? AND deleted_at IS NULL',
      ),
      listeners: db.prepare(
        `SELECT s.* FROM subscriptions s
         WHERE s.deleted_at IS NULL AND EXISTS (SELECT 1 FROM json_each(s.types) t WHERE t.value = @type)
           AND s.authority IN (SELECT authority FROM entity_parties WHERE stream_id = @streamId)`,
      ),
      addParty: db.prepare(
        'INSERT OR IGNORE INTO entity_parties (stream_id, relation, authority) VALUES (?, ?, ?)',
      ),
      removeParty: db.prepare('DELETE FROM entity_parties WHERE stream_id = ? AND relation = ?'),
      enqueue: db.prepare(
        `INSERT OR IGNORE INTO outbox (id, subscription_id, event_id, type, subject, body, next_attempt_at, created_at)
         VALUES (@id, @subscriptionId, @eventId, @type, @subject, @body, @nextAttemptAt, @createdAt)`,
      ),
      due: db.prepare(
        `SELECT o.*, s.channel, s.target, s.secret FROM outbox o JOIN subscriptions s ON s.id = o.subscription_id
         WHERE o.status = 'PENDING' AND o.next_attempt_at <= ? AND s.deleted_at IS NULL
         ORDER BY o.next_attempt_at LIMIT ?`,
      ),
      delivered: db.prepare(
        `UPDATE outbox SET status = 'DELIVERED', attempts = attempts + 1, last_attempt_at = @at,
           last_status = @status, last_error = NULL, delivered_at = @at, next_attempt_at = NULL WHERE id = @id`,
      ),
      failed: db.prepare(
        `UPDATE outbox SET status = @next, attempts = attempts + 1, last_attempt_at = @at, last_status = @status,
           last_error = @error, next_attempt_at = @retryAt WHERE id = @id`,
      ),
      deliveries: db.prepare(
        'SELECT * FROM outbox WHERE subscription_id = ? ORDER BY created_at DESC, id LIMIT ?',
      ),
      depth: db.prepare(`SELECT count(*) AS count FROM outbox WHERE status = 'PENDING'`),
    };
  }

  /** A new subscription with its signing secret (`whsec_` + 32 random bytes, base64), shown once. */
  subscribe(input: Omit<Subscription, 'id' | 'createdAt'>, now: Date): Subscription & { secret: string } {
    const subscription = {
      ...input,
      id: randomUUID(),
      createdAt: now.toISOString(),
      secret: `whsec_${randomBytes(32).toString('base64')}`,
    };
    this.sql.insertSubscription.run({ ...subscription, types: JSON.stringify(subscription.types) });
    return subscription;
  }

  subscriptionsOf(authority: string): Subscription[] {
    return (this.sql.subscriptionsOf.all(authority) as SubscriptionRow[]).map(subscriptionOf);
  }

  /** The subscription when it exists and belongs to `authority`; undefined otherwise (the same 404). */
  subscriptionOf(id: string, authority: string): Subscription | undefined {
    const row = this.sql.subscription.get(id) as SubscriptionRow | undefined;
    return row !== undefined && row.authority === authority ? subscriptionOf(row) : undefined;
  }

  unsubscribe(id: string, authority: string, now: Date): boolean {
    return this.sql.deleteSubscription.run(now.toISOString(), id, authority).changes === 1;
  }

  deliveries(subscriptionId: string, limit: number): Delivery[] {
    return (this.sql.deliveries.all(subscriptionId, limit) as OutboxRow[]).map(deliveryOf);
  }

  /** Inside the reactor's batch transaction: parties first, then one outbox row per listening subscription. */
  enqueue(event: RecordedEvent, now: Date): void {
    for (const change of partyChangesOf(event)) this.applyParty(change);
    const cloudEvent = cloudEventOf(event, this.publicUrl);
    if (cloudEvent === undefined) return;
    const listeners = this.sql.listeners.all({
      type: cloudEvent.type,
      streamId: event.streamId,
    }) as SubscriptionRow[];
    for (const listener of listeners) {
      this.sql.enqueue.run({
        id: `msg_${event.id}_${listener.id}`.replace(/-/g, ''),
        subscriptionId: listener.id,
        eventId: event.id,
        type: cloudEvent.type,
        subject: String(JSON.parse(cloudEvent.body).subject),
        body: cloudEvent.body,
        nextAttemptAt: now.getTime(),
        createdAt: now.toISOString(),
      });
    }
  }

  /** One outbox row made by the reactor itself (the daily digest); a repeated id is ignored. */
  enqueueDelivery(row: {
    id: string;
    subscriptionId: string;
    eventId: string;
    type: string;
    subject: string;
    body: string;
    now: Date;
  }): void {
    const { now, ...rest } = row;
    this.sql.enqueue.run({ ...rest, nextAttemptAt: now.getTime(), createdAt: now.toISOString() });
  }

  due(now: Date, limit: number): PendingDelivery[] {
    return (
      this.sql.due.all(now.getTime(), limit) as Array<
        OutboxRow & { channel: Channel; target: string; secret: string }
      >
    ).map((row) => ({
      ...deliveryOf(row),
      body: row.body,
      channel: row.channel,
      target: row.target,
      secret: row.secret,
    }));
  }

  markDelivered(id: string, status: number, at: Date): void {
    this.sql.delivered.run({ id, status, at: at.toISOString() });
  }

  /** `retryAt` null: attempts are used up and the delivery is dead-lettered. */
  markFailed(
    id: string,
    failure: { status: number | null; error: string },
    at: Date,
    retryAt: Date | null,
  ): void {
    this.sql.failed.run({
      id,
      next: retryAt === null ? 'DEAD' : 'PENDING',
      at: at.toISOString(),
      status: failure.status,
      error: failure.error.slice(0, 500),
      retryAt: retryAt === null ? null : retryAt.getTime(),
    });
  }

  depth(): number {
    return (this.sql.depth.get() as { count: number }).count;
  }

  private applyParty(change: PartyChange): void {
    if (change.op === 'remove') this.sql.removeParty.run(change.streamId, change.relation);
    else this.sql.addParty.run(change.streamId, change.relation, change.authority);
  }
}
