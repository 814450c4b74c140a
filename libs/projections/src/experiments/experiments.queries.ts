import type { Database, Statement } from 'better-sqlite3';
import {
  keysetPage,
  keysetRead,
  reversed,
  type KeysetPage,
  type PageWindow,
  decodeKeyCursor,
  encodeKeyCursor,
} from '../paging';
import { ESCALATIONS_IN_POLICY_DOMAINS, titleSearchConditions } from '../list-search';
import { dutchDateOf } from '@praktijklus/domain';
import type { ExperimentStatus, LegalRoute, PolicyConsequence } from '@praktijklus/domain';

export const MAX_EXPERIMENT_PAGE_SIZE = 100;

export interface ExperimentRow {
  id: string;
  escalationId: string;
  owner: string;
  title: string;
  hypothesis: string;
  legalRoute: LegalRoute;
  /** ISO dates (YYYY-MM-DD). */
  startsOn: string;
  endsOn: string;
  /** The end date it started with, before any extension. */
  originalEndsOn: string;
  extensionCount: number;
  status: ExperimentStatus;
  conclusion: string | null;
  policyConsequence: PolicyConsequence | null;
  rationale: string | null;
  startedAt: string;
  evaluatedAt: string | null;
  closedAt: string | null;
  /** Not evaluated (RUNNING) and today (Europe/Amsterdam) is after `endsOn`. */
  overdue: boolean;
}

export interface ExperimentFilter {
  /** OR-ed; empty or absent means every status. */
  statuses?: readonly ExperimentStatus[];
  owner?: string;
  overdue?: boolean;
  escalationId?: string;
  /** OR-ed: made or granted on an escalation with a signal in one of these policy domains. */
  policyDomains?: readonly string[];
  /** Every word must occur in the title. */
  search?: string;
}

export interface ListExperimentsInput extends PageWindow {
  filter?: ExperimentFilter;
  now: Date;
}

export type ExperimentEdge = ExperimentRow & { cursor: string };

/** Rows in the list's order; `first`/`after` and `last`/`before` as the Relay spec. */
export type ExperimentPage = KeysetPage<ExperimentEdge>;

type Params = Record<string, string | number | null>;
type StoredExperiment = Omit<ExperimentRow, 'overdue'>;

/** End dates are calendar dates in the Netherlands, so "past" is judged against the Dutch date. */
const todayInAmsterdam = (now: Date): string => dutchDateOf(now.toISOString());

const statements = new WeakMap<Database, Map<string, Statement<[Params]>>>();

/** Filters change the SQL text, so statements are cached per database and per text. */
const statement = <Row>(db: Database, sql: string): Statement<[Params], Row> => {
  let perDb = statements.get(db);
  if (!perDb) {
    perDb = new Map();
    statements.set(db, perDb);
  }
  let prepared = perDb.get(sql);
  if (!prepared) {
    prepared = db.prepare<[Params]>(sql);
    perDb.set(sql, prepared);
  }
  return prepared as Statement<[Params], Row>;
};

const COLUMNS = `
  x.id, x.escalation_id AS escalationId, x.owner, x.title, x.hypothesis, x.legal_route AS legalRoute,
  x.starts_on AS startsOn, x.ends_on AS endsOn, x.original_ends_on AS originalEndsOn,
  x.extension_count AS extensionCount, x.status, x.conclusion, x.policy_consequence AS policyConsequence,
  x.rationale, x.started_at AS startedAt, x.evaluated_at AS evaluatedAt, x.closed_at AS closedAt`;

const OVERDUE = `(x.status = 'RUNNING' AND x.ends_on < @today)`;

const whereClause = (conditions: string[]): string =>
  conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';

const toRow = (stored: StoredExperiment, today: string): ExperimentRow => ({
  ...stored,
  overdue: stored.status === 'RUNNING' && stored.endsOn < today,
});

/** Experiments ending first (`endsOn` ascending, then id), one page at a time. */
export function listExperiments(db: Database, input: ListExperimentsInput): ExperimentPage {
  const filter = input.filter ?? {};
  const read = keysetRead(input, MAX_EXPERIMENT_PAGE_SIZE);
  const today = todayInAmsterdam(input.now);
  const params: Params = { today };
  const where: string[] = [];
  if (filter.statuses && filter.statuses.length > 0) {
    where.push('x.status IN (SELECT value FROM json_each(@statuses))');
    params.statuses = JSON.stringify(filter.statuses);
  }
  if (filter.owner !== undefined) {
    where.push('x.owner = @owner');
    params.owner = filter.owner;
  }
  if (filter.escalationId !== undefined) {
    where.push('x.escalation_id = @escalationId');
    params.escalationId = filter.escalationId;
  }
  if (filter.overdue !== undefined) where.push(filter.overdue ? OVERDUE : `NOT ${OVERDUE}`);
  if (filter.policyDomains && filter.policyDomains.length > 0) {
    where.push(`x.escalation_id IN (${ESCALATIONS_IN_POLICY_DOMAINS})`);
    params.policyDomains = JSON.stringify(filter.policyDomains);
  }
  where.push(...titleSearchConditions('x.title', filter.search, params));

  const { total } = statement<{ total: number }>(
    db,
    `SELECT COUNT(*) AS total FROM experiments_experiments x ${whereClause(where)}`,
  ).get(params) ?? { total: 0 };

  const paged = [...where];
  if (read.cursor !== null) {
    const cursor = decodeKeyCursor(read.cursor, read.cursorField);
    paged.push(`(x.ends_on, x.id) ${read.backward ? '<' : '>'} (@cursorEndsOn, @cursorId)`);
    params.cursorEndsOn = cursor.key;
    params.cursorId = cursor.id;
  }
  params.limit = read.limit + 1;
  const stored = statement<StoredExperiment>(
    db,
    `SELECT ${COLUMNS} FROM experiments_experiments x ${whereClause(paged)} ORDER BY ${read.backward ? reversed('x.ends_on, x.id') : 'x.ends_on, x.id'} LIMIT @limit`,
  ).all(params);

  return keysetPage(stored, read, total, (row) => ({
    ...toRow(row, today),
    cursor: encodeKeyCursor(row.endsOn, row.id),
  }));
}

export function getExperiment(db: Database, id: string, now: Date): ExperimentRow | null {
  const stored = statement<StoredExperiment>(
    db,
    `SELECT ${COLUMNS} FROM experiments_experiments x WHERE x.id = @id`,
  ).get({ id });
  return stored ? toRow(stored, todayInAmsterdam(now)) : null;
}
