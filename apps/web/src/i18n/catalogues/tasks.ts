// The texts of the inbox ("Mijn taken"), in Dutch and English.

const nl = {
  'nav.tasks': 'Mijn taken',
  'nav.tasksCount': '{count} open',
  'tasks.title': 'Mijn taken',
  'tasks.intro': 'Wat er voor u klaarligt, het dringendste eerst: eerst wat te laat is, dan op deadline.',
  'tasks.caption': 'Mijn taken, het dringendste eerst',
  'tasks.empty': 'U heeft geen openstaande taken.',
  'tasks.limit': 'De eerste {count} taken worden getoond.',
  'tasks.kind': 'Taak',
  'tasks.subject': 'Onderwerp',
  'tasks.due': 'Uiterlijk',
  'tasks.noDue': 'Geen deadline',
  'tasks.kind.ACKNOWLEDGE_ESCALATION': 'Escalatie in behandeling nemen',
  'tasks.kind.DECIDE_ESCALATION': 'Besluiten over escalatie',
  'tasks.kind.RESOLVE_ESCALATION': 'Escalatie afronden',
  'tasks.kind.HOLD_FOLLOW_UP': 'Voortgangsgesprek houden',
  'tasks.kind.REPORT_PROGRESS': 'Voortgang van afspraak melden',
  'tasks.kind.EVALUATE_EXPERIMENT': 'Experiment evalueren',
  'tasks.kind.CLASSIFY_SIGNAL': 'Signaal classificeren',
} as const;

const en: Record<keyof typeof nl, string> = {
  'nav.tasks': 'My tasks',
  'nav.tasksCount': '{count} open',
  'tasks.title': 'My tasks',
  'tasks.intro': 'What is waiting for you, most urgent first: overdue first, then by deadline.',
  'tasks.caption': 'My tasks, most urgent first',
  'tasks.empty': 'You have no open tasks.',
  'tasks.limit': 'The first {count} tasks are shown.',
  'tasks.kind': 'Task',
  'tasks.subject': 'Subject',
  'tasks.due': 'Due',
  'tasks.noDue': 'No deadline',
  'tasks.kind.ACKNOWLEDGE_ESCALATION': 'Acknowledge escalation',
  'tasks.kind.DECIDE_ESCALATION': 'Decide on escalation',
  'tasks.kind.RESOLVE_ESCALATION': 'Resolve escalation',
  'tasks.kind.HOLD_FOLLOW_UP': 'Hold follow-up',
  'tasks.kind.REPORT_PROGRESS': 'Report progress on agreement',
  'tasks.kind.EVALUATE_EXPERIMENT': 'Evaluate experiment',
  'tasks.kind.CLASSIFY_SIGNAL': 'Classify signal',
};

export const tasksMessages = { nl, en };
