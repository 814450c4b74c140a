import { snapshotReached, statusOfSnapshot, type ProjectorSnapshot } from './projector-snapshot';

const compare = (a: string, b: string): number => Math.sign(Number(a) - Number(b));
const ordinal = (position: string): number => Number(position);

const snapshot = (overrides: Partial<ProjectorSnapshot> = {}): ProjectorSnapshot => ({
  slots: [
    { name: 'signals', version: 3, position: '10', halted: false, error: null, behindSince: null },
    { name: 'escalation-board', version: 1, position: '7', halted: false, error: null, behindSince: 1_000 },
    {
      name: 'norm-conflicts',
      version: 2,
      position: '4',
      halted: true,
      error: 'boom at 5',
      behindSince: null,
    },
  ],
  head: '10',
  damage: null,
  ...overrides,
});

describe('a projector snapshot, as the request loop reads it across the thread boundary', () => {
  it('gives every projection its status, lag and events behind the head', () => {
    expect(statusOfSnapshot(snapshot(), 4_000, compare, ordinal)).toEqual([
      {
        name: 'signals',
        version: 3,
        position: '10',
        status: 'running',
        error: null,
        lag: 0,
        eventsBehind: 0,
      },
      {
        name: 'escalation-board',
        version: 1,
        position: '7',
        status: 'catching-up',
        error: null,
        lag: 3_000,
        eventsBehind: 3,
      },
      {
        name: 'norm-conflicts',
        version: 2,
        position: '4',
        status: 'halted',
        error: 'boom at 5',
        lag: null,
        eventsBehind: 6,
      },
    ]);
  });

  it('shows every projection halted with the reason while the file is damaged', () => {
    const statuses = statusOfSnapshot(
      snapshot({ damage: 'SQLITE_CORRUPT: malformed' }),
      4_000,
      compare,
      undefined,
    );
    expect(statuses.map((s) => [s.status, s.error, s.eventsBehind])).toEqual([
      ['halted', 'SQLITE_CORRUPT: malformed', null],
      ['halted', 'SQLITE_CORRUPT: malformed', null],
      ['halted', 'SQLITE_CORRUPT: malformed', null],
    ]);
  });

  it('reaches a position once every projection that is not halted has applied it', () => {
    expect(snapshotReached(snapshot(), '7', compare)).toBe(true);
    expect(snapshotReached(snapshot(), '8', compare)).toBe(false);
    const fresh = snapshot({ slots: [{ ...snapshot().slots[0]!, position: null }] });
    expect(snapshotReached(fresh, '1', compare)).toBe(false);
  });
});
