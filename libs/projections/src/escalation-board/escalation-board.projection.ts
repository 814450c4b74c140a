import type { Database, Statement } from 'better-sqlite3';
import type {
  AuthorityInvolved,
  DomainEvent,
  EscalationAcknowledged,
  EscalationDeadlinePassed,
  EscalationEscalatedForNonResponse,
  EscalationDecided,
  EscalationRaised,
  EscalationReopened,
  EscalationResolved,
  EscalationTransferred,
  SignalsAttached,
} from '@praktijklus/domain';
import type { RecordedEvent } from '@praktijklus/event-store';
import type { Projection, ProjectionContext } from '../projection';
import { ESCALATION_BOARD_DROP, ESCALATION_BOARD_SCHEMA } from './schema';

export const ESCALATION_BOARD_PROJECTION = 'escalation-board';

type Params = Record<string, string | number | null>;
type Write = Statement<[Params]>;

interface Writes {
  insertEscalation: Write;
  attachSignal: Write;
  countSignals: Write;
  addParty: Write;
  removeParty: Write;
  forgetVisibility: Write;
  grantVisibility: Write;
  acknowledge: Write;
  transfer: Write;
  decide: Write;
  resolve: Write;
  reopen: Write;
  deadlinePassed: Write;
  climb: Write;
  endChain: Write;
}

const dataOf = <E extends DomainEvent>(event: RecordedEvent): E['data'] => event.data as unknown as E['data'];

/** Normalised to UTC `toISOString()` form so that text order is time order in indexes and cursors. */
const instant = (value: string): string => new Date(value).toISOString();
// A deadline as a number: an ISO string of a year past 9999 ("+010000-...") sorts before "2026-...".
const millis = (value: string): number => Date.parse(value);

const prepareWrites = (db: Database): Writes => {
  const prepare = (sql: string): Write => db.prepare<[Params]>(sql);
  return {
    insertEscalation: prepare(`
      INSERT INTO escalation_board_escalations (id, title, status, addressed_to, raised_by, raised_at, respond_by)
      VALUES (@id, @title, 'RAISED', @addressedTo, @raisedBy, @raisedAt, @respondBy)`),
    attachSignal: prepare(`
      INSERT OR IGNORE INTO escalation_board_signals (escalation_id, signal_id, ordinal)
      VALUES (@id, @signalId,
        (SELECT COUNT(*) FROM escalation_board_signals WHERE escalation_id = @id))`),
    countSignals: prepare(`
      UPDATE escalation_board_escalations
      SET signal_count = (SELECT COUNT(*) FROM escalation_board_signals WHERE escalation_id = @id)
      WHERE id = @id`),
    addParty: prepare(`
      INSERT OR IGNORE INTO escalation_board_parties (escalation_id, relation, authority)
      VALUES (@id, @relation, @authority)`),
    removeParty: prepare(`
      DELETE FROM escalation_board_parties WHERE escalation_id = @id AND relation = @relation`),
    forgetVisibility: prepare(`DELETE FROM escalation_board_visibility WHERE escalation_id = @id`),
    grantVisibility: prepare(`
      INSERT INTO escalation_board_visibility (escalation_id, authority, respond_by)
      SELECT DISTINCT p.escalation_id, p.authority, e.respond_by
      FROM escalation_board_parties p JOIN escalation_board_escalations e ON e.id = p.escalation_id
      WHERE p.escalation_id = @id`),
    acknowledge: prepare(`
      UPDATE escalation_board_escalations SET status = 'ACKNOWLEDGED', acknowledged_at = @at WHERE id = @id`),
    // Back to RAISED at the new addressee: its acknowledgement is still to come.
    transfer: prepare(`
      UPDATE escalation_board_escalations
      SET status = 'RAISED', addressed_to = @to, respond_by = @respondBy, acknowledged_at = NULL,
          deadline_passed_at = NULL, chain_ended = 0,
          transfer_count = transfer_count + 1,
          previous_addressees = json_insert(previous_addressees, '$[#]', @from)
      WHERE id = @id`),
    decide: prepare(`
      UPDATE escalation_board_escalations SET status = 'DECIDED', decided_at = @at, outcome = @outcome,
          rationale = @rationale
      WHERE id = @id`),
    resolve: prepare(`
      UPDATE escalation_board_escalations SET status = 'RESOLVED', resolved_at = @at WHERE id = @id`),
    // A reopened escalation awaits a new decision by its new deadline (none on reopenings from
    // before issue 21), so the withdrawn decision no longer shows.
    reopen: prepare(`
      UPDATE escalation_board_escalations
      SET status = 'ACKNOWLEDGED', decided_at = NULL, outcome = NULL, rationale = NULL, resolved_at = NULL,
          respond_by = COALESCE(@respondBy, respond_by), deadline_passed_at = NULL, chain_ended = 0
      WHERE id = @id`),
    deadlinePassed: prepare(`
      UPDATE escalation_board_escalations SET deadline_passed_at = @at WHERE id = @id`),
    climb: prepare(`
      UPDATE escalation_board_escalations
      SET respond_by = @respondBy, deadline_passed_at = NULL,
          climbed_to = json_insert(climbed_to, '$[#]', @to)
      WHERE id = @id`),
    endChain: prepare(`UPDATE escalation_board_escalations SET chain_ended = 1 WHERE id = @id`),
  };
};

/**
 * One row per escalation with its current state, signals and parties. The overdue flag and the
 * age are not stored: the queries derive them from `respondBy` and `raisedAt` at read time.
 */
export function createEscalationBoardProjection(_ctx: ProjectionContext): Projection {
  const cache = new WeakMap<Database, Writes>();
  const writesFor = (db: Database): Writes => {
    let writes = cache.get(db);
    if (!writes) {
      writes = prepareWrites(db);
      cache.set(db, writes);
    }
    return writes;
  };

  const attach = (w: Writes, id: string, signalIds: string[]): void => {
    for (const signalId of signalIds) w.attachSignal.run({ id, signalId });
    w.countSignals.run({ id });
  };

  const refreshVisibility = (w: Writes, id: string): void => {
    w.forgetVisibility.run({ id });
    w.grantVisibility.run({ id });
  };

  return {
    name: ESCALATION_BOARD_PROJECTION,
    // 2: a reopening sets the new respondBy (issue 21), respond_by in epoch milliseconds.
    // 3: escalations that non-response climbed (climbed_to, deadline_passed_at, chain_ended);
    // 4: the decision's rationale, for precedents.
    version: 4,
    migrate(db) {
      db.exec(ESCALATION_BOARD_SCHEMA);
    },
    drop(db) {
      cache.delete(db);
      db.exec(ESCALATION_BOARD_DROP);
    },
    apply(db, event) {
      switch (event.type) {
        case 'EscalationRaised': {
          const d = dataOf<EscalationRaised>(event);
          const w = writesFor(db);
          w.insertEscalation.run({
            id: d.escalationId,
            title: d.title,
            addressedTo: d.addressedTo,
            raisedBy: d.raisedBy,
            raisedAt: instant(d.raisedAt),
            respondBy: millis(d.respondBy),
          });
          w.addParty.run({ id: d.escalationId, relation: 'RAISING', authority: d.raisedBy });
          w.addParty.run({ id: d.escalationId, relation: 'ADDRESSED', authority: d.addressedTo });
          attach(w, d.escalationId, d.signalIds);
          refreshVisibility(w, d.escalationId);
          return;
        }
        case 'EscalationAcknowledged': {
          const d = dataOf<EscalationAcknowledged>(event);
          writesFor(db).acknowledge.run({ id: d.escalationId, at: instant(d.acknowledgedAt) });
          return;
        }
        case 'AuthorityInvolved': {
          const d = dataOf<AuthorityInvolved>(event);
          const w = writesFor(db);
          w.addParty.run({ id: d.escalationId, relation: 'INVOLVED', authority: d.authority });
          refreshVisibility(w, d.escalationId);
          return;
        }
        case 'SignalsAttached': {
          const d = dataOf<SignalsAttached>(event);
          attach(writesFor(db), d.escalationId, d.signalIds);
          return;
        }
        case 'EscalationTransferred': {
          const d = dataOf<EscalationTransferred>(event);
          const w = writesFor(db);
          w.transfer.run({ id: d.escalationId, from: d.from, to: d.to, respondBy: millis(d.respondBy) });
          w.removeParty.run({ id: d.escalationId, relation: 'ADDRESSED' });
          w.addParty.run({ id: d.escalationId, relation: 'ADDRESSED', authority: d.to });
          refreshVisibility(w, d.escalationId);
          return;
        }
        case 'EscalationDecided': {
          const d = dataOf<EscalationDecided>(event);
          writesFor(db).decide.run({
            id: d.escalationId,
            at: instant(d.decidedAt),
            outcome: d.outcome,
            rationale: d.rationale,
          });
          return;
        }
        case 'EscalationResolved': {
          const d = dataOf<EscalationResolved>(event);
          writesFor(db).resolve.run({ id: d.escalationId, at: instant(d.resolvedAt) });
          return;
        }
        case 'EscalationReopened': {
          const d = dataOf<EscalationReopened>(event);
          const respondBy = (d as { respondBy?: unknown }).respondBy;
          const w = writesFor(db);
          w.reopen.run({
            id: d.escalationId,
            respondBy: typeof respondBy === 'string' ? millis(respondBy) : null,
          });
          refreshVisibility(w, d.escalationId);
          return;
        }
        case 'EscalationDeadlinePassed': {
          const d = dataOf<EscalationDeadlinePassed>(event);
          writesFor(db).deadlinePassed.run({ id: d.escalationId, at: instant(d.passedAt) });
          return;
        }
        case 'EscalationEscalatedForNonResponse': {
          // The authority climbed to becomes a party: the escalation shows on its board.
          const d = dataOf<EscalationEscalatedForNonResponse>(event);
          const w = writesFor(db);
          if (d.to === null || d.respondBy === null) {
            w.endChain.run({ id: d.escalationId });
            return;
          }
          w.climb.run({ id: d.escalationId, to: d.to, respondBy: millis(d.respondBy) });
          w.addParty.run({ id: d.escalationId, relation: 'INVOLVED', authority: d.to });
          refreshVisibility(w, d.escalationId);
          return;
        }
        default:
          return;
      }
    },
  };
}
