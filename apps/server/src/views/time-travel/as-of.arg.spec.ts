import { RequestValidationFailed } from '../../errors/request-validation';
import { AsOfPipe } from './as-of.arg';

describe('AsOfPipe', () => {
  const now = Date.parse('2026-12-04T09:00:00.000Z');
  const pipe = new AsOfPipe(() => now);

  it('reads an ISO date-time with a zone as that instant, and null or absent as now', () => {
    expect(pipe.transform('2026-03-01T23:59:59.999+01:00')?.toISOString()).toBe('2026-03-01T22:59:59.999Z');
    expect(pipe.transform('2026-12-04T09:00:00Z')?.toISOString()).toBe('2026-12-04T09:00:00.000Z');
    expect(pipe.transform('2026-06-01T12:00+02:00')?.toISOString()).toBe('2026-06-01T10:00:00.000Z');
    expect(pipe.transform('2024-02-29T12:00:00Z')?.toISOString()).toBe('2024-02-29T12:00:00.000Z');
    expect(pipe.transform(null)).toBeUndefined();
    expect(pipe.transform(undefined)).toBeUndefined();
  });

  it.each([
    ['a moment after now', '2026-12-04T09:00:00.001Z'],
    ['a date only', '2026-03-01'],
    ['no zone', '2026-03-01T12:00:00'],
    ['a month that does not exist', '2026-13-01T12:00:00Z'],
    ['30 February', '2026-02-30T12:00:00Z'],
    ['31 April', '2026-04-31T12:00:00+02:00'],
    ['hour 24', '2026-01-01T24:00:00Z'],
    ['words', 'gisteren'],
    ['a number', 1_700_000_000_000],
  ])('refuses %s', (_name, value) => {
    expect(() => pipe.transform(value)).toThrow(RequestValidationFailed);
  });
});
