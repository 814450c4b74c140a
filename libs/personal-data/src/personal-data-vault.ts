import Database from 'better-sqlite3';
import { preparePrivateDatabase } from '@praktijklus/event-store';

export interface InitiativePersonalData {
  name: string;
  contact?: string;
}

export type VaultEntry =
  | { status: 'present'; data: InitiativePersonalData }
  | { status: 'erased'; erasedAt: string }
  | { status: 'absent' };

/**
 * Personal data lives here, outside the immutable event log, keyed by the reference the events
 * carry. Erasing deletes the row with secure_delete on and truncates the WAL, so the plaintext is
 * gone from every file on disk while the events and statistics stay intact.
 */
export class PersonalDataVault {
  private constructor(private readonly db: Database.Database) {}

  static open(file: string, options: { synchronous?: 'FULL' | 'NORMAL' } = {}): PersonalDataVault {
    preparePrivateDatabase(file);
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
    db.pragma('secure_delete = ON');
    db.pragma('busy_timeout = 5000');
    db.exec(`CREATE TABLE IF NOT EXISTS initiative_personal_data (
      ref TEXT PRIMARY KEY,
      name TEXT,
      contact TEXT,
      erased_at TEXT
    )`);
    return new PersonalDataVault(db);
  }

  put(ref: string, data: InitiativePersonalData): void {
    const erased = this.db
      .prepare('SELECT erased_at FROM initiative_personal_data WHERE ref = ?')
      .get(ref) as { erased_at: string | null } | undefined;
    if (erased?.erased_at) throw new Error(`personal data ${ref} was erased and cannot be written again`);
    this.db
      .prepare(
        `INSERT INTO initiative_personal_data (ref, name, contact) VALUES (?, ?, ?)
         ON CONFLICT(ref) DO UPDATE SET name = excluded.name, contact = excluded.contact`,
      )
      .run(ref, data.name, data.contact ?? null);
  }

  get(ref: string): VaultEntry {
    const row = this.db
      .prepare('SELECT name, contact, erased_at FROM initiative_personal_data WHERE ref = ?')
      .get(ref) as { name: string | null; contact: string | null; erased_at: string | null } | undefined;
    if (!row) return { status: 'absent' };
    if (row.erased_at) return { status: 'erased', erasedAt: row.erased_at };
    return {
      status: 'present',
      data: { name: row.name ?? '', ...(row.contact ? { contact: row.contact } : {}) },
    };
  }

  /** Idempotent; `at` comes from the caller's clock. Returns whether anything was erased now. */
  erase(ref: string, at: string): boolean {
    const result = this.db
      .prepare(
        `INSERT INTO initiative_personal_data (ref, name, contact, erased_at) VALUES (?, NULL, NULL, ?)
         ON CONFLICT(ref) DO UPDATE SET name = NULL, contact = NULL, erased_at = excluded.erased_at
         WHERE erased_at IS NULL`,
      )
      .run(ref, at);
    // The old row image may still sit in WAL frames; checkpointing and truncating removes it.
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    return result.changes > 0;
  }

  close(): void {
    this.db.close();
  }
}
