import type { Database, Statement } from 'better-sqlite3';
import type {
  AgreementCancelled,
  AgreementFulfilled,
  AgreementMade,
  AgreementMarkedUnmet,
  DomainEvent,
  FollowUpRecorded,
  ProgressReported,
} from '@praktijklus/domain';
import type { RecordedEvent } from '@praktijklus/event-store';
import type { Projection, ProjectionContext } from '../projection';
import { AGREEMENTS_DROP, AGREEMENTS_SCHEMA } from './schema';

export const AGREEMENTS_PROJECTION = 'agreements';

type Params = Record<string, string | number | null>;
type Write = Statement<[Params]>;

interface Writes {
  insertAgreement: Write;
  addParty: Write;
  reportProgress: Write;
  recordFollowUp: Write;
  close: Write;
}

const dataOf = <E extends DomainEvent>(event: RecordedEvent): E['data'] => event.data as unknown as E['data'];

const instant = (value: string): string => new Date(value).toISOString();

const prepareWrites = (db: Database): Writes => {
  const prepare = (sql: string): Write => db.prepare<[Params]>(sql);
  return {
    insertAgreement: prepare(`
      INSERT INTO agreements_agreements
        (id, title, commitment, owner, parties, due_by, first_follow_up_on, next_follow_up_on, status,
         escalation_id, made_at)
      VALUES (@id, @title, @commitment, @owner, @parties, @dueBy, @firstFollowUpOn, @firstFollowUpOn, 'OPEN',
         @escalationId, @madeAt)`),
    addParty: prepare(`
      INSERT OR IGNORE INTO agreements_parties (agreement_id, authority) VALUES (@id, @authority)`),
    reportProgress: prepare(`
      UPDATE agreements_agreements
      SET progress_percent = @percent, progress_note = @note, progress_reported_at = @at
      WHERE id = @id`),
    // The follow-up held latest is the last one and sets the next date; a late-recorded earlier
    // conversation only adds to the count.
    recordFollowUp: prepare(`
      UPDATE agreements_agreements
      SET follow_up_count = follow_up_count + 1,
          next_follow_up_on = CASE WHEN last_follow_up_held_on IS NULL OR @heldOn >= last_follow_up_held_on
            THEN @nextFollowUpOn ELSE next_follow_up_on END,
          last_follow_up_assessment = CASE WHEN last_follow_up_held_on IS NULL OR @heldOn >= last_follow_up_held_on
            THEN @assessment ELSE last_follow_up_assessment END,
          last_follow_up_notes = CASE WHEN last_follow_up_held_on IS NULL OR @heldOn >= last_follow_up_held_on
            THEN @notes ELSE last_follow_up_notes END,
          last_follow_up_held_on = CASE WHEN last_follow_up_held_on IS NULL OR @heldOn >= last_follow_up_held_on
            THEN @heldOn ELSE last_follow_up_held_on END
      WHERE id = @id`),
    close: prepare(`
      UPDATE agreements_agreements SET status = @status, closed_at = @at, closing_note = @note WHERE id = @id`),
  };
};

/**
 * One row per agreement with its progress, follow-ups and status. Overdue and follow-up overdue
 * depend on today's date, so the queries derive them; nothing here reads a clock.
 */
export function createAgreementsProjection(_ctx: ProjectionContext): Projection {
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
    name: AGREEMENTS_PROJECTION,
    // 2: the last follow-up's notes (its report text) are kept and shown.
    version: 2,
    migrate(db) {
      db.exec(AGREEMENTS_SCHEMA);
    },
    drop(db) {
      cache.delete(db);
      db.exec(AGREEMENTS_DROP);
    },
    apply(db, event) {
      switch (event.type) {
        case 'AgreementMade': {
          const d = dataOf<AgreementMade>(event);
          const w = writesFor(db);
          // The contract says parties include the owner; keep that true even for an event that forgot it.
          const parties = d.parties.includes(d.owner) ? d.parties : [...d.parties, d.owner];
          w.insertAgreement.run({
            id: d.agreementId,
            title: d.title,
            commitment: d.commitment,
            owner: d.owner,
            parties: JSON.stringify([...new Set(parties)]),
            dueBy: d.dueBy,
            firstFollowUpOn: d.firstFollowUpOn,
            escalationId: d.escalationId,
            madeAt: instant(d.madeAt),
          });
          for (const authority of new Set([d.owner, ...d.parties]))
            w.addParty.run({ id: d.agreementId, authority });
          return;
        }
        case 'ProgressReported': {
          const d = dataOf<ProgressReported>(event);
          writesFor(db).reportProgress.run({
            id: d.agreementId,
            percent: d.percent,
            note: d.note,
            at: instant(d.reportedAt),
          });
          return;
        }
        case 'FollowUpRecorded': {
          const d = dataOf<FollowUpRecorded>(event);
          writesFor(db).recordFollowUp.run({
            id: d.agreementId,
            heldOn: d.heldOn,
            assessment: d.assessment,
            notes: d.notes,
            nextFollowUpOn: d.nextFollowUpOn,
          });
          return;
        }
        case 'AgreementFulfilled': {
          const d = dataOf<AgreementFulfilled>(event);
          const at = instant(d.fulfilledAt);
          writesFor(db).close.run({ id: d.agreementId, status: 'FULFILLED', at, note: d.result });
          return;
        }
        case 'AgreementMarkedUnmet': {
          const d = dataOf<AgreementMarkedUnmet>(event);
          writesFor(db).close.run({
            id: d.agreementId,
            status: 'UNMET',
            at: instant(d.markedAt),
            note: d.reason,
          });
          return;
        }
        case 'AgreementCancelled': {
          const d = dataOf<AgreementCancelled>(event);
          const at = instant(d.cancelledAt);
          writesFor(db).close.run({ id: d.agreementId, status: 'CANCELLED', at, note: d.reason });
          return;
        }
        default:
          return;
      }
    },
  };
}
