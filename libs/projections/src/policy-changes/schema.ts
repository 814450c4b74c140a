/** Tables of the policy-changes read model; every name starts with the projection's prefix. */
export const POLICY_CHANGES_SCHEMA = `
CREATE TABLE IF NOT EXISTS policy_changes (
  id TEXT PRIMARY KEY,
  owner TEXT NOT NULL,
  title TEXT NOT NULL,
  description TEXT NOT NULL,
  policy_domain TEXT NOT NULL,
  norms TEXT NOT NULL,
  authorities TEXT NOT NULL,
  effective_on TEXT NOT NULL,
  escalation_ids TEXT NOT NULL,
  status TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  amended_at TEXT,
  withdrawn_at TEXT,
  withdrawn_reason TEXT
);
CREATE INDEX IF NOT EXISTS policy_changes_by_effective ON policy_changes (effective_on, id);
-- The escalations a change answers, to lead from an escalation (and its signals) to the change.
CREATE TABLE IF NOT EXISTS policy_changes_escalations (
  escalation_id TEXT NOT NULL,
  policy_change_id TEXT NOT NULL,
  PRIMARY KEY (escalation_id, policy_change_id)
) WITHOUT ROWID;
-- The signals of every escalation, both ways, kept here so this read model answers on its own.
CREATE TABLE IF NOT EXISTS policy_changes_escalation_signals (
  escalation_id TEXT NOT NULL,
  signal_id TEXT NOT NULL,
  PRIMARY KEY (escalation_id, signal_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS policy_changes_signal_escalations
  ON policy_changes_escalation_signals (signal_id, escalation_id);
`;

export const POLICY_CHANGES_DROP = `
DROP TABLE IF EXISTS policy_changes;
DROP TABLE IF EXISTS policy_changes_escalations;
DROP TABLE IF EXISTS policy_changes_escalation_signals;
`;
