import { SqliteEventStore, type SqliteEventStoreOptions } from '@praktijklus/event-store';
import { bootstrap } from '../../../apps/server/src/app';
import { parseSettings } from '@praktijklus/config';

/*
 * The real server whose event store file is capped at FAULT_MAX_PAGE_COUNT pages (SQLite
 * `max_page_count`): once the log fills them, appends fail exactly as on a full disk, while the
 * read models and everything else keep their room.
 */
async function main(): Promise<void> {
  const cap = Number(process.env.FAULT_MAX_PAGE_COUNT);
  if (!Number.isSafeInteger(cap) || cap < 1) throw new Error('FAULT_MAX_PAGE_COUNT: a page count');
  const open = SqliteEventStore.open.bind(SqliteEventStore);
  SqliteEventStore.open = (options: SqliteEventStoreOptions): SqliteEventStore =>
    open({ ...options, maxPageCount: cap });

  const app = await bootstrap(parseSettings(process.env), { logger: ['error'] });
  app.enableShutdownHooks(['SIGTERM']);
  process.stdout.write(`capped store server listening on ${await app.getUrl()}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
