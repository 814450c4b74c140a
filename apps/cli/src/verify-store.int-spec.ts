import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { NewEvent, SqliteEventStore } from '@praktijklus/event-store';
import { sqliteIntegrityProblems, verifyStore } from './verify-store';

const event = (id: string): NewEvent => ({
  id,
  type: 'SignalWithdrawn',
  data: { reason: 'test' },
  metadata: {
    actor: { sub: 'officer-1', authority: 'gm0344', roles: ['officer'] },
    correlationId: 'c-1',
    causationId: 'c-1',
    schemaVersion: 1,
  },
});

describe('verifyStore', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'verify-'));
    file = join(dir, 'events.sqlite');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('finds nothing wrong with a log written through the store', async () => {
    const store = SqliteEventStore.open({ file, synchronous: 'NORMAL' });
    await store.append('signal-a', [event('00000000-0000-4000-8000-000000000001')], {
      expectedRevision: 'NO_STREAM',
    });
    await store.append('signal-b', [event('00000000-0000-4000-8000-000000000002')], {
      expectedRevision: 'NO_STREAM',
    });
    await store.append('signal-a', [event('00000000-0000-4000-8000-000000000003')], { expectedRevision: 0 });
    expect(await verifyStore(store)).toEqual({ events: 3, streams: 2, problems: [] });
    await store.close();
    expect(sqliteIntegrityProblems(file)).toEqual([]);
  });

  it('reports a gap in a stream written around the store', async () => {
    const store = SqliteEventStore.open({ file, synchronous: 'NORMAL' });
    await store.append('signal-a', [event('00000000-0000-4000-8000-000000000001')], {
      expectedRevision: 'NO_STREAM',
    });
    await store.close();
    const db = new Database(file);
    db.prepare(
      `INSERT INTO events (event_id, stream_id, revision, type, data, metadata, recorded_at)
       SELECT 'forged', stream_id, 2, type, data, metadata, recorded_at FROM events`,
    ).run();
    db.close();

    const reopened = SqliteEventStore.open({ file, synchronous: 'NORMAL' });
    const report = await verifyStore(reopened);
    await reopened.close();
    expect(report.problems).toEqual(['stream signal-a: revision 2 where 1 was expected']);
  });
});
