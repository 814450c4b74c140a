import type { Database, Statement } from 'better-sqlite3';
import type {
  DomainEvent,
  EscalationRaised,
  PolicyChangeAmended,
  PolicyChangeRecorded,
  PolicyChangeWithdrawn,
  SignalsAttached,
} from '@praktijklus/domain';
import type { RecordedEvent } from '@praktijklus/event-store';
import type { Projection, ProjectionContext } from '../projection';
import { POLICY_CHANGES_DROP, POLICY_CHANGES_SCHEMA } from './schema';
import { createSignalKeys, SIGNAL_KEYS_DROP, SIGNAL_KEYS_SCHEMA } from './signal-keys';

export const POLICY_CHANGES_PROJECTION = 'policy-changes';

type Params = Record<string, string | number | null>;
type Write = Statement<[Params]>;

interface Writes {
  insert: Write;
  linkEscalation: Write;
  linkSignal: Write;
  withdraw: Write;
}

const dataOf = <E extends DomainEvent>(event: RecordedEvent): E['data'] => event.data as unknown as E['data'];
const instant = (value: string): string => new Date(value).toISOString();

const COLUMN_OF = {
  title: 'title',
  description: 'description',
  policyDomain: 'policy_domain',
  norms: 'norms',
  authorities: 'authorities',
  effectiveOn: 'effective_on',
} as const;

const prepareWrites = (db: Database): Writes => {
  const prepare = (sql: string): Write => db.prepare<[Params]>(sql);
  return {
    insert: prepare(`
      INSERT OR IGNORE INTO policy_changes
        (id, owner, title, description, policy_domain, norms, authorities, effective_on, escalation_ids, status,
         recorded_at)
      VALUES (@id, @owner, @title, @description, @policyDomain, @norms, @authorities, @effectiveOn, @escalationIds,
         'RECORDED', @recordedAt)`),
    linkEscalation: prepare(`
      INSERT OR IGNORE INTO policy_changes_escalations (escalation_id, policy_change_id) VALUES (@escalationId, @id)`),
    linkSignal: prepare(`
      INSERT OR IGNORE INTO policy_changes_escalation_signals (escalation_id, signal_id) VALUES (@escalationId, @signalId)`),
    withdraw: prepare(`
      UPDATE policy_changes SET status = 'WITHDRAWN', withdrawn_at = @at, withdrawn_reason = @reason WHERE id = @id`),
  };
};

const jsonOrText = (value: unknown): string | number | null =>
  typeof value === 'string' ? value : JSON.stringify(value);

/** One row per policy change, its escalations, and the signals of every escalation. */
export function createPolicyChangesProjection(_ctx: ProjectionContext): Projection {
  const cache = new WeakMap<Database, Writes>();
  const writesFor = (db: Database): Writes => {
    let writes = cache.get(db);
    if (!writes) {
      writes = prepareWrites(db);
      cache.set(db, writes);
    }
    return writes;
  };
  const signalKeys = createSignalKeys();
  const linkSignals = (db: Database, escalationId: string, signalIds: readonly string[]): void => {
    for (const signalId of signalIds) writesFor(db).linkSignal.run({ escalationId, signalId });
  };
  return {
    name: POLICY_CHANGES_PROJECTION,
    version: 1,
    migrate(db) {
      signalKeys.reset(db);
      db.exec(POLICY_CHANGES_SCHEMA);
      db.exec(SIGNAL_KEYS_SCHEMA);
    },
    deferAggregates(db) {
      signalKeys.defer(db);
    },
    aggregate(db) {
      signalKeys.aggregate(db);
    },
    drop(db) {
      cache.delete(db);
      signalKeys.reset(db);
      db.exec(POLICY_CHANGES_DROP);
      db.exec(SIGNAL_KEYS_DROP);
    },
    apply(db, event) {
      signalKeys.apply(db, event);
      switch (event.type) {
        case 'EscalationRaised': {
          const d = dataOf<EscalationRaised>(event);
          linkSignals(db, d.escalationId, d.signalIds);
          return;
        }
        case 'SignalsAttached': {
          const d = dataOf<SignalsAttached>(event);
          linkSignals(db, d.escalationId, d.signalIds);
          return;
        }
        case 'PolicyChangeRecorded': {
          const d = dataOf<PolicyChangeRecorded>(event);
          writesFor(db).insert.run({
            id: d.policyChangeId,
            owner: d.owner,
            title: d.title,
            description: d.description,
            policyDomain: d.policyDomain,
            norms: JSON.stringify(d.norms),
            authorities: JSON.stringify(d.authorities),
            effectiveOn: d.effectiveOn,
            escalationIds: JSON.stringify(d.escalationIds),
            recordedAt: instant(d.recordedAt),
          });
          for (const escalationId of d.escalationIds) {
            writesFor(db).linkEscalation.run({ escalationId, id: d.policyChangeId });
          }
          return;
        }
        case 'PolicyChangeAmended': {
          const d = dataOf<PolicyChangeAmended>(event);
          const fields = (Object.keys(COLUMN_OF) as Array<keyof typeof COLUMN_OF>).filter(
            (field) => d.changes[field] !== undefined,
          );
          const params: Params = { id: d.policyChangeId, at: instant(d.amendedAt) };
          fields.forEach((field) => {
            params[field] = jsonOrText(d.changes[field]);
          });
          // The column list is fixed per set of amended fields; a handful of shapes at most.
          const sets = [...fields.map((field) => `${COLUMN_OF[field]} = @${field}`), 'amended_at = @at'];
          db.prepare<[Params]>(`UPDATE policy_changes SET ${sets.join(', ')} WHERE id = @id`).run(params);
          return;
        }
        case 'PolicyChangeWithdrawn': {
          const d = dataOf<PolicyChangeWithdrawn>(event);
          writesFor(db).withdraw.run({ id: d.policyChangeId, at: instant(d.withdrawnAt), reason: d.reason });
          return;
        }
        default:
          return;
      }
    },
  };
}
