import type { Database, Statement } from 'better-sqlite3';
import {
  decodeKeyCursor,
  encodeKeyCursor,
  keysetPage,
  keysetRead,
  reversed,
  type KeysetPage,
  type PageWindow,
} from '../paging';
import { ESCALATIONS_IN_POLICY_DOMAINS, titleSearchConditions } from '../list-search';
import { InvalidInput } from '@praktijklus/domain';
import type { DecisionOutcome, EscalationStatus } from '@praktijklus/domain';

export const MAX_ESCALATION_PAGE_SIZE = 100;

const DAY_MS = 86_400_000;

export interface EscalationRow {
  id: string;
  title: string;
  status: EscalationStatus;
  addressedTo: string;
  raisedBy: string;
  raisedAt: string;
  respondBy: string;
  acknowledgedAt: string | null;
  decidedAt: string | null;
  resolvedAt: string | null;
  outcome: DecisionOutcome | null;
  /** Why it was decided so; null until decided. */
  rationale: string | null;
  signalIds: string[];
  signalCount: number;
  involvedAuthorities: string[];
  transferCount: number;
  previousAddressees: string[];
  /** When the platform recorded that the current `respondBy` passed undecided. */
  deadlinePassedAt: string | null;
  /** Authorities non-response climbed to, in order. */
  climbedTo: string[];
  /** Non-response reached an authority with nobody above it. */
  chainEnded: boolean;
  /** Not decided (RAISED or ACKNOWLEDGED) and `now` is past `respondBy`. */
  overdue: boolean;
  /** Whole days from `raisedAt` to `resolvedAt`, or to `now` while unresolved. */
  ageDays: number;
}

export interface EscalationFilter {
  /** OR-ed; empty or absent means every status. */
  statuses?: readonly EscalationStatus[];
  addressedTo?: string;
  raisedBy?: string;
  overdue?: boolean;
  /** OR-ed: escalations with a signal in one of these policy domains. */
  policyDomains?: readonly string[];
}

/** The orders a list of escalations can be read in; every one ends on the id, so pages are stable. */
export const ESCALATION_ORDERS = ['RESPOND_BY', 'RAISED_AT', 'TITLE', 'STATUS'] as const;
export type EscalationOrder = (typeof ESCALATION_ORDERS)[number];

export interface ListEscalationsInput extends PageWindow {
  filter?: EscalationFilter;
  /** Every word must occur in the title. */
  search?: string;
  /** Default RESPOND_BY: the earliest deadline first. */
  orderBy?: EscalationOrder;
  descending?: boolean;
  now: Date;
  /** Only escalations this authority raised, is addressed or is involved in. */
  visibleToAuthority?: string;
}

export type EscalationEdge = EscalationRow & { cursor: string };

/** Rows in the list's order; `first`/`after` and `last`/`before` as the Relay spec. */
export type EscalationPage = KeysetPage<EscalationEdge>;

export interface EscalationBoardSummary {
  open: number;
  overdue: number;
  awaitingAcknowledgement: number;
  decidedNotResolved: number;
  oldestOpenDays: number;
}

export interface EscalationBoardSummaryInput {
  /** Only escalations addressed to this authority. */
  authority?: string;
  /** Only escalations this authority raised. */
  raisedBy?: string;
  /** Only escalations this authority raised, is addressed or is involved in. */
  visibleToAuthority?: string;
  now: Date;
}

type Params = Record<string, string | number | null>;

interface StoredEscalation {
  id: string;
  title: string;
  status: EscalationStatus;
  addressedTo: string;
  raisedBy: string;
  raisedAt: string;
  /** Epoch milliseconds. */
  respondBy: number;
  acknowledgedAt: string | null;
  decidedAt: string | null;
  resolvedAt: string | null;
  outcome: DecisionOutcome | null;
  rationale: string | null;
  signalIds: string;
  signalCount: number;
  involvedAuthorities: string;
  transferCount: number;
  previousAddressees: string;
  deadlinePassedAt: string | null;
  climbedTo: string;
  chainEnded: number;
}

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
  e.id, e.title, e.status, e.addressed_to AS addressedTo, e.raised_by AS raisedBy, e.raised_at AS raisedAt,
  e.respond_by AS respondBy, e.acknowledged_at AS acknowledgedAt, e.decided_at AS decidedAt,
  e.resolved_at AS resolvedAt, e.outcome, e.rationale, e.signal_count AS signalCount, e.transfer_count AS transferCount,
  e.previous_addressees AS previousAddressees, e.deadline_passed_at AS deadlinePassedAt,
  e.climbed_to AS climbedTo, e.chain_ended AS chainEnded,
  (SELECT json_group_array(s.signal_id ORDER BY s.ordinal) FROM escalation_board_signals s
    WHERE s.escalation_id = e.id) AS signalIds,
  (SELECT json_group_array(p.authority ORDER BY p.authority) FROM escalation_board_parties p
    WHERE p.escalation_id = e.id AND p.relation = 'INVOLVED') AS involvedAuthorities`;

const OVERDUE = `(e.status IN ('RAISED', 'ACKNOWLEDGED') AND e.respond_by < @now)`;
/** `now` as the deadlines are stored: epoch milliseconds. */
const nowParam = (now: Date): number => now.getTime();
const ALL = 'escalation_board_escalations e';
// The visibility index drives the scan (CROSS JOIN fixes the order) and already sorts by deadline.
const VISIBLE =
  'escalation_board_visibility v CROSS JOIN escalation_board_escalations e ON e.id = v.escalation_id';

const whereClause = (conditions: string[]): string =>
  conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';

const toRow = (stored: StoredEscalation, now: Date): EscalationRow => {
  const until = stored.resolvedAt ? Date.parse(stored.resolvedAt) : now.getTime();
  return {
    ...stored,
    respondBy: new Date(stored.respondBy).toISOString(),
    signalIds: JSON.parse(stored.signalIds) as string[],
    involvedAuthorities: JSON.parse(stored.involvedAuthorities) as string[],
    previousAddressees: JSON.parse(stored.previousAddressees) as string[],
    climbedTo: JSON.parse(stored.climbedTo) as string[],
    chainEnded: stored.chainEnded === 1,
    overdue:
      (stored.status === 'RAISED' || stored.status === 'ACKNOWLEDGED') && now.getTime() > stored.respondBy,
    ageDays: Math.max(0, Math.floor((until - Date.parse(stored.raisedAt)) / DAY_MS)),
  };
};

const encodeCursor = (row: { respondBy: number; id: string }): string =>
  Buffer.from(JSON.stringify([row.respondBy, row.id]), 'utf8').toString('base64url');

const decodeCursor = (cursor: string, field: 'after' | 'before'): { respondBy: number; id: string } => {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    decoded = undefined;
  }
  if (
    !Array.isArray(decoded) ||
    decoded.length !== 2 ||
    !Number.isSafeInteger(decoded[0]) ||
    typeof decoded[1] !== 'string'
  ) {
    throw new InvalidInput('INVALID_CURSOR', 'The cursor is not one this list handed out.', field);
  }
  return { respondBy: decoded[0] as number, id: decoded[1] };
};

/** The text sort keys of the orders other than the deadline, as stored and as a row carries them. */
const TEXT_ORDER_KEYS: Record<
  Exclude<EscalationOrder, 'RESPOND_BY'>,
  { column: string; of(row: StoredEscalation): string }
> = {
  RAISED_AT: { column: 'e.raised_at', of: (row) => row.raisedAt },
  TITLE: { column: 'e.title', of: (row) => row.title },
  STATUS: { column: 'e.status', of: (row) => row.status },
};

/**
 * Escalations deadline first (`respondBy` ascending, then id), or in another order, one page at a
 * time; a cursor belongs to the order it was handed out in.
 */
export function listEscalations(db: Database, input: ListEscalationsInput): EscalationPage {
  const filter = input.filter ?? {};
  const read = keysetRead(input, MAX_ESCALATION_PAGE_SIZE);
  const params: Params = { now: nowParam(input.now) };
  const where: string[] = [];
  if (filter.statuses && filter.statuses.length > 0) {
    where.push('e.status IN (SELECT value FROM json_each(@statuses))');
    params.statuses = JSON.stringify(filter.statuses);
  }
  if (filter.addressedTo !== undefined) {
    where.push('e.addressed_to = @addressedTo');
    params.addressedTo = filter.addressedTo;
  }
  if (filter.raisedBy !== undefined) {
    where.push('e.raised_by = @raisedBy');
    params.raisedBy = filter.raisedBy;
  }
  if (filter.overdue !== undefined) where.push(filter.overdue ? OVERDUE : `NOT ${OVERDUE}`);
  if (filter.policyDomains && filter.policyDomains.length > 0) {
    where.push(`e.id IN (${ESCALATIONS_IN_POLICY_DOMAINS})`);
    params.policyDomains = JSON.stringify(filter.policyDomains);
  }
  where.push(...titleSearchConditions('e.title', input.search, params));
  const visible = input.visibleToAuthority !== undefined;
  if (visible) {
    where.push('v.authority = @visibleTo');
    params.visibleTo = input.visibleToAuthority ?? null;
  }
  const from = visible ? VISIBLE : ALL;
  const orderBy = input.orderBy ?? 'RESPOND_BY';
  const textKey = orderBy === 'RESPOND_BY' ? undefined : TEXT_ORDER_KEYS[orderBy];
  const order = textKey
    ? `${textKey.column}, e.id`
    : visible
      ? 'v.respond_by, v.escalation_id'
      : 'e.respond_by, e.id';
  // Descending reads the list's order backwards: the comparison and the ORDER BY both turn round.
  const towardsEnd = read.backward === (input.descending === true);

  const { total } = statement<{ total: number }>(
    db,
    `SELECT COUNT(*) AS total FROM ${from} ${whereClause(where)}`,
  ).get(params) ?? { total: 0 };

  const paged = [...where];
  if (read.cursor !== null) {
    if (textKey) {
      const cursor = decodeKeyCursor(read.cursor, read.cursorField);
      params.cursorKey = cursor.key;
      params.cursorId = cursor.id;
    } else {
      const cursor = decodeCursor(read.cursor, read.cursorField);
      params.cursorKey = cursor.respondBy;
      params.cursorId = cursor.id;
    }
    paged.push(`(${order}) ${towardsEnd ? '>' : '<'} (@cursorKey, @cursorId)`);
  }
  params.limit = read.limit + 1;
  const stored = statement<StoredEscalation>(
    db,
    `SELECT ${COLUMNS} FROM ${from} ${whereClause(paged)} ORDER BY ${towardsEnd ? order : reversed(order)} LIMIT @limit`,
  ).all(params);

  return keysetPage(stored, read, total, (row) => ({
    ...toRow(row, input.now),
    cursor: textKey ? encodeKeyCursor(textKey.of(row), row.id) : encodeCursor(row),
  }));
}

/**
 * Of `ids`, those `authority` may read (it raised, is addressed or is involved), in the order
 * given: what another view may name to a reader without pointing at an escalation hidden from them.
 */
export function escalationIdsVisibleTo(db: Database, ids: readonly string[], authority: string): string[] {
  if (ids.length === 0) return [];
  const visible = new Set(
    statement<{ id: string }>(
      db,
      `SELECT escalation_id AS id FROM escalation_board_visibility
       WHERE authority = @authority AND escalation_id IN (SELECT value FROM json_each(@ids))`,
    )
      .all({ authority, ids: JSON.stringify(ids) })
      .map((row) => row.id),
  );
  return ids.filter((id) => visible.has(id));
}

export function getEscalation(db: Database, id: string, now: Date): EscalationRow | null {
  const stored = statement<StoredEscalation>(
    db,
    `SELECT ${COLUMNS} FROM escalation_board_escalations e WHERE e.id = @id`,
  ).get({ id });
  return stored ? toRow(stored, now) : null;
}

/** Counts over unresolved escalations; overdue and age are measured against `now`. */
export function escalationBoardSummary(
  db: Database,
  input: EscalationBoardSummaryInput,
): EscalationBoardSummary {
  const params: Params = { now: nowParam(input.now) };
  const where: string[] = [];
  if (input.authority !== undefined) {
    where.push('e.addressed_to = @authority');
    params.authority = input.authority;
  }
  if (input.raisedBy !== undefined) {
    where.push('e.raised_by = @raisedBy');
    params.raisedBy = input.raisedBy;
  }
  const visible = input.visibleToAuthority !== undefined;
  if (visible) {
    where.push('v.authority = @visibleTo');
    params.visibleTo = input.visibleToAuthority ?? null;
  }
  const from = visible ? VISIBLE : ALL;
  // Per status, so that each part is a range of the (status, ...) indexes rather than a full scan.
  const perStatus = statement<{ status: EscalationStatus; count: number; oldestRaisedAt: string }>(
    db,
    `SELECT e.status AS status, COUNT(*) AS count, MIN(e.raised_at) AS oldestRaisedAt FROM ${from}
     ${whereClause([`e.status IN ('RAISED', 'ACKNOWLEDGED', 'DECIDED')`, ...where])} GROUP BY e.status`,
  ).all(params);
  const { overdue } = statement<{ overdue: number }>(
    db,
    `SELECT COUNT(*) AS overdue FROM ${from} ${whereClause([OVERDUE, ...where])}`,
  ).get(params) ?? { overdue: 0 };

  const countOf = (status: EscalationStatus): number =>
    perStatus.find((row) => row.status === status)?.count ?? 0;
  const oldest = perStatus.reduce<string | null>(
    (min, row) => (min === null || row.oldestRaisedAt < min ? row.oldestRaisedAt : min),
    null,
  );
  return {
    open: perStatus.reduce((sum, row) => sum + row.count, 0),
    overdue,
    awaitingAcknowledgement: countOf('RAISED'),
    decidedNotResolved: countOf('DECIDED'),
    oldestOpenDays: oldest ? Math.max(0, Math.floor((input.now.getTime() - Date.parse(oldest)) / DAY_MS)) : 0,
  };
}
