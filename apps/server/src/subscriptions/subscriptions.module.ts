import { Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { join } from 'node:path';
import { preparePrivateDatabase } from '@praktijklus/event-store';
import { NotificationStore, REACTOR_FILE } from '@praktijklus/reactor';
import type { Settings } from '@praktijklus/config';
import { SETTINGS } from '../config/settings.module';
import { SubscriptionsController } from './subscriptions.controller';
import { NOTIFICATION_STORE } from './subscriptions.tokens';

const SUBSCRIPTIONS_DB = Symbol('SUBSCRIPTIONS_DB');

/** `/api/v1/subscriptions`, on its own connection to the reactor's file (shared with the leader). */
@Module({
  controllers: [SubscriptionsController],
  providers: [
    {
      provide: SUBSCRIPTIONS_DB,
      inject: [SETTINGS],
      useFactory: (settings: Settings): Database => {
        const file = join(settings.dataDir, REACTOR_FILE);
        preparePrivateDatabase(file);
        const db = new BetterSqlite3(file);
        db.pragma('journal_mode = WAL');
        db.pragma(`synchronous = ${settings.sqliteSynchronous}`);
        db.pragma('busy_timeout = 5000');
        return db;
      },
    },
    {
      provide: NOTIFICATION_STORE,
      inject: [SUBSCRIPTIONS_DB],
      useFactory: (db: Database): NotificationStore => new NotificationStore(db),
    },
  ],
})
export class SubscriptionsModule implements OnApplicationShutdown {
  constructor(@Inject(SUBSCRIPTIONS_DB) private readonly db: Database) {}

  onApplicationShutdown(): void {
    if (this.db.open) this.db.close();
  }
}
