import fc from 'fast-check';
import {
  addWorkingDays,
  dutchPublicHolidays,
  easterSunday,
  endOfDutchDate,
  endOfWorkingDays,
  isWorkingDay,
} from './working-days';

const amsterdam = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Amsterdam',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});
const wallClock = (date: Date): string => amsterdam.format(date).replace(', ', 'T');
const add = (iso: string, days: number): string => addWorkingDays(new Date(iso), days).toISOString();

describe('easterSunday', () => {
  it.each([
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2019, '2019-04-21'],
    [2038, '2038-04-25'],
    [2285, '2285-03-22'],
    [1818, '1818-03-22'],
  ])('falls in %i on %s', (year, date) => {
    expect(easterSunday(year)).toBe(date);
  });

  it('refuses years the Gregorian algorithm does not cover', () => {
    expect(() => easterSunday(1500)).toThrow(RangeError);
    expect(() => easterSunday(2026.5)).toThrow(RangeError);
  });
});

describe('dutchPublicHolidays', () => {
  it('lists the holidays of the Algemene termijnenwet for 2026', () => {
    expect(dutchPublicHolidays(2026)).toEqual([
      '2026-01-01',
      '2026-04-03',
      '2026-04-05',
      '2026-04-06',
      '2026-04-27',
      '2026-05-05',
      '2026-05-14',
      '2026-05-24',
      '2026-05-25',
      '2026-12-25',
      '2026-12-26',
    ]);
  });

  it('moves King’s Day to 26 April when 27 April is a Sunday', () => {
    expect(dutchPublicHolidays(2025)).toContain('2025-04-26');
    expect(dutchPublicHolidays(2025)).not.toContain('2025-04-27');
    expect(dutchPublicHolidays(2014)).toContain('2014-04-26');
    expect(dutchPublicHolidays(2031)).toContain('2031-04-26');
    expect(dutchPublicHolidays(2024)).toContain('2024-04-27');
  });

  it('keeps Queen’s Day on 30 April before 2014', () => {
    expect(dutchPublicHolidays(2013)).toContain('2013-04-30');
    expect(dutchPublicHolidays(2006)).toContain('2006-04-29');
  });

  it('places Good Friday, Ascension Day and Whit Monday relative to Easter', () => {
    expect(dutchPublicHolidays(2025)).toEqual(
      expect.arrayContaining(['2025-04-18', '2025-05-29', '2025-06-09']),
    );
    expect(dutchPublicHolidays(2027)).toEqual(
      expect.arrayContaining(['2027-03-26', '2027-05-06', '2027-05-17']),
    );
  });

  it('includes Liberation Day every year', () => {
    for (const year of [2023, 2024, 2025, 2026]) expect(dutchPublicHolidays(year)).toContain(`${year}-05-05`);
  });
});

describe('isWorkingDay', () => {
  it('is false on weekends and holidays, true otherwise', () => {
    expect(isWorkingDay(new Date('2026-03-07T12:00:00Z'))).toBe(false);
    expect(isWorkingDay(new Date('2026-03-08T12:00:00Z'))).toBe(false);
    expect(isWorkingDay(new Date('2026-04-27T10:00:00Z'))).toBe(false);
    expect(isWorkingDay(new Date('2026-04-03T10:00:00Z'))).toBe(false);
    expect(isWorkingDay(new Date('2026-04-28T10:00:00Z'))).toBe(true);
  });

  it('judges the Amsterdam calendar date, not the UTC one', () => {
    // 22:30 UTC on Monday 4 May is 00:30 on Liberation Day in Amsterdam.
    expect(isWorkingDay(new Date('2026-05-04T22:30:00Z'))).toBe(false);
    expect(isWorkingDay(new Date('2026-05-04T21:30:00Z'))).toBe(true);
  });
});

describe('addWorkingDays', () => {
  it('counts weekdays', () => {
    expect(add('2026-03-02T09:00:00Z', 3)).toBe('2026-03-05T09:00:00.000Z');
  });

  it('skips the weekend', () => {
    expect(add('2026-03-06T09:00:00Z', 1)).toBe('2026-03-09T09:00:00.000Z');
  });

  it('counts the first working day after a weekend start as day one', () => {
    expect(add('2026-03-07T11:00:00Z', 1)).toBe('2026-03-09T11:00:00.000Z');
  });

  it('skips Good Friday and Easter Monday', () => {
    expect(add('2026-04-02T08:00:00Z', 1)).toBe('2026-04-07T08:00:00.000Z');
  });

  it('skips King’s Day on a Monday but loses nothing when it falls on a Saturday', () => {
    expect(add('2026-04-24T08:00:00Z', 1)).toBe('2026-04-28T08:00:00.000Z');
    expect(add('2025-04-25T08:00:00Z', 1)).toBe('2025-04-28T08:00:00.000Z');
  });

  it('skips Liberation Day, Ascension Day and Whit Monday', () => {
    expect(add('2026-05-04T08:00:00Z', 1)).toBe('2026-05-06T08:00:00.000Z');
    expect(add('2026-05-13T08:00:00Z', 1)).toBe('2026-05-15T08:00:00.000Z');
    expect(add('2026-05-22T08:00:00Z', 1)).toBe('2026-05-26T08:00:00.000Z');
  });

  it('skips Christmas and New Year’s Day across the turn of the year', () => {
    expect(add('2026-12-14T09:00:00Z', 10)).toBe('2026-12-29T09:00:00.000Z');
    expect(add('2026-12-14T09:00:00Z', 12)).toBe('2026-12-31T09:00:00.000Z');
    expect(add('2026-12-14T09:00:00Z', 13)).toBe('2027-01-04T09:00:00.000Z');
  });

  it('keeps the Amsterdam wall-clock time across the switch to summer and winter time', () => {
    const spring = addWorkingDays(new Date('2026-03-27T09:00:00Z'), 1);
    expect(spring.toISOString()).toBe('2026-03-30T08:00:00.000Z');
    expect(wallClock(spring)).toBe('2026-03-30T10:00:00');
    const autumn = addWorkingDays(new Date('2026-10-23T08:00:00Z'), 1);
    expect(autumn.toISOString()).toBe('2026-10-26T09:00:00.000Z');
    expect(wallClock(autumn)).toBe('2026-10-26T10:00:00');
  });

  it('starts from the Amsterdam date of a late-evening UTC instant', () => {
    // 23:30 UTC on Thursday 15 January is 00:30 on Friday 16 January in Amsterdam.
    expect(add('2026-01-15T23:30:00Z', 1)).toBe('2026-01-18T23:30:00.000Z');
  });

  it('keeps milliseconds and returns the same instant for zero days', () => {
    expect(add('2026-03-02T09:00:00.123Z', 1)).toBe('2026-03-03T09:00:00.123Z');
    expect(add('2026-03-07T11:00:00Z', 0)).toBe('2026-03-07T11:00:00.000Z');
  });

  it('refuses negative or fractional day counts and invalid dates', () => {
    expect(() => addWorkingDays(new Date('2026-03-02T09:00:00Z'), -1)).toThrow(RangeError);
    expect(() => addWorkingDays(new Date('2026-03-02T09:00:00Z'), 1.5)).toThrow(RangeError);
    expect(() => addWorkingDays(new Date('not a date'), 1)).toThrow(RangeError);
  });

  it('lands on a working day, at the same wall-clock time, exactly N working days later', () => {
    const from = fc.date({
      min: new Date('2000-01-01T00:00:00Z'),
      max: new Date('2060-12-31T00:00:00Z'),
      noInvalidDate: true,
    });
    fc.assert(
      fc.property(from, fc.integer({ min: 1, max: 60 }), (start, days) => {
        const end = addWorkingDays(start, days);
        expect(isWorkingDay(end)).toBe(true);
        expect(wallClock(end).slice(11)).toBe(wallClock(start).slice(11));
        // Count working days strictly after the start date up to the end date, probing each at 11:00 UTC.
        let counted = 0;
        const endDate = wallClock(end).slice(0, 10);
        let probe = Date.parse(`${wallClock(start).slice(0, 10)}T11:00:00Z`) + 86_400_000;
        for (; new Date(probe).toISOString().slice(0, 10) <= endDate; probe += 86_400_000) {
          if (isWorkingDay(new Date(probe))) counted += 1;
        }
        expect(counted).toBe(days);
      }),
      { numRuns: 200 },
    );
  });
});

describe('endOfDutchDate', () => {
  it('is Amsterdam midnight after the date, in summer and in winter time', () => {
    expect(endOfDutchDate('2026-06-30').toISOString()).toBe('2026-06-30T22:00:00.000Z');
    expect(endOfDutchDate('2026-12-31').toISOString()).toBe('2026-12-31T23:00:00.000Z');
    // The night the clocks go forward (29 March 2026): midnight before it is still winter time.
    expect(endOfDutchDate('2026-03-28').toISOString()).toBe('2026-03-28T23:00:00.000Z');
  });

  it('refuses what is not a date', () => {
    expect(() => endOfDutchDate('30-06-2026')).toThrow(RangeError);
  });
});

describe('endOfWorkingDays', () => {
  it('is 23:59:59 in Amsterdam on the N-th working day, whatever the hour of the start', () => {
    // Friday 4 December 2026, 10:15 in Amsterdam; 5 working days on is Friday 11 December.
    expect(endOfWorkingDays(new Date('2026-12-04T09:15:00.000Z'), 5).toISOString()).toBe(
      '2026-12-11T22:59:59.000Z',
    );
    // Late in the evening counts from the same day.
    expect(endOfWorkingDays(new Date('2026-12-04T22:30:00.000Z'), 5).toISOString()).toBe(
      '2026-12-11T22:59:59.000Z',
    );
    // Christmas and Boxing Day are no working days; summer time ends in between in spring.
    expect(endOfWorkingDays(new Date('2026-12-23T09:00:00.000Z'), 2).toISOString()).toBe(
      '2026-12-28T22:59:59.000Z',
    );
    expect(endOfWorkingDays(new Date('2026-06-01T09:00:00.000Z'), 1).toISOString()).toBe(
      '2026-06-02T21:59:59.000Z',
    );
  });
});
