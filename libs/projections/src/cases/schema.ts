/** Tables of the case list; every name starts with the projection's prefix. */
export const CASES_SCHEMA = `
CREATE TABLE IF NOT EXISTS cases_cases (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  signal_count INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS cases_cases_by_update ON cases_cases (updated_at, id);

-- The reporting authorities of a case's signals: who may see it besides analysts.
CREATE TABLE IF NOT EXISTS cases_parties (
  case_id TEXT NOT NULL,
  authority TEXT NOT NULL,
  PRIMARY KEY (authority, case_id)
) WITHOUT ROWID;
`;

export const CASES_DROP = `
DROP TABLE IF EXISTS cases_cases;
DROP TABLE IF EXISTS cases_parties;
`;
