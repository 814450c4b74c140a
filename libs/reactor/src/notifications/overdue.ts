import type { Database, Statement } from 'better-sqlite3';
import type { RecordedEvent } from '@praktijklus/event-store';
import { endOfDutchDate } from '@praktijklus/reference';
import type { OverdueItem, OverdueKind } from './mail';

// The digest reads a table the reactor keeps itself, not the read models: it moves with the
// reactor's checkpoint in one transaction, needs no projector in this process, and says exactly
// which authority awaits what (the read models answer per reader, not per addressee).
const SCHEMA = `
  CREATE TABLE IF NOT EXISTS overdue_watch (
    stream_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    authority TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    due_on TEXT NOT NULL,
    due_at INTEGER NOT NULL,
    anchor TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (stream_id, kind, authority)
  ) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS overdue_watch_by_authority ON overdue_watch (authority, due_at);
  CREATE TABLE IF NOT EXISTS overdue_entities (
    stream_id TEXT PRIMARY KEY,
    title TEXT,
    addressee TEXT
  ) WITHOUT ROWID;
`;

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
// An instant is overdue once now is later; a date once the Dutch day has ended.
const dueAtOf = (dueOn: string): number =>
  dueOn.length > 10 ? Date.parse(dueOn) + 1 : endOfDutchDate(dueOn).getTime();

/**
 * What each authority still owes and by when: escalations awaiting it (addressed to it, or climbed
 * to it for non-response) until decided, agreements it owns until fulfilled, unmet or cancelled
 * (their due date and the next follow-up), experiments it owns until evaluated or closed.
 */
export class OverdueWatch {
  private readonly sql: Record<string, Statement>;

  constructor(db: Database) {
    db.exec(SCHEMA);
    this.sql = {
      watch: db.prepare(
        `INSERT INTO overdue_watch (stream_id, kind, authority, entity_id, due_on, due_at, anchor)
         VALUES (@streamId, @kind, @authority, @entityId, @dueOn, @dueAt, @anchor)
         ON CONFLICT (stream_id, kind, authority) DO UPDATE SET entity_id = excluded.entity_id,
           due_on = excluded.due_on, due_at = excluded.due_at, anchor = excluded.anchor
         WHERE excluded.anchor >= overdue_watch.anchor`,
      ),
      anchorOf: db.prepare(
        'SELECT max(anchor) AS anchor FROM overdue_watch WHERE stream_id = ? AND kind = ?',
      ),
      forgetKind: db.prepare('DELETE FROM overdue_watch WHERE stream_id = ? AND kind = ?'),
      forgetStream: db.prepare('DELETE FROM overdue_watch WHERE stream_id = ?'),
      entity: db.prepare(
        `INSERT INTO overdue_entities (stream_id, title, addressee) VALUES (?, ?, ?)
         ON CONFLICT (stream_id) DO UPDATE SET title = coalesce(excluded.title, title),
           addressee = coalesce(excluded.addressee, addressee)`,
      ),
      addressee: db.prepare('SELECT addressee FROM overdue_entities WHERE stream_id = ?'),
      owner: db.prepare('SELECT authority FROM overdue_watch WHERE stream_id = ? AND kind = ? LIMIT 1'),
      overdue: db.prepare(
        `SELECT w.kind, w.entity_id, w.due_on, e.title FROM overdue_watch w
         LEFT JOIN overdue_entities e ON e.stream_id = w.stream_id
         WHERE w.authority = ? AND w.due_at <= ? ORDER BY w.due_at, w.entity_id LIMIT ?`,
      ),
      authorities: db.prepare('SELECT DISTINCT authority FROM overdue_watch WHERE due_at <= ?'),
    };
  }

  /** Inside the reactor's batch transaction, once per event. */
  apply(event: RecordedEvent): void {
    const { streamId, data } = event;
    const watch = (kind: OverdueKind, authority: unknown, idField: string, dueOn: unknown, anchor = '') => {
      const entityId = text(data[idField]);
      const at = text(dueOn);
      if (typeof authority !== 'string' || entityId === undefined || at === undefined) return;
      this.sql.watch.run({ streamId, kind, authority, entityId, dueOn: at, dueAt: dueAtOf(at), anchor });
    };
    switch (event.type) {
      case 'EscalationRaised':
        this.sql.entity.run(streamId, text(data.title) ?? null, text(data.addressedTo) ?? null);
        watch('escalation', data.addressedTo, 'escalationId', data.respondBy);
        return;
      case 'EscalationTransferred':
        this.sql.forgetKind.run(streamId, 'escalation');
        this.sql.entity.run(streamId, null, text(data.to) ?? null);
        watch('escalation', data.to, 'escalationId', data.respondBy);
        return;
      case 'EscalationReopened': {
        // Reopened, it awaits its addressee again; the climb starts over.
        this.sql.forgetKind.run(streamId, 'escalation');
        const row = this.sql.addressee.get(streamId) as { addressee: string | null } | undefined;
        watch('escalation', row?.addressee, 'escalationId', data.respondBy);
        return;
      }
      case 'EscalationEscalatedForNonResponse':
        watch('escalation', data.to, 'escalationId', data.respondBy);
        return;
      case 'EscalationDecided':
        this.sql.forgetKind.run(streamId, 'escalation');
        return;
      case 'AgreementMade':
        this.sql.entity.run(streamId, text(data.title) ?? null, null);
        watch('agreement-due-date', data.owner, 'agreementId', data.dueBy);
        watch('agreement-follow-up', data.owner, 'agreementId', data.firstFollowUpOn);
        return;
      case 'FollowUpRecorded': {
        // The follow-up held last plans the next one, whatever the order they were recorded in.
        const heldOn = text(data.heldOn) ?? '';
        const current = this.sql.anchorOf.get(streamId, 'agreement-follow-up') as { anchor: string | null };
        if (current.anchor !== null && heldOn < current.anchor) return;
        const owner = this.sql.owner.get(streamId, 'agreement-due-date') as { authority: string } | undefined;
        this.sql.forgetKind.run(streamId, 'agreement-follow-up');
        watch('agreement-follow-up', owner?.authority, 'agreementId', data.nextFollowUpOn, heldOn);
        return;
      }
      case 'AgreementFulfilled':
      case 'AgreementMarkedUnmet':
      case 'AgreementCancelled':
      case 'ExperimentEvaluated':
      case 'ExperimentClosed':
        this.sql.forgetStream.run(streamId);
        return;
      case 'ExperimentStarted':
        this.sql.entity.run(streamId, text(data.title) ?? null, null);
        watch('experiment-evaluation', data.owner, 'experimentId', data.endsOn);
        return;
      case 'ExperimentExtended': {
        const owner = this.sql.owner.get(streamId, 'experiment-evaluation') as
          { authority: string } | undefined;
        watch('experiment-evaluation', owner?.authority, 'experimentId', data.endsOn);
        return;
      }
      default:
        return;
    }
  }

  /** The authority's items past their date at `now`, earliest first. */
  overdueOf(authority: string, now: Date, limit = 200): OverdueItem[] {
    return (
      this.sql.overdue.all(authority, now.getTime(), limit) as Array<{
        kind: OverdueKind;
        entity_id: string;
        due_on: string;
        title: string | null;
      }>
    ).map((row) => ({ kind: row.kind, entityId: row.entity_id, title: row.title, dueOn: row.due_on }));
  }
}
