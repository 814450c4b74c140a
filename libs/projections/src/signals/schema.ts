import { FULL_TEXT_TOKENIZER } from './full-text';

/**
 * Tables of the signals read model; every name starts with `signals`. `seq` is the order in which
 * signals were recorded in the log (rowid, never reused: rows are never deleted), the stable sort
 * key of pages, and the rowid of the full-text index.
 */
/** How the full-text index is made (time travel's history makes one over the versions alike). */
export const FULL_TEXT_OPTIONS = `tokenize = '${FULL_TEXT_TOKENIZER}', prefix = '2 3', detail = none, content = '', contentless_delete = 1`;

export const SIGNALS_SCHEMA = `
CREATE TABLE IF NOT EXISTS signals (
  seq                      INTEGER PRIMARY KEY,
  signal_id                TEXT    NOT NULL UNIQUE,
  type                     TEXT    NOT NULL,
  title                    TEXT    NOT NULL,
  description              TEXT    NOT NULL,
  policy_domain            TEXT    NOT NULL,
  recorded_policy_domain   TEXT    NOT NULL,
  classified_policy_domain TEXT,
  level                    TEXT    NOT NULL,
  initiative_kind          TEXT    NOT NULL,
  observed_at              TEXT    NOT NULL,
  observed_on              TEXT    NOT NULL,
  authorities              TEXT    NOT NULL,
  norms                    TEXT    NOT NULL,
  location                 TEXT,
  has_initiative           INTEGER NOT NULL,
  initiative_ref           TEXT,
  reporting_authority      TEXT    NOT NULL,
  government_layer         TEXT,
  reported_by              TEXT    NOT NULL,
  status                   TEXT    NOT NULL,
  duplicate_of             TEXT,
  withdrawn_reason         TEXT,
  themes                   TEXT    NOT NULL DEFAULT '[]',
  classified_at            TEXT,
  escalation_ids           TEXT    NOT NULL DEFAULT '[]',
  revision                 INTEGER NOT NULL,
  recorded_at              TEXT    NOT NULL,
  updated_at               TEXT    NOT NULL
);

-- The authorities a signal names, for filtering on them; kept in step with signals.authorities.
CREATE TABLE IF NOT EXISTS signals_authorities (
  authority TEXT    NOT NULL,
  seq       INTEGER NOT NULL,
  PRIMARY KEY (authority, seq)
) WITHOUT ROWID;

-- The norm refs a signal names (normalised: trimmed, whitespace collapsed, case-folded).
CREATE TABLE IF NOT EXISTS signals_norms (
  norm_ref TEXT    NOT NULL,
  seq      INTEGER NOT NULL,
  PRIMARY KEY (norm_ref, seq)
) WITHOUT ROWID;

-- Escalations a signal is in; may name a signal before it is recorded, so it is keyed by id.
CREATE TABLE IF NOT EXISTS signals_escalations (
  signal_id     TEXT NOT NULL,
  escalation_id TEXT NOT NULL,
  ordinal       INTEGER NOT NULL,
  PRIMARY KEY (signal_id, escalation_id)
) WITHOUT ROWID;

-- Signals per combination of the low-cardinality dimensions: totalCount without a scan.
CREATE TABLE IF NOT EXISTS signals_counts (
  type             TEXT    NOT NULL,
  policy_domain    TEXT    NOT NULL,
  level            TEXT    NOT NULL,
  government_layer TEXT    NOT NULL,
  initiative_kind  TEXT    NOT NULL,
  status           TEXT    NOT NULL,
  n                INTEGER NOT NULL,
  PRIMARY KEY (type, policy_domain, level, government_layer, initiative_kind, status)
) WITHOUT ROWID;

-- Full text (contentless: the text lives in signals) with a tokenizer that folds case and
-- diacritics (ë, é, ï are common in Dutch) and prefix indexes for search-as-you-type. Only which
-- rows hold a token is kept (detail=none): searches match tokens by prefix, never phrases, and
-- that makes indexing far cheaper. \`facets\` holds a token per filterable dimension value
-- (full-text.ts), so a filtered search and its count are answered inside the index.
CREATE VIRTUAL TABLE IF NOT EXISTS signals_fts USING fts5(
  title, description, norms, themes, facets, ${FULL_TEXT_OPTIONS}
);

-- Every term the full-text index has held: a prefix is searched as the exact terms it starts,
-- which FTS5 walks lazily, instead of a prefix scan that first merges every matching doclist.
CREATE TABLE IF NOT EXISTS signals_terms (
  term TEXT PRIMARY KEY
) WITHOUT ROWID;
`;

export const SIGNALS_DROP = `
DROP TABLE IF EXISTS signals;
DROP TABLE IF EXISTS signals_authorities;
DROP TABLE IF EXISTS signals_norms;
DROP TABLE IF EXISTS signals_escalations;
DROP TABLE IF EXISTS signals_counts;
DROP TABLE IF EXISTS signals_fts;
DROP TABLE IF EXISTS signals_terms;
`;

/**
 * Indexes only the queries read, created once the projection caught up (see `Projection.index`).
 */
export const SIGNALS_INDEXES = `
CREATE INDEX IF NOT EXISTS signals_by_reporting_authority ON signals (reporting_authority);
-- The analysts' inbox: active signals without themes, oldest first (tasks.queries.ts).
CREATE INDEX IF NOT EXISTS signals_unclassified ON signals (seq) WHERE status = 'ACTIVE' AND themes = '[]';
-- Covers every low-cardinality filter, so a period is counted and paged from the index alone.
CREATE INDEX IF NOT EXISTS signals_by_observed_on
  ON signals (observed_on, status, type, policy_domain, level, initiative_kind, government_layer);
`;
