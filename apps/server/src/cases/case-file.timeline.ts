import type { RecordedEvent } from '@praktijklus/event-store';

/** The kinds of record a case file follows; a new kind is one entry here and a table of summaries. */
export type CaseFileEntity = 'signal' | 'escalation' | 'agreement' | 'experiment';

export interface TimelineEntry {
  /** ISO 8601: the event's own time (the domain's `…At` field), as written by the command. */
  at: string;
  /** The acting authority, from the event's actor; the platform itself is `system`. */
  authority: string;
  entity: CaseFileEntity;
  entityId: string;
  type: string;
  summary: string;
}

/** What a summary may know besides the event: authority names, and whether the initiative was erased. */
export interface SummaryContext {
  nameOf(authority: string): string;
  initiativeErased: boolean;
}

type Data = Record<string, unknown>;
interface EventRule {
  /** The data field holding the event's own time. */
  at: string;
  /** A short Dutch sentence from structured facts only: no free text, no personal data. */
  summary(data: Data, context: SummaryContext): string;
}

const text = (data: Data, field: string): string => {
  const value = data[field];
  return typeof value === 'string' ? value : '';
};
const count = (data: Data, field: string): number => {
  const value = data[field];
  return Array.isArray(value) ? value.length : 0;
};
const day = (value: string): string => value.slice(0, 10);
const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

const OUTCOMES: Record<string, string> = {
  POLICY_ADJUSTED: 'beleid aangepast',
  EXPERIMENT_GRANTED: 'experiment toegestaan',
  CUSTOM_SOLUTION: 'maatwerkoplossing',
  NO_CHANGE: 'geen wijziging',
  REFERRED: 'doorverwezen',
};

const SIGNAL_RULES: Record<string, EventRule> = {
  SignalRecorded: {
    at: 'recordedAt',
    summary: (d, c) =>
      `Signaal gemeld door ${c.nameOf(text(d, 'reportingAuthority'))}${c.initiativeErased ? '; initiatief: gegevens gewist' : ''}.`,
  },
  SignalAmended: { at: 'amendedAt', summary: () => 'Signaal aangepast.' },
  SignalClassified: { at: 'classifiedAt', summary: () => 'Signaal ingedeeld in thema’s.' },
  SignalMarkedDuplicate: { at: 'markedAt', summary: () => 'Signaal aangemerkt als dubbel.' },
  SignalWithdrawn: { at: 'withdrawnAt', summary: () => 'Signaal ingetrokken.' },
  SignalPersonalDataErased: {
    at: 'erasedAt',
    summary: () => 'Persoonsgegevens van het initiatief verwijderd: gegevens gewist.',
  },
};

const ESCALATION_RULES: Record<string, EventRule> = {
  EscalationRaised: {
    at: 'raisedAt',
    summary: (d, c) =>
      `Escalatie door ${c.nameOf(text(d, 'raisedBy'))} gericht aan ${c.nameOf(text(d, 'addressedTo'))}, reactie uiterlijk ${day(text(d, 'respondBy'))}.`,
  },
  EscalationAcknowledged: { at: 'acknowledgedAt', summary: () => 'Escalatie in behandeling genomen.' },
  AuthorityInvolved: {
    at: 'involvedAt',
    summary: (d, c) => `${c.nameOf(text(d, 'authority'))} betrokken bij de escalatie.`,
  },
  SignalsAttached: {
    at: 'attachedAt',
    summary: (d) => `${plural(count(d, 'signalIds'), 'signaal', 'signalen')} toegevoegd aan de escalatie.`,
  },
  EscalationTransferred: {
    at: 'transferredAt',
    summary: (d, c) =>
      `Escalatie overgedragen van ${c.nameOf(text(d, 'from'))} aan ${c.nameOf(text(d, 'to'))}.`,
  },
  EscalationDecided: {
    at: 'decidedAt',
    summary: (d) => `Besluit genomen: ${OUTCOMES[text(d, 'outcome')] ?? text(d, 'outcome')}.`,
  },
  EscalationResolved: { at: 'resolvedAt', summary: () => 'Escalatie afgerond.' },
  EscalationReopened: { at: 'reopenedAt', summary: () => 'Escalatie heropend.' },
  EscalationDeadlinePassed: {
    at: 'passedAt',
    summary: (d, c) => `Reactietermijn verstreken zonder besluit van ${c.nameOf(text(d, 'awaited'))}.`,
  },
  EscalationEscalatedForNonResponse: {
    at: 'escalatedAt',
    summary: (d, c) =>
      text(d, 'to') === ''
        ? `Geen reactie van ${c.nameOf(text(d, 'from'))}; er is geen hogere overheid meer.`
        : `Geen reactie van ${c.nameOf(text(d, 'from'))}; doorgezet naar ${c.nameOf(text(d, 'to'))}.`,
  },
};

const AGREEMENT_RULES: Record<string, EventRule> = {
  AgreementMade: {
    at: 'madeAt',
    summary: (d, c) =>
      `Afspraak gemaakt door ${c.nameOf(text(d, 'owner'))}, af uiterlijk ${text(d, 'dueBy')}.`,
  },
  ProgressReported: {
    at: 'reportedAt',
    summary: (d) => `Voortgang gemeld: ${typeof d.percent === 'number' ? d.percent : 0}%.`,
  },
  FollowUpRecorded: {
    at: 'recordedAt',
    summary: (d) => `Terugkomgesprek gehouden op ${text(d, 'heldOn')}.`,
  },
  AgreementFulfilled: { at: 'fulfilledAt', summary: () => 'Afspraak nagekomen.' },
  AgreementMarkedUnmet: { at: 'markedAt', summary: () => 'Afspraak niet nagekomen.' },
  AgreementCancelled: { at: 'cancelledAt', summary: () => 'Afspraak vervallen.' },
  AgreementDueDatePassed: {
    at: 'passedAt',
    summary: (d) => `Einddatum ${text(d, 'dueBy')} verstreken.`,
  },
  FollowUpMissed: {
    at: 'missedAt',
    summary: (d) => `Terugkomgesprek van ${text(d, 'followUpOn')} niet gehouden.`,
  },
};

const EXPERIMENT_RULES: Record<string, EventRule> = {
  ExperimentStarted: {
    at: 'startedAt',
    summary: (d, c) =>
      `Experiment gestart door ${c.nameOf(text(d, 'owner'))} (${text(d, 'startsOn')} t/m ${text(d, 'endsOn')}).`,
  },
  ExperimentExtended: { at: 'extendedAt', summary: (d) => `Experiment verlengd tot ${text(d, 'endsOn')}.` },
  ExperimentEvaluated: { at: 'evaluatedAt', summary: () => 'Experiment geëvalueerd.' },
  ExperimentClosed: { at: 'closedAt', summary: () => 'Experiment afgesloten.' },
  ExperimentEvaluationOverdue: { at: 'overdueAt', summary: () => 'Evaluatie van het experiment is te laat.' },
};

const RULES: Record<CaseFileEntity, Record<string, EventRule>> = {
  signal: SIGNAL_RULES,
  escalation: ESCALATION_RULES,
  agreement: AGREEMENT_RULES,
  experiment: EXPERIMENT_RULES,
};

const ENTITY_WORDS: Record<CaseFileEntity, string> = {
  signal: 'signaal',
  escalation: 'escalatie',
  agreement: 'afspraak',
  experiment: 'experiment',
};

const isInstant = (value: unknown): value is string =>
  typeof value === 'string' && !Number.isNaN(Date.parse(value));

/** The event's own time; an event without one (an older or unknown type) falls back to when it was stored. */
export const timeOf = (entity: CaseFileEntity, event: RecordedEvent): string => {
  const field = RULES[entity][event.type]?.at;
  const value = field === undefined ? undefined : event.data[field];
  return new Date(isInstant(value) ? value : event.recordedAt).toISOString();
};

export const entryOf = (
  entity: CaseFileEntity,
  entityId: string,
  event: RecordedEvent,
  context: SummaryContext,
): TimelineEntry => {
  const rule = RULES[entity][event.type];
  return {
    at: timeOf(entity, event),
    authority: event.metadata.actor.authority,
    entity,
    entityId,
    type: event.type,
    summary: rule?.summary(event.data, context) ?? `Gebeurtenis bij ${ENTITY_WORDS[entity]}.`,
  };
};

/** Time order; events at the same instant keep the order they were collected in (stream order). */
export const inTimeOrder = (entries: readonly TimelineEntry[]): TimelineEntry[] =>
  entries
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => Date.parse(a.entry.at) - Date.parse(b.entry.at) || a.index - b.index)
    .map(({ entry }) => entry);
