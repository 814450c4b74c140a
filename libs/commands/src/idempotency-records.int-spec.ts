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
});
