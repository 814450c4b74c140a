import { languageOf } from './language';

describe('languageOf (Accept-Language)', () => {
  it.each([
    ['nl', 'nl'],
    ['nl-NL,nl;q=0.9,en-US;q=0.8,en;q=0.7', 'nl'],
    ['en-GB,en;q=0.9,nl;q=0.8', 'en'],
    ['fr, en;q=0.5, nl-BE;q=0.8', 'nl'],
    ['nl;q=0.2, en;q=0.9', 'en'],
    ['NL-nl', 'nl'],
    ['nl;q=0, en;q=0.1', 'en'],
    ['en, nl', 'en'],
  ])('picks the preferred of Dutch and English in %j', (header, expected) => {
    expect(languageOf(header)).toBe(expected);
  });

  it.each([[undefined], [''], ['*'], ['de-DE,fr;q=0.8'], ['nl;q=0'], ['nl;q=abc, *']])(
    'leaves %j to the messages for programs',
    (header) => {
      expect(languageOf(header)).toBeUndefined();
    },
  );
});
