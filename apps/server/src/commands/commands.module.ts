import { Global, Inject, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { join } from 'node:path';
import { openSharedStatePool, type Settings } from '@praktijklus/config';
import { SETTINGS } from '../config/settings.module';
import { CommandRunner, IDEMPOTENCY_RECORDS } from './command-runner';
import {
  PostgresIdempotencyRecords,
  SqliteIdempotencyRecords,
  type IdempotencyRecords,
} from '@praktijklus/commands';

export const IDEMPOTENCY_FILE = 'idempotency.sqlite';

const logger = new Logger('IdempotencyRecords');

/** In PostgreSQL when instances share state there (see `sharedStateDatabase`), else in DATA_DIR. */
async function openIdempotencyRecords(settings: Settings): Promise<IdempotencyRecords> {
  const pool = openSharedStatePool(settings, (error) => logger.warn(`connection lost: ${error.message}`));
  if (pool === undefined) {
    return SqliteIdempotencyRecords.open(join(settings.dataDir, IDEMPOTENCY_FILE), {
      synchronous: settings.sqliteSynchronous,
    });
  }
  try {
    return await PostgresIdempotencyRecords.open(pool, { ownsPool: true });
  } catch (error) {
    await pool.end();
    throw error;
  }
}

@Global()
@Module({
  providers: [
    { provide: IDEMPOTENCY_RECORDS, inject: [SETTINGS], useFactory: openIdempotencyRecords },
    CommandRunner,
  ],
  exports: [CommandRunner],
})
export class CommandsModule implements OnApplicationShutdown {
  constructor(@Inject(IDEMPOTENCY_RECORDS) private readonly records: IdempotencyRecords) {}

  async onApplicationShutdown(): Promise<void> {
    await this.records.close();
  }
}
