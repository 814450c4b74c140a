import type { Database, Statement } from 'better-sqlite3';
import { dutchDateOf } from '@praktijklus/domain';

/** The inbox answers at most this many tasks, the most urgent ones. */
export const MAX_TASKS = 100;

export const TASK_KINDS = [
  'ACKNOWLEDGE_ESCALATION',
  'DECIDE_ESCALATION',
  'RESOLVE_ESCALATION',
  'HOLD_FOLLOW_UP',
  'REPORT_PROGRESS',
  'EVALUATE_EXPERIMENT',
  'CLASSIFY_SIGNAL',
] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

export interface TaskRow {
  kind: TaskKind;
  entityId: string;
  title: string;
  /**
   * An ISO date-time for escalation deadlines (`respondBy`), an ISO date (Europe/Amsterdam) for
   * agreements and experiments, null when the task has no deadline.
   */
  dueAt: string | null;
  overdue: boolean;
}

export interface MyTasksInput {
  /** Whose tasks: the caller's authority and roles, from the token. */
  authority: string;
  roles: readonly string[];
  now: Date;
}

const statements = new WeakMap<Database, Map<string, Statement<unknown[]>>>();

const statement = <Row>(db: Database, sql: string): Statement<unknown[], Row> => {
  let perDb = statements.get(db);
  if (!perDb) {
    perDb = new Map();
    statements.set(db, perDb);
  }
  let prepared = perDb.get(sql);
  if (!prepared) {
    prepared = db.prepare(sql);
    perDb.set(sql, prepared);
  }
  return prepared as Statement<unknown[], Row>;
};

interface EscalationTaskSource {
  id: string;
  title: string;
  /** Epoch milliseconds. */
  respondBy: number;
}

interface DatedTaskSource {
  id: string;
  title: string;
  /** ISO date. */
  due: string;
}

// Each query walks one index in deadline order and stops after MAX_TASKS rows.
const ADDRESSED = `SELECT id, title, respond_by AS respondBy FROM escalation_board_escalations
  WHERE addressed_to = @authority AND status = @status ORDER BY respond_by, id LIMIT ${MAX_TASKS}`;

// The authority's own board (visibility index, deadline order), narrowed to the escalations
// non-response climbed to it and nobody has acknowledged yet.
const CLIMBED_TO = `SELECT e.id AS id, e.title AS title, e.respond_by AS respondBy
  FROM escalation_board_visibility v CROSS JOIN escalation_board_escalations e ON e.id = v.escalation_id
  WHERE v.authority = @authority AND e.status = 'RAISED' AND e.addressed_to <> @authority
    AND EXISTS (SELECT 1 FROM json_each(e.climbed_to) c WHERE c.value = @authority)
  ORDER BY v.respond_by, v.escalation_id LIMIT ${MAX_TASKS}`;

const FOLLOW_UPS = `SELECT id, title, next_follow_up_on AS due FROM agreements_agreements
  WHERE owner = @authority AND status = 'OPEN' AND next_follow_up_on IS NOT NULL
  ORDER BY next_follow_up_on, id LIMIT ${MAX_TASKS}`;

const PROGRESS = `SELECT id, title, due_by AS due FROM agreements_agreements
  WHERE owner = @authority AND status = 'OPEN' ORDER BY due_by, id LIMIT ${MAX_TASKS}`;

const EVALUATIONS = `SELECT id, title, ends_on AS due FROM experiments_experiments
  WHERE owner = @authority AND status = 'RUNNING' ORDER BY ends_on, id LIMIT ${MAX_TASKS}`;

// Matches the partial index signals_unclassified (signals/schema.ts) term for term.
const UNCLASSIFIED = `SELECT signal_id AS id, title FROM signals
  WHERE status = 'ACTIVE' AND themes = '[]' ORDER BY seq LIMIT ${MAX_TASKS}`;

/** The instant a date-only deadline passes: the start of the next day in Europe/Amsterdam. */
const endOfDutchDay = (date: string): number => {
  const nextUtcMidnight = Date.parse(`${date}T00:00:00Z`) + 86_400_000;
  const nextDay = new Date(nextUtcMidnight).toISOString().slice(0, 10);
  // Amsterdam is UTC+1 or UTC+2: its midnight is 22:00 or 23:00 UTC the evening before.
  const summer = nextUtcMidnight - 2 * 3_600_000;
  return dutchDateOf(new Date(summer).toISOString()) === nextDay ? summer : nextUtcMidnight - 3_600_000;
};

type Sortable = TaskRow & { dueMillis: number | null };

/**
 * Most urgent first: overdue before not yet due, then by deadline, then the undated tasks (in the
 * order their source gave them, oldest first).
 */
const byUrgency = (a: Sortable, b: Sortable): number => {
  if (a.overdue !== b.overdue) return a.overdue ? -1 : 1;
  if (a.dueMillis !== b.dueMillis) {
    if (a.dueMillis === null) return 1;
    if (b.dueMillis === null) return -1;
    return a.dueMillis - b.dueMillis;
  }
  return 0;
};

/**
 * The caller's inbox, at most MAX_TASKS, most urgent first. An administrator gets the work of
 * their own authority: ACKNOWLEDGE_ESCALATION (RAISED, due respondBy), DECIDE_ESCALATION
 * (ACKNOWLEDGED, due respondBy) and RESOLVE_ESCALATION (DECIDED, undated) for escalations
 * addressed to it; ACKNOWLEDGE_ESCALATION for escalations non-response climbed to it while they
 * are unacknowledged; HOLD_FOLLOW_UP (due nextFollowUpOn) and REPORT_PROGRESS (due dueBy) for the
 * OPEN agreements it owns; EVALUATE_EXPERIMENT (due endsOn) for the RUNNING experiments it owns.
 * An analyst gets CLASSIFY_SIGNAL for active signals without themes, oldest first. An officer
 * gives none of these commands, so the officer role alone brings no tasks.
 */
export function myTasks(db: Database, input: MyTasksInput): TaskRow[] {
  const now = input.now.getTime();
  const today = dutchDateOf(input.now.toISOString());
  const params = { authority: input.authority };
  const tasks: Sortable[] = [];
  const escalationTask =
    (kind: TaskKind, dated: boolean) =>
    (row: EscalationTaskSource): Sortable => ({
      kind,
      entityId: row.id,
      title: row.title,
      dueAt: dated ? new Date(row.respondBy).toISOString() : null,
      dueMillis: dated ? row.respondBy : null,
      overdue: dated && now > row.respondBy,
    });
  const datedTask =
    (kind: TaskKind) =>
    (row: DatedTaskSource): Sortable => ({
      kind,
      entityId: row.id,
      title: row.title,
      dueAt: row.due,
      dueMillis: endOfDutchDay(row.due),
      overdue: row.due < today,
    });

  if (input.roles.includes('admin')) {
    const addressed = (status: string) =>
      statement<EscalationTaskSource>(db, ADDRESSED).all({ ...params, status });
    tasks.push(
      ...addressed('RAISED').map(escalationTask('ACKNOWLEDGE_ESCALATION', true)),
      ...addressed('ACKNOWLEDGED').map(escalationTask('DECIDE_ESCALATION', true)),
      ...addressed('DECIDED').map(escalationTask('RESOLVE_ESCALATION', false)),
      ...statement<EscalationTaskSource>(db, CLIMBED_TO)
        .all(params)
        .map(escalationTask('ACKNOWLEDGE_ESCALATION', true)),
      ...statement<DatedTaskSource>(db, FOLLOW_UPS).all(params).map(datedTask('HOLD_FOLLOW_UP')),
      ...statement<DatedTaskSource>(db, PROGRESS).all(params).map(datedTask('REPORT_PROGRESS')),
      ...statement<DatedTaskSource>(db, EVALUATIONS).all(params).map(datedTask('EVALUATE_EXPERIMENT')),
    );
  }
  if (input.roles.includes('analyst')) {
    tasks.push(
      ...statement<{ id: string; title: string }>(db, UNCLASSIFIED)
        .all()
        .map((row) => ({
          kind: 'CLASSIFY_SIGNAL' as const,
          entityId: row.id,
          title: row.title,
          dueAt: null,
          dueMillis: null,
          overdue: false,
        })),
    );
  }
  // Array.prototype.sort is stable: equal tasks keep their source's order.
  return tasks
    .sort(byUrgency)
    .slice(0, MAX_TASKS)
    .map(({ kind, entityId, title, dueAt, overdue }) => ({ kind, entityId, title, dueAt, overdue }));
}
