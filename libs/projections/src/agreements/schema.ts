/** Tables of the agreements read model; every name starts with the projection's prefix. */
export const AGREEMENTS_SCHEMA = `
CREATE TABLE IF NOT EXISTS agreements_agreements (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  commitment TEXT NOT NULL,
  owner TEXT NOT NULL,
  parties TEXT NOT NULL,
  due_by TEXT NOT NULL,
  first_follow_up_on TEXT NOT NULL,
  next_follow_up_on TEXT,
  last_follow_up_held_on TEXT,
  last_follow_up_assessment TEXT,
  last_follow_up_notes TEXT,
  follow_up_count INTEGER NOT NULL DEFAULT 0,
  progress_percent INTEGER NOT NULL DEFAULT 0,
  progress_note TEXT,
  progress_reported_at TEXT,
  status TEXT NOT NULL,
  escalation_id TEXT,
  made_at TEXT NOT NULL,
  closed_at TEXT,
  closing_note TEXT
);
CREATE INDEX IF NOT EXISTS agreements_agreements_by_due
  ON agreements_agreements (due_by, id);
CREATE INDEX IF NOT EXISTS agreements_agreements_by_status
  ON agreements_agreements (status, due_by, id);
CREATE INDEX IF NOT EXISTS agreements_agreements_by_follow_up
  ON agreements_agreements (status, next_follow_up_on);
CREATE INDEX IF NOT EXISTS agreements_agreements_by_owner
  ON agreements_agreements (owner, due_by, id);
CREATE INDEX IF NOT EXISTS agreements_agreements_by_escalation
  ON agreements_agreements (escalation_id, due_by, id);

CREATE TABLE IF NOT EXISTS agreements_parties (
  agreement_id TEXT NOT NULL,
  authority TEXT NOT NULL,
  PRIMARY KEY (agreement_id, authority)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS agreements_parties_by_authority
  ON agreements_parties (authority, agreement_id);
`;

export const AGREEMENTS_DROP = `
DROP TABLE IF EXISTS agreements_agreements;
DROP TABLE IF EXISTS agreements_parties;
`;
