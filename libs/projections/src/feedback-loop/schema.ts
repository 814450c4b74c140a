/** Tables of the feedback loop read model: its own copy of signal and escalation facts. */
export const FEEDBACK_LOOP_SCHEMA = `
-- One row per signal with the filterable facts and how many escalations it is in, how many of
-- those have a standing decision, and how many were decided with each counted outcome.
CREATE TABLE IF NOT EXISTS feedback_loop_signals (
  signal_id TEXT PRIMARY KEY,
  policy_domain TEXT NOT NULL,
  type TEXT NOT NULL,
  level TEXT NOT NULL,
  initiative_kind TEXT NOT NULL,
  reporting_authority TEXT NOT NULL,
  reporting_layer TEXT NOT NULL,
  observed_on TEXT NOT NULL,
  observed_ms INTEGER NOT NULL,
  status TEXT NOT NULL,
  escalations INTEGER NOT NULL DEFAULT 0,
  decided INTEGER NOT NULL DEFAULT 0,
  policy_adjusted INTEGER NOT NULL DEFAULT 0,
  experiment_granted INTEGER NOT NULL DEFAULT 0
);

-- The funnel summed per combination of the low-cardinality filter dimensions (a few thousand
-- rows at most), kept by triggers so that no change to a signal can miss it.
CREATE TABLE IF NOT EXISTS feedback_loop_tallies (
  policy_domain TEXT NOT NULL,
  status TEXT NOT NULL,
  type TEXT NOT NULL,
  level TEXT NOT NULL,
  initiative_kind TEXT NOT NULL,
  reporting_layer TEXT NOT NULL,
  signals INTEGER NOT NULL,
  escalated INTEGER NOT NULL,
  decided INTEGER NOT NULL,
  policy_adjusted INTEGER NOT NULL,
  experiment_granted INTEGER NOT NULL,
  PRIMARY KEY (policy_domain, status, type, level, initiative_kind, reporting_layer)
) WITHOUT ROWID;

CREATE TRIGGER IF NOT EXISTS feedback_loop_signals_tally_insert AFTER INSERT ON feedback_loop_signals
BEGIN
  INSERT INTO feedback_loop_tallies VALUES (
    NEW.policy_domain, NEW.status, NEW.type, NEW.level, NEW.initiative_kind, NEW.reporting_layer,
    1, NEW.escalations > 0, NEW.decided > 0, NEW.policy_adjusted > 0, NEW.experiment_granted > 0)
  ON CONFLICT DO UPDATE SET
    signals = signals + 1, escalated = escalated + excluded.escalated, decided = decided + excluded.decided,
    policy_adjusted = policy_adjusted + excluded.policy_adjusted,
    experiment_granted = experiment_granted + excluded.experiment_granted;
END;

CREATE TRIGGER IF NOT EXISTS feedback_loop_signals_tally_update
AFTER UPDATE OF policy_domain, status, type, level, initiative_kind, escalations, decided, policy_adjusted,
  experiment_granted ON feedback_loop_signals
BEGIN
  UPDATE feedback_loop_tallies SET
    signals = signals - 1, escalated = escalated - (OLD.escalations > 0), decided = decided - (OLD.decided > 0),
    policy_adjusted = policy_adjusted - (OLD.policy_adjusted > 0),
    experiment_granted = experiment_granted - (OLD.experiment_granted > 0)
  WHERE policy_domain = OLD.policy_domain AND status = OLD.status AND type = OLD.type AND level = OLD.level
    AND initiative_kind = OLD.initiative_kind AND reporting_layer = OLD.reporting_layer;
  INSERT INTO feedback_loop_tallies VALUES (
    NEW.policy_domain, NEW.status, NEW.type, NEW.level, NEW.initiative_kind, NEW.reporting_layer,
    1, NEW.escalations > 0, NEW.decided > 0, NEW.policy_adjusted > 0, NEW.experiment_granted > 0)
  ON CONFLICT DO UPDATE SET
    signals = signals + 1, escalated = escalated + excluded.escalated, decided = decided + excluded.decided,
    policy_adjusted = policy_adjusted + excluded.policy_adjusted,
    experiment_granted = experiment_granted + excluded.experiment_granted;
END;

-- outcome and decided_ms are the standing decision, NULL while undecided or after a reopen.
CREATE TABLE IF NOT EXISTS feedback_loop_escalations (
  escalation_id TEXT PRIMARY KEY,
  outcome TEXT,
  decided_ms INTEGER
);

CREATE TABLE IF NOT EXISTS feedback_loop_escalation_signals (
  escalation_id TEXT NOT NULL,
  signal_id TEXT NOT NULL,
  PRIMARY KEY (escalation_id, signal_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS feedback_loop_escalation_signals_by_signal
  ON feedback_loop_escalation_signals (signal_id, escalation_id);

-- One row per signal (not withdrawn) of an escalation with a standing decision, carrying the
-- signal's filter facts, so that a filtered lead time is a scan of this table alone.
CREATE TABLE IF NOT EXISTS feedback_loop_leads (
  policy_domain TEXT NOT NULL,
  escalation_id TEXT NOT NULL,
  signal_id TEXT NOT NULL,
  status TEXT NOT NULL,
  type TEXT NOT NULL,
  level TEXT NOT NULL,
  initiative_kind TEXT NOT NULL,
  reporting_layer TEXT NOT NULL,
  reporting_authority TEXT NOT NULL,
  observed_on TEXT NOT NULL,
  observed_ms INTEGER NOT NULL,
  decided_ms INTEGER NOT NULL,
  PRIMARY KEY (policy_domain, escalation_id, signal_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS feedback_loop_leads_by_escalation ON feedback_loop_leads (escalation_id);

-- The same collapsed to one lead time per decided escalation and domain, for the unfiltered view:
-- its median is read by position from the (domain, lead) index.
CREATE TABLE IF NOT EXISTS feedback_loop_domain_leads (
  escalation_id TEXT NOT NULL,
  policy_domain TEXT NOT NULL,
  lead_ms INTEGER NOT NULL,
  PRIMARY KEY (escalation_id, policy_domain)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS feedback_loop_domain_leads_by_domain
  ON feedback_loop_domain_leads (policy_domain, lead_ms);
`;

export const FEEDBACK_LOOP_DROP = `
DROP TABLE IF EXISTS feedback_loop_signals;
DROP TABLE IF EXISTS feedback_loop_tallies;
DROP TABLE IF EXISTS feedback_loop_escalations;
DROP TABLE IF EXISTS feedback_loop_escalation_signals;
DROP TABLE IF EXISTS feedback_loop_leads;
DROP TABLE IF EXISTS feedback_loop_domain_leads;
`;

/**
 * Indexes only the queries read, created once the projection caught up (see `Projection.index`).
 */
export const FEEDBACK_LOOP_INDEXES = `
-- Covering, so a filter on the reporting authority or the period reads no table rows.
CREATE INDEX IF NOT EXISTS feedback_loop_signals_by_authority ON feedback_loop_signals (
  reporting_authority, policy_domain, status, type, level, initiative_kind, reporting_layer, observed_on,
  escalations, decided, policy_adjusted, experiment_granted
);
CREATE INDEX IF NOT EXISTS feedback_loop_signals_by_observed ON feedback_loop_signals (
  observed_on, policy_domain, status, type, level, initiative_kind, reporting_layer, reporting_authority,
  escalations, decided, policy_adjusted, experiment_granted
);
`;
