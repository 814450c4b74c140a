import BetterSqlite3 from 'better-sqlite3';
import type { Database, Statement } from 'better-sqlite3';

/** How `signals_fts` cuts and folds text; the tokenizer below must cut the same way. */
export const FULL_TEXT_TOKENIZER = 'unicode61 remove_diacritics 2';

/**
 * Facet tokens start with a private-use character: the tokenizer keeps it inside the token, and a
 * search never produces one (it splits on everything but letters, digits and marks). Indexed text
 * goes through `indexedText`, so no text a user wrote can hold a facet token either.
 */
const FACET_MARK = '\uE000';

const PRIVATE_USE = /\p{Co}/gu;

/**
 * A signal's text as the full-text index takes it: private-use characters become separators.
 * FTS5 with `detail = none` cannot restrict a match to the facets column, so this is what keeps
 * facet tokens out of reach of titles, descriptions, norms and themes (also of events written
 * before input refused such characters).
 */
export const indexedText = (text: string): string => text.replace(PRIVATE_USE, ' ');

/** The signal dimensions kept in the full-text index as tokens, so a search filters inside it. */
export type Facet =
  'type' | 'policyDomain' | 'level' | 'authority' | 'governmentLayer' | 'initiativeKind' | 'status' | 'month';

const FACET_CODE: Record<Facet, string> = {
  type: 't',
  policyDomain: 'd',
  level: 'l',
  authority: 'a',
  governmentLayer: 'g',
  initiativeKind: 'k',
  status: 's',
  /** The month observed, `YYYY-MM`. */
  month: 'm',
};

const facetTokens = new Map<string, string>();

/** The token for one value of a dimension; hex keeps every value one token, whatever it holds. */
export const facetToken = (facet: Facet, value: string): string => {
  const key = `${FACET_CODE[facet]}${value}`;
  let token = facetTokens.get(key);
  if (token === undefined) {
    // Values are few (codes, authorities, months) and every signal asks for seven of them.
    if (facetTokens.size >= 10_000) facetTokens.clear();
    token = `${FACET_MARK}${FACET_CODE[facet]}${Buffer.from(value, 'utf8').toString('hex')}`;
    facetTokens.set(key, token);
  }
  return token;
};

export type FacetValues = Record<Facet, string | null>;

/** The facets column of a signal's full-text row; a dimension without a value has no token. */
export const facetsText = (values: FacetValues): string =>
  (Object.keys(FACET_CODE) as Facet[])
    .flatMap((facet) => {
      const value = values[facet];
      return value === null ? [] : [facetToken(facet, value)];
    })
    .join(' ');

/**
 * Cuts text into the terms the full-text index stores, with SQLite's own tokenizer on a private
 * in-memory database, so folding (case, diacritics) is exactly the index's.
 */
class Tokenizer {
  private readonly db: Database;
  private readonly insert: Statement<[string]>;
  private readonly terms: Statement<[], string>;
  private readonly clear: Statement<[]>;

  constructor() {
    this.db = new BetterSqlite3(':memory:');
    this.db.exec(`
      CREATE VIRTUAL TABLE text USING fts5(body, tokenize = '${FULL_TEXT_TOKENIZER}', detail = none, content = '');
      CREATE VIRTUAL TABLE text_terms USING fts5vocab(text, row);`);
    this.insert = this.db.prepare('INSERT INTO text (body) VALUES (?)');
    this.terms = this.db.prepare<[], string>('SELECT term FROM text_terms').pluck();
    this.clear = this.db.prepare("INSERT INTO text (text) VALUES ('delete-all')");
  }

  /** The distinct terms of all the texts, in the index's order. */
  termsOf(texts: Iterable<string>): string[] {
    return this.db.transaction(() => {
      for (const text of texts) this.insert.run(text);
      const terms = this.terms.all();
      this.clear.run();
      return terms;
    })();
  }
}

let shared: Tokenizer | undefined;

// Between ASCII letters and digits every ASCII character separates tokens for unicode61, and an
// all-ASCII token is folded by lowering its case: only the rest needs SQLite's tokenizer.
const ASCII_SEPARATORS = /[^A-Za-z0-9\u0080-\uffff]+/;
const ASCII_TOKEN = /^[A-Za-z0-9]+$/;

/** The distinct terms the full-text index makes of these texts, exactly as its tokenizer would. */
export const termsOf = (texts: Iterable<string>): Set<string> => {
  const terms = new Set<string>();
  const other: string[] = [];
  for (const text of texts) {
    for (const run of text.split(ASCII_SEPARATORS)) {
      if (run.length === 0) continue;
      if (ASCII_TOKEN.test(run)) terms.add(run.toLowerCase());
      else other.push(run);
    }
  }
  if (other.length > 0) {
    shared ??= new Tokenizer();
    for (const term of shared.termsOf(other)) terms.add(term);
  }
  return terms;
};
