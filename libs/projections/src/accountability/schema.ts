/** Tables of the accountability read model: its own copy of the facts it needs, per authority. */
export const ACCOUNTABILITY_SCHEMA = `
-- Running totals per authority for the figures that do not depend on today, so that the view
-- over every authority reads a few hundred rows instead of aggregating all history.
CREATE TABLE IF NOT EXISTS accountability_authorities (
  authority TEXT PRIMARY KEY,
  escalations_received INTEGER NOT NULL DEFAULT 0,
  transfers_in INTEGER NOT NULL DEFAULT 0,
  transfers_out INTEGER NOT NULL DEFAULT 0,
  acknowledged INTEGER NOT NULL DEFAULT 0,
  decided INTEGER NOT NULL DEFAULT 0,
  decided_on_time INTEGER NOT NULL DEFAULT 0,
  agreements_open INTEGER NOT NULL DEFAULT 0,
  agreements_fulfilled INTEGER NOT NULL DEFAULT 0,
  agreements_unmet INTEGER NOT NULL DEFAULT 0,
  agreements_cancelled INTEGER NOT NULL DEFAULT 0,
  experiments INTEGER NOT NULL DEFAULT 0,
  signals_reported INTEGER NOT NULL DEFAULT 0,
  unclear_authority_signals INTEGER NOT NULL DEFAULT 0,
  non_responses INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

-- Each signal's reporting authority, current policy domain, type and status, so an amendment,
-- classification, duplicate mark or withdrawal moves it between the counts below.
CREATE TABLE IF NOT EXISTS accountability_signals (
  signal_id TEXT PRIMARY KEY,
  authority TEXT NOT NULL,
  policy_domain TEXT NOT NULL,
  type TEXT NOT NULL,
  status TEXT NOT NULL
) WITHOUT ROWID;

-- Active signals per reporting authority and policy domain, and how many of them are of type
-- UNCLEAR_AUTHORITY.
CREATE TABLE IF NOT EXISTS accountability_signal_shares (
  authority TEXT NOT NULL,
  policy_domain TEXT NOT NULL,
  signals INTEGER NOT NULL,
  unclear_authority_signals INTEGER NOT NULL,
  PRIMARY KEY (authority, policy_domain)
) WITHOUT ROWID;

-- The current state of each escalation, for open-overdue counts at query time. Deadlines
-- (respond_by) are epoch milliseconds, compared as numbers whatever year an old event names.
CREATE TABLE IF NOT EXISTS accountability_escalations (
  id TEXT PRIMARY KEY,
  addressed_to TEXT NOT NULL,
  status TEXT NOT NULL,
  respond_by INTEGER NOT NULL,
  current_receipt INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS accountability_escalations_by_addressee
  ON accountability_escalations (addressed_to, status, respond_by);

-- One row per stretch an escalation was addressed to one authority: from being raised to it or
-- transferred to it, until it was transferred away. Durations are stored so medians are a query.
CREATE TABLE IF NOT EXISTS accountability_receipts (
  escalation_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  authority TEXT NOT NULL,
  received_via TEXT NOT NULL,
  received_at TEXT NOT NULL,
  respond_by INTEGER NOT NULL,
  acknowledged_at TEXT,
  hours_to_acknowledge REAL,
  decided_at TEXT,
  days_to_decision REAL,
  decided_on_time INTEGER,
  PRIMARY KEY (escalation_id, seq)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS accountability_receipts_acknowledgement
  ON accountability_receipts (authority, hours_to_acknowledge) WHERE hours_to_acknowledge IS NOT NULL;
CREATE INDEX IF NOT EXISTS accountability_receipts_decision
  ON accountability_receipts (authority, days_to_decision) WHERE days_to_decision IS NOT NULL;

CREATE TABLE IF NOT EXISTS accountability_agreements (
  id TEXT PRIMARY KEY,
  owner TEXT NOT NULL,
  status TEXT NOT NULL,
  due_by TEXT NOT NULL,
  next_follow_up_on TEXT,
  last_follow_up_held_on TEXT
);
CREATE INDEX IF NOT EXISTS accountability_agreements_by_due
  ON accountability_agreements (owner, status, due_by);
CREATE INDEX IF NOT EXISTS accountability_agreements_by_follow_up
  ON accountability_agreements (owner, status, next_follow_up_on);

CREATE TABLE IF NOT EXISTS accountability_experiments (
  id TEXT PRIMARY KEY,
  owner TEXT NOT NULL,
  status TEXT NOT NULL,
  ends_on TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS accountability_experiments_by_end
  ON accountability_experiments (owner, status, ends_on);
`;

export const ACCOUNTABILITY_DROP = `
DROP TABLE IF EXISTS accountability_authorities;
DROP TABLE IF EXISTS accountability_escalations;
DROP TABLE IF EXISTS accountability_receipts;
DROP TABLE IF EXISTS accountability_agreements;
DROP TABLE IF EXISTS accountability_experiments;
DROP TABLE IF EXISTS accountability_signals;
DROP TABLE IF EXISTS accountability_signal_shares;
`;
