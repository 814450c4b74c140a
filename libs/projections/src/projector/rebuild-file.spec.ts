import BetterSqlite3 from 'better-sqlite3';
import { configureRebuildConnection, REBUILD_CACHE_MIB } from './rebuild-file';

describe("the rebuild's connection", () => {
  it('sorts the deferred indexes through temporary files, not memory, with a small page cache', () => {
    const db = new BetterSqlite3(':memory:');
    try {
      configureRebuildConnection(db, REBUILD_CACHE_MIB);
      // 1 = FILE: in memory the sorts at the end of a 1.1 M-event rebuild held 128 MiB more.
      expect(db.pragma('temp_store', { simple: true })).toBe(1);
      expect(db.pragma('cache_size', { simple: true })).toBe(-16 * 1024);
      expect(db.pragma('synchronous', { simple: true })).toBe(0);
    } finally {
      db.close();
    }
  });
});
