import type { Database, Statement } from 'better-sqlite3';
import type {
  AgreementCancelled,
  AgreementFulfilled,
  AgreementMade,
  AgreementMarkedUnmet,
  AgreementStatus,
  DomainEvent,
  EscalationAcknowledged,
  EscalationDecided,
  EscalationEscalatedForNonResponse,
  EscalationRaised,
  EscalationReopened,
  EscalationResolved,
  EscalationTransferred,
  ExperimentClosed,
  ExperimentEvaluated,
  ExperimentExtended,
  ExperimentStarted,
  FollowUpRecorded,
} from '@praktijklus/domain';
import type { RecordedEvent } from '@praktijklus/event-store';
import type { Projection, ProjectionContext } from '../projection';
import { ACCOUNTABILITY_DROP, ACCOUNTABILITY_SCHEMA } from './schema';
import { applySignalEvent, prepareSignalWrites, type SignalWrites } from './unclear-authority';

export const ACCOUNTABILITY_PROJECTION = 'accountability';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

const COUNTERS = [
  'escalations_received',
  'transfers_in',
  'transfers_out',
  'acknowledged',
  'decided',
  'decided_on_time',
  'agreements_open',
  'agreements_fulfilled',
  'agreements_unmet',
  'agreements_cancelled',
  'experiments',
  'non_responses',
] as const;
type Counter = (typeof COUNTERS)[number];

const AGREEMENT_COUNTER: Record<AgreementStatus, Counter> = {
  OPEN: 'agreements_open',
  FULFILLED: 'agreements_fulfilled',
  UNMET: 'agreements_unmet',
  CANCELLED: 'agreements_cancelled',
};

type Params = Record<string, string | number | null>;
type Write = Statement<[Params]>;

interface CurrentReceipt {
  seq: number;
  authority: string;
  receivedAt: string;
  /** Epoch milliseconds. */
  respondBy: number;
  acknowledgedAt: string | null;
  decidedAt: string | null;
}

interface Writes {
  signals: SignalWrites;
  counters: Record<Counter, Write>;
  insertEscalation: Write;
  setEscalationStatus: Write;
  reopenEscalation: Write;
  readdressEscalation: Write;
  currentReceipt: Statement<[Params], CurrentReceipt>;
  insertReceipt: Write;
  acknowledgeReceipt: Write;
  decideReceipt: Write;
  insertAgreement: Write;
  agreement: Statement<[Params], { owner: string; status: AgreementStatus }>;
  recordFollowUp: Write;
  setAgreementStatus: Write;
  insertExperiment: Write;
  extendExperiment: Write;
  setExperimentStatus: Write;
}

const dataOf = <E extends DomainEvent>(event: RecordedEvent): E['data'] => event.data as unknown as E['data'];

const instant = (value: string): string => new Date(value).toISOString();
// A deadline as a number: an ISO string of a year past 9999 ("+010000-...") sorts before "2026-...".
const millis = (value: string): number => Date.parse(value);

const prepareWrites = (db: Database): Writes => {
  const prepare = (sql: string): Write => db.prepare<[Params]>(sql);
  const counter = (column: Counter): Write =>
    prepare(`
      INSERT INTO accountability_authorities (authority, ${column}) VALUES (@authority, @by)
      ON CONFLICT (authority) DO UPDATE SET ${column} = ${column} + excluded.${column}`);
  return {
    signals: prepareSignalWrites(db),
    counters: Object.fromEntries(COUNTERS.map((column) => [column, counter(column)])) as Record<
      Counter,
      Write
    >,
    insertEscalation: prepare(`
      INSERT INTO accountability_escalations (id, addressed_to, status, respond_by, current_receipt)
      VALUES (@id, @addressedTo, 'RAISED', @respondBy, 0)`),
    setEscalationStatus: prepare(`UPDATE accountability_escalations SET status = @status WHERE id = @id`),
    reopenEscalation: prepare(`
      UPDATE accountability_escalations
      SET status = 'ACKNOWLEDGED', respond_by = COALESCE(@respondBy, respond_by)
      WHERE id = @id`),
    readdressEscalation: prepare(`
      UPDATE accountability_escalations
      SET addressed_to = @to, respond_by = @respondBy, status = 'RAISED', current_receipt = @seq
      WHERE id = @id`),
    currentReceipt: db.prepare<[Params], CurrentReceipt>(`
      SELECT r.seq, r.authority, r.received_at AS receivedAt, r.respond_by AS respondBy,
             r.acknowledged_at AS acknowledgedAt, r.decided_at AS decidedAt
      FROM accountability_escalations e
      JOIN accountability_receipts r ON r.escalation_id = e.id AND r.seq = e.current_receipt
      WHERE e.id = @id`),
    insertReceipt: prepare(`
      INSERT INTO accountability_receipts (escalation_id, seq, authority, received_via, received_at, respond_by)
      VALUES (@id, @seq, @authority, @via, @receivedAt, @respondBy)`),
    acknowledgeReceipt: prepare(`
      UPDATE accountability_receipts SET acknowledged_at = @at, hours_to_acknowledge = @hours
      WHERE escalation_id = @id AND seq = @seq`),
    decideReceipt: prepare(`
      UPDATE accountability_receipts SET decided_at = @at, days_to_decision = @days, decided_on_time = @onTime
      WHERE escalation_id = @id AND seq = @seq`),
    insertAgreement: prepare(`
      INSERT INTO accountability_agreements (id, owner, status, due_by, next_follow_up_on)
      VALUES (@id, @owner, 'OPEN', @dueBy, @firstFollowUpOn)`),
    agreement: db.prepare<[Params], { owner: string; status: AgreementStatus }>(
      `SELECT owner, status FROM accountability_agreements WHERE id = @id`,
    ),
    // Only the follow-up held latest plans the next one (same rule as the agreements read model).
    recordFollowUp: prepare(`
      UPDATE accountability_agreements
      SET next_follow_up_on = @nextFollowUpOn, last_follow_up_held_on = @heldOn
      WHERE id = @id AND (last_follow_up_held_on IS NULL OR @heldOn >= last_follow_up_held_on)`),
    setAgreementStatus: prepare(`UPDATE accountability_agreements SET status = @status WHERE id = @id`),
    insertExperiment: prepare(`
      INSERT INTO accountability_experiments (id, owner, status, ends_on) VALUES (@id, @owner, 'RUNNING', @endsOn)`),
    extendExperiment: prepare(`UPDATE accountability_experiments SET ends_on = @endsOn WHERE id = @id`),
    setExperimentStatus: prepare(`UPDATE accountability_experiments SET status = @status WHERE id = @id`),
  };
};

const count = (w: Writes, authority: string, counter: Counter, by = 1): void => {
  w.counters[counter].run({ authority, by });
};

const receive = (
  w: Writes,
  receipt: {
    id: string;
    seq: number;
    authority: string;
    via: 'RAISED' | 'TRANSFER';
    at: string;
    respondBy: number;
  },
): void => {
  w.insertReceipt.run({
    id: receipt.id,
    seq: receipt.seq,
    authority: receipt.authority,
    via: receipt.via,
    receivedAt: instant(receipt.at),
    respondBy: receipt.respondBy,
  });
  count(w, receipt.authority, 'escalations_received');
  if (receipt.via === 'TRANSFER') count(w, receipt.authority, 'transfers_in');
};

const acknowledge = (w: Writes, d: EscalationAcknowledged['data']): void => {
  w.setEscalationStatus.run({ id: d.escalationId, status: 'ACKNOWLEDGED' });
  const receipt = w.currentReceipt.get({ id: d.escalationId });
  if (!receipt || receipt.acknowledgedAt !== null) return;
  const at = instant(d.acknowledgedAt);
  const hours = (Date.parse(at) - Date.parse(receipt.receivedAt)) / HOUR_MS;
  w.acknowledgeReceipt.run({ id: d.escalationId, seq: receipt.seq, at, hours });
  count(w, receipt.authority, 'acknowledged');
};

const transfer = (w: Writes, d: EscalationTransferred['data']): void => {
  const receipt = w.currentReceipt.get({ id: d.escalationId });
  if (!receipt) return;
  const seq = receipt.seq + 1;
  const respondBy = millis(d.respondBy);
  count(w, receipt.authority, 'transfers_out');
  receive(w, { id: d.escalationId, seq, authority: d.to, via: 'TRANSFER', at: d.transferredAt, respondBy });
  w.readdressEscalation.run({ id: d.escalationId, to: d.to, respondBy, seq });
};

const decide = (w: Writes, d: EscalationDecided['data']): void => {
  w.setEscalationStatus.run({ id: d.escalationId, status: 'DECIDED' });
  const receipt = w.currentReceipt.get({ id: d.escalationId });
  if (!receipt || receipt.decidedAt !== null) return;
  const at = instant(d.decidedAt);
  const days = (Date.parse(at) - Date.parse(receipt.receivedAt)) / DAY_MS;
  const onTime = Date.parse(at) <= receipt.respondBy ? 1 : 0;
  w.decideReceipt.run({ id: d.escalationId, seq: receipt.seq, at, days, onTime });
  count(w, receipt.authority, 'decided');
  count(w, receipt.authority, 'decided_on_time', onTime);
};

const closeAgreement = (w: Writes, id: string, status: AgreementStatus): void => {
  const agreement = w.agreement.get({ id });
  if (!agreement || agreement.status === status) return;
  w.setAgreementStatus.run({ id, status });
  count(w, agreement.owner, AGREEMENT_COUNTER[agreement.status], -1);
  count(w, agreement.owner, AGREEMENT_COUNTER[status]);
};

/**
 * Facts per authority for the accountability view: running totals, each stretch an escalation was
 * addressed to an authority (with its time to acknowledge and to decide), and the agreements and
 * experiments it owns. Only the first acknowledgement and the first decision of a stretch count, so
 * a reopened and re-decided escalation is one decision. Also the active signals each authority
 * reported, per policy domain, and how many are of type UNCLEAR_AUTHORITY. Whatever depends on today
 * is left to the query.
 */
export function createAccountabilityProjection(_ctx: ProjectionContext): Projection {
  const cache = new WeakMap<Database, Writes>();
  const writesFor = (db: Database): Writes => {
    let writes = cache.get(db);
    if (!writes) {
      writes = prepareWrites(db);
      cache.set(db, writes);
    }
    return writes;
  };

  return {
    name: ACCOUNTABILITY_PROJECTION,
    // 2: a reopening sets the escalation's new respondBy, respond_by in epoch milliseconds;
    // 3: signals per authority and domain (issue 21).
    // 4: non-responses per authority (the reactor's climbing).
    version: 4,
    migrate(db) {
      const w = cache.get(db);
      if (w) w.signals.deferred = false;
      db.exec(ACCOUNTABILITY_SCHEMA);
    },
    deferAggregates(db) {
      writesFor(db).signals.deferred = true;
    },
    aggregate(db) {
      const { signals } = writesFor(db);
      signals.allShares.run();
      signals.deferred = false;
    },
    drop(db) {
      cache.delete(db);
      db.exec(ACCOUNTABILITY_DROP);
    },
    apply(db, event) {
      switch (event.type) {
        case 'EscalationRaised': {
          const d = dataOf<EscalationRaised>(event);
          const w = writesFor(db);
          const respondBy = millis(d.respondBy);
          w.insertEscalation.run({ id: d.escalationId, addressedTo: d.addressedTo, respondBy });
          receive(w, {
            id: d.escalationId,
            seq: 0,
            authority: d.addressedTo,
            via: 'RAISED',
            at: d.raisedAt,
            respondBy,
          });
          return;
        }
        case 'EscalationAcknowledged':
          return acknowledge(writesFor(db), dataOf<EscalationAcknowledged>(event));
        case 'EscalationTransferred':
          return transfer(writesFor(db), dataOf<EscalationTransferred>(event));
        case 'EscalationDecided':
          return decide(writesFor(db), dataOf<EscalationDecided>(event));
        case 'EscalationResolved': {
          const { escalationId } = dataOf<EscalationResolved>(event);
          writesFor(db).setEscalationStatus.run({ id: escalationId, status: 'RESOLVED' });
          return;
        }
        case 'EscalationEscalatedForNonResponse': {
          // It let its deadline pass until the chain acted: climbed past it, or ended at it.
          count(writesFor(db), dataOf<EscalationEscalatedForNonResponse>(event).from, 'non_responses');
          return;
        }
        case 'EscalationReopened': {
          // Open again with the reopening's deadline (none on reopenings from before issue 21); the
          // receipt keeps its first decision, which is the one that counts.
          const d = dataOf<EscalationReopened>(event);
          const respondBy = d.respondBy === undefined ? null : millis(d.respondBy);
          writesFor(db).reopenEscalation.run({ id: d.escalationId, respondBy });
          return;
        }
        case 'AgreementMade': {
          const d = dataOf<AgreementMade>(event);
          const w = writesFor(db);
          w.insertAgreement.run({
            id: d.agreementId,
            owner: d.owner,
            dueBy: d.dueBy,
            firstFollowUpOn: d.firstFollowUpOn,
          });
          count(w, d.owner, 'agreements_open');
          return;
        }
        case 'FollowUpRecorded': {
          const d = dataOf<FollowUpRecorded>(event);
          writesFor(db).recordFollowUp.run({
            id: d.agreementId,
            heldOn: d.heldOn,
            nextFollowUpOn: d.nextFollowUpOn,
          });
          return;
        }
        case 'AgreementFulfilled':
          return closeAgreement(writesFor(db), dataOf<AgreementFulfilled>(event).agreementId, 'FULFILLED');
        case 'AgreementMarkedUnmet':
          return closeAgreement(writesFor(db), dataOf<AgreementMarkedUnmet>(event).agreementId, 'UNMET');
        case 'AgreementCancelled':
          return closeAgreement(writesFor(db), dataOf<AgreementCancelled>(event).agreementId, 'CANCELLED');
        case 'ExperimentStarted': {
          const d = dataOf<ExperimentStarted>(event);
          const w = writesFor(db);
          w.insertExperiment.run({ id: d.experimentId, owner: d.owner, endsOn: d.endsOn });
          count(w, d.owner, 'experiments');
          return;
        }
        case 'ExperimentExtended': {
          const d = dataOf<ExperimentExtended>(event);
          writesFor(db).extendExperiment.run({ id: d.experimentId, endsOn: d.endsOn });
          return;
        }
        case 'ExperimentEvaluated': {
          const { experimentId } = dataOf<ExperimentEvaluated>(event);
          writesFor(db).setExperimentStatus.run({ id: experimentId, status: 'EVALUATED' });
          return;
        }
        case 'ExperimentClosed': {
          const { experimentId } = dataOf<ExperimentClosed>(event);
          writesFor(db).setExperimentStatus.run({ id: experimentId, status: 'CLOSED' });
          return;
        }
        default:
          return applySignalEvent(writesFor(db).signals, event);
      }
    },
  };
}
