import {
  dutchDateOf,
  isAfterNow,
  isDateInRange,
  isInstantInRange,
  isIsoDate,
  isIsoInstant,
  isWithinYears,
} from './dates';

describe('dates', () => {
  it('accepts only calendar dates that exist', () => {
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-3-1')).toBe(false);
    expect(isIsoDate('2026-03-01T00:00:00Z')).toBe(false);
  });

  it('accepts only date-times with an offset, so parsing never depends on the server time zone', () => {
    expect(isIsoInstant('2026-03-01T10:00:00Z')).toBe(true);
    expect(isIsoInstant('2026-03-01T10:00:00.123+01:00')).toBe(true);
    expect(isIsoInstant('2026-03-01T10:00:00')).toBe(false);
    expect(isIsoInstant('2026-02-30T10:00:00Z')).toBe(false);
    expect(isIsoInstant('1 March 2026')).toBe(false);
  });

  it('reads the calendar date in the Netherlands, in winter and in summer time', () => {
    expect(dutchDateOf('2026-01-15T22:59:59Z')).toBe('2026-01-15');
    expect(dutchDateOf('2026-01-15T23:00:00Z')).toBe('2026-01-16');
    expect(dutchDateOf('2026-07-15T21:59:59Z')).toBe('2026-07-15');
    expect(dutchDateOf('2026-07-15T22:00:00Z')).toBe('2026-07-16');
  });

  it('compares dates by Dutch calendar day and date-times by instant', () => {
    expect(isAfterNow('2026-07-16', '2026-07-15T22:30:00Z')).toBe(false);
    expect(isAfterNow('2026-07-17', '2026-07-15T22:30:00Z')).toBe(true);
    expect(isAfterNow('2026-07-15T22:30:01Z', '2026-07-15T22:30:00Z')).toBe(true);
    expect(isAfterNow('2026-07-15T23:30:00+01:00', '2026-07-15T22:30:00Z')).toBe(false);
  });

  it('accepts in commands only dates and instants from 2000 up to 2099, judged in UTC', () => {
    expect(isDateInRange('2000-01-01')).toBe(true);
    expect(isDateInRange('2099-12-31')).toBe(true);
    expect(isDateInRange('1999-12-31')).toBe(false);
    expect(isDateInRange('2100-01-01')).toBe(false);
    expect(isInstantInRange('9999-12-31T23:59:59-23:59')).toBe(false);
    expect(isInstantInRange('2099-12-31T23:59:59-01:00')).toBe(false);
    expect(isInstantInRange('2099-12-31T23:59:59+01:00')).toBe(true);
    expect(isInstantInRange('2000-01-01T00:30:00+01:00')).toBe(false);
    expect(isInstantInRange('2000-01-01T00:00:00Z')).toBe(true);
  });

  it('measures a horizon of years from now, by Dutch date for dates and by instant for date-times', () => {
    const now = '2026-03-10T09:00:00.000Z';
    expect(isWithinYears('2031-03-10', now, 5)).toBe(true);
    expect(isWithinYears('2031-03-11', now, 5)).toBe(false);
    expect(isWithinYears('2031-03-10T09:00:00Z', now, 5)).toBe(true);
    expect(isWithinYears('2031-03-10T09:00:00.001Z', now, 5)).toBe(false);
  });
});
