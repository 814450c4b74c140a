import { InvalidInput } from '@praktijklus/domain';
import { keysetPage, keysetRead, reversed } from './paging';

describe('keyset paging', () => {
  const edge = (n: number) => ({ id: n, cursor: `c${n}` });

  it('reads forward from after, backward to before, capped', () => {
    expect(keysetRead({ first: 5, after: 'a' }, 100)).toEqual({
      backward: false,
      limit: 5,
      cursor: 'a',
      cursorField: 'after',
    });
    expect(keysetRead({ last: 500, before: 'b' }, 100)).toEqual({
      backward: true,
      limit: 100,
      cursor: 'b',
      cursorField: 'before',
    });
  });

  it('refuses first with last and a negative size', () => {
    expect(() => keysetRead({ first: 1, last: 1 }, 100)).toThrow(InvalidInput);
    expect(() => keysetRead({ last: -1 }, 100)).toThrow(InvalidInput);
  });

  it('answers a forward page in order, with more after it', () => {
    const page = keysetPage([1, 2, 3], keysetRead({ first: 2 }, 100), 9, edge);
    expect(page).toEqual({
      rows: [edge(1), edge(2)],
      totalCount: 9,
      hasNextPage: true,
      hasPreviousPage: false,
      startCursor: 'c1',
      endCursor: 'c2',
    });
  });

  it('turns a backward read (the list reversed) back into the list order', () => {
    const page = keysetPage([5, 4, 3], keysetRead({ last: 2, before: 'c6' }, 100), 9, edge);
    expect(page).toEqual({
      rows: [edge(4), edge(5)],
      totalCount: 9,
      hasNextPage: false,
      hasPreviousPage: true,
      startCursor: 'c4',
      endCursor: 'c5',
    });
    expect(keysetPage([2, 1], keysetRead({ last: 2 }, 100), 2, edge).hasPreviousPage).toBe(false);
  });

  it('reverses an ORDER BY column by column', () => {
    expect(reversed('a.due_by, a.id')).toBe('a.due_by DESC, a.id DESC');
  });
});
