import { ANY, NO_STREAM, STREAM_EXISTS } from './event-store.port';
import { assertExpectedRevision, isExpectedRevisionMet } from './expected-revision';

describe('expected revision', () => {
  it.each([
    [ANY, -1, true],
    [ANY, 4, true],
    [NO_STREAM, -1, true],
    [NO_STREAM, 0, false],
    [STREAM_EXISTS, -1, false],
    [STREAM_EXISTS, 0, true],
    [3, 3, true],
    [3, 2, false],
    [3, 4, false],
    [-1, -1, true],
    [-1, 0, false],
  ] as const)('%s against current revision %i is met: %s', (expected, current, met) => {
    expect(isExpectedRevisionMet(expected, current)).toBe(met);
  });

  it.each([-2, 1.5, Number.NaN, 'LATEST'])('refuses %s', (value) => {
    expect(() => assertExpectedRevision(value as never)).toThrow(RangeError);
  });
});
