// The inbox (API.md, "Second wave": myTasks).

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

export interface Task {
  kind: TaskKind;
  entityId: string;
  title: string;
  /** ISO date-time (escalations), ISO date (agreements, experiments) or null. */
  dueAt: string | null;
  overdue: boolean;
}

/** The server answers at most this many tasks. */
export const MAX_TASKS = 100;

export const MY_TASKS_QUERY = /* GraphQL */ `
  query MyTasks {
    myTasks {
      kind
      entityId
      title
      dueAt
      overdue
    }
  }
`;

/** The page of the app where the task is done. */
export function taskHref(task: Pick<Task, 'kind' | 'entityId'>): string {
  const id = encodeURIComponent(task.entityId);
  switch (task.kind) {
    case 'ACKNOWLEDGE_ESCALATION':
    case 'DECIDE_ESCALATION':
    case 'RESOLVE_ESCALATION':
      return `/escalations/${id}`;
    case 'HOLD_FOLLOW_UP':
    case 'REPORT_PROGRESS':
      return `/agreements#agreement-${id}-title`;
    case 'EVALUATE_EXPERIMENT':
      return `/experiments#experiment-${id}-title`;
    case 'CLASSIFY_SIGNAL':
      return `/signals/${id}`;
    default: {
      const unknownKind: never = task.kind;
      return unknownKind;
    }
  }
}
