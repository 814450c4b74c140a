/** A `datetime-local` value (the user's clock) as an ISO instant, as the API wants deadlines. */
export function instantOf(local: string): string | undefined {
  if (local === '') return undefined;
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** Today as YYYY-MM-DD in the user's time zone. */
export function today(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export const isIsoDate = (value: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(value);

const AMSTERDAM_DATE = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Amsterdam',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
const AMSTERDAM_OFFSET = new Intl.DateTimeFormat('en-US', {
  timeZone: 'Europe/Amsterdam',
  timeZoneName: 'longOffset',
});

/** Today as YYYY-MM-DD in the Netherlands, the calendar the product's dates are kept in. */
export function dutchToday(now: Date = new Date()): string {
  return AMSTERDAM_DATE.format(now);
}

/**
 * The last moment of a Dutch calendar day as an ISO date-time with its offset (+01:00 in winter,
 * +02:00 in summer), e.g. for `asOf`: the figures as they stood when that day ended.
 */
export function endOfDutchDay(day: string): string {
  // 22:00 UTC falls on the same Dutch date in winter and summer, after any change of clock that day.
  const zone = AMSTERDAM_OFFSET.formatToParts(new Date(`${day}T22:00:00Z`)).find(
    (part) => part.type === 'timeZoneName',
  )?.value;
  const offset = zone === undefined || zone === 'GMT' ? '+00:00' : zone.replace(/^GMT/, '');
  return `${day}T23:59:59.999${offset}`;
}
