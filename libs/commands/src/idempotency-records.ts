export interface IdempotencyRecord {
  fingerprint: string;
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

/** How long a first answer is replayed; afterwards deterministic event ids still prevent a second write. */
export const IDEMPOTENCY_RETENTION_MS = 24 * 60 * 60 * 1000;

/** `status` of a key reserved for a request that has not answered yet (no HTTP status is 0). */
export const PENDING_STATUS = 0;

/** What a request carrying an Idempotency-Key may do, decided atomically when it arrives. */
export type Reservation =
  /** The key was free and is now reserved for this request: execute it. */
  | { kind: 'reserved' }
  /**
   * The same request (same fingerprint) holds the key without an answer yet: running now, or its
   * server stopped mid-way. Execute it too: its deterministic event ids make the event store write
   * it at most once, and a retry after a crash is answered from the log when the write happened.
   */
  | { kind: 'pending' }
  /** The same request was answered: replay that answer. */
  | { kind: 'answered'; record: IdempotencyRecord }
  /** Another request (other method, path or body) holds the key, answered or not. */
  | { kind: 'reused' };

/**
 * First answers to POSTs carrying an `Idempotency-Key`, keyed by (user, key): operational state,
 * not facts for the event log. In a SQLite file of this server (`SqliteIdempotencyRecords`), or in
 * PostgreSQL shared by every instance (`PostgresIdempotencyRecords`). `now` is epoch milliseconds.
 */
export interface IdempotencyRecords {
  /** The answer remembered for (user, key); a reservation without an answer is none. */
  find(subject: string, key: string, now?: number): Promise<IdempotencyRecord | undefined>;
  /** Reserves (user, key) for the request with this fingerprint, or says why it may not run. */
  reserve(subject: string, key: string, fingerprint: string, now?: number): Promise<Reservation>;
  /** Frees the key a request reserved that was refused before writing anything, for a corrected request. */
  release(subject: string, key: string, fingerprint: string): Promise<void>;
  /** Completes the request's reservation with its answer; the first answer wins. */
  save(subject: string, key: string, record: IdempotencyRecord, now?: number): Promise<void>;
  close(): Promise<void>;
}

export interface IdempotencyRecordRow {
  fingerprint: string;
  status: number;
  body: string;
  headers: string;
}

export function idempotencyRecordOf(row: IdempotencyRecordRow): IdempotencyRecord {
  return {
    fingerprint: row.fingerprint,
    status: row.status,
    body: JSON.parse(row.body) as unknown,
    headers: JSON.parse(row.headers) as Record<string, string>,
  };
}
