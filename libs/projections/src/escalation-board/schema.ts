/** Tables of the escalation board; every name starts with the projection's prefix. */
export const ESCALATION_BOARD_SCHEMA = `
CREATE TABLE IF NOT EXISTS escalation_board_escalations (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  status TEXT NOT NULL,
  addressed_to TEXT NOT NULL,
  raised_by TEXT NOT NULL,
  raised_at TEXT NOT NULL,
  -- Epoch milliseconds: deadlines are compared as numbers, whatever year an old event names.
  respond_by INTEGER NOT NULL,
  acknowledged_at TEXT,
  decided_at TEXT,
  resolved_at TEXT,
  outcome TEXT,
  -- The decision's rationale (public accountability: shown as a precedent and to the initiative).
  rationale TEXT,
  signal_count INTEGER NOT NULL DEFAULT 0,
  transfer_count INTEGER NOT NULL DEFAULT 0,
  previous_addressees TEXT NOT NULL DEFAULT '[]',
  -- Set by the platform when respond_by passed undecided; cleared by a new deadline.
  deadline_passed_at TEXT,
  -- Authorities non-response climbed to, as a JSON array, and whether it reached the top.
  climbed_to TEXT NOT NULL DEFAULT '[]',
  chain_ended INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS escalation_board_escalations_by_deadline
  ON escalation_board_escalations (respond_by, id);
CREATE INDEX IF NOT EXISTS escalation_board_escalations_by_status
  ON escalation_board_escalations (status, respond_by, id);
CREATE INDEX IF NOT EXISTS escalation_board_escalations_by_status_age
  ON escalation_board_escalations (status, raised_at);
CREATE INDEX IF NOT EXISTS escalation_board_escalations_by_addressee
  ON escalation_board_escalations (addressed_to, respond_by, id);
CREATE INDEX IF NOT EXISTS escalation_board_escalations_by_addressee_status
  ON escalation_board_escalations (addressed_to, status, respond_by, raised_at);
CREATE INDEX IF NOT EXISTS escalation_board_escalations_by_raiser
  ON escalation_board_escalations (raised_by, respond_by, id);

CREATE TABLE IF NOT EXISTS escalation_board_signals (
  escalation_id TEXT NOT NULL,
  signal_id TEXT NOT NULL,
  ordinal INTEGER NOT NULL,
  PRIMARY KEY (escalation_id, signal_id)
) WITHOUT ROWID;

-- relation: RAISING, ADDRESSED (the current addressee) or INVOLVED.
CREATE TABLE IF NOT EXISTS escalation_board_parties (
  escalation_id TEXT NOT NULL,
  relation TEXT NOT NULL,
  authority TEXT NOT NULL,
  PRIMARY KEY (escalation_id, relation, authority)
) WITHOUT ROWID;

-- Who may see an escalation (raising, addressed or involved), with its deadline copied so that an
-- authority's own board is read in deadline order straight from this index.
CREATE TABLE IF NOT EXISTS escalation_board_visibility (
  escalation_id TEXT NOT NULL,
  authority TEXT NOT NULL,
  respond_by INTEGER NOT NULL,
  PRIMARY KEY (escalation_id, authority)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS escalation_board_visibility_by_authority
  ON escalation_board_visibility (authority, respond_by, escalation_id);
`;

export const ESCALATION_BOARD_DROP = `
DROP TABLE IF EXISTS escalation_board_escalations;
DROP TABLE IF EXISTS escalation_board_signals;
DROP TABLE IF EXISTS escalation_board_parties;
DROP TABLE IF EXISTS escalation_board_visibility;
`;
