import type { Database, Statement } from 'better-sqlite3';
import type {
  DomainEvent,
  SignalAmended,
  SignalClassified,
  SignalMarkedDuplicate,
  SignalRecorded,
  SignalStatus,
  SignalType,
  SignalWithdrawn,
} from '@praktijklus/domain';
import type { RecordedEvent } from '@praktijklus/event-store';

/** What the accountability view needs of a signal to count it by reporting authority and domain. */
interface SignalFact {
  signalId: string;
  authority: string;
  policyDomain: string;
  type: SignalType;
  status: SignalStatus;
}

type Params = Record<string, string | number | null>;
type Write = Statement<[Params]>;

export interface SignalWrites {
  insert: Write;
  select: Statement<[Params], SignalFact>;
  update: Write;
  share: Write;
  pruneShare: Write;
  authorityTotals: Write;
  /** The shares of active signals from `accountability_signals` (after a replay that deferred them). */
  allShares: Statement<[]>;
  /** Whether the shares are left to `allShares` (a replay from empty into a new file). */
  deferred: boolean;
}

const dataOf = <E extends DomainEvent>(event: RecordedEvent): E['data'] => event.data as unknown as E['data'];

export const prepareSignalWrites = (db: Database): SignalWrites => {
  const prepare = (sql: string): Write => db.prepare<[Params]>(sql);
  return {
    insert: prepare(`
      INSERT INTO accountability_signals (signal_id, authority, policy_domain, type, status)
      VALUES (@signalId, @authority, @policyDomain, @type, @status)
      ON CONFLICT (signal_id) DO NOTHING`),
    select: db.prepare<[Params], SignalFact>(`
      SELECT signal_id AS signalId, authority, policy_domain AS policyDomain, type, status
      FROM accountability_signals WHERE signal_id = @signalId`),
    update: prepare(`
      UPDATE accountability_signals SET policy_domain = @policyDomain, type = @type, status = @status
      WHERE signal_id = @signalId`),
    share: prepare(`
      INSERT INTO accountability_signal_shares (authority, policy_domain, signals, unclear_authority_signals)
      VALUES (@authority, @policyDomain, @by, @unclearBy)
      ON CONFLICT (authority, policy_domain) DO UPDATE
      SET signals = signals + excluded.signals,
          unclear_authority_signals = unclear_authority_signals + excluded.unclear_authority_signals`),
    // Empty cells go, so a rebuild and the live model hold the same rows.
    pruneShare: prepare(`
      DELETE FROM accountability_signal_shares
      WHERE authority = @authority AND policy_domain = @policyDomain AND signals = 0`),
    authorityTotals: prepare(`
      INSERT INTO accountability_authorities (authority, signals_reported, unclear_authority_signals)
      VALUES (@authority, @by, @unclearBy)
      ON CONFLICT (authority) DO UPDATE
      SET signals_reported = signals_reported + excluded.signals_reported,
          unclear_authority_signals = unclear_authority_signals + excluded.unclear_authority_signals`),
    allShares: db.prepare(`
      INSERT INTO accountability_signal_shares (authority, policy_domain, signals, unclear_authority_signals)
      SELECT authority, policy_domain, COUNT(*), SUM(type = 'UNCLEAR_AUTHORITY') FROM accountability_signals
      WHERE status = 'ACTIVE' GROUP BY authority, policy_domain`),
    deferred: false,
  };
};

/**
 * Only active signals count: a withdrawn signal was taken back and a duplicate repeats a barrier
 * already counted.
 */
const countSignal = (w: SignalWrites, fact: SignalFact, sign: 1 | -1): void => {
  if (fact.status !== 'ACTIVE') return;
  const by = { authority: fact.authority, by: sign, unclearBy: fact.type === 'UNCLEAR_AUTHORITY' ? sign : 0 };
  if (!w.deferred) {
    w.share.run({ ...by, policyDomain: fact.policyDomain });
    w.pruneShare.run({ authority: fact.authority, policyDomain: fact.policyDomain });
  }
  w.authorityTotals.run(by);
};

const changeSignal = (w: SignalWrites, signalId: string, mutate: (fact: SignalFact) => void): void => {
  const before = w.select.get({ signalId });
  if (!before) return;
  const after = { ...before };
  mutate(after);
  w.update.run({ ...after });
  countSignal(w, before, -1);
  countSignal(w, after, 1);
};

/** Applies a signal event to the per-authority and per-domain signal counts; others are ignored. */
export const applySignalEvent = (w: SignalWrites, event: RecordedEvent): void => {
  switch (event.type) {
    case 'SignalRecorded': {
      const d = dataOf<SignalRecorded>(event);
      const fact: SignalFact = {
        signalId: d.signalId,
        authority: d.reportingAuthority,
        policyDomain: d.policyDomain,
        type: d.type,
        status: 'ACTIVE',
      };
      if (w.insert.run({ ...fact }).changes === 0) return;
      countSignal(w, fact, 1);
      return;
    }
    case 'SignalAmended': {
      const { signalId, changes } = dataOf<SignalAmended>(event);
      if (changes.type === undefined && changes.policyDomain === undefined) return;
      changeSignal(w, signalId, (fact) => {
        if (changes.type !== undefined) fact.type = changes.type;
        if (changes.policyDomain !== undefined) fact.policyDomain = changes.policyDomain;
      });
      return;
    }
    case 'SignalClassified': {
      const d = dataOf<SignalClassified>(event);
      if (d.policyDomain === undefined) return;
      const policyDomain = d.policyDomain;
      changeSignal(w, d.signalId, (fact) => {
        fact.policyDomain = policyDomain;
      });
      return;
    }
    case 'SignalMarkedDuplicate':
      changeSignal(w, dataOf<SignalMarkedDuplicate>(event).signalId, (fact) => {
        if (fact.status !== 'WITHDRAWN') fact.status = 'DUPLICATE';
      });
      return;
    case 'SignalWithdrawn':
      changeSignal(w, dataOf<SignalWithdrawn>(event).signalId, (fact) => {
        fact.status = 'WITHDRAWN';
      });
      return;
    default:
      return;
  }
};
