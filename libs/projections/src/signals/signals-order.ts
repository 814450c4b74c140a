import type { Database } from 'better-sqlite3';
import { InvalidInput } from '@praktijklus/domain';
import { decodeKeyCursor, encodeKeyCursor, keysetPage, type KeysetPage, type KeysetRead } from '../paging';
import { whereClause, type SqlParams } from './signal-filter';
import type { StoredSignal } from './signals.projection';
import { toRow } from './signal-row';
import type { SignalRow } from './signals.queries';
import { cachedStatement } from './statement-cache';

/** The orders of the signals list: RECORDED (newest first, the default), or by title or day observed. */
export const SIGNAL_ORDERS = ['RECORDED', 'TITLE', 'OBSERVED_ON'] as const;
export type SignalOrder = (typeof SIGNAL_ORDERS)[number];

/** The sort key of a non-default order, as stored; ties go by `seq`. */
export const SIGNAL_ORDER_KEYS: Record<
  Exclude<SignalOrder, 'RECORDED'>,
  { column: string; of(row: StoredSignal): string }
> = {
  TITLE: { column: 's.title', of: (row) => row.title },
  OBSERVED_ON: { column: 's.observed_on', of: (row) => row.observed_on },
};

/** A page of the list ordered by `key` (then `seq`), ascending unless `descending`. */
export function sortedSignals(
  db: Database,
  input: { descending?: boolean },
  key: { column: string; of(row: StoredSignal): string },
  read: KeysetRead,
  conditions: string[],
  params: SqlParams,
  total: number,
): KeysetPage<SignalRow & { cursor: string }> {
  const towardsEnd = read.backward === (input.descending === true);
  if (read.cursor !== null) {
    const cursor = decodeKeyCursor(read.cursor, read.cursorField);
    const seq = Number(cursor.id);
    if (!Number.isSafeInteger(seq)) {
      throw new InvalidInput(
        'INVALID_CURSOR',
        'The cursor is not one this list handed out.',
        read.cursorField,
      );
    }
    conditions.push(`(${key.column}, s.seq) ${towardsEnd ? '>' : '<'} (@cursorKey, @cursorSeq)`);
    params.cursorKey = cursor.key;
    params.cursorSeq = seq;
  }
  const direction = towardsEnd ? 'ASC' : 'DESC';
  const sql = `SELECT s.* FROM signals s ${whereClause(conditions)}
    ORDER BY ${key.column} ${direction}, s.seq ${direction} LIMIT @limit`;
  const stored = read.limit === 0 ? [] : cachedStatement<StoredSignal>(db, sql).all(params);
  return keysetPage(stored, read, total, (row) => ({
    ...toRow(row),
    cursor: encodeKeyCursor(key.of(row), String(row.seq)),
  }));
}
