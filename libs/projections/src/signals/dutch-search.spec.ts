import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { InvalidInput } from '@praktijklus/domain';
import type { Projection } from '../projection';
import { searchPrefixesOf, stemOf, withStems } from './dutch-stem';
import { searchSnippet } from './search-snippet';
import { createSignalsProjection } from './signals.projection';
import { listSignals } from './signals.queries';
import { applyAll, EventLog, testContext } from './test-support/signal-events';

describe('Dutch word forms', () => {
  it('stems plural and inflected forms to the stem of the singular', () => {
    expect(stemOf('dakopbouwen')).toBe(stemOf('dakopbouw'));
    expect(stemOf('vergunningen')).toBe(stemOf('vergunning'));
    expect(stemOf('Gemeenten')).toBe(stemOf('gemeente'));
    expect(stemOf('café')).toBe(stemOf('cafe'));
  });

  it('indexes every word next to its stem, and searches a typed word as its stem and itself', () => {
    expect(withStems('Twee vergunningen, één dakopbouw.')).toBe('Twee vergunningen vergunn, één dakopbouw.');
    expect(searchPrefixesOf('vergunningen')).toEqual(['vergunn']);
    expect(searchPrefixesOf('vergunni')).toEqual(['vergunni']);
    expect(searchPrefixesOf('bouwe')).toEqual(['bouw']);
  });
});

describe('search snippets', () => {
  const prefixes = ['vergunn'];

  it('cuts the passage around the first matched word and marks every matched word', () => {
    const text = `${'woord '.repeat(20)}de vergunning voor de dakopbouw en twee vergunningen. ${'eind '.repeat(40)}`;
    const parts = searchSnippet([text], prefixes);
    expect(parts?.[0]).toEqual({ text: '…woord woord woord woord woord woord woord de ', match: false });
    expect(parts?.filter((part) => part.match).map((part) => part.text)).toEqual([
      'vergunning',
      'vergunningen',
    ]);
    expect(parts?.at(-1)?.text.endsWith(' …')).toBe(true);
    expect(parts?.map((part) => part.text).join('')).toContain(
      'de vergunning voor de dakopbouw en twee vergunningen.',
    );
  });

  it('takes the first text holding a match and keeps markup as plain text', () => {
    expect(searchSnippet(['geen treffer hier', '<b>Vergunning</b> & zo'], prefixes)).toEqual([
      { text: '<b>', match: false },
      { text: 'Vergunning', match: true },
      { text: '</b> & zo', match: false },
    ]);
    expect(searchSnippet(['niets'], prefixes)).toBeNull();
    expect(searchSnippet(['vergunning'], [])).toBeNull();
  });
});

describe('searching signals in Dutch', () => {
  let db: Database;
  let projection: Projection;

  beforeEach(() => {
    db = new BetterSqlite3(':memory:');
    projection = createSignalsProjection(testContext);
    projection.migrate(db);
    projection.index?.(db);
    const log = new EventLog();
    log.recorded({
      signalId: 'roof',
      title: 'Dakopbouw zonder omgevingsvergunning',
      description: 'Een dakopbouw op een rijwoning vraagt nu een vergunning, ook binnen de regels.',
    });
    log.recorded({
      signalId: 'heat',
      title: 'Warmtepompen en geluid',
      description: 'Buren klagen over geluid van installaties.',
    });
    applyAll(db, projection, log.events);
  });

  afterEach(() => db.close());

  const search = (text: string) => listSignals(db, { first: 10, search: text }).rows;

  it('finds a word by another form of it', () => {
    expect(search('dakopbouwen').map((row) => row.id)).toEqual(['roof']);
    expect(search('vergunningen').map((row) => row.id)).toEqual(['roof']);
    expect(search('warmtepomp').map((row) => row.id)).toEqual(['heat']);
    expect(search('installatie').map((row) => row.id)).toEqual(['heat']);
    expect(search('vergunni').map((row) => row.id)).toEqual(['roof']);
    expect(search('vergunningen geluid')).toEqual([]);
  });

  it('shows why a signal matched, in its own words', () => {
    const [row] = search('vergunningen');
    expect(row.searchSnippet).toEqual([
      { text: 'Een dakopbouw op een rijwoning vraagt nu een ', match: false },
      { text: 'vergunning', match: true },
      { text: ', ook binnen de regels.', match: false },
    ]);
    expect(listSignals(db, { first: 10 }).rows[0].searchSnippet).toBeUndefined();
  });

  it('refuses a period that starts after it ends, with or without a search', () => {
    const backwards = { observedFrom: '2026-03-05', observedTo: '2026-03-04' };
    for (const input of [{ filter: backwards }, { filter: backwards, search: 'dakopbouw' }]) {
      expect(() => listSignals(db, { first: 10, ...input })).toThrow(
        expect.objectContaining({ code: 'INVALID_PERIOD', field: 'observedTo' }) as InvalidInput,
      );
    }
    expect(
      listSignals(db, { first: 10, filter: { observedFrom: '2026-03-04', observedTo: '2026-03-04' } }).rows,
    ).toHaveLength(2);
  });
});
