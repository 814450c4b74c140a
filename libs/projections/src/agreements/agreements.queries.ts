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
import type { AgreementStatus, FollowUpAssessment } from '@praktijklus/domain';

export const MAX_AGREEMENT_PAGE_SIZE = 100;

export interface AgreementRow {
  id: string;
  title: string;
  commitment: string;
  owner: string;
  parties: string[];
  /** ISO date (YYYY-MM-DD). */
  dueBy: string;
  firstFollowUpOn: string;
  /** Null when the last follow-up planned none. */
  nextFollowUpOn: string | null;
  lastFollowUp: { heldOn: string; assessment: FollowUpAssessment; notes: string } | null;
  followUpCount: number;
  /** 0 until progress is reported. */
  progressPercent: number;
  progressNote: string | null;
  progressReportedAt: string | null;
  status: AgreementStatus;
  escalationId: string | null;
  madeAt: string;
  closedAt: string | null;
  /** The result when fulfilled, the reason when unmet or cancelled. */
  closingNote: string | null;
  /** OPEN and today (Europe/Amsterdam) is after `dueBy`. */
  overdue: boolean;
  /** OPEN and today (Europe/Amsterdam) is after `nextFollowUpOn`. */
  followUpOverdue: boolean;
}

export interface AgreementFilter {
  /** OR-ed; empty or absent means every status. */
  statuses?: readonly AgreementStatus[];
  owner?: string;
  /** An authority bound by the agreement (the owner is always a party). */
  party?: string;
  overdue?: boolean;
  followUpOverdue?: boolean;
  escalationId?: string;
  /** OR-ed: made or granted on an escalation with a signal in one of these policy domains. */
  policyDomains?: readonly string[];
  /** Every word must occur in the title. */
  search?: string;
}

export interface ListAgreementsInput extends PageWindow {
  filter?: AgreementFilter;
  now: Date;
}

export type AgreementEdge = AgreementRow & { cursor: string };

/** Rows in the list's order; `first`/`after` and `last`/`before` as the Relay spec. */
export type AgreementPage = KeysetPage<AgreementEdge>;

type Params = Record<string, string | number | null>;

interface StoredAgreement {
  id: string;
  title: string;
  commitment: string;
  owner: string;
  parties: string;
  dueBy: string;
  firstFollowUpOn: string;
  nextFollowUpOn: string | null;
  lastHeldOn: string | null;
  lastAssessment: FollowUpAssessment | null;
  lastNotes: string | null;
  followUpCount: number;
  progressPercent: number;
  progressNote: string | null;
  progressReportedAt: string | null;
  status: AgreementStatus;
  escalationId: string | null;
  madeAt: string;
  closedAt: string | null;
  closingNote: string | null;
}

/** Due dates are calendar dates in the Netherlands, so "past" is judged against the Dutch date. */
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
  a.id, a.title, a.commitment, a.owner, a.parties, a.due_by AS dueBy, a.first_follow_up_on AS firstFollowUpOn,
  a.next_follow_up_on AS nextFollowUpOn, a.last_follow_up_held_on AS lastHeldOn,
  a.last_follow_up_assessment AS lastAssessment, a.last_follow_up_notes AS lastNotes,
  a.follow_up_count AS followUpCount,
  a.progress_percent AS progressPercent, a.progress_note AS progressNote,
  a.progress_reported_at AS progressReportedAt, a.status, a.escalation_id AS escalationId, a.made_at AS madeAt,
  a.closed_at AS closedAt, a.closing_note AS closingNote`;

const OVERDUE = `(a.status = 'OPEN' AND a.due_by < @today)`;
const FOLLOW_UP_OVERDUE = `(a.status = 'OPEN' AND a.next_follow_up_on IS NOT NULL AND a.next_follow_up_on < @today)`;

const whereClause = (conditions: string[]): string =>
  conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';

const toRow = (stored: StoredAgreement, today: string): AgreementRow => {
  const { lastHeldOn, lastAssessment, lastNotes, ...rest } = stored;
  const open = stored.status === 'OPEN';
  return {
    ...rest,
    parties: JSON.parse(stored.parties) as string[],
    lastFollowUp:
      lastHeldOn && lastAssessment
        ? { heldOn: lastHeldOn, assessment: lastAssessment, notes: lastNotes ?? '' }
        : null,
    overdue: open && stored.dueBy < today,
    followUpOverdue: open && stored.nextFollowUpOn !== null && stored.nextFollowUpOn < today,
  };
};

/** Agreements due first (`dueBy` ascending, then id), one page at a time. */
export function listAgreements(db: Database, input: ListAgreementsInput): AgreementPage {
  const filter = input.filter ?? {};
  const read = keysetRead(input, MAX_AGREEMENT_PAGE_SIZE);
  const today = todayInAmsterdam(input.now);
  const params: Params = { today };
  const where: string[] = [];
  if (filter.statuses && filter.statuses.length > 0) {
    where.push('a.status IN (SELECT value FROM json_each(@statuses))');
    params.statuses = JSON.stringify(filter.statuses);
  }
  if (filter.owner !== undefined) {
    where.push('a.owner = @owner');
    params.owner = filter.owner;
  }
  if (filter.party !== undefined) {
    where.push('a.id IN (SELECT agreement_id FROM agreements_parties WHERE authority = @party)');
    params.party = filter.party;
  }
  if (filter.escalationId !== undefined) {
    where.push('a.escalation_id = @escalationId');
    params.escalationId = filter.escalationId;
  }
  if (filter.overdue !== undefined) where.push(filter.overdue ? OVERDUE : `NOT ${OVERDUE}`);
  if (filter.policyDomains && filter.policyDomains.length > 0) {
    where.push(`a.escalation_id IN (${ESCALATIONS_IN_POLICY_DOMAINS})`);
    params.policyDomains = JSON.stringify(filter.policyDomains);
  }
  where.push(...titleSearchConditions('a.title', filter.search, params));
  if (filter.followUpOverdue !== undefined) {
    where.push(filter.followUpOverdue ? FOLLOW_UP_OVERDUE : `NOT ${FOLLOW_UP_OVERDUE}`);
  }

  const { total } = statement<{ total: number }>(
    db,
    `SELECT COUNT(*) AS total FROM agreements_agreements a ${whereClause(where)}`,
  ).get(params) ?? { total: 0 };

  const paged = [...where];
  if (read.cursor !== null) {
    const cursor = decodeKeyCursor(read.cursor, read.cursorField);
    paged.push(`(a.due_by, a.id) ${read.backward ? '<' : '>'} (@cursorDueBy, @cursorId)`);
    params.cursorDueBy = cursor.key;
    params.cursorId = cursor.id;
  }
  params.limit = read.limit + 1;
  const stored = statement<StoredAgreement>(
    db,
    `SELECT ${COLUMNS} FROM agreements_agreements a ${whereClause(paged)} ORDER BY ${read.backward ? reversed('a.due_by, a.id') : 'a.due_by, a.id'} LIMIT @limit`,
  ).all(params);

  return keysetPage(stored, read, total, (row) => ({
    ...toRow(row, today),
    cursor: encodeKeyCursor(row.dueBy, row.id),
  }));
}

export function getAgreement(db: Database, id: string, now: Date): AgreementRow | null {
  const stored = statement<StoredAgreement>(
    db,
    `SELECT ${COLUMNS} FROM agreements_agreements a WHERE a.id = @id`,
  ).get({
    id,
  });
  return stored ? toRow(stored, todayInAmsterdam(now)) : null;
}
