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

/**
 * What a command may carry: dates from 2000-01-01 to 2099-12-31, instants in the same years in
 * UTC. Nothing in the loop predates 2000, and within these years every stored ISO string has four
 * digits, so none sorts wrongly (`+010000-...` sorted before `2026-...`).
 */
export const DATE_RANGE = { from: '2000-01-01', to: '2099-12-31' } as const;
const EARLIEST_MILLIS = Date.UTC(2000, 0, 1);
const END_MILLIS = Date.UTC(2100, 0, 1);

/** How far ahead a deadline may lie: an answer to an escalation, and an agreement's or experiment's dates. */
export const DEADLINE_HORIZON_YEARS = { respondBy: 5, plan: 10 } as const;

/** A valid ISO date within DATE_RANGE (fixed-width dates compare correctly as text). */
export const isDateInRange = (date: string): boolean => date >= DATE_RANGE.from && date <= DATE_RANGE.to;

/** A valid ISO instant whose moment in UTC lies within DATE_RANGE. */
export const isInstantInRange = (instant: string): boolean => {
  const millis = instantMillis(instant);
  return millis >= EARLIEST_MILLIS && millis < END_MILLIS;
};

const outOfRange = (field: string): InvalidInput =>
  new InvalidInput(
    'DATE_OUT_OF_RANGE',
    `${field} must lie between ${DATE_RANGE.from} and ${DATE_RANGE.to}`,
    field,
    DATE_RANGE,
  );

export const requireIsoDate = (value: unknown, field: string): string => {
  if (!isIsoDate(value))
    throw new InvalidInput('INVALID_DATE', `${field} must be a date (YYYY-MM-DD)`, field);
  if (!isDateInRange(value)) throw outOfRange(field);
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
  if (!isInstantInRange(value)) throw outOfRange(field);
  return value;
};

/** A date or an instant, either within DATE_RANGE. */
export const requireDateOrInstantInRange = (value: string, field: string): string => {
  if (isIsoDate(value) ? !isDateInRange(value) : !isInstantInRange(value)) throw outOfRange(field);
  return value;
};

/**
 * True when a date or a date-time lies at most `years` after `now`: a date by today's Dutch date
 * that many years on, a date-time by the instant.
 */
export const isWithinYears = (dateOrInstant: string, now: string, years: number): boolean => {
  const limit = new Date(now);
  limit.setUTCFullYear(limit.getUTCFullYear() + years);
  return isIsoDate(dateOrInstant)
    ? dateOrInstant <= dutchDateOf(limit.toISOString())
    : instantMillis(dateOrInstant) <= limit.getTime();
};

/** Refuses a date or date-time more than `years` after `now` (`code` names the rule). */
export const requireWithinYears = (
  dateOrInstant: string,
  now: string,
  years: number,
  field: string,
  code = 'TOO_FAR_AHEAD',
): string => {
  if (!isWithinYears(dateOrInstant, now, years)) {
    throw new InvalidInput(code, `${field} may lie at most ${years} years ahead`, field, { years });
  }
  return dateOrInstant;
};

/** True when a date or a date-time lies after `now`; a date is compared with today's Dutch date. */
export const isAfterNow = (dateOrInstant: string, now: string): boolean =>
  isIsoDate(dateOrInstant)
    ? dateOrInstant > dutchDateOf(now)
    : instantMillis(dateOrInstant) > instantMillis(now);
