import BetterSqlite3 from 'better-sqlite3';
import { facetsText, facetToken, FULL_TEXT_TOKENIZER, termsOf } from './full-text';

/** The terms SQLite's FTS5 itself makes of the texts, with the index's tokenizer. */
const sqliteTerms = (texts: string[]): Set<string> => {
  const db = new BetterSqlite3(':memory:');
  db.exec(`CREATE VIRTUAL TABLE t USING fts5(body, tokenize = '${FULL_TEXT_TOKENIZER}', detail = none);
    CREATE VIRTUAL TABLE v USING fts5vocab(t, row);`);
  for (const text of texts) db.prepare('INSERT INTO t (body) VALUES (?)').run(text);
  const terms = new Set(db.prepare<[], string>('SELECT term FROM v').pluck().all());
  db.close();
  return terms;
};

describe('full-text terms', () => {
  it('cuts and folds text exactly as the index does', () => {
    const texts = [
      'Geluidsnorm botst met de ENERGIETRANSITIE (Bbl art. 4.101, lid 2a).',
      'x_y a+b c-d e/f g@h i~j k|l m`n o[p]q {r} \'quoted\' "double" tab\there\nnew',
      'Café, reünie, geïnteresseerd, één, privé, Ærø, Ørsted, straße, İstanbul, ĳzer',
      'emoji 🚲fiets, ¼ deel, 3½ uur, €50, naïef—maar «goed» · punt',
      'Zonnepanelen op een RijksMonument; zonnepanelen op een rijksmonument!',
      '',
    ];
    expect([...termsOf(texts)].sort()).toEqual([...sqliteTerms(texts)].sort());
  });

  it('keeps a facet one token that no typed word can produce', () => {
    const facets = facetsText({
      type: 'CONFLICTING_NORMS',
      policyDomain: 'spatial-planning',
      level: 'POLICY',
      authority: 'gm0344',
      governmentLayer: null,
      initiativeKind: 'CITIZEN_INITIATIVE',
      status: 'ACTIVE',
      month: '2026-03',
    });
    expect(sqliteTerms([facets])).toEqual(
      new Set([
        facetToken('type', 'CONFLICTING_NORMS'),
        facetToken('policyDomain', 'spatial-planning'),
        facetToken('level', 'POLICY'),
        facetToken('authority', 'gm0344'),
        facetToken('initiativeKind', 'CITIZEN_INITIATIVE'),
        facetToken('status', 'ACTIVE'),
        facetToken('month', '2026-03'),
      ]),
    );
    expect(facetToken('type', 'POLICY')).not.toBe(facetToken('level', 'POLICY'));
  });
});
