import Database from 'better-sqlite3';
import { preparePrivateDatabase } from '@praktijklus/event-store';

export interface IdempotencyRecord {
  fingerprint: string;
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

/** How long a first answer is replayed; afterwards deterministic event ids still prevent a second write. */
const RETENTION_MS = 24 * 60 * 60 * 1000;

/**
 * First answers to POSTs carrying an `Idempotency-Key`, keyed by (user, key), in their own SQLite
 * file: they are operational state of this server, not facts for the event log.
 */
export class IdempotencyRecords {
  private readonly findStatement: Database.Statement<[string, string, number], RecordRow>;
  private readonly saveStatement: Database.Statement<
    [string, string, string, number, string, string, number, number]
  >;
  private readonly pruneStatement: Database.Statement<[number]>;
  private saves = 0;

  private constructor(private readonly db: Database.Database) {
    this.findStatement = db.prepare(
      'SELECT fingerprint, status, body, headers FROM idempotency_records WHERE subject = ? AND key = ? AND created_at >= ?',
    );
    // The first answer wins when two identical requests race; an expired record may be replaced.
    this.saveStatement = db.prepare(
      `INSERT INTO idempotency_records (subject, key, fingerprint, status, body, headers, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (subject, key) DO UPDATE SET fingerprint = excluded.fingerprint, status = excluded.status,
         body = excluded.body, headers = excluded.headers, created_at = excluded.created_at
       WHERE idempotency_records.created_at < ?`,
    );
    this.pruneStatement = db.prepare('DELETE FROM idempotency_records WHERE created_at < ?');
  }

  static open(file: string, options: { synchronous?: 'FULL' | 'NORMAL' | 'OFF' } = {}): IdempotencyRecords {
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
    return new IdempotencyRecords(db);
  }

  find(subject: string, key: string, now = Date.now()): IdempotencyRecord | undefined {
    const row = this.findStatement.get(subject, key, now - RETENTION_MS);
    if (!row) return undefined;
    return {
      fingerprint: row.fingerprint,
      status: row.status,
      body: JSON.parse(row.body) as unknown,
      headers: JSON.parse(row.headers) as Record<string, string>,
    };
  }

  save(subject: string, key: string, record: IdempotencyRecord, now = Date.now()): void {
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

  close(): void {
    if (this.db.open) this.db.close();
  }
}

interface RecordRow {
  fingerprint: string;
  status: number;
  body: string;
  headers: string;
}
