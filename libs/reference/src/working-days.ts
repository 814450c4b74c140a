/**
 * The Dutch working-day calendar for response deadlines. Holidays follow the Algemene termijnenwet,
 * the law that extends statutory deadlines: art. 3(1) names New Year's Day, Easter Monday, Whit
 * Monday, Christmas Day and Boxing Day, Ascension Day, the King's birthday as celebrated and 5 May
 * (every year, not only in lustrum years); art. 3(2) adds Good Friday. Easter Sunday and Whit Sunday
 * are listed too (they are Sundays anyway). Days a royal decree adds per period under art. 3(3), such
 * as the Friday after Ascension Day, are not rule-based and are deliberately left out.
 *
 * Today's rules are applied to every year. Calendar dates are those in Europe/Amsterdam: a deadline
 * is a Dutch office day.
 */

const TIME_ZONE = 'Europe/Amsterdam';
const DAY_MS = 86_400_000;

const LOCAL_PARTS = new Intl.DateTimeFormat('en-US', {
  timeZone: TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
});

interface LocalDateTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

const holidaysByYear = new Map<number, ReadonlySet<string>>();

/** Easter Sunday (ISO date) by the anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
export function easterSunday(year: number): string {
  requireYear(year);
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return isoDate(Date.UTC(year, month - 1, day));
}

/** The Dutch public holidays of a year as ISO dates (`YYYY-MM-DD`), in calendar order. */
export function dutchPublicHolidays(year: number): string[] {
  return [...holidaySet(year)].sort();
}

/** True for a Monday to Friday that is not a public holiday, judged on the Amsterdam date. */
export function isWorkingDay(date: Date): boolean {
  const local = localDateTimeOf(requireDate(date, 'date'));
  return isWorkingDate(local.year, local.month, local.day);
}

/**
 * The moment `days` working days after `from`, at the same Amsterdam wall-clock time. Starting on a
 * weekend or holiday, the first working day after it counts as day one; 0 days returns `from`.
 */
export function addWorkingDays(from: Date, days: number): Date {
  const start = requireDate(from, 'from');
  if (!Number.isSafeInteger(days) || days < 0) {
    throw new RangeError(`days must be a non-negative integer (got ${String(days)})`);
  }
  if (days === 0) return new Date(start.getTime());
  const local = localDateTimeOf(start);
  let day = Date.UTC(local.year, local.month - 1, local.day);
  let remaining = days;
  while (remaining > 0) {
    day += DAY_MS;
    const date = new Date(day);
    if (isWorkingDate(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate())) remaining -= 1;
  }
  const target = new Date(day);
  return new Date(
    instantOf({
      ...local,
      year: target.getUTCFullYear(),
      month: target.getUTCMonth() + 1,
      day: target.getUTCDate(),
    }),
  );
}

/**
 * The default deadline people recognise: the end (23:59:59) of the `days`-th Dutch working day
 * after `from`, in Amsterdam, whatever the time of day `from` is.
 */
export function endOfWorkingDays(from: Date, days: number): Date {
  const last = addWorkingDays(from, days);
  const local = localDateTimeOf(last);
  const date = `${local.year}-${String(local.month).padStart(2, '0')}-${String(local.day).padStart(2, '0')}`;
  return new Date(endOfDutchDate(date).getTime() - 1000);
}

/** The first moment of the day after `date` (YYYY-MM-DD) in Amsterdam: when that date has passed there. */
export function endOfDutchDate(date: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (match === null) throw new RangeError(`date must be YYYY-MM-DD (got ${JSON.stringify(date)})`);
  const next = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) + DAY_MS);
  return new Date(
    instantOf({
      year: next.getUTCFullYear(),
      month: next.getUTCMonth() + 1,
      day: next.getUTCDate(),
      hour: 0,
      minute: 0,
      second: 0,
      millisecond: 0,
    }),
  );
}

function isWorkingDate(year: number, month: number, day: number): boolean {
  const utc = Date.UTC(year, month - 1, day);
  const weekday = new Date(utc).getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  return !holidaySet(year).has(isoDate(utc));
}

function holidaySet(year: number): ReadonlySet<string> {
  requireYear(year);
  const cached = holidaysByYear.get(year);
  if (cached) return cached;
  const easter = Date.parse(`${easterSunday(year)}T00:00:00Z`);
  const fromEaster = (offset: number) => isoDate(easter + offset * DAY_MS);
  const set = new Set<string>([
    isoDate(Date.UTC(year, 0, 1)),
    fromEaster(-2),
    fromEaster(0),
    fromEaster(1),
    kingsDay(year),
    isoDate(Date.UTC(year, 4, 5)),
    fromEaster(39),
    fromEaster(49),
    fromEaster(50),
    isoDate(Date.UTC(year, 11, 25)),
    isoDate(Date.UTC(year, 11, 26)),
  ]);
  holidaysByYear.set(year, set);
  return set;
}

/**
 * King's Day: 27 April, or 26 April when the 27th is a Sunday (since 2014). Before that, Queen's
 * Day: 30 April, or 29 April when the 30th is a Sunday.
 */
function kingsDay(year: number): string {
  const [month, day] = year >= 2014 ? [3, 27] : [3, 30];
  const date = Date.UTC(year, month, day);
  return isoDate(new Date(date).getUTCDay() === 0 ? date - DAY_MS : date);
}

function localDateTimeOf(instant: Date): LocalDateTime {
  const parts: Record<string, number> = {};
  for (const part of LOCAL_PARTS.formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year,
    month: parts.month,
    day: parts.day,
    hour: parts.hour,
    minute: parts.minute,
    second: parts.second,
    millisecond: instant.getUTCMilliseconds(),
  };
}

/** The instant of an Amsterdam wall-clock time; in the autumn overlap the earlier one. */
function instantOf(local: LocalDateTime): number {
  const wallAsUtc = Date.UTC(
    local.year,
    local.month - 1,
    local.day,
    local.hour,
    local.minute,
    local.second,
    local.millisecond,
  );
  // Two passes: the offset at the first guess may differ from the offset at the answer near a DST switch.
  const first = wallAsUtc - offsetAt(wallAsUtc);
  return wallAsUtc - offsetAt(first);
}

function offsetAt(instant: number): number {
  const local = localDateTimeOf(new Date(instant));
  const wallAsUtc = Date.UTC(
    local.year,
    local.month - 1,
    local.day,
    local.hour,
    local.minute,
    local.second,
    local.millisecond,
  );
  return wallAsUtc - instant;
}

function isoDate(utcMillis: number): string {
  return new Date(utcMillis).toISOString().slice(0, 10);
}

function requireDate(value: Date, name: string): Date {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
    throw new RangeError(`${name} must be a valid Date`);
  }
  return value;
}

function requireYear(year: number): void {
  // The Gregorian Easter algorithm holds from 1583; four digits keep ISO dates well-formed.
  if (!Number.isInteger(year) || year < 1583 || year > 9999) {
    throw new RangeError(`year must be an integer from 1583 to 9999 (got ${String(year)})`);
  }
}
