import { dutchDateOf, type Actor, type SignalLevel, type SignalType } from '@praktijklus/domain';
import { type Reporter } from './demo-vocabulary';
import { SYSTEM_MINISTRY, type DomainVocabulary } from './demo-domains';

// Time, naming and actor helpers shared by each aggregate's part of the demo's plan.
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
/** The history spans about eighteen months. */
export const HISTORY_DAYS = 540;

export interface PlannedSignal {
  id: string;
  reporter: Reporter;
  domain: DomainVocabulary;
  type: SignalType;
  level: SignalLevel;
  subject: string;
  problem: string;
  /** The conflicting pair (sorted refs joined), for grouping conflict signals. */
  conflictKey: string | null;
  recordedAt: number;
  withdrawn: boolean;
  duplicate: boolean;
  escalated: boolean;
}

/** The list under `key`, created when missing. */
export const listIn = <T>(lists: Map<string, T[]>, key: string): T[] => {
  let list = lists.get(key);
  if (list === undefined) {
    list = [];
    lists.set(key, list);
  }
  return list;
};
export const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
export const slug = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
export const iso = (ms: number): string => new Date(ms).toISOString();
export const dayOf = (ms: number): string => dutchDateOf(iso(ms));
export const addDays = (day: string, days: number): string =>
  iso(Date.parse(`${day}T00:00:00Z`) + days * DAY).slice(0, 10);
/** Midday on a Dutch calendar day: safely that day in Amsterdam, summer or winter. */
export const middayOf = (day: string): number => Date.parse(`${day}T11:00:00Z`);

export const officer = (authority: string, n = 1): Actor => ({
  sub: `demo-officer-${authority}-${n}`,
  authority,
  roles: ['officer'],
});
export const admin = (authority: string): Actor => ({
  sub: `demo-admin-${authority}`,
  authority,
  roles: ['admin'],
});
export const analyst = (n: number): Actor => ({
  sub: `demo-analyst-${n}`,
  authority: SYSTEM_MINISTRY,
  roles: ['analyst'],
});
