import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';

/** The file in DATA_DIR holding follow links: hashes only, never a token, never in the event log. */
export const FOLLOW_LINKS_FILE = 'follow-links.sqlite';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS follow_links (
  id           TEXT PRIMARY KEY,
  signal_id    TEXT NOT NULL,
  token_hash   BLOB NOT NULL UNIQUE,
  authority    TEXT NOT NULL,
  issued_by    TEXT NOT NULL,
  issued_at    TEXT NOT NULL,
  expires_at   INTEGER NOT NULL,
  revoked_at   TEXT,
  revoked_by   TEXT
);
CREATE INDEX IF NOT EXISTS follow_links_by_signal ON follow_links (signal_id, issued_at);
`;

export interface IssuedFollowLink {
  id: string;
  /** Shown once, to the issuer: only its hash is kept. */
  token: string;
  expiresAt: string;
}

export interface FollowLinkSummary {
  id: string;
  issuedAt: string;
  expiresAt: string;
  revokedAt: string | null;
  active: boolean;
}

interface StoredLink {
  id: string;
  signal_id: string;
  issued_at: string;
  expires_at: number;
  revoked_at: string | null;
}

const DAY_MS = 86_400_000;
/** 32 random bytes: 256 bits, well over the 128 the link needs to be unguessable. */
const TOKEN_BYTES = 32;

const hashOf = (token: string): Buffer => createHash('sha256').update(token, 'utf8').digest();

/** Follow links of signals: issue, list, revoke and resolve, durable in their own SQLite file. */
export class FollowLinkStore {
  constructor(private readonly db: Database) {
    db.exec(SCHEMA);
  }

  issue(input: {
    signalId: string;
    authority: string;
    issuedBy: string;
    now: Date;
    days: number;
  }): IssuedFollowLink {
    const token = randomBytes(TOKEN_BYTES).toString('base64url');
    const id = randomUUID();
    const expiresAt = input.now.getTime() + input.days * DAY_MS;
    this.db
      .prepare(
        `INSERT INTO follow_links (id, signal_id, token_hash, authority, issued_by, issued_at, expires_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        id,
        input.signalId,
        hashOf(token),
        input.authority,
        input.issuedBy,
        input.now.toISOString(),
        expiresAt,
      );
    return { id, token, expiresAt: new Date(expiresAt).toISOString() };
  }

  list(signalId: string, now: Date): FollowLinkSummary[] {
    return this.db
      .prepare<[string], StoredLink>(
        'SELECT id, signal_id, issued_at, expires_at, revoked_at FROM follow_links WHERE signal_id = ? ORDER BY issued_at, id',
      )
      .all(signalId)
      .map((row) => ({
        id: row.id,
        issuedAt: row.issued_at,
        expiresAt: new Date(row.expires_at).toISOString(),
        revokedAt: row.revoked_at,
        active: row.revoked_at === null && row.expires_at > now.getTime(),
      }));
  }

  /** False when the signal has no such link; revoking twice keeps the first revocation (and its user). */
  revoke(signalId: string, linkId: string, revokedBy: string, now: Date): boolean {
    const found = this.db
      .prepare<[string, string], { id: string }>('SELECT id FROM follow_links WHERE id = ? AND signal_id = ?')
      .get(linkId, signalId);
    if (!found) return false;
    this.db
      .prepare('UPDATE follow_links SET revoked_at = ?, revoked_by = ? WHERE id = ? AND revoked_at IS NULL')
      .run(now.toISOString(), revokedBy, linkId);
    return true;
  }

  /**
   * The signal a token follows, or null for an unknown, revoked or expired one. Every token costs
   * the same: one hash and one lookup by hash (an index on a digest reveals nothing of the token).
   */
  resolve(token: string, now: Date): string | null {
    const row = this.db
      .prepare<[Buffer], Pick<StoredLink, 'signal_id' | 'expires_at' | 'revoked_at'>>(
        'SELECT signal_id, expires_at, revoked_at FROM follow_links WHERE token_hash = ?',
      )
      .get(hashOf(token));
    const valid = row !== undefined && row.revoked_at === null && row.expires_at > now.getTime();
    return valid ? row.signal_id : null;
  }
}
