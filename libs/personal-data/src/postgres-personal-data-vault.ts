import type { Pool } from 'pg';
import { inTransaction, migrateSharedState, toSharedStateError } from '@praktijklus/event-store';
import {
  ErasedPersonalData,
  type InitiativePersonalData,
  type PersonalDataVault,
  type VaultEntry,
} from './personal-data-vault';

const MIGRATIONS = {
  component: 'personal_data',
  steps: [
    // The data and the fact of erasure in separate tables: erasing deletes the data's row outright.
    `CREATE TABLE personal_data (
       ref TEXT PRIMARY KEY,
       name TEXT NOT NULL,
       contact TEXT
     );
     CREATE TABLE personal_data_erasures (
       ref TEXT PRIMARY KEY,
       erased_at TEXT NOT NULL
     )`,
  ],
} as const;

// With the ref's hash as second key: a write and an erasure of one reference take turns.
const REF_LOCK_SPACE = 1_583_201_117;

/**
 * The vault in PostgreSQL, shared by every instance. Erasing deletes the data's row and records the
 * erasure in `personal_data_erasures` in one transaction, then vacuums the table so the dead row
 * version is removed from its pages too (PostgreSQL keeps it until a vacuum). What PostgreSQL's WAL
 * and base backups hold is the operator's retention to bound, as for any deletion there.
 */
export class PostgresPersonalDataVault implements PersonalDataVault {
  private closed = false;

  private constructor(
    private readonly pool: Pool,
    private readonly ownsPool: boolean,
  ) {}

  /** Migrates the schema; `ownsPool`: `close` ends the pool too. */
  static async open(pool: Pool, options: { ownsPool?: boolean } = {}): Promise<PostgresPersonalDataVault> {
    try {
      await migrateSharedState(pool, MIGRATIONS);
    } catch (error) {
      throw toSharedStateError('personal-data vault', error);
    }
    return new PostgresPersonalDataVault(pool, options.ownsPool ?? false);
  }

  async put(ref: string, data: InitiativePersonalData): Promise<void> {
    await this.guard(() =>
      inTransaction(this.pool, async (client) => {
        await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [REF_LOCK_SPACE, ref]);
        const erased = await client.query('SELECT 1 FROM personal_data_erasures WHERE ref = $1', [ref]);
        if (erased.rowCount !== 0) throw new ErasedPersonalData(ref);
        await client.query(
          `INSERT INTO personal_data (ref, name, contact) VALUES ($1, $2, $3)
           ON CONFLICT (ref) DO UPDATE SET name = excluded.name, contact = excluded.contact`,
          [ref, data.name, data.contact ?? null],
        );
      }),
    );
  }

  async get(ref: string): Promise<VaultEntry> {
    const { rows } = await this.guard(() =>
      this.pool.query<{ name: string | null; contact: string | null; erased_at: string | null }>(
        `SELECT d.name, d.contact, e.erased_at
         FROM (SELECT $1::text AS ref) r
         LEFT JOIN personal_data d ON d.ref = r.ref
         LEFT JOIN personal_data_erasures e ON e.ref = r.ref`,
        [ref],
      ),
    );
    const row = rows[0];
    if (row?.erased_at) return { status: 'erased', erasedAt: row.erased_at };
    if (row?.name === null || row?.name === undefined) return { status: 'absent' };
    return { status: 'present', data: { name: row.name, ...(row.contact ? { contact: row.contact } : {}) } };
  }

  async erase(ref: string, at: string): Promise<boolean> {
    const erasedNow = await this.guard(() =>
      inTransaction(this.pool, async (client) => {
        await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [REF_LOCK_SPACE, ref]);
        const recorded = await client.query(
          'INSERT INTO personal_data_erasures (ref, erased_at) VALUES ($1, $2) ON CONFLICT (ref) DO NOTHING',
          [ref, at],
        );
        await client.query('DELETE FROM personal_data WHERE ref = $1', [ref]);
        return recorded.rowCount === 1;
      }),
    );
    if (erasedNow) {
      // VACUUM cannot run in a transaction; the erasure is committed already, so a failure here only
      // leaves the dead row version to autovacuum.
      await this.pool.query('VACUUM personal_data').catch(() => undefined);
    }
    return erasedNow;
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
      throw toSharedStateError('personal-data vault', error);
    }
  }
}
