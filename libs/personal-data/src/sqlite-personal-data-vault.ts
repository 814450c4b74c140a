import Database from 'better-sqlite3';
import { preparePrivateDatabase } from '@praktijklus/event-store';
import {
  ErasedPersonalData,
  type InitiativePersonalData,
  type PersonalDataVault,
  type VaultEntry,
} from './personal-data-vault';

/**
 * The vault in a SQLite file. Erasing deletes the row's data with secure_delete on and truncates the
 * WAL, so the plaintext is gone from every file on disk.
 */
export class SqlitePersonalDataVault implements PersonalDataVault {
  private constructor(private readonly db: Database.Database) {}

  static open(file: string, options: { synchronous?: 'FULL' | 'NORMAL' } = {}): SqlitePersonalDataVault {
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
    return new SqlitePersonalDataVault(db);
  }

  async put(ref: string, data: InitiativePersonalData): Promise<void> {
    const erased = this.db
      .prepare('SELECT erased_at FROM initiative_personal_data WHERE ref = ?')
      .get(ref) as { erased_at: string | null } | undefined;
    if (erased?.erased_at) throw new ErasedPersonalData(ref);
    this.db
      .prepare(
        `INSERT INTO initiative_personal_data (ref, name, contact) VALUES (?, ?, ?)
         ON CONFLICT(ref) DO UPDATE SET name = excluded.name, contact = excluded.contact`,
      )
      .run(ref, data.name, data.contact ?? null);
  }

  async get(ref: string): Promise<VaultEntry> {
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

  async erase(ref: string, at: string): Promise<boolean> {
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

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
