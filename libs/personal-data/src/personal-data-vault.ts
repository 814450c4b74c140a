export interface InitiativePersonalData {
  name: string;
  contact?: string;
}

export type VaultEntry =
  | { status: 'present'; data: InitiativePersonalData }
  | { status: 'erased'; erasedAt: string }
  | { status: 'absent' };

/**
 * Personal data lives in a vault outside the immutable event log, keyed by the reference the events
 * carry. Erasing removes the data for good while the events and statistics stay intact, and leaves
 * only the reference and the moment of erasure, so that the reference is never written again.
 *
 * Two implementations: a SQLite file in DATA_DIR (one server, or servers sharing DATA_DIR), and
 * PostgreSQL (instances on several machines; see `PostgresPersonalDataVault`).
 */
export interface PersonalDataVault {
  /** Stores or replaces the data under `ref`; throws when `ref` was erased. */
  put(ref: string, data: InitiativePersonalData): Promise<void>;
  get(ref: string): Promise<VaultEntry>;
  /** Idempotent; `at` comes from the caller's clock. Resolves whether anything was erased now. */
  erase(ref: string, at: string): Promise<boolean>;
  close(): Promise<void>;
}

export class ErasedPersonalData extends Error {
  constructor(readonly ref: string) {
    super(`personal data ${ref} was erased and cannot be written again`);
    this.name = 'ErasedPersonalData';
  }
}
