import type { FeedbackLoopRow, SignalStatRow } from '../api/api.types';

/** The month (`YYYY-MM`) it is now on the Amsterdam clock: the month still being counted. */
export const currentMonth = (now: Date = new Date()): string => {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Amsterdam',
    year: 'numeric',
    month: '2-digit',
  }).formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}`;
};

const nextMonth = (month: string): string => {
  const [year, number] = month.split('-').map(Number);
  return number === 12 ? `${year + 1}-01` : `${year}-${String(number + 1).padStart(2, '0')}`;
};

export interface MonthPoint {
  period: string;
  count: number;
  escalated: number;
  /** The month still being counted: its figures will grow. */
  ongoing: boolean;
  /** The line through complete months (null in the ongoing month). */
  countComplete: number | null;
  escalatedComplete: number | null;
  /** The dashed line from the last complete month into the ongoing one (null elsewhere). */
  countOngoing: number | null;
  escalatedOngoing: number | null;
}

/**
 * Signals per month as a line: every month from the first to the current one, a month without
 * signals at 0 (so no month goes missing from the axis), and the current month marked ongoing, drawn
 * as a dashed continuation rather than as the last point of the solid line, so it never reads as
 * a collapse.
 */
export function monthSeries(rows: readonly SignalStatRow[], now: string = currentMonth()): MonthPoint[] {
  const byMonth = new Map<string, { count: number; escalated: number }>();
  for (const row of rows) {
    const period = row.key.period?.slice(0, 7);
    if (!period) continue;
    const seen = byMonth.get(period) ?? { count: 0, escalated: 0 };
    byMonth.set(period, { count: seen.count + row.count, escalated: seen.escalated + row.escalatedCount });
  }
  const months = [...byMonth.keys()].sort();
  if (months.length === 0) return [];
  const last = months[months.length - 1] > now ? months[months.length - 1] : now;
  const points: MonthPoint[] = [];
  for (let month = months[0]; month <= last; month = nextMonth(month)) {
    const { count, escalated } = byMonth.get(month) ?? { count: 0, escalated: 0 };
    const ongoing = month === now;
    points.push({
      period: month,
      count,
      escalated,
      ongoing,
      countComplete: ongoing ? null : count,
      escalatedComplete: ongoing ? null : escalated,
      countOngoing: null,
      escalatedOngoing: null,
    });
  }
  const current = points.findIndex((point) => point.ongoing);
  if (current !== -1) {
    for (const index of [current - 1, current]) {
      const point = points[index];
      if (!point) continue;
      point.countOngoing = point.count;
      point.escalatedOngoing = point.escalated;
    }
  }
  return points;
}

/** A share in percent, one decimal; null when there is nothing to share out. */
const percent = (part: number, whole: number): number | null =>
  whole === 0 ? null : Math.round((part / whole) * 1000) / 10;

export interface FeedbackRates {
  policyDomain: string;
  /** Of the signals, in an escalation. */
  escalatedRate: number | null;
  /** Of the escalated, decided. */
  decidedRate: number | null;
  /** Of the decided, policy adjusted. */
  adjustedRate: number | null;
  /** Of the decided, an experiment granted. */
  experimentRate: number | null;
  /** Of the escalated, behind a recorded policy change. */
  changedRate: number | null;
}

/**
 * The feedback loop as a funnel of rates, each step a share of the step before, so that a few policy
 * changes and experiments show next to hundreds of signals instead of vanishing beside them.
 */
export const feedbackRates = (row: FeedbackLoopRow): FeedbackRates => ({
  policyDomain: row.policyDomain,
  escalatedRate: percent(row.escalated, row.signals),
  decidedRate: percent(row.decided, row.escalated),
  adjustedRate: percent(row.policyAdjusted, row.decided),
  experimentRate: percent(row.experimentGranted, row.decided),
  changedRate: percent(row.policyChanged ?? 0, row.escalated),
});
