export type TimeBucket = 'DAY' | 'WEEK' | 'MONTH';

export const TIME_BUCKETS: readonly TimeBucket[] = ['DAY', 'WEEK', 'MONTH'];

const DAY_MS = 86_400_000;

const utc = (day: string): Date => new Date(`${day}T00:00:00.000Z`);

const computeIsoWeek = (day: string): string => {
  const date = utc(day);
  const weekday = (date.getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  // The Thursday of this week decides the year the week belongs to.
  const thursday = new Date(date.getTime() + (3 - weekday) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = 1 + Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY_MS));
  return `${year}-W${String(week).padStart(2, '0')}`;
};

const weeks = new Map<string, string>();

/** The ISO 8601 week of a day `YYYY-MM-DD`, e.g. '2026-W05' (weeks start on Monday). */
export const isoWeekOf = (day: string): string => {
  // Every signal asks this during a replay, of a few thousand distinct days: remember them.
  let week = weeks.get(day);
  if (week === undefined) {
    if (weeks.size >= 20_000) weeks.clear();
    week = computeIsoWeek(day);
    weeks.set(day, week);
  }
  return week;
};

/** The month of a day `YYYY-MM-DD`: 'YYYY-MM'. */
export const monthOf = (day: string): string => day.slice(0, 7);

/** Whether `day` opens its month. */
export const isFirstOfMonth = (day: string): boolean => day.endsWith('-01');

/** Whether `day` closes its month. */
export const isLastOfMonth = (day: string): boolean =>
  utc(day).getUTCMonth() !== new Date(utc(day).getTime() + DAY_MS).getUTCMonth();
