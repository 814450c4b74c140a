import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { join } from 'node:path';
import type { Settings } from '@praktijklus/config';
import { SETTINGS } from '../config/settings.module';
import { CommandRunner } from './command-runner';
import { IdempotencyRecords } from '@praktijklus/commands';

export const IDEMPOTENCY_FILE = 'idempotency.sqlite';

@Global()
@Module({
  providers: [
    {
      provide: IdempotencyRecords,
      inject: [SETTINGS],
      useFactory: (settings: Settings) =>
        IdempotencyRecords.open(join(settings.dataDir, IDEMPOTENCY_FILE), {
          synchronous: settings.sqliteSynchronous,
        }),
    },
    CommandRunner,
  ],
  exports: [CommandRunner],
})
export class CommandsModule implements OnApplicationShutdown {
  constructor(@Inject(IdempotencyRecords) private readonly records: IdempotencyRecords) {}

  onApplicationShutdown(): void {
    this.records.close();
  }
}
