import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CommandContext,
  Decider,
  Forbidden,
  IllegalState,
  NotFound,
  PreconditionFailed,
} from '@praktijklus/domain';
import { SqliteEventStore, WrongExpectedRevision } from '@praktijklus/event-store';
import type { Actor } from '@praktijklus/domain';
import { eventIdFor } from './event-ids';
import { handleCommand, loadAggregate, readHistory } from './handle-command';

type TallyCommand = CommandContext & { type: 'Count'; data: { by: number } };
type TallyEvent = { type: 'Counted'; data: { by: number } } | { type: 'Opened'; data: Record<string, never> };
interface Tally {
  open: boolean;
  total: number;
}

const tally: Decider<TallyCommand, TallyEvent, Tally> = {
  initialState: () => ({ open: false, total: 0 }),
  evolve: (state, event) => {
    switch (event.type) {
      case 'Opened':
        return { ...state, open: true };
      case 'Counted':
        return { ...state, total: state.total + event.data.by };
    }
  },
  decide: (command, state) => {
    if (command.data.by === 0) return [];
    if (command.data.by < 0) throw new IllegalState('NEGATIVE', 'a tally only goes up');
    const counted: TallyEvent = { type: 'Counted', data: { by: command.data.by } };
    return state.open ? [counted] : [{ type: 'Opened', data: {} }, counted];
  },
};

const officer: Actor = { sub: 'officer-1', name: 'Anna de Vries', authority: 'gm0344', roles: ['officer'] };
const count = (by: number): TallyCommand => ({
  type: 'Count',
  actor: officer,
  now: '2026-03-01T10:00:00.000Z',
  data: { by },
});

describe('handleCommand', () => {
  let dir: string;
  let store: SqliteEventStore;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'handle-command-'));
    store = SqliteEventStore.open({ file: join(dir, 'events.sqlite'), synchronous: 'NORMAL' });
  });

  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('folds, decides and appends with metadata from the command and the request', async () => {
    const result = await handleCommand(store, 'tally-1', tally, count(2), {
      correlationId: '5d1e0c4e-8d7b-4f35-9a51-2b3c4d5e6f70',
      causationId: 'request-1',
    });
    expect(result).toMatchObject({ revision: 1, replayed: false, state: { open: true, total: 2 } });
    const [opened, counted] = await store.readStream('tally-1');
    expect(counted.position).toBe(result.position);
    expect(opened.metadata).toEqual({
      actor: { sub: 'officer-1', authority: 'gm0344', roles: ['officer'] },
      correlationId: '5d1e0c4e-8d7b-4f35-9a51-2b3c4d5e6f70',
      causationId: 'request-1',
      schemaVersion: 1,
    });
  });

  it('leaves the officer name (personal data) out of the immutable log', async () => {
    await handleCommand(store, 'tally-1', tally, count(1));
    const [event] = await store.readStream('tally-1');
    expect(JSON.stringify(event.metadata)).not.toContain('Anna');
  });

  it('decides against the current state on later commands', async () => {
    await handleCommand(store, 'tally-1', tally, count(2));
    const second = await handleCommand(store, 'tally-1', tally, count(3));
    expect(second.events).toEqual([{ type: 'Counted', data: { by: 3 } }]);
    expect(second).toMatchObject({ revision: 2, state: { total: 5 } });
  });

  it('lets domain errors through and writes nothing', async () => {
    await expect(handleCommand(store, 'tally-1', tally, count(-1))).rejects.toBeInstanceOf(IllegalState);
    expect(await store.headPosition()).toBeUndefined();
  });

  it('writes nothing when the decider decides nothing', async () => {
    await handleCommand(store, 'tally-1', tally, count(1));
    const result = await handleCommand(store, 'tally-1', tally, count(0));
    expect(result).toMatchObject({ revision: 1, events: [] });
    expect(await store.readStream('tally-1')).toHaveLength(2);
  });

  it('serialises concurrent commands on one stream by retrying, without losing any', async () => {
    const results = await Promise.all(
      Array.from({ length: 4 }, () => handleCommand(store, 'tally-1', tally, count(1))),
    );
    const events = await store.readStream('tally-1');
    expect(events.map((e) => e.revision)).toEqual([0, 1, 2, 3, 4]);
    expect(events.filter((e) => e.type === 'Counted')).toHaveLength(4);
    expect(results.map((r) => r.revision).sort()).toEqual([1, 2, 3, 4]);
  });

  it('gives up after the bounded number of attempts with WrongExpectedRevision', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, () => handleCommand(store, 'tally-1', tally, count(1), { maxAttempts: 1 })),
    );
    const refused = results.filter((r) => r.status === 'rejected');
    expect(refused.length).toBeGreaterThan(0);
    for (const r of refused)
      expect((r as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedRevision);
  });

  describe('with a clock that stepped back', () => {
    type Stamp = CommandContext & { type: 'Stamp'; data: Record<string, never> };
    type Stamped = { type: 'Stamped'; data: { at: string } };
    const stamps: Decider<Stamp, Stamped, string[]> = {
      initialState: () => [],
      evolve: (state, event) => [...state, event.data.at],
      decide: (command) => [{ type: 'Stamped', data: { at: command.now } }],
    };
    const stampAt = (now: string): Stamp => ({ type: 'Stamp', actor: officer, now, data: {} });

    it("raises `now` to the stream's last event and reports by how much, so no transition precedes it", async () => {
      await handleCommand(store, 'stamp-1', stamps, stampAt(new Date().toISOString()));
      const [first] = await store.readStream('stamp-1');
      const anHourBack = new Date(Date.parse(first.recordedAt) - 3_600_000).toISOString();
      const behind: number[] = [];
      const result = await handleCommand(store, 'stamp-1', stamps, stampAt(anHourBack), {
        monotonicNow: { onClockBehind: ({ behindMs }) => behind.push(behindMs) },
      });
      expect(result.events).toEqual([{ type: 'Stamped', data: { at: first.recordedAt } }]);
      expect(behind).toEqual([3_600_000]);
    });

    it('keeps the given `now` of a dated history replayed without the option', async () => {
      await handleCommand(store, 'stamp-1', stamps, stampAt(new Date().toISOString()));
      const result = await handleCommand(store, 'stamp-1', stamps, stampAt('2026-03-01T10:00:00.000Z'));
      expect(result.events).toEqual([{ type: 'Stamped', data: { at: '2026-03-01T10:00:00.000Z' } }]);
    });
  });

  describe('with If-Match', () => {
    it('appends when the stream is at the expected revision', async () => {
      await handleCommand(store, 'tally-1', tally, count(1));
      const result = await handleCommand(store, 'tally-1', tally, count(1), { expectedRevision: 1 });
      expect(result.revision).toBe(2);
    });

    it('refuses with REVISION_MISMATCH when it is not, without retrying', async () => {
      await handleCommand(store, 'tally-1', tally, count(1));
      const failure = handleCommand(store, 'tally-1', tally, count(1), { expectedRevision: 0 });
      await expect(failure).rejects.toBeInstanceOf(PreconditionFailed);
      await expect(failure).rejects.toMatchObject({ code: 'REVISION_MISMATCH' });
      expect(await store.readStream('tally-1')).toHaveLength(2);
    });

    it("answers the decider's 404 or 403 before judging the revision, so a refused actor learns nothing of it", async () => {
      const guarded: Decider<TallyCommand, TallyEvent, Tally> = {
        ...tally,
        decide: (command, state) => {
          if (command.actor.authority !== 'gm0344') throw new NotFound('TALLY_NOT_FOUND', 'no such tally');
          if (!command.actor.roles.includes('admin')) throw new Forbidden('NOT_ADMIN', 'admins only');
          return tally.decide(command, state);
        },
      };
      await handleCommand(store, 'tally-1', tally, count(1));
      const as = (actor: Actor): TallyCommand => ({ ...count(1), actor });
      for (const expectedRevision of [0, 5, 'EXISTS' as const]) {
        const stranger = as({ ...officer, authority: 'gm0363', roles: ['admin'] });
        await expect(
          handleCommand(store, 'tally-1', guarded, stranger, { expectedRevision }),
        ).rejects.toThrow(NotFound);
        await expect(
          handleCommand(store, 'tally-2', guarded, stranger, { expectedRevision }),
        ).rejects.toThrow(NotFound);
        await expect(
          handleCommand(store, 'tally-1', guarded, count(1), { expectedRevision }),
        ).rejects.toThrow(Forbidden);
      }
      const admin = as({ ...officer, roles: ['admin'] });
      await expect(handleCommand(store, 'tally-1', guarded, admin, { expectedRevision: 5 })).rejects.toThrow(
        PreconditionFailed,
      );
      // A rule other than access still comes after If-Match: the client's view is stale first.
      await expect(
        handleCommand(store, 'tally-1', tally, { ...count(-1) }, { expectedRevision: 5 }),
      ).rejects.toThrow(PreconditionFailed);
      expect((await store.readStream('tally-1')).length).toBe(2);
    });

    it('refuses `*` on a stream that does not exist', async () => {
      await expect(
        handleCommand(store, 'tally-1', tally, count(1), { expectedRevision: 'EXISTS' }),
      ).rejects.toMatchObject({
        code: 'REVISION_MISMATCH',
      });
    });
  });

  describe('with an idempotency seed', () => {
    it('uses deterministic event ids', async () => {
      await handleCommand(store, 'tally-1', tally, count(1), { idempotencySeed: 'seed-1' });
      const events = await store.readStream('tally-1');
      expect(events.map((e) => e.id)).toEqual([
        eventIdFor('seed-1', 'tally-1', 0),
        eventIdFor('seed-1', 'tally-1', 1),
      ]);
    });

    it('finds the events of an earlier attempt and answers with them instead of writing again', async () => {
      const first = await handleCommand(store, 'tally-1', tally, count(1), { idempotencySeed: 'seed-1' });
      await handleCommand(store, 'tally-1', tally, count(5));
      const retry = await handleCommand(store, 'tally-1', tally, count(1), { idempotencySeed: 'seed-1' });
      expect(retry).toMatchObject({ replayed: true, revision: first.revision, position: first.position });
      expect(await store.readStream('tally-1')).toHaveLength(3);
    });

    it('writes again for a different seed', async () => {
      await handleCommand(store, 'tally-1', tally, count(1), { idempotencySeed: 'seed-1' });
      const other = await handleCommand(store, 'tally-1', tally, count(1), { idempotencySeed: 'seed-2' });
      expect(other).toMatchObject({ replayed: false, revision: 2 });
    });
  });
});

describe('loadAggregate and readHistory', () => {
  let dir: string;
  let store: SqliteEventStore;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'load-aggregate-'));
    store = SqliteEventStore.open({ file: join(dir, 'events.sqlite'), synchronous: 'NORMAL' });
  });

  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('folds the current state with its revision', async () => {
    await handleCommand(store, 'tally-1', tally, count(2));
    await handleCommand(store, 'tally-1', tally, count(3));
    expect(await loadAggregate(store, 'tally-1', tally)).toEqual({
      state: { open: true, total: 5 },
      revision: 2,
    });
  });

  it('is NotFound with the given code for a stream without events', async () => {
    await expect(
      loadAggregate(store, 'tally-404', tally, { code: 'TALLY_NOT_FOUND', message: 'No such tally.' }),
    ).rejects.toEqual(expect.objectContaining({ code: 'TALLY_NOT_FOUND' }));
    await expect(loadAggregate(store, 'tally-404', tally)).rejects.toBeInstanceOf(NotFound);
  });

  it('maps the history with actor and correlation id, in order', async () => {
    await handleCommand(store, 'tally-1', tally, count(2), { correlationId: 'c-1' });
    const history = await readHistory(store, 'tally-1');
    expect(history.map((h) => [h.type, h.revision])).toEqual([
      ['Opened', 0],
      ['Counted', 1],
    ]);
    expect(history[1]).toMatchObject({
      data: { by: 2 },
      actor: { sub: 'officer-1', authority: 'gm0344', roles: ['officer'] },
      correlationId: 'c-1',
    });
    expect(typeof history[1].recordedAt).toBe('string');
    expect(await readHistory(store, 'tally-404')).toEqual([]);
  });
});
