import type { Database } from 'better-sqlite3';
import { InvalidInput, SIGNAL_STATUSES } from '@praktijklus/domain';
import type {
  GovernmentLayer,
  InitiativeKind,
  NormReference,
  SignalLevel,
  SignalLocation,
  SignalStatus,
  SignalType,
} from '@praktijklus/domain';
import { normaliseNormRef } from './norm-ref';
import { isFirstOfMonth, isLastOfMonth, monthOf } from '../signal-stats/period';
import { searchPrefixesOf } from './dutch-stem';
import { searchSnippet, type SnippetPart } from './search-snippet';
import { type Facet, facetToken, termsOf } from './full-text';
import {
  filterPeriod,
  given,
  officerScope,
  selectedStatuses,
  SignalFilter,
  SignalFilterColumns,
  signalFilterConditions,
  SqlParams,
  whereClause,
} from './signal-filter';
import type { StoredSignal } from './signals.projection';
import { toRow } from './signal-row';
import { cachedStatement } from './statement-cache';
import { keysetPage, keysetRead, type KeysetPage, type KeysetRead, type PageWindow } from '../paging';
import { SIGNAL_ORDER_KEYS, sortedSignals, type SignalOrder } from './signals-order';

export const MAX_SIGNAL_PAGE_SIZE = 100;
export { SIGNAL_ORDERS, type SignalOrder } from './signals-order';

export interface SignalRow {
  id: string;
  type: SignalType;
  title: string;
  description: string;
  /** Current: the latest of the recorded, amended or classified domain. */
  policyDomain: string;
  /** As reported (recorded or amended by the reporting authority). */
  recordedPolicyDomain: string;
  /** An analyst's correction, when one was made. */
  classifiedPolicyDomain: string | null;
  level: SignalLevel;
  initiativeKind: InitiativeKind;
  observedAt: string;
  /** The day observed (`YYYY-MM-DD`), what period filters and buckets use. */
  observedOn: string;
  /** The authorities the signal names. */
  authorities: string[];
  norms: NormReference[];
  location: SignalLocation | null;
  /** Whether an initiative (personal data, kept in the vault) is attached. */
  hasInitiative: boolean;
  /** The vault reference of the initiative; the data itself never enters a read model. */
  initiativeRef: string | null;
  reportingAuthority: string;
  /** The reporting authority's government layer; null when the registry does not know it. */
  governmentLayer: GovernmentLayer | null;
  reportedBy: string;
  status: SignalStatus;
  duplicateOf: string | null;
  withdrawnReason: string | null;
  themes: string[];
  classifiedAt: string | null;
  escalated: boolean;
  /** Escalations the signal is in, in the order it joined them. */
  escalationIds: string[];
  /** The signal stream's revision. */
  revision: number;
  recordedAt: string;
  /** When the last event of the signal's own stream was stored. */
  updatedAt: string;
  /** Listed by a search: the passage that matched (description, title, norms or themes). */
  searchSnippet?: SnippetPart[] | null;
}

/** SignalFilter plus filters on what the signal names; these narrow the list only. */
export interface SignalListFilter extends SignalFilter {
  /** Signals naming any of these authorities among their `authorities`. */
  namedAuthorities?: readonly string[];
  /** Signals naming any of these norm refs (compared normalised). */
  normRefs?: readonly string[];
  /** Signals naming every one of these norm refs (compared normalised): a conflict's pair. */
  allNormRefs?: readonly string[];
  /** True: only signals in an escalation; false: only those in none. */
  escalated?: boolean;
}

export interface ListSignalsInput extends PageWindow {
  filter?: SignalListFilter;
  /** Full text over title, description, norms and themes; every word must match (as a prefix). */
  search?: string | null;
  /** Only signals this authority reported (an officer's view). */
  visibleToAuthority?: string;
  /** False: totalCount is 0, not counted (an export walking every page counts nothing). */
  countTotal?: boolean;
  /** Without a search: RECORDED (newest first, default) or ascending by another key. A search ranks its own way. */
  orderBy?: SignalOrder;
  /** The order turned round. */
  descending?: boolean;
}

export type SignalEdge = SignalRow & { cursor: string };

export type SignalPage = KeysetPage<SignalEdge>;

const COLUMNS: SignalFilterColumns = {
  type: 's.type',
  policyDomain: 's.policy_domain',
  level: 's.level',
  authority: 's.reporting_authority',
  governmentLayer: 's.government_layer',
  initiativeKind: 's.initiative_kind',
  status: 's.status',
  observedOn: 's.observed_on',
};

const COUNT_COLUMNS: SignalFilterColumns = {
  type: 'type',
  policyDomain: 'policy_domain',
  level: 'level',
  authority: 'reporting_authority',
  governmentLayer: 'government_layer',
  initiativeKind: 'initiative_kind',
  status: 'status',
  observedOn: 'observed_on',
};

const CURSOR_PREFIX = 'signals:';
const DAY_MS = 86_400_000;
/** A period this short is cheaper read through its index and sorted than by walking all signals. */
const SHORT_PERIOD_DAYS = 31;

const encodeCursor = (seq: number): string =>
  Buffer.from(`${CURSOR_PREFIX}${seq}`, 'utf8').toString('base64url');

const decodeCursor = (cursor: string, field: 'after' | 'before'): number => {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const seq = text.startsWith(CURSOR_PREFIX) ? Number(text.slice(CURSOR_PREFIX.length)) : Number.NaN;
  if (!Number.isSafeInteger(seq) || seq < 0) {
    throw new InvalidInput('INVALID_CURSOR', 'The cursor is not one this list handed out.', field);
  }
  return seq;
};

/**
 * A full-text query from free text: the text is cut into tokens the way the index's tokenizer
 * cuts it (letters, digits and their marks), and every token must match as a prefix. Each is a
 * quoted string, so no FTS5 syntax is taken from the user. Undefined when no token is left.
 */
export const toFullTextQuery = (search: string | null | undefined): string | undefined => {
  const tokens = searchTokens(search);
  return tokens.length === 0 ? undefined : tokens.map(prefixPhrase).join(' ');
};

const searchTokens = (search: string | null | undefined): string[] => {
  const all = (search ?? '').split(/[^\p{L}\p{N}\p{M}]+/u).filter((token) => token.length > 0);
  // A one-character prefix matches a large part of the vocabulary and no prefix index covers it:
  // such tokens only count when nothing longer was typed.
  const longer = all.filter((token) => token.length > 1);
  return (longer.length > 0 ? longer : all).slice(0, 16);
};

const phrase = (text: string): string => `"${text.replace(/"/g, '""')}"`;
const prefixPhrase = (token: string): string => `${phrase(token)}*`;
const anyOf = (phrases: string[]): string =>
  phrases.length === 1 ? phrases[0] : `(${phrases.join(' OR ')})`;

/** Prefixes this long have their own index (`prefix = '2 3'`), which answers them directly. */
const INDEXED_PREFIX = 3;
/** A prefix starting more terms than this is left to FTS5's own prefix scan. */
const MAX_EXPANDED_TERMS = 64;

/**
 * The smallest string after every string that starts with `text` (UTF-8 order is code point
 * order); undefined when its last character is the last there is.
 */
const successor = (text: string): string | undefined => {
  const chars = [...text];
  const last = (chars.pop() ?? '').codePointAt(0) ?? 0;
  if (last >= 0x10ffff) return undefined;
  return chars.join('') + String.fromCodePoint(last + 1 === 0xd800 ? 0xe000 : last + 1);
};

/**
 * A prefix as an FTS5 expression: the exact terms of the index it starts (FTS5 then walks their
 * doclists lazily, stopping after a page) or, for a short or very common prefix, a prefix phrase.
 * Null when no term starts with it.
 */
const prefixExpression = (db: Database, prefix: string): string | null => {
  if ([...prefix].length <= INDEXED_PREFIX) return prefixPhrase(prefix);
  const folded = [...termsOf([prefix])];
  const to = folded.length === 1 ? successor(folded[0]) : undefined;
  if (to === undefined) return prefixPhrase(prefix);
  const terms = cachedStatement<string>(
    db,
    `SELECT term FROM signals_terms WHERE term >= @from AND term < @to ORDER BY term LIMIT ${MAX_EXPANDED_TERMS + 1}`,
  )
    .pluck()
    .all({ from: folded[0], to });
  if (terms.length === 0) return null;
  return terms.length > MAX_EXPANDED_TERMS ? prefixPhrase(prefix) : anyOf(terms.map(phrase));
};

/**
 * A typed word as an FTS5 expression: any term starting with its Dutch stem or with the word
 * itself (the index holds both, see `withStems`). Null when no term does: nothing can match.
 */
const wordExpression = (db: Database, token: string): string | null => {
  const alternatives = searchPrefixesOf(token).flatMap((prefix) => prefixExpression(db, prefix) ?? []);
  return alternatives.length === 0 ? null : anyOf(alternatives);
};

const FACET_FILTERS: ReadonlyArray<[Facet, keyof SignalFilter]> = [
  ['type', 'types'],
  ['policyDomain', 'policyDomains'],
  ['level', 'levels'],
  ['authority', 'authorities'],
  ['governmentLayer', 'governmentLayers'],
  ['initiativeKind', 'initiativeKinds'],
];

/**
 * A search with the filter's dimensions (and an officer's authority) as one FTS5 expression over
 * the text and the facet tokens, so both the page and the count are answered inside the index;
 * null when a word matches no term at all.
 */
const searchExpression = (
  db: Database,
  tokens: string[],
  input: ListSignalsInput,
  period: SearchPeriod,
): string | null => {
  const parts: string[] = [];
  for (const token of tokens) {
    const word = wordExpression(db, token);
    if (word === null) return null;
    parts.push(word);
  }
  const filter = input.filter ?? {};
  for (const [facet, key] of FACET_FILTERS) {
    const values = filter[key] as readonly string[] | undefined;
    if (given(values))
      parts.push(anyOf([...new Set(values)].map((value) => phrase(facetToken(facet, value)))));
  }
  if (input.visibleToAuthority !== undefined) {
    parts.push(phrase(facetToken('authority', input.visibleToAuthority)));
  }
  if (period.months !== undefined) {
    if (period.months.length === 0) return null;
    parts.push(anyOf(period.months.map((month) => phrase(facetToken('month', month)))));
  }
  const selected = selectedStatuses(filter);
  const excluded = SIGNAL_STATUSES.filter((status) => !selected.includes(status));
  if (excluded.length === 1) {
    // Statuses are exclusive: leaving one out is a cheaper question than OR-ing the other two.
    return `(${parts.join(' AND ')}) NOT ${phrase(facetToken('status', excluded[0]))}`;
  }
  if (excluded.length > 0) parts.push(anyOf(selected.map((status) => phrase(facetToken('status', status)))));
  return parts.join(' AND ');
};

/** A search's period: the months whose tokens hold it, and whether days still need testing. */
interface SearchPeriod {
  from: string | undefined;
  to: string | undefined;
  /** Undefined when the period is open-ended or longer than the tokens are worth. */
  months: string[] | undefined;
  /** The months are the period exactly: from the first of one to the last of another. */
  exact: boolean;
}

/** Up to this many month tokens stand for a period; a longer one is tested row by row only. */
const MAX_PERIOD_MONTHS = 36;

const searchPeriod = (filter: SignalFilter): SearchPeriod => {
  const { from, to } = filterPeriod(filter);
  if (from === undefined || to === undefined) return { from, to, months: undefined, exact: false };
  const months: string[] = [];
  const last = monthOf(to);
  for (let month = monthOf(from); month <= last; month = nextMonth(month)) {
    if (months.length === MAX_PERIOD_MONTHS) return { from, to, months: undefined, exact: false };
    months.push(month);
  }
  return { from, to, months, exact: isFirstOfMonth(from) && isLastOfMonth(to) };
};

const nextMonth = (month: string): string => {
  const [year, number] = month.split('-').map(Number);
  return number === 12 ? `${year + 1}-01` : `${year}-${String(number + 1).padStart(2, '0')}`;
};

/** What a search leaves to SQL: what the facets do not hold, and an officer's scope once more. */
const searchConditions = (input: ListSignalsInput, params: SqlParams, period: SearchPeriod): string[] => {
  const filter = input.filter ?? {};
  const conditions = [...listOnlyConditions(filter, params), ...officerScope(input, params)];
  if (period.exact) return conditions;
  const { from, to } = period;
  if (from !== undefined) {
    conditions.push('+s.observed_on >= @f_observedFrom');
    params.f_observedFrom = from;
  }
  if (to !== undefined) {
    conditions.push('+s.observed_on <= @f_observedTo');
    params.f_observedTo = to;
  }
  return conditions;
};

/** Signals matching a search, newest first, walked in the full-text index's rowid (= seq) order. */
const searchSignals = (
  db: Database,
  input: ListSignalsInput,
  tokens: string[],
  read: KeysetRead,
): SignalPage => {
  const filter = input.filter ?? {};
  const period = searchPeriod(filter);
  const expression = searchExpression(db, tokens, input, period);
  if (expression === null) return keysetPage([], read, 0, toEdge);
  const prefixes = tokens.flatMap(searchPrefixesOf);
  const params: SqlParams = { search: expression };
  const conditions = ['f.signals_fts MATCH @search', ...searchConditions(input, params, period)];
  const from =
    conditions.length > 1 ? 'signals_fts f CROSS JOIN signals s ON s.seq = f.rowid' : 'signals_fts f';
  const count = `SELECT COUNT(*) AS total FROM ${from} ${whereClause(conditions)}`;
  const total =
    input.countTotal === false ? 0 : (cachedStatement<{ total: number }>(db, count).get(params)?.total ?? 0);
  if (read.cursor !== null) {
    conditions.push(read.backward ? 'f.rowid > @cursorSeq' : 'f.rowid < @cursorSeq');
    params.cursorSeq = decodeCursor(read.cursor, read.cursorField);
  }
  params.limit = read.limit + 1;
  const stored =
    read.limit === 0
      ? []
      : cachedStatement<StoredSignal>(
          db,
          `SELECT s.* FROM signals_fts f CROSS JOIN signals s ON s.seq = f.rowid ${whereClause(conditions)}
          ORDER BY f.rowid ${read.backward ? 'ASC' : 'DESC'} LIMIT @limit`,
        ).all(params);
  return keysetPage(stored, read, total, (row) => {
    const edge = toEdge(row);
    const texts = [edge.description, edge.title, ...edge.norms.map(normText), edge.themes.join(', ')];
    return { ...edge, searchSnippet: searchSnippet(texts, prefixes) };
  });
};

const normText = (norm: NormReference): string => (norm.title ? `${norm.ref} ${norm.title}` : norm.ref);

const toEdge = (row: StoredSignal): SignalEdge => ({ ...toRow(row), cursor: encodeCursor(row.seq) });

const isShortPeriod = (filter: SignalFilter): boolean => {
  const { from, to } = filterPeriod(filter);
  if (from === undefined || to === undefined) return false;
  return (Date.parse(to) - Date.parse(from)) / DAY_MS <= SHORT_PERIOD_DAYS;
};

/** Conditions on what the signal names and on escalation, through the join tables. */
const listOnlyConditions = (filter: SignalListFilter, params: SqlParams): string[] => {
  const conditions: string[] = [];
  if (given(filter.namedAuthorities)) {
    conditions.push(
      's.seq IN (SELECT seq FROM signals_authorities WHERE authority IN (SELECT value FROM json_each(@namedAuthorities)))',
    );
    params.namedAuthorities = JSON.stringify(filter.namedAuthorities);
  }
  if (given(filter.normRefs)) {
    conditions.push(
      's.seq IN (SELECT seq FROM signals_norms WHERE norm_ref IN (SELECT value FROM json_each(@normRefs)))',
    );
    params.normRefs = JSON.stringify(filter.normRefs.map(normaliseNormRef));
  }
  (filter.allNormRefs ?? []).forEach((ref, index) => {
    conditions.push(`s.seq IN (SELECT seq FROM signals_norms WHERE norm_ref = @allNormRef${index})`);
    params[`allNormRef${index}`] = normaliseNormRef(ref);
  });
  if (filter.escalated !== undefined) {
    conditions.push(filter.escalated ? "s.escalation_ids <> '[]'" : "s.escalation_ids = '[]'");
  }
  return conditions;
};

/** The dimensions the counts table holds: a filter on nothing else is answered from it. */
const countableFromTable = (filter: SignalListFilter, input: ListSignalsInput) =>
  input.visibleToAuthority === undefined &&
  !given(filter.authorities) &&
  filter.observedFrom === undefined &&
  filter.observedTo === undefined &&
  !given(filter.namedAuthorities) &&
  !given(filter.normRefs) &&
  !given(filter.allNormRefs) &&
  filter.escalated === undefined;

const totalCount = (db: Database, input: ListSignalsInput): number => {
  const filter = input.filter ?? {};
  const params: SqlParams = {};
  if (countableFromTable(filter, input)) {
    const conditions = signalFilterConditions(
      filter,
      COUNT_COLUMNS,
      params,
      new Set(Object.keys(COUNT_COLUMNS) as Array<keyof SignalFilterColumns>),
    );
    const row = cachedStatement<{ total: number | null }>(
      db,
      `SELECT SUM(n) AS total FROM signals_counts ${whereClause(conditions)}`,
    ).get(params);
    return row?.total ?? 0;
  }
  const conditions = [
    ...signalFilterConditions(filter, COLUMNS, params, new Set(['authority', 'observedOn'])),
    ...listOnlyConditions(filter, params),
    ...officerScope(input, params),
  ];
  const row = cachedStatement<{ total: number }>(
    db,
    `SELECT COUNT(*) AS total FROM signals s ${whereClause(conditions)}`,
  ).get(params);
  return row?.total ?? 0;
};

/**
 * Signals newest first (the order they were recorded in the log), one page at a time, with the
 * total matching the filter. An officer's view passes `visibleToAuthority`.
 */
export function listSignals(db: Database, input: ListSignalsInput): SignalPage {
  const filter = input.filter ?? {};
  const read = keysetRead(input, MAX_SIGNAL_PAGE_SIZE);
  const tokens = searchTokens(input.search);
  if (tokens.length > 0) return searchSignals(db, input, tokens, read);
  const total = input.countTotal === false ? 0 : totalCount(db, input);
  const params: SqlParams = { limit: read.limit + 1 };
  const indexable = new Set<keyof SignalFilterColumns>(['authority']);
  if (isShortPeriod(filter)) indexable.add('observedOn');
  const conditions = [
    ...signalFilterConditions(filter, COLUMNS, params, indexable),
    ...listOnlyConditions(filter, params),
    ...officerScope(input, params),
  ];
  const orderBy = input.orderBy ?? 'RECORDED';
  if (orderBy !== 'RECORDED')
    return sortedSignals(db, input, SIGNAL_ORDER_KEYS[orderBy], read, conditions, params, total);
  // Newest first; descending turns that round to oldest first.
  const order = read.backward === (input.descending === true) ? 'DESC' : 'ASC';
  if (read.cursor !== null) {
    conditions.push(order === 'DESC' ? 's.seq < @cursorSeq' : 's.seq > @cursorSeq');
    params.cursorSeq = decodeCursor(read.cursor, read.cursorField);
  }
  // The page's keys first, then its rows: a period read through its index sorts keys, not rows.
  const sql = `SELECT s.* FROM signals s WHERE s.seq IN (
      SELECT s.seq FROM signals s ${whereClause(conditions)} ORDER BY s.seq ${order} LIMIT @limit)
    ORDER BY s.seq ${order}`;
  const stored = read.limit === 0 ? [] : cachedStatement<StoredSignal>(db, sql).all(params);
  return keysetPage(stored, read, total, toEdge);
}

export function getSignal(db: Database, id: string): SignalRow | null {
  const stored = cachedStatement<StoredSignal>(db, 'SELECT * FROM signals WHERE signal_id = @id').get({ id });
  return stored ? toRow(stored) : null;
}

/** The signals with these ids that exist, in the order asked (for batched field resolvers). */
export function getSignals(db: Database, ids: readonly string[]): SignalRow[] {
  if (ids.length === 0) return [];
  const stored = cachedStatement<StoredSignal>(
    db,
    'SELECT * FROM signals WHERE signal_id IN (SELECT value FROM json_each(@ids))',
  ).all({ ids: JSON.stringify(ids) });
  const byId = new Map(stored.map((row) => [row.signal_id, toRow(row)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}
