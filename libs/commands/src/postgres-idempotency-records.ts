import type { Pool } from 'pg';
import { inTransaction, migrateSharedState, toSharedStateError } from '@praktijklus/event-store';
import {
  IDEMPOTENCY_RETENTION_MS as RETENTION_MS,
  idempotencyRecordOf as recordOf,
  PENDING_STATUS as PENDING,
  type IdempotencyRecord,
  type IdempotencyRecordRow as RecordRow,
  type IdempotencyRecords,
  type Reservation,
} from './idempotency-records';

const MIGRATIONS = {
  component: 'idempotency_records',
  steps: [
    // body and headers as the JSON text written, so a replay answers byte for byte the same.
    `CREATE TABLE idempotency_records (
       subject TEXT NOT NULL,
       key TEXT NOT NULL,
       fingerprint TEXT NOT NULL,
       status INTEGER NOT NULL,
       body TEXT NOT NULL,
       headers TEXT NOT NULL,
       created_at BIGINT NOT NULL,
       PRIMARY KEY (subject, key)
     );
     CREATE INDEX idempotency_records_created ON idempotency_records (created_at)`,
  ],
} as const;

// An answer completes its request's reservation; the first answer wins when two identical requests
// race; an expired record (answered or pending) may be replaced.
const SAVE = `INSERT INTO idempotency_records (subject, key, fingerprint, status, body, headers, created_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7)
  ON CONFLICT (subject, key) DO UPDATE SET fingerprint = excluded.fingerprint, status = excluded.status,
    body = excluded.body, headers = excluded.headers, created_at = excluded.created_at
  WHERE (idempotency_records.status = ${PENDING} AND idempotency_records.fingerprint = excluded.fingerprint)
    OR idempotency_records.created_at < $8`;

// Takes a free or expired key. When the key is held, ON CONFLICT still locks the holder's row to the
// end of the transaction, so the holder read next cannot change or go away before it is judged.
const RESERVE = `INSERT INTO idempotency_records (subject, key, fingerprint, status, body, headers, created_at)
  VALUES ($1, $2, $3, ${PENDING}, 'null', '{}', $4)
  ON CONFLICT (subject, key) DO UPDATE SET fingerprint = excluded.fingerprint, status = excluded.status,
    body = excluded.body, headers = excluded.headers, created_at = excluded.created_at
  WHERE idempotency_records.created_at < $5`;

const HOLDER = `SELECT fingerprint, status, body, headers FROM idempotency_records WHERE subject = $1 AND key = $2`;

/**
 * Idempotency records in PostgreSQL, shared by every instance: two instances receiving the same key
 * at once cannot both find it free, and a retry that reaches another instance is replayed there.
 */
export class PostgresIdempotencyRecords implements IdempotencyRecords {
  private saves = 0;
  private closed = false;

  private constructor(
    private readonly pool: Pool,
    private readonly ownsPool: boolean,
  ) {}

  /** Migrates the schema; `ownsPool`: `close` ends the pool too. */
  static async open(pool: Pool, options: { ownsPool?: boolean } = {}): Promise<PostgresIdempotencyRecords> {
    try {
      await migrateSharedState(pool, MIGRATIONS);
    } catch (error) {
      throw toSharedStateError('idempotency records', error);
    }
    return new PostgresIdempotencyRecords(pool, options.ownsPool ?? false);
  }

  async find(subject: string, key: string, now = Date.now()): Promise<IdempotencyRecord | undefined> {
    const { rows } = await this.guard(() =>
      this.pool.query<RecordRow>(`${HOLDER} AND created_at >= $3 AND status <> ${PENDING}`, [
        subject,
        key,
        now - RETENTION_MS,
      ]),
    );
    return rows[0] === undefined ? undefined : recordOf(rows[0]);
  }

  async reserve(subject: string, key: string, fingerprint: string, now = Date.now()): Promise<Reservation> {
    return this.guard(() =>
      inTransaction(this.pool, async (client) => {
        const taken = await client.query(RESERVE, [subject, key, fingerprint, now, now - RETENTION_MS]);
        if (taken.rowCount === 1) return { kind: 'reserved' } as const;
        const { rows } = await client.query<RecordRow>(HOLDER, [subject, key]);
        const holder = rows[0];
        if (holder === undefined) throw new Error(`idempotency record ${key} neither taken nor held`);
        if (holder.fingerprint !== fingerprint) return { kind: 'reused' } as const;
        if (holder.status === PENDING) return { kind: 'pending' } as const;
        return { kind: 'answered', record: recordOf(holder) } as const;
      }),
    );
  }

  async release(subject: string, key: string, fingerprint: string): Promise<void> {
    await this.guard(() =>
      this.pool.query(
        `DELETE FROM idempotency_records WHERE subject = $1 AND key = $2 AND fingerprint = $3 AND status = ${PENDING}`,
        [subject, key, fingerprint],
      ),
    );
  }

  async save(subject: string, key: string, record: IdempotencyRecord, now = Date.now()): Promise<void> {
    await this.guard(() =>
      this.pool.query(SAVE, [
        subject,
        key,
        record.fingerprint,
        record.status,
        JSON.stringify(record.body),
        JSON.stringify(record.headers),
        now,
        now - RETENTION_MS,
      ]),
    );
    if (++this.saves % 1000 === 1) {
      await this.guard(() =>
        this.pool.query('DELETE FROM idempotency_records WHERE created_at < $1', [now - RETENTION_MS]),
      );
    }
  }

  async close(): Promise<void> {
    if (!this.ownsPool || this.closed) return;
    this.closed = true;
    await this.pool.end();
  }

  private async guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw toSharedStateError('idempotency records', error);
    }
  }
}
