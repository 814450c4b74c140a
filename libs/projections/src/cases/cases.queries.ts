import type { Database } from 'better-sqlite3';

export const MAX_CASE_LIST = 200;

export interface CaseRow {
  id: string;
  title: string;
  createdAt: string;
  updatedAt: string;
  signalCount: number;
}

interface CaseRecord {
  id: string;
  title: string;
  created_at: string;
  updated_at: string;
  signal_count: number;
}

const rowOf = (record: CaseRecord): CaseRow => ({
  id: record.id,
  title: record.title,
  createdAt: record.created_at,
  updatedAt: record.updated_at,
  signalCount: record.signal_count,
});

/**
 * The cases a reader may open, most recently changed first: every case for an analyst (`authority`
 * null), otherwise those the authority is a party of.
 */
export function listCases(db: Database, authority: string | null): CaseRow[] {
  const records =
    authority === null
      ? db
          .prepare<[number], CaseRecord>('SELECT * FROM cases_cases ORDER BY updated_at DESC, id LIMIT ?')
          .all(MAX_CASE_LIST)
      : db
          .prepare<[string, number], CaseRecord>(
            `SELECT c.* FROM cases_parties p JOIN cases_cases c ON c.id = p.case_id
             WHERE p.authority = ? ORDER BY c.updated_at DESC, c.id LIMIT ?`,
          )
          .all(authority, MAX_CASE_LIST);
  return records.map(rowOf);
}

const idsIn = (db: Database, sql: (placeholders: string) => string, keys: readonly string[]): string[] => {
  if (keys.length === 0) return [];
  const placeholders = keys.map(() => '?').join(', ');
  return db
    .prepare<string[], { id: string }>(sql(placeholders))
    .all(...keys)
    .map((row) => row.id);
};

/**
 * What a case file reaches from its signals, read from the other read models' link tables:
 * escalations that include a signal, and agreements and experiments answering an escalation.
 */
export const escalationIdsOfSignals = (db: Database, signalIds: readonly string[]): string[] =>
  idsIn(
    db,
    (p) =>
      `SELECT DISTINCT escalation_id AS id FROM escalation_board_signals WHERE signal_id IN (${p}) ORDER BY escalation_id`,
    signalIds,
  );

export const agreementIdsOfEscalations = (db: Database, escalationIds: readonly string[]): string[] =>
  idsIn(
    db,
    (p) => `SELECT id FROM agreements_agreements WHERE escalation_id IN (${p}) ORDER BY id`,
    escalationIds,
  );

export const experimentIdsOfEscalations = (db: Database, escalationIds: readonly string[]): string[] =>
  idsIn(
    db,
    (p) => `SELECT id FROM experiments_experiments WHERE escalation_id IN (${p}) ORDER BY id`,
    escalationIds,
  );
