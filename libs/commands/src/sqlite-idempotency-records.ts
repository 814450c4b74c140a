import Database from 'better-sqlite3';
import { preparePrivateDatabase } from '@praktijklus/event-store';
import {
  IDEMPOTENCY_RETENTION_MS as RETENTION_MS,
  idempotencyRecordOf as recordOf,
  PENDING_STATUS as PENDING,
  type IdempotencyRecord,
  type IdempotencyRecordRow as RecordRow,
  type IdempotencyRecords,
  type Reservation,
} from './idempotency-records';

/** Idempotency records in a SQLite file of this server (or of servers sharing DATA_DIR). */
export class SqliteIdempotencyRecords implements IdempotencyRecords {
  private readonly findStatement: Database.Statement<[string, string, number], RecordRow>;
  private readonly saveStatement: Database.Statement<
    [string, string, string, number, string, string, number, number]
  >;
  private readonly pruneStatement: Database.Statement<[number]>;
  private readonly holderStatement: Database.Statement<[string, string, number], RecordRow>;
  private readonly reserveStatement: Database.Statement<[string, string, string, number, number]>;
  private readonly releaseStatement: Database.Statement<[string, string, string]>;
  private readonly reserveAtomically: (
    subject: string,
    key: string,
    fingerprint: string,
    now: number,
  ) => Reservation;
  private saves = 0;

  private constructor(private readonly db: Database.Database) {
    this.findStatement = db.prepare(
      `SELECT fingerprint, status, body, headers FROM idempotency_records
       WHERE subject = ? AND key = ? AND created_at >= ? AND status <> ${PENDING}`,
    );
    // An answer completes its request's reservation; the first answer wins when two identical
    // requests race; an expired record (answered or pending) may be replaced.
    this.saveStatement = db.prepare(
      `INSERT INTO idempotency_records (subject, key, fingerprint, status, body, headers, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (subject, key) DO UPDATE SET fingerprint = excluded.fingerprint, status = excluded.status,
         body = excluded.body, headers = excluded.headers, created_at = excluded.created_at
       WHERE (idempotency_records.status = ${PENDING} AND idempotency_records.fingerprint = excluded.fingerprint)
         OR idempotency_records.created_at < ?`,
    );
    this.pruneStatement = db.prepare('DELETE FROM idempotency_records WHERE created_at < ?');
    this.holderStatement = db.prepare(
      'SELECT fingerprint, status, body, headers FROM idempotency_records WHERE subject = ? AND key = ? AND created_at >= ?',
    );
    this.reserveStatement = db.prepare(
      `INSERT INTO idempotency_records (subject, key, fingerprint, status, body, headers, created_at)
       VALUES (?, ?, ?, ${PENDING}, 'null', '{}', ?)
       ON CONFLICT (subject, key) DO UPDATE SET fingerprint = excluded.fingerprint, status = excluded.status,
         body = excluded.body, headers = excluded.headers, created_at = excluded.created_at
       WHERE idempotency_records.created_at < ?`,
    );
    this.releaseStatement = db.prepare(
      `DELETE FROM idempotency_records WHERE subject = ? AND key = ? AND fingerprint = ? AND status = ${PENDING}`,
    );
    // IMMEDIATE: the write lock is taken before the read, so two servers on one DATA_DIR cannot
    // both find the key free.
    const reserve = db.transaction((subject: string, key: string, fingerprint: string, now: number) => {
      const holder = this.holderStatement.get(subject, key, now - RETENTION_MS);
      if (holder === undefined) {
        this.reserveStatement.run(subject, key, fingerprint, now, now - RETENTION_MS);
        return { kind: 'reserved' } as const;
      }
      if (holder.fingerprint !== fingerprint) return { kind: 'reused' } as const;
      if (holder.status === PENDING) return { kind: 'pending' } as const;
      return { kind: 'answered', record: recordOf(holder) } as const;
    });
    this.reserveAtomically = (subject, key, fingerprint, now) =>
      reserve.immediate(subject, key, fingerprint, now);
  }

  static open(
    file: string,
    options: { synchronous?: 'FULL' | 'NORMAL' | 'OFF' } = {},
  ): SqliteIdempotencyRecords {
    preparePrivateDatabase(file);
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
    db.pragma('busy_timeout = 5000');
    db.exec(`CREATE TABLE IF NOT EXISTS idempotency_records (
      subject TEXT NOT NULL,
      key TEXT NOT NULL,
      fingerprint TEXT NOT NULL,
      status INTEGER NOT NULL,
      body TEXT NOT NULL,
      headers TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      PRIMARY KEY (subject, key)
    ) WITHOUT ROWID;
    CREATE INDEX IF NOT EXISTS idempotency_records_created ON idempotency_records (created_at);`);
    return new SqliteIdempotencyRecords(db);
  }

  async find(subject: string, key: string, now = Date.now()): Promise<IdempotencyRecord | undefined> {
    const row = this.findStatement.get(subject, key, now - RETENTION_MS);
    return row ? recordOf(row) : undefined;
  }

  async reserve(subject: string, key: string, fingerprint: string, now = Date.now()): Promise<Reservation> {
    return this.reserveAtomically(subject, key, fingerprint, now);
  }

  async release(subject: string, key: string, fingerprint: string): Promise<void> {
    this.releaseStatement.run(subject, key, fingerprint);
  }

  async save(subject: string, key: string, record: IdempotencyRecord, now = Date.now()): Promise<void> {
    this.saveStatement.run(
      subject,
      key,
      record.fingerprint,
      record.status,
      JSON.stringify(record.body),
      JSON.stringify(record.headers),
      now,
      now - RETENTION_MS,
    );
    if (++this.saves % 1000 === 1) this.pruneStatement.run(now - RETENTION_MS);
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
