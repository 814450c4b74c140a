import { InvalidInput } from '@praktijklus/domain';

/**
 * The Relay cursor spec's window over a list: `first`/`after` reads forward from a cursor,
 * `last`/`before` backward to one. `first` and `last` together are refused, as the spec
 * advises against them and no list here answers them.
 */
export interface PageWindow {
  first?: number;
  after?: string | null;
  last?: number;
  before?: string | null;
}

/** A page of a list, in the list's own order, with the spec's four PageInfo fields. */
export interface KeysetPage<E> {
  rows: E[];
  totalCount: number;
  /** Forward: whether more rows follow. Backward: false (the spec allows it; not computed). */
  hasNextPage: boolean;
  /** Backward: whether more rows precede. Forward: false (the spec allows it; not computed). */
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

/** How a keyset query reads a window: which way, how many, and from which cursor. */
export interface KeysetRead {
  backward: boolean;
  limit: number;
  /** The cursor to start from (`after` forward, `before` backward), or null. */
  cursor: string | null;
  /** The argument the cursor came in, for the INVALID_CURSOR error's field. */
  cursorField: 'after' | 'before';
}

export function keysetRead(window: PageWindow, maxPageSize: number): KeysetRead {
  if (window.first !== undefined && window.last !== undefined) {
    throw new InvalidInput('FIRST_AND_LAST', 'Pass first or last, not both.', 'last');
  }
  const backward = window.last !== undefined;
  const size = (backward ? window.last : window.first) ?? 0;
  const field = backward ? 'last' : 'first';
  if (!Number.isInteger(size) || size < 0) {
    throw new InvalidInput('INVALID_PAGE_SIZE', `${field} must be a whole number of at least 0.`, field);
  }
  return {
    backward,
    limit: Math.min(size, maxPageSize),
    cursor: (backward ? window.before : window.after) ?? null,
    cursorField: backward ? 'before' : 'after',
  };
}

/**
 * The page from rows a keyset query read with LIMIT `limit + 1` in reading order (the list's
 * order forward, its reverse backward): the extra row only tells that more follow.
 */
export function keysetPage<S, E extends { cursor: string }>(
  stored: readonly S[],
  read: KeysetRead,
  totalCount: number,
  toEdge: (row: S) => E,
): KeysetPage<E> {
  const more = stored.length > read.limit;
  const taken = stored.slice(0, read.limit).map(toEdge);
  const rows = read.backward ? taken.reverse() : taken;
  return {
    rows,
    totalCount,
    hasNextPage: !read.backward && more,
    hasPreviousPage: read.backward && more,
    startCursor: rows.length > 0 ? rows[0].cursor : null,
    endCursor: rows.length > 0 ? rows[rows.length - 1].cursor : null,
  };
}

/** `a, b` as `a DESC, b DESC`: an ORDER BY read the other way. */
export const reversed = (order: string): string =>
  order
    .split(',')
    .map((column) => `${column.trim()} DESC`)
    .join(', ');

/** The cursor of a row in a list ordered by a text key and then its id: opaque base64url JSON. */
export const encodeKeyCursor = (key: string, id: string): string =>
  Buffer.from(JSON.stringify([key, id]), 'utf8').toString('base64url');

/** The key and id of a cursor `encodeKeyCursor` made; anything else is INVALID_CURSOR on `field`. */
export function decodeKeyCursor(cursor: string, field: 'after' | 'before'): { key: string; id: string } {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    decoded = undefined;
  }
  if (
    !Array.isArray(decoded) ||
    decoded.length !== 2 ||
    typeof decoded[0] !== 'string' ||
    typeof decoded[1] !== 'string'
  ) {
    throw new InvalidInput('INVALID_CURSOR', 'The cursor is not one this list handed out.', field);
  }
  return { key: decoded[0], id: decoded[1] };
}
