/** The signal dimensions the statistics group and filter on (besides the period and status). */
export type StatDimension =
  'type' | 'policyDomain' | 'level' | 'authority' | 'governmentLayer' | 'initiativeKind';

/** Column of each dimension, the same in the per-signal table and in every cuboid. */
export const DIMENSION_COLUMN: Record<StatDimension, string> = {
  type: 'type',
  policyDomain: 'policy_domain',
  level: 'level',
  authority: 'authority',
  governmentLayer: 'government_layer',
  initiativeKind: 'initiative_kind',
};

/** The time resolution a cuboid keeps: none, calendar months, or days (with their week and month). */
export type Grain = 'none' | 'month' | 'day';

/**
 * A pre-aggregated table: signals counted per combination of some dimensions (and status, and a
 * period at its grain), with how many of them are escalated. A query is answered from the
 * smallest cuboid that holds every dimension it groups or filters on.
 */
export interface Cuboid {
  name: string;
  table: string;
  dimensions: readonly StatDimension[];
  grain: Grain;
}

const cuboid = (name: string, dimensions: StatDimension[], grain: Grain): Cuboid => ({
  name,
  table: `signal_stats_by_${name}`,
  dimensions,
  grain,
});

/**
 * Smallest first; the first that holds a question answers it. Sizes are bounded by the
 * dimensions' cardinalities, not by the number of signals: the high-cardinality ones (authority,
 * a few hundred; days, hundreds a year) each meet only a few low-cardinality ones. Months answer
 * monthly periods and whole-month ranges; days also answer weeks and any range. What no cuboid
 * holds (e.g. authority by week) is answered from the per-signal table, by a scan.
 */
export const CUBOIDS: readonly Cuboid[] = [
  cuboid('month_kind', ['level', 'initiativeKind', 'governmentLayer'], 'month'),
  cuboid('overall', ['type', 'policyDomain', 'level', 'governmentLayer', 'initiativeKind'], 'none'),
  cuboid('authority_kind', ['authority', 'governmentLayer', 'level', 'initiativeKind'], 'none'),
  cuboid('month_authority', ['authority', 'governmentLayer'], 'month'),
  cuboid('authority', ['authority', 'governmentLayer', 'type', 'policyDomain'], 'none'),
  cuboid('month', ['type', 'policyDomain', 'level', 'governmentLayer'], 'month'),
  cuboid('day', ['type', 'policyDomain'], 'day'),
  cuboid('day_kind', ['level', 'initiativeKind', 'governmentLayer'], 'day'),
];

const timeKey = (grain: Grain): string[] => (grain === 'day' ? ['day'] : grain === 'month' ? ['month'] : []);

/** The key columns of a cuboid, period first so that a period range is a range of its key. */
export const cuboidKey = (target: Cuboid): string[] => [
  ...timeKey(target.grain),
  ...target.dimensions.map((dimension) => DIMENSION_COLUMN[dimension]),
  'status',
];

const cuboidDdl = (target: Cuboid): string => {
  const key = cuboidKey(target);
  const derived = target.grain === 'day' ? ['week TEXT NOT NULL', 'month TEXT NOT NULL'] : [];
  const columns = [
    ...key.map((column) => `${column} TEXT NOT NULL`),
    ...derived,
    'n INTEGER NOT NULL',
    'escalated INTEGER NOT NULL',
  ];
  return `CREATE TABLE IF NOT EXISTS ${target.table} (
  ${columns.join(',\n  ')},
  PRIMARY KEY (${key.join(', ')})
) WITHOUT ROWID;`;
};

/** A cuboid's columns besides the counts: its key, then the periods derived from a day. */
export const cuboidColumns = (target: Cuboid): string[] => [
  ...cuboidKey(target),
  ...(target.grain === 'day' ? ['week', 'month'] : []),
];

/**
 * The cells of a cuboid counted from the per-signal table in one pass, named as the cuboid's
 * columns: exactly the rows the per-event path leaves (an empty cell has no signal, so no row).
 */
export const cuboidCellsSql = (target: Cuboid): string => {
  const grouped = cuboidColumns(target).map((column) => (column === 'day' ? 'observed_on' : column));
  const named = cuboidColumns(target).map((column) => (column === 'day' ? 'observed_on AS day' : column));
  return `SELECT ${named.join(', ')}, COUNT(*) AS n, SUM(escalated) AS escalated FROM signal_stats_signals
      GROUP BY ${grouped.join(', ')}`;
};

/** The per-signal columns a cuboid cell is made of. */
export const DELTA_COLUMNS = [
  'type',
  'policy_domain',
  'level',
  'authority',
  'government_layer',
  'initiative_kind',
  'observed_on',
  'week',
  'month',
  'status',
] as const;

/**
 * Changes to the counts during the current batch, one row per signal entering (+1) or leaving (-1)
 * a place. A temporary table: private to the connection, never written to the file, and rolled back
 * with the batch; `flush` sums it into every cuboid in SQL and empties it.
 */
export const DELTAS = 'signal_stats_deltas';

const DELTAS_DDL = `CREATE TEMP TABLE IF NOT EXISTS ${DELTAS} (
  ${DELTA_COLUMNS.map((column) => `${column} TEXT NOT NULL`).join(',\n  ')},
  dn INTEGER NOT NULL,
  de INTEGER NOT NULL
);`;

/**
 * The per-signal table holds each signal's current dimensions (an unknown government layer is
 * '') so a change can move its count from one cell to another; it also answers, by a scan, the
 * rare question no cuboid covers.
 */
export const SIGNAL_STATS_SCHEMA = `
-- A rowid table: rows are appended in log order and only the signal_id index takes random keys
-- (a WITHOUT ROWID table keyed by a random UUID rewrote wide pages all over the file per batch).
CREATE TABLE IF NOT EXISTS signal_stats_signals (
  signal_id        TEXT    PRIMARY KEY,
  type             TEXT    NOT NULL,
  policy_domain    TEXT    NOT NULL,
  level            TEXT    NOT NULL,
  authority        TEXT    NOT NULL,
  government_layer TEXT    NOT NULL,
  initiative_kind  TEXT    NOT NULL,
  observed_on      TEXT    NOT NULL,
  week             TEXT    NOT NULL,
  month            TEXT    NOT NULL,
  status           TEXT    NOT NULL,
  escalated        INTEGER NOT NULL,
  revision         INTEGER NOT NULL
);
${CUBOIDS.map(cuboidDdl).join('\n')}
${DELTAS_DDL}
`;

export const SIGNAL_STATS_DROP = [
  'DROP TABLE IF EXISTS signal_stats_signals;',
  `DROP TABLE IF EXISTS temp.${DELTAS};`,
  ...CUBOIDS.map((target) => `DROP TABLE IF EXISTS ${target.table};`),
].join('\n');
