import { createHash } from 'node:crypto';
import type { Database, Statement } from 'better-sqlite3';
import { type DigestBody, DIGEST_TYPE } from './mail';
import type { NotificationStore } from './notification-store';
import type { OverdueWatch } from './overdue';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS digests (
    subscription_id TEXT NOT NULL,
    day TEXT NOT NULL,
    items INTEGER NOT NULL,
    enqueued_at TEXT NOT NULL,
    PRIMARY KEY (subscription_id, day)
  ) WITHOUT ROWID;
`;

const AMSTERDAM = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Amsterdam',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  hourCycle: 'h23',
});

/** The Dutch calendar day (YYYY-MM-DD) and wall-clock hour of an instant. */
export function amsterdamDayAndHour(now: Date): { day: string; hour: number } {
  const part = (type: string) => AMSTERDAM.formatToParts(now).find((p) => p.type === type)?.value ?? '';
  return { day: `${part('year')}-${part('month')}-${part('day')}`, hour: Number(part('hour')) };
}

/** A UUID made of its inputs (the digest's CloudEvent-like id): the same subscription and day, the same id. */
const uuidOf = (...parts: string[]): string => {
  const hex = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  const variant = ((Number.parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};

/**
 * The daily digest per e-mail subscription: from DIGEST_HOUR on (Amsterdam wall clock), the first
 * scan that finds overdue items of the subscription's authority enqueues one e-mail for the day.
 * The day is recorded with the outbox row in one transaction (primary key subscription + day), so
 * neither a restart nor a second instance sends it twice; a day with nothing overdue sends nothing.
 */
export class Digests {
  private readonly sql: Record<string, Statement>;

  constructor(
    private readonly db: Database,
    private readonly notifications: NotificationStore,
    private readonly overdue: OverdueWatch,
  ) {
    db.exec(SCHEMA);
    this.sql = {
      pending: db.prepare(
        `SELECT s.id, s.authority FROM subscriptions s
         WHERE s.channel = 'EMAIL' AND s.deleted_at IS NULL
           AND NOT EXISTS (SELECT 1 FROM digests d WHERE d.subscription_id = s.id AND d.day = ?)`,
      ),
      record: db.prepare(
        'INSERT OR IGNORE INTO digests (subscription_id, day, items, enqueued_at) VALUES (?, ?, ?, ?)',
      ),
    };
  }

  /** Enqueues the digests due at `now`; answers how many. */
  run(now: Date, digestHour: number): number {
    const { day, hour } = amsterdamDayAndHour(now);
    if (hour < digestHour) return 0;
    let enqueued = 0;
    for (const { id, authority } of this.sql.pending.all(day) as Array<{ id: string; authority: string }>) {
      const items = this.overdue.overdueOf(authority, now);
      if (items.length === 0) continue;
      const body: DigestBody = { day, authority, items };
      this.db.transaction(() => {
        if (this.sql.record.run(id, day, items.length, now.toISOString()).changes === 0) return;
        this.notifications.enqueueDelivery({
          id: `digest_${id.replace(/-/g, '')}_${day.replace(/-/g, '')}`,
          subscriptionId: id,
          eventId: uuidOf('digest', id, day),
          type: DIGEST_TYPE,
          subject: day,
          body: JSON.stringify(body),
          now,
        });
        enqueued += 1;
      })();
    }
    return enqueued;
  }
}
