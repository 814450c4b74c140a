import { Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { join } from 'node:path';
import { preparePrivateDatabase } from '@praktijklus/event-store';
import type { Settings } from '@praktijklus/config';
import { SETTINGS } from '../config/settings.module';
import { FollowController } from './follow.controller';
import { FOLLOW_LINKS_FILE, FollowLinkStore } from './follow-link.store';
import { FollowLinksController } from './follow-links.controller';
import { FOLLOW_LINK_STORE, FOLLOW_LINKS_DB } from './follow-links.tokens';

/**
 * Follow links (issue 17): token hashes in an owner-only SQLite file of their own in DATA_DIR, so a
 * token never enters the event log and a revocation is durable the moment it is answered.
 */
@Module({
  controllers: [FollowLinksController, FollowController],
  providers: [
    {
      provide: FOLLOW_LINKS_DB,
      inject: [SETTINGS],
      useFactory: (settings: Settings): Database => {
        const file = join(settings.dataDir, FOLLOW_LINKS_FILE);
        preparePrivateDatabase(file);
        const db = new BetterSqlite3(file);
        db.pragma('journal_mode = WAL');
        db.pragma(`synchronous = ${settings.sqliteSynchronous}`);
        db.pragma('busy_timeout = 5000');
        return db;
      },
    },
    {
      provide: FOLLOW_LINK_STORE,
      inject: [FOLLOW_LINKS_DB],
      useFactory: (db: Database): FollowLinkStore => new FollowLinkStore(db),
    },
  ],
})
export class FollowLinksModule implements OnApplicationShutdown {
  constructor(@Inject(FOLLOW_LINKS_DB) private readonly db: Database) {}

  onApplicationShutdown(): void {
    if (this.db.open) this.db.close();
  }
}
