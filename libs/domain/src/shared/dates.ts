import { InvalidInput } from './domain-error';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// Date-times must carry an offset: without one, parsing would depend on the server's time zone.
const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

// Calendar dates are Dutch: "today" for an officer in Utrecht at 00:30 is already the next day in UTC+1.
const DUTCH_CALENDAR = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Amsterdam',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

const isCalendarDay = (year: string, month: string, day: string): boolean => {
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  return (
    date.getUTCFullYear() === Number(year) &&
    date.getUTCMonth() === Number(month) - 1 &&
    date.getUTCDate() === Number(day)
  );
};

/** A calendar date `YYYY-MM-DD` that exists (no 31 February). */
export const isIsoDate = (value: unknown): value is string => {
  if (typeof value !== 'string') return false;
  const match = ISO_DATE.exec(value);
  return match !== null && isCalendarDay(match[1], match[2], match[3]);
};

/** An ISO 8601 date-time with `Z` or an explicit offset. */
export const isIsoInstant = (value: unknown): value is string => {
  if (typeof value !== 'string') return false;
  const match = ISO_INSTANT.exec(value);
  return match !== null && isCalendarDay(match[1], match[2], match[3]) && !Number.isNaN(Date.parse(value));
};

/** Milliseconds since the epoch; only call on a value that passed `isIsoInstant` or on `now`. */
export const instantMillis = (instant: string): number => Date.parse(instant);

/** The calendar date (`YYYY-MM-DD`) in the Netherlands at the given instant. */
export const dutchDateOf = (instant: string): string => DUTCH_CALENDAR.format(new Date(instant));

export const requireIsoDate = (value: unknown, field: string): string => {
  if (!isIsoDate(value))
    throw new InvalidInput('INVALID_DATE', `${field} must be a date (YYYY-MM-DD)`, field);
  return value;
};

export const requireIsoInstant = (value: unknown, field: string): string => {
  if (!isIsoInstant(value)) {
    throw new InvalidInput(
      'INVALID_DATE_TIME',
      `${field} must be an ISO 8601 date-time with an offset`,
      field,
    );
  }
  return value;
};

/** True when a date or a date-time lies after `now`; a date is compared with today's Dutch date. */
export const isAfterNow = (dateOrInstant: string, now: string): boolean =>
  isIsoDate(dateOrInstant)
    ? dateOrInstant > dutchDateOf(now)
    : instantMillis(dateOrInstant) > instantMillis(now);
