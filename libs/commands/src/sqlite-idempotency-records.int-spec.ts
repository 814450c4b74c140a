import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IdempotencyRecords } from './idempotency-records';
import { idempotencyRecordsContract } from './idempotency-records.contract';
import { SqliteIdempotencyRecords } from './sqlite-idempotency-records';

idempotencyRecordsContract('SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'idempotency-'));
  const opened: IdempotencyRecords[] = [];
  return {
    open: async () => {
      const records = SqliteIdempotencyRecords.open(join(dir, 'idempotency.sqlite'));
      opened.push(records);
      return records;
    },
    cleanup: async () => {
      for (const records of opened) await records.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
