import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { IdempotencyRecords } from './idempotency-records';

export interface IdempotencyFixture {
  /** A new instance on the same storage: another server process, or the same one restarted. */
  open(): Promise<IdempotencyRecords>;
  /** Closes what `open` opened and removes the storage. */
  cleanup(): Promise<void>;
}

const record = {
  fingerprint: 'f1',
  status: 201,
  body: { id: 'a', revision: 0, position: '1' },
  headers: { etag: '"0"' },
};

const DAY_AND_HOUR_AGO = 25 * 60 * 60 * 1000;

/** The behaviour every idempotency store shares; each implementation's int-spec runs it. */
export function idempotencyRecordsContract(name: string, setUp: () => Promise<IdempotencyFixture>): void {
  describe(`${name}: the idempotency records contract`, () => {
    let fixture: IdempotencyFixture;
    beforeEach(async () => {
      fixture = await setUp();
    });
    afterEach(() => fixture.cleanup());

    it('keeps the first answer per user and key, across reopening', async () => {
      const records = await fixture.open();
      await records.save('officer-1', 'key-1', record);
      await records.save('officer-1', 'key-1', { ...record, fingerprint: 'f2', status: 200 });
      await records.close();

      const reopened = await fixture.open();
      expect(await reopened.find('officer-1', 'key-1')).toEqual(record);
      expect(await reopened.find('officer-2', 'key-1')).toBeUndefined();
    });

    it('forgets answers older than a day, and lets a new answer take the key', async () => {
      const records = await fixture.open();
      await records.save('officer-1', 'key-1', record, Date.now() - DAY_AND_HOUR_AGO);
      expect(await records.find('officer-1', 'key-1')).toBeUndefined();
      await records.save('officer-1', 'key-1', { ...record, fingerprint: 'f2' });
      expect((await records.find('officer-1', 'key-1'))?.fingerprint).toBe('f2');
    });

    it('reserves a key for one request at a time: the same request may run too, another is refused', async () => {
      const records = await fixture.open();
      expect(await records.reserve('officer-1', 'key-1', 'f1')).toEqual({ kind: 'reserved' });
      expect(await records.reserve('officer-1', 'key-1', 'f2')).toEqual({ kind: 'reused' });
      expect(await records.reserve('officer-1', 'key-1', 'f1')).toEqual({ kind: 'pending' });
      expect(await records.reserve('officer-2', 'key-1', 'f2')).toEqual({ kind: 'reserved' });
      expect(await records.find('officer-1', 'key-1')).toBeUndefined();

      await records.save('officer-1', 'key-1', record);
      expect(await records.reserve('officer-1', 'key-1', 'f1')).toEqual({ kind: 'answered', record });
      expect(await records.reserve('officer-1', 'key-1', 'f2')).toEqual({ kind: 'reused' });
    });

    it('keeps a reservation across a crash, for the same request only, and frees it when refused', async () => {
      const crashed = await fixture.open();
      await crashed.reserve('officer-1', 'key-1', 'f1');
      await crashed.close();

      const records = await fixture.open();
      expect(await records.reserve('officer-1', 'key-1', 'f2')).toEqual({ kind: 'reused' });
      expect(await records.reserve('officer-1', 'key-1', 'f1')).toEqual({ kind: 'pending' });
      await records.release('officer-1', 'key-1', 'f2');
      expect(await records.reserve('officer-1', 'key-1', 'f2')).toEqual({ kind: 'reused' });
      await records.release('officer-1', 'key-1', 'f1');
      expect(await records.reserve('officer-1', 'key-1', 'f2')).toEqual({ kind: 'reserved' });

      // An answer is never released, and a day-old reservation no longer holds the key.
      await records.save('officer-1', 'key-1', { ...record, fingerprint: 'f2' });
      await records.release('officer-1', 'key-1', 'f2');
      expect((await records.find('officer-1', 'key-1'))?.fingerprint).toBe('f2');
      await records.reserve('officer-1', 'key-2', 'f1', Date.now() - DAY_AND_HOUR_AGO);
      expect(await records.reserve('officer-1', 'key-2', 'f2')).toEqual({ kind: 'reserved' });
    });

    it('lets one of two instances racing for a key run the request; the other waits or is refused', async () => {
      const first = await fixture.open();
      const second = await fixture.open();
      for (let round = 0; round < 20; round++) {
        const key = `race-${round}`;
        const same = await Promise.all([
          first.reserve('officer-1', key, 'f1'),
          second.reserve('officer-1', key, 'f1'),
        ]);
        expect(same.map((r) => r.kind).sort()).toEqual(['pending', 'reserved']);

        const other = await Promise.all([
          first.reserve('officer-1', `${key}-other`, 'f1'),
          second.reserve('officer-1', `${key}-other`, 'f2'),
        ]);
        expect(other.map((r) => r.kind).sort()).toEqual(['reserved', 'reused']);
      }
    });

    it('replays on one instance the answer another instance saved', async () => {
      const first = await fixture.open();
      const second = await fixture.open();
      expect(await first.reserve('officer-1', 'key-1', 'f1')).toEqual({ kind: 'reserved' });
      await first.save('officer-1', 'key-1', record);
      expect(await second.reserve('officer-1', 'key-1', 'f1')).toEqual({ kind: 'answered', record });
      expect(await second.reserve('officer-1', 'key-1', 'f2')).toEqual({ kind: 'reused' });
    });
  });
}
