import type { Database, Statement } from 'better-sqlite3';
import type {
  DomainEvent,
  SignalAmended,
  SignalClassified,
  SignalMarkedDuplicate,
  SignalRecorded,
  SignalWithdrawn,
} from '@praktijklus/domain';
import type { RecordedEvent } from '@praktijklus/event-store';
import { distinctNormRefs } from '../signals/norm-ref';
import { observedDayOf } from '../signals/signal-filter';

/**
 * What the effect of a policy change is counted from: per ACTIVE signal one row per key it can be
 * selected by, ordered by observed day, so a window of a norm is one short range of the primary
 * key however many signals the norm has in other years. Keys: `n:<normalised ref>`, `d:<domain>`,
 * `a:<domain>:<authority>`. A signal's current facts are kept beside them to replace its keys.
 */
export const SIGNAL_KEYS_SCHEMA = `
CREATE TABLE IF NOT EXISTS policy_changes_signals (
  signal_id     TEXT PRIMARY KEY,
  observed_on   TEXT NOT NULL,
  policy_domain TEXT NOT NULL,
  norm_refs     TEXT NOT NULL,
  authorities   TEXT NOT NULL,
  status        TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS policy_changes_signal_keys (
  key         TEXT NOT NULL,
  observed_on TEXT NOT NULL,
  signal_id   TEXT NOT NULL,
  PRIMARY KEY (key, observed_on, signal_id)
) WITHOUT ROWID;
`;

export const SIGNAL_KEYS_DROP = `
DROP TABLE IF EXISTS policy_changes_signals;
DROP TABLE IF EXISTS policy_changes_signal_keys;
`;

interface SignalFacts {
  signal_id: string;
  observed_on: string;
  policy_domain: string;
  norm_refs: string;
  authorities: string;
  status: string;
}

type Params = Record<string, string>;

export const normKey = (normRef: string): string => `n:${normRef}`;
export const domainKey = (domain: string): string => `d:${domain}`;
export const authorityKey = (domain: string, authority: string): string => `a:${domain}:${authority}`;

const keysOf = (facts: SignalFacts): string[] => {
  if (facts.status !== 'ACTIVE') return [];
  const authorities = JSON.parse(facts.authorities) as string[];
  return [
    ...(JSON.parse(facts.norm_refs) as string[]).map(normKey),
    domainKey(facts.policy_domain),
    ...[...new Set(authorities)].map((authority) => authorityKey(facts.policy_domain, authority)),
  ];
};

interface Writes {
  select: Statement<[string], SignalFacts>;
  upsert: Statement<[SignalFacts]>;
  addKey: Statement<[Params]>;
  removeKey: Statement<[Params]>;
  /** Whether the keys are left to `aggregate` (a replay from empty into a new file). */
  deferred: boolean;
}

/** The keys of every ACTIVE signal from its facts, as `keysOf` makes them, in key order. */
const ALL_KEYS_SQL = `
INSERT OR IGNORE INTO policy_changes_signal_keys (key, observed_on, signal_id)
SELECT key, observed_on, signal_id FROM (
  SELECT 'n:' || r.value AS key, s.observed_on, s.signal_id
  FROM policy_changes_signals s, json_each(s.norm_refs) r WHERE s.status = 'ACTIVE'
  UNION ALL
  SELECT 'd:' || s.policy_domain, s.observed_on, s.signal_id FROM policy_changes_signals s WHERE s.status = 'ACTIVE'
  UNION ALL
  SELECT 'a:' || s.policy_domain || ':' || a.value, s.observed_on, s.signal_id
  FROM policy_changes_signals s, json_each(s.authorities) a WHERE s.status = 'ACTIVE'
) ORDER BY 1, 2, 3`;

/** The signal keys of the policy-changes projection, in step with the signal events. */
export interface SignalKeys {
  /** Call from the projection's `apply`. */
  apply(db: Database, event: RecordedEvent): void;
  /** From now on, on `db`, keep the facts only (`Projection.deferAggregates`). */
  defer(db: Database): void;
  /** Writes every ACTIVE signal's keys from its facts and keeps them per event again. */
  aggregate(db: Database): void;
  /** The tables were made again (`migrate`, `drop`): keys are kept per event. */
  reset(db: Database): void;
}

const dataOf = <E extends DomainEvent>(event: RecordedEvent): E['data'] => event.data as unknown as E['data'];

/** Keeps the signal keys in step with the signal events; call from the projection's `apply`. */
export function createSignalKeys(): SignalKeys {
  const cache = new WeakMap<Database, Writes>();
  const writesFor = (db: Database): Writes => {
    let writes = cache.get(db);
    if (!writes) {
      writes = {
        select: db.prepare<[string], SignalFacts>('SELECT * FROM policy_changes_signals WHERE signal_id = ?'),
        upsert: db.prepare<[SignalFacts]>(`
          INSERT INTO policy_changes_signals (signal_id, observed_on, policy_domain, norm_refs, authorities, status)
          VALUES (@signal_id, @observed_on, @policy_domain, @norm_refs, @authorities, @status)
          ON CONFLICT (signal_id) DO UPDATE SET observed_on = excluded.observed_on,
            policy_domain = excluded.policy_domain, norm_refs = excluded.norm_refs,
            authorities = excluded.authorities, status = excluded.status`),
        addKey: db.prepare<[Params]>(
          'INSERT OR IGNORE INTO policy_changes_signal_keys (key, observed_on, signal_id) VALUES (@key, @observedOn, @signalId)',
        ),
        removeKey: db.prepare<[Params]>(
          'DELETE FROM policy_changes_signal_keys WHERE key = @key AND observed_on = @observedOn AND signal_id = @signalId',
        ),
        deferred: false,
      };
      cache.set(db, writes);
    }
    return writes;
  };

  /** Replaces a signal's facts and keys; an event for a signal never recorded here changes nothing. */
  const change = (db: Database, signalId: string, edit: (facts: SignalFacts) => SignalFacts): void => {
    const w = writesFor(db);
    const before = w.select.get(signalId);
    if (before === undefined) return;
    const after = edit({ ...before });
    if (w.deferred) {
      w.upsert.run(after);
      return;
    }
    for (const key of keysOf(before)) w.removeKey.run({ key, observedOn: before.observed_on, signalId });
    w.upsert.run(after);
    for (const key of keysOf(after)) w.addKey.run({ key, observedOn: after.observed_on, signalId });
  };

  const apply = (db: Database, event: RecordedEvent): void => {
    switch (event.type) {
      case 'SignalRecorded': {
        const d = dataOf<SignalRecorded>(event);
        if (writesFor(db).select.get(d.signalId) !== undefined) return;
        const facts: SignalFacts = {
          signal_id: d.signalId,
          observed_on: observedDayOf(d.observedAt),
          policy_domain: d.policyDomain,
          norm_refs: JSON.stringify(distinctNormRefs(d.norms)),
          authorities: JSON.stringify(d.authorities),
          status: 'ACTIVE',
        };
        const w = writesFor(db);
        w.upsert.run(facts);
        if (w.deferred) return;
        for (const key of keysOf(facts))
          w.addKey.run({ key, observedOn: facts.observed_on, signalId: d.signalId });
        return;
      }
      case 'SignalAmended': {
        const { signalId, changes } = dataOf<SignalAmended>(event);
        change(db, signalId, (facts) => ({
          ...facts,
          ...(changes.observedAt !== undefined ? { observed_on: observedDayOf(changes.observedAt) } : {}),
          ...(changes.policyDomain !== undefined ? { policy_domain: changes.policyDomain } : {}),
          ...(changes.norms !== undefined
            ? { norm_refs: JSON.stringify(distinctNormRefs(changes.norms)) }
            : {}),
          ...(changes.authorities !== undefined ? { authorities: JSON.stringify(changes.authorities) } : {}),
        }));
        return;
      }
      case 'SignalClassified': {
        const { signalId, policyDomain } = dataOf<SignalClassified>(event);
        if (policyDomain !== undefined)
          change(db, signalId, (facts) => ({ ...facts, policy_domain: policyDomain }));
        return;
      }
      case 'SignalMarkedDuplicate': {
        const { signalId } = dataOf<SignalMarkedDuplicate>(event);
        change(db, signalId, (facts) => ({ ...facts, status: 'DUPLICATE' }));
        return;
      }
      case 'SignalWithdrawn': {
        const { signalId } = dataOf<SignalWithdrawn>(event);
        change(db, signalId, (facts) => ({ ...facts, status: 'WITHDRAWN' }));
        return;
      }
      default:
        return;
    }
  };
  return {
    apply,
    defer(db) {
      writesFor(db).deferred = true;
    },
    aggregate(db) {
      db.exec(ALL_KEYS_SQL);
      writesFor(db).deferred = false;
    },
    reset(db) {
      cache.delete(db);
    },
  };
}
