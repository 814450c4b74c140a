import type { Database } from 'better-sqlite3';
import { InvalidInput } from '@praktijklus/domain';
import type { SignalType } from '@praktijklus/domain';
import { facetToken, termsOf } from '../signals/full-text';
import { normaliseNormRef } from '../signals/norm-ref';
import type { StoredSignal } from '../signals/signals.projection';
import { getSignals, type SignalRow } from '../signals/signals.queries';
import { cachedStatement } from '../signals/statement-cache';
import { STOPWORDS } from './stopwords';

export const MAX_SIMILAR = 20;

export type SimilarReason = 'SHARED_NORM' | 'SAME_DOMAIN' | 'TEXT';

export interface SimilarSignalRow {
  signal: SignalRow;
  /** 0..1: text overlap weighted by rarity, shared norms, same domain and type. */
  score: number;
  reasons: SimilarReason[];
  /** Other signals of the same duplicate group that matched too, shown once under `signal`. */
  duplicateIds: string[];
}

/** What a "more like this" search looks for: a signal, or what an officer is typing. */
export interface SimilarProbe {
  texts: readonly string[];
  normRefs: readonly string[];
  type: SignalType | null;
  policyDomain: string | null;
  /** The duplicate group of the signal itself (its original's id, or its own): left out. */
  ownGroup?: string;
}

export interface SimilarInput {
  first: number;
  /** Only signals this authority reported (an officer's view). */
  visibleToAuthority?: string;
}

/** The rarest terms of the probe, at most this many, make up the text query. */
const MAX_QUERY_TERMS = 10;
/** Terms of the probe looked at, at most: a long description is cut, never a slow query. */
const MAX_PROBE_TERMS = 16;
/**
 * A term held by more signals than this says little about a signal ("more like this" wants the
 * salient ones), so its doclist is read only this far: a term costs at most this many rows.
 */
const MAX_TERM_SIGNALS = 1000;
const MAX_NORMS = 10;
const PER_NORM = 200;
const SAME_KIND = 50;
const SHORTLIST = 200;

const WEIGHT = { text: 0.6, norms: 0.25, domain: 0.1, type: 0.05 } as const;

const phrase = (text: string): string => `"${text.replace(/"/g, '""')}"`;

/** The scope every candidate query carries inside the index: not withdrawn, the officer's own. */
const scopeExpression = (input: SimilarInput): string => {
  const own =
    input.visibleToAuthority === undefined
      ? ''
      : ` AND ${phrase(facetToken('authority', input.visibleToAuthority))}`;
  return `${own} NOT ${phrase(facetToken('status', 'WITHDRAWN'))}`;
};

interface Candidate {
  text: number;
  norms: number;
}

const candidate = (all: Map<number, Candidate>, seq: number): Candidate => {
  let found = all.get(seq);
  if (!found) {
    found = { text: 0, norms: 0 };
    all.set(seq, found);
  }
  return found;
};

/**
 * Text overlap: each salient term adds its inverse document frequency to every signal holding it,
 * relative to all chosen terms together. FTS5's bm25 needs term frequencies, which `detail = none`
 * does not keep (it scores every row 0), so the weighting is done here. A term's doclist is walked
 * newest first and only up to MAX_TERM_SIGNALS rows: that bounds the work and tells common terms
 * (left out) from salient ones, whose counts are then exact.
 */
const addTextMatches = (
  db: Database,
  probe: SimilarProbe,
  input: SimilarInput,
  all: Map<number, Candidate>,
) => {
  const terms = [...termsOf(probe.texts)]
    .filter((term) => [...term].length >= 3 && !STOPWORDS.has(term) && !/^\d+$/.test(term))
    .slice(0, MAX_PROBE_TERMS);
  if (terms.length === 0) return;
  const total =
    cachedStatement<{ n: number | null }>(db, 'SELECT MAX(seq) AS n FROM signals').get({})?.n ?? 0;
  if (total === 0) return;
  // Counted inside SQLite, so a common term costs no rows handed to JavaScript.
  const count = cachedStatement<number>(
    db,
    `SELECT COUNT(*) FROM (SELECT rowid FROM signals_fts WHERE signals_fts MATCH @q LIMIT ${MAX_TERM_SIGNALS + 1})`,
  ).pluck();
  const rowids = cachedStatement<number>(
    db,
    `SELECT rowid FROM signals_fts WHERE signals_fts MATCH @q ORDER BY rowid DESC LIMIT ${MAX_TERM_SIGNALS}`,
  ).pluck();
  // Rarity is judged on the whole index; the scope (not withdrawn, an officer's own) is applied
  // afterwards to the salient terms only, whose short doclists bound the intersection.
  const salient = terms
    .map((term) => ({ term, signals: count.get({ q: phrase(term) }) ?? 0 }))
    .filter(({ signals }) => signals > 0 && signals <= MAX_TERM_SIGNALS)
    .sort((a, b) => a.signals - b.signals || a.term.localeCompare(b.term))
    .slice(0, MAX_QUERY_TERMS)
    .map(({ term, signals }) => ({
      seqs: rowids.all({ q: `${phrase(term)}${scopeExpression(input)}` }),
      idf: Math.log(1 + total / signals),
    }));
  const weight = salient.reduce((sum, term) => sum + term.idf, 0);
  for (const { seqs, idf } of salient) {
    for (const seq of seqs) candidate(all, seq).text += idf / weight;
  }
};

const addNormMatches = (db: Database, probe: SimilarProbe, all: Map<number, Candidate>) => {
  const refs = [...new Set(probe.normRefs.map(normaliseNormRef))]
    .filter((ref) => ref.length > 0)
    .slice(0, MAX_NORMS);
  const seqs = cachedStatement<number>(
    db,
    `SELECT seq FROM signals_norms WHERE norm_ref = @ref ORDER BY seq DESC LIMIT ${PER_NORM}`,
  ).pluck();
  for (const ref of refs) {
    for (const seq of seqs.all({ ref })) candidate(all, seq).norms += 1 / refs.length;
  }
};

/** The latest signals of the same type and domain, so a signal without shared words still finds kin. */
const addSameKind = (db: Database, probe: SimilarProbe, input: SimilarInput, all: Map<number, Candidate>) => {
  if (probe.type === null || probe.policyDomain === null) return;
  const q = `${phrase(facetToken('type', probe.type))} AND ${phrase(facetToken('policyDomain', probe.policyDomain))}${scopeExpression(input)}`;
  const seqs = cachedStatement<number>(
    db,
    `SELECT rowid FROM signals_fts WHERE signals_fts MATCH @q ORDER BY rowid DESC LIMIT ${SAME_KIND}`,
  )
    .pluck()
    .all({ q });
  for (const seq of seqs) candidate(all, seq);
};

const groupOf = (row: Pick<StoredSignal, 'signal_id' | 'duplicate_of'>): string =>
  row.duplicate_of ?? row.signal_id;

const limitOf = (first: number): number => {
  if (!Number.isInteger(first) || first < 0) {
    throw new InvalidInput('INVALID_PAGE_SIZE', 'first must be a whole number of at least 0.', 'first');
  }
  return Math.min(first, MAX_SIMILAR);
};

/**
 * The signals most like the probe, best first: rare words in common, shared norms, the same policy
 * domain and type. Withdrawn signals and the probe's own duplicate group are left out, a duplicate
 * group that matched shows once, and an officer only finds what their authority reported (checked
 * in the index and once more in SQL).
 */
export function similarSignalsTo(db: Database, probe: SimilarProbe, input: SimilarInput): SimilarSignalRow[] {
  const limit = limitOf(input.first);
  if (limit === 0) return [];
  const all = new Map<number, Candidate>();
  addTextMatches(db, probe, input, all);
  addNormMatches(db, probe, all);
  addSameKind(db, probe, input, all);
  const shortlist = [...all]
    .sort((a, b) => b[1].text + b[1].norms - (a[1].text + a[1].norms) || b[0] - a[0])
    .slice(0, SHORTLIST);
  const scoped = input.visibleToAuthority === undefined ? '' : 'AND reporting_authority = @visibleTo';
  const rows = cachedStatement<StoredSignal>(
    db,
    `SELECT * FROM signals WHERE seq IN (SELECT value FROM json_each(@seqs)) AND status <> 'WITHDRAWN' ${scoped}`,
  ).all({
    seqs: JSON.stringify(shortlist.map(([seq]) => seq)),
    ...(input.visibleToAuthority === undefined ? {} : { visibleTo: input.visibleToAuthority }),
  });
  const scored = rows
    .filter((row) => groupOf(row) !== probe.ownGroup)
    .map((row) => {
      const found = all.get(row.seq) ?? { text: 0, norms: 0 };
      const sameDomain = probe.policyDomain !== null && row.policy_domain === probe.policyDomain;
      const sameType = probe.type !== null && row.type === probe.type;
      const score =
        WEIGHT.text * Math.min(found.text, 1) +
        WEIGHT.norms * Math.min(found.norms, 1) +
        (sameDomain ? WEIGHT.domain : 0) +
        (sameType ? WEIGHT.type : 0);
      const reasons: SimilarReason[] = [];
      if (found.norms > 0) reasons.push('SHARED_NORM');
      if (sameDomain) reasons.push('SAME_DOMAIN');
      if (found.text > 0) reasons.push('TEXT');
      return { row, score: Math.round(score * 1000) / 1000, reasons };
    })
    .filter((entry) => entry.reasons.length > 0)
    .sort((a, b) => b.score - a.score || b.row.seq - a.row.seq);
  const groups = new Map<string, { best: (typeof scored)[number]; others: string[] }>();
  for (const entry of scored) {
    const group = groups.get(groupOf(entry.row));
    if (group) group.others.push(entry.row.signal_id);
    else if (groups.size < limit) groups.set(groupOf(entry.row), { best: entry, others: [] });
  }
  const best = [...groups.values()];
  const signals = getSignals(
    db,
    best.map(({ best: entry }) => entry.row.signal_id),
  );
  return best.map(({ best: entry, others }, index) => ({
    signal: signals[index],
    score: entry.score,
    reasons: entry.reasons,
    duplicateIds: others,
  }));
}

/** The signals most like a recorded one ("more like this"); null when it does not exist. */
export function similarSignals(
  db: Database,
  signalId: string,
  input: SimilarInput,
): SimilarSignalRow[] | null {
  const own = cachedStatement<StoredSignal>(db, 'SELECT * FROM signals WHERE signal_id = @id').get({
    id: signalId,
  });
  if (!own) return null;
  const norms = JSON.parse(own.norms) as Array<{ ref: string; title?: string | null }>;
  return similarSignalsTo(
    db,
    {
      texts: [
        own.title,
        own.description,
        ...norms.map((norm) => `${norm.ref} ${norm.title ?? ''}`),
        ...(JSON.parse(own.themes) as string[]),
      ],
      normRefs: norms.map((norm) => norm.ref),
      type: own.type as SignalType,
      policyDomain: own.policy_domain,
      ownGroup: groupOf(own),
    },
    input,
  );
}
