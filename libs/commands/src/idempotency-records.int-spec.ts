import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IdempotencyRecords } from './idempotency-records';

describe('IdempotencyRecords', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'idempotency-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const record = {
    fingerprint: 'f1',
    status: 201,
    body: { id: 'a', revision: 0, position: '1' },
    headers: { etag: '"0"' },
  };

  it('keeps the first answer per user and key, across reopening the file', () => {
    const file = join(dir, 'idempotency.sqlite');
    const records = IdempotencyRecords.open(file);
    records.save('officer-1', 'key-1', record);
    records.save('officer-1', 'key-1', { ...record, fingerprint: 'f2', status: 200 });
    records.close();

    const reopened = IdempotencyRecords.open(file);
    expect(reopened.find('officer-1', 'key-1')).toEqual(record);
    expect(reopened.find('officer-2', 'key-1')).toBeUndefined();
    reopened.close();
  });

  it('forgets answers older than a day, and lets a new answer take the key', () => {
    const records = IdempotencyRecords.open(join(dir, 'idempotency.sqlite'));
    const dayAgo = Date.now() - 25 * 60 * 60 * 1000;
    records.save('officer-1', 'key-1', record, dayAgo);
    expect(records.find('officer-1', 'key-1')).toBeUndefined();
    records.save('officer-1', 'key-1', { ...record, fingerprint: 'f2' });
    expect(records.find('officer-1', 'key-1')?.fingerprint).toBe('f2');
    records.close();
  });

  it('reserves a key for one request at a time: the same request may run too, another is refused', () => {
    const records = IdempotencyRecords.open(join(dir, 'idempotency.sqlite'));
    expect(records.reserve('officer-1', 'key-1', 'f1')).toEqual({ kind: 'reserved' });
    expect(records.reserve('officer-1', 'key-1', 'f2')).toEqual({ kind: 'reused' });
    expect(records.reserve('officer-1', 'key-1', 'f1')).toEqual({ kind: 'pending' });
    expect(records.reserve('officer-2', 'key-1', 'f2')).toEqual({ kind: 'reserved' });
    expect(records.find('officer-1', 'key-1')).toBeUndefined();

    records.save('officer-1', 'key-1', record);
    expect(records.reserve('officer-1', 'key-1', 'f1')).toEqual({ kind: 'answered', record });
    expect(records.reserve('officer-1', 'key-1', 'f2')).toEqual({ kind: 'reused' });
    records.close();
  });

  it('keeps a reservation across a crash, for the same request only, and frees it when refused', () => {
    const file = join(dir, 'idempotency.sqlite');
    const crashed = IdempotencyRecords.open(file);
    crashed.reserve('officer-1', 'key-1', 'f1');
    crashed.close();

    const records = IdempotencyRecords.open(file);
    expect(records.reserve('officer-1', 'key-1', 'f2')).toEqual({ kind: 'reused' });
    expect(records.reserve('officer-1', 'key-1', 'f1')).toEqual({ kind: 'pending' });
    records.release('officer-1', 'key-1', 'f2');
    expect(records.reserve('officer-1', 'key-1', 'f2')).toEqual({ kind: 'reused' });
    records.release('officer-1', 'key-1', 'f1');
    expect(records.reserve('officer-1', 'key-1', 'f2')).toEqual({ kind: 'reserved' });

    // An answer is never released, and a day-old reservation no longer holds the key.
    records.save('officer-1', 'key-1', { ...record, fingerprint: 'f2' });
    records.release('officer-1', 'key-1', 'f2');
    expect(records.find('officer-1', 'key-1')?.fingerprint).toBe('f2');
    const dayAgo = Date.now() - 25 * 60 * 60 * 1000;
    records.reserve('officer-1', 'key-2', 'f1', dayAgo);
    expect(records.reserve('officer-1', 'key-2', 'f2')).toEqual({ kind: 'reserved' });
    records.close();
  });
});
