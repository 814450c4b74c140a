/** Tables of the experiments read model; every name starts with the projection's prefix. */
export const EXPERIMENTS_SCHEMA = `
CREATE TABLE IF NOT EXISTS experiments_experiments (
  id TEXT PRIMARY KEY,
  escalation_id TEXT NOT NULL,
  owner TEXT NOT NULL,
  title TEXT NOT NULL,
  hypothesis TEXT NOT NULL,
  legal_route TEXT NOT NULL,
  starts_on TEXT NOT NULL,
  ends_on TEXT NOT NULL,
  original_ends_on TEXT NOT NULL,
  extension_count INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL,
  conclusion TEXT,
  policy_consequence TEXT,
  rationale TEXT,
  started_at TEXT NOT NULL,
  evaluated_at TEXT,
  closed_at TEXT
);
CREATE INDEX IF NOT EXISTS experiments_experiments_by_end
  ON experiments_experiments (ends_on, id);
CREATE INDEX IF NOT EXISTS experiments_experiments_by_status
  ON experiments_experiments (status, ends_on, id);
CREATE INDEX IF NOT EXISTS experiments_experiments_by_owner
  ON experiments_experiments (owner, ends_on, id);
CREATE INDEX IF NOT EXISTS experiments_experiments_by_escalation
  ON experiments_experiments (escalation_id, ends_on, id);
`;

export const EXPERIMENTS_DROP = `
DROP TABLE IF EXISTS experiments_experiments;
`;
