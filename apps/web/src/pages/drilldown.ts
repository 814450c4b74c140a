// From the numbers to the records: the addresses of the lists behind a figure, a bar or a row.
import { hrefOf } from '../router/url-state';

/** The signals list with these filters (its address parameters, see signals.page.tsx). */
export const signalsHref = (filters: {
  policyDomain?: string;
  level?: string;
  observedFrom?: string;
  observedTo?: string;
  escalated?: boolean;
  type?: string;
  normA?: string;
  normB?: string;
}): string =>
  hrefOf('/signals', {
    ...filters,
    escalated: filters.escalated === undefined ? undefined : filters.escalated ? '1' : '0',
  });

/** The escalations list with these filters (see escalation-board.page.tsx); `status: 'open'` is every unresolved one. */
export const escalationsHref = (filters: {
  domain?: string;
  status?: string;
  overdue?: boolean;
  addressedTo?: string;
  raisedBy?: string;
}): string => hrefOf('/escalations', { ...filters, overdue: filters.overdue ? '1' : undefined });

/** The first and last day of the month of a `YYYY-MM…` period, for the observed-date filters. */
export function monthRange(period: string): { observedFrom: string; observedTo: string } | undefined {
  const match = /^(\d{4})-(\d{2})/.exec(period);
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return {
    observedFrom: `${match[1]}-${match[2]}-01`,
    observedTo: `${match[1]}-${match[2]}-${String(lastDay).padStart(2, '0')}`,
  };
}
