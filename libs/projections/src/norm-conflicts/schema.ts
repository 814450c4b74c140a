/**
 * Tables of the norm-conflicts read model. Pairs are unordered: `norm_a` sorts before `norm_b`,
 * both normalised (trimmed, whitespace collapsed, case-folded).
 */
export const NORM_CONFLICTS_SCHEMA = `
-- Every signal's current facts (any type: an amendment may turn one into a norm conflict).
-- A rowid table: rows are appended in log order and only the signal_id index takes random keys
-- (a WITHOUT ROWID table keyed by a random UUID rewrote wide pages all over the file per batch).
CREATE TABLE IF NOT EXISTS norm_conflicts_signals (
  signal_id        TEXT    PRIMARY KEY,
  type             TEXT    NOT NULL,
  policy_domain    TEXT    NOT NULL,
  level            TEXT    NOT NULL,
  authority        TEXT    NOT NULL,
  government_layer TEXT    NOT NULL,
  initiative_kind  TEXT    NOT NULL,
  observed_on      TEXT    NOT NULL,
  status           TEXT    NOT NULL,
  escalated        INTEGER NOT NULL,
  norm_refs        TEXT    NOT NULL,
  -- JSON [[normalised ref, title], ...]: the titles this signal gives, counted while it stands.
  norm_titles      TEXT    NOT NULL,
  revision         INTEGER NOT NULL
);

-- One row per pair per CONFLICTING_NORMS signal (any status), with the signal's facts for filters.
CREATE TABLE IF NOT EXISTS norm_conflicts_signal_pairs (
  norm_a           TEXT    NOT NULL,
  norm_b           TEXT    NOT NULL,
  signal_id        TEXT    NOT NULL,
  policy_domain    TEXT    NOT NULL,
  level            TEXT    NOT NULL,
  authority        TEXT    NOT NULL,
  government_layer TEXT    NOT NULL,
  initiative_kind  TEXT    NOT NULL,
  observed_on      TEXT    NOT NULL,
  status           TEXT    NOT NULL,
  escalated        INTEGER NOT NULL,
  PRIMARY KEY (norm_a, norm_b, signal_id)
) WITHOUT ROWID;
-- A filtered question starts from the rows of one authority, domain or period; with the primary
-- key every index entry carries (norm_a, norm_b, signal_id), the last two cover their questions.

-- The unfiltered view, kept up to date: ACTIVE signals per pair (duplicates re-report a conflict
-- their original already counts; withdrawn ones no longer stand).
CREATE TABLE IF NOT EXISTS norm_conflicts_pairs (
  norm_a          TEXT    NOT NULL,
  norm_b          TEXT    NOT NULL,
  count           INTEGER NOT NULL,
  escalated_count INTEGER NOT NULL,
  last_seen       TEXT    NOT NULL,
  PRIMARY KEY (norm_a, norm_b)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS norm_conflicts_pair_authorities (
  norm_a    TEXT    NOT NULL,
  norm_b    TEXT    NOT NULL,
  authority TEXT    NOT NULL,
  n         INTEGER NOT NULL,
  PRIMARY KEY (norm_a, norm_b, authority)
) WITHOUT ROWID;

-- How a normalised ref is shown: as it was first spelled.
CREATE TABLE IF NOT EXISTS norm_conflicts_norms (
  norm_ref TEXT PRIMARY KEY,
  spelling TEXT NOT NULL
) WITHOUT ROWID;

-- Titles given to a norm by ACTIVE conflict signals, per reporting authority: a norm is shown with
-- its most common title, so one signal (or the last one) cannot retitle it for every reader.
CREATE TABLE IF NOT EXISTS norm_conflicts_titles (
  norm_ref  TEXT    NOT NULL,
  title     TEXT    NOT NULL,
  authority TEXT    NOT NULL,
  n         INTEGER NOT NULL,
  PRIMARY KEY (norm_ref, title, authority)
) WITHOUT ROWID;
`;

export const NORM_CONFLICTS_DROP = `
DROP TABLE IF EXISTS norm_conflicts_signals;
DROP TABLE IF EXISTS norm_conflicts_signal_pairs;
DROP TABLE IF EXISTS norm_conflicts_pairs;
DROP TABLE IF EXISTS norm_conflicts_pair_authorities;
DROP TABLE IF EXISTS norm_conflicts_norms;
DROP TABLE IF EXISTS norm_conflicts_titles;
`;

/**
 * Indexes only the queries read, created once the projection caught up (see `Projection.index`).
 */
export const NORM_CONFLICTS_INDEXES = `
CREATE INDEX IF NOT EXISTS norm_conflicts_signal_pairs_by_authority
  ON norm_conflicts_signal_pairs (authority);
CREATE INDEX IF NOT EXISTS norm_conflicts_signal_pairs_by_domain
  ON norm_conflicts_signal_pairs (policy_domain, status, observed_on, escalated);
CREATE INDEX IF NOT EXISTS norm_conflicts_signal_pairs_by_observed
  ON norm_conflicts_signal_pairs (observed_on, status, escalated);
CREATE INDEX IF NOT EXISTS norm_conflicts_pairs_by_count ON norm_conflicts_pairs (count DESC, norm_a, norm_b);
`;
