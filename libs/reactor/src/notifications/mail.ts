import { pageLinkOf, pagePathOf } from './links';

/** The outbox type of the daily digest (e-mail only; no domain event behind it). */
export const DIGEST_TYPE = 'nl.praktijklus.digest.overdue';

export type OverdueKind =
  'escalation' | 'agreement-due-date' | 'agreement-follow-up' | 'experiment-evaluation';

export interface OverdueItem {
  kind: OverdueKind;
  entityId: string;
  title: string | null;
  /** The date or instant that passed, as the events name it. */
  dueOn: string;
}

/** What a digest delivery stores in the outbox: enough to write the e-mail, nothing personal. */
export interface DigestBody {
  day: string;
  authority: string;
  items: OverdueItem[];
}

export interface MailMessage {
  subject: string;
  text: string;
  html: string;
}

const WHAT_HAPPENED: Readonly<Record<string, string>> = {
  'nl.praktijklus.signal.recorded': 'Er is een signaal geregistreerd',
  'nl.praktijklus.escalation.raised': 'Er is een escalatie ingediend',
  'nl.praktijklus.escalation.acknowledged': 'Een escalatie is in behandeling genomen',
  'nl.praktijklus.escalation.transferred': 'Een escalatie is overgedragen',
  'nl.praktijklus.escalation.decided': 'Over een escalatie is besloten',
  'nl.praktijklus.escalation.resolved': 'Een escalatie is afgehandeld',
  'nl.praktijklus.escalation.reopened': 'Een escalatie is heropend',
  'nl.praktijklus.escalation.deadline-passed': 'De reactietermijn van een escalatie is verstreken',
  'nl.praktijklus.escalation.escalated-for-non-response':
    'Een escalatie is opgeschaald omdat een reactie uitbleef',
  'nl.praktijklus.agreement.made': 'Er is een bestuurlijke afspraak gemaakt',
  'nl.praktijklus.agreement.due-date-passed': 'De einddatum van een afspraak is verstreken',
  'nl.praktijklus.agreement.follow-up-missed': 'Een vervolgoverleg over een afspraak is niet gehouden',
  'nl.praktijklus.agreement.fulfilled': 'Een afspraak is nagekomen',
  'nl.praktijklus.agreement.unmet': 'Een afspraak is niet nagekomen',
  'nl.praktijklus.experiment.started': 'Er is een experiment gestart',
  'nl.praktijklus.experiment.evaluation-overdue': 'De evaluatie van een experiment is te laat',
  'nl.praktijklus.experiment.evaluated': 'Een experiment is geëvalueerd',
};

const NOUN: ReadonlyArray<[string, string]> = [
  ['nl.praktijklus.signal.', 'Signaal'],
  ['nl.praktijklus.escalation.', 'Escalatie'],
  ['nl.praktijklus.agreement.', 'Afspraak'],
  ['nl.praktijklus.experiment.', 'Experiment'],
];

// Dates and authority codes only: what a recipient needs to act, never free text about people.
const FACTS: ReadonlyArray<[string, string]> = [
  ['respondBy', 'Reactie uiterlijk'],
  ['awaited', 'Wacht op'],
  ['addressedTo', 'Gericht aan'],
  ['from', 'Van'],
  ['to', 'Naar'],
  ['outcome', 'Besluit'],
  ['dueBy', 'Uiterlijk'],
  ['followUpOn', 'Vervolgoverleg op'],
  ['endsOn', 'Einddatum'],
];

const KIND_LABEL: Readonly<Record<OverdueKind, [string, string]>> = {
  escalation: ['Escalatie', 'reactie uiterlijk'],
  'agreement-due-date': ['Afspraak', 'uiterlijk'],
  'agreement-follow-up': ['Afspraak', 'vervolgoverleg op'],
  'experiment-evaluation': ['Experiment', 'evaluatie na'],
};

const KIND_TYPE: Readonly<Record<OverdueKind, string>> = {
  escalation: 'nl.praktijklus.escalation.',
  'agreement-due-date': 'nl.praktijklus.agreement.',
  'agreement-follow-up': 'nl.praktijklus.agreement.',
  'experiment-evaluation': 'nl.praktijklus.experiment.',
};

const escapeHtml = (value: string): string =>
  value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

/** A date as the Dutch read it (1 december 2026), an instant with its Amsterdam time. */
export function dutchDate(value: string): string {
  const instant = value.length > 10;
  const date = new Date(instant ? value : `${value}T12:00:00Z`);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat('nl-NL', {
    dateStyle: 'long',
    ...(instant ? { timeStyle: 'short' } : {}),
    timeZone: 'Europe/Amsterdam',
  }).format(date);
}

const FOOTER =
  'U ontvangt dit bericht omdat uw organisatie zich in Praktijklus op deze meldingen heeft geabonneerd.';

const render = (subject: string, lines: string[], link: string | undefined): MailMessage => ({
  subject,
  text: [...lines, ...(link === undefined ? [] : ['', `Bekijk in Praktijklus: ${link}`]), '', FOOTER].join(
    '\n',
  ),
  html:
    `<!doctype html><html lang="nl"><body>` +
    lines
      .filter((line) => line !== '')
      .map((line) => `<p>${escapeHtml(line)}</p>`)
      .join('') +
    (link === undefined ? '' : `<p><a href="${escapeHtml(link)}">Bekijk in Praktijklus</a></p>`) +
    `<p><small>${escapeHtml(FOOTER)}</small></p></body></html>`,
});

/** The e-mail of one notification: what happened, to which entity, its dates, and the link to its page. */
export function notificationMail(
  type: string,
  cloudEventBody: string,
  publicUrl: string | undefined,
): MailMessage {
  const event = JSON.parse(cloudEventBody) as { subject?: unknown; data?: Record<string, unknown> };
  const subject = String(event.subject ?? '');
  const data = event.data ?? {};
  const what = WHAT_HAPPENED[type] ?? 'Er is iets gebeurd in Praktijklus';
  const noun = NOUN.find(([prefix]) => type.startsWith(prefix))?.[1] ?? 'Onderwerp';
  const title = typeof data.title === 'string' ? data.title : undefined;
  const facts = FACTS.flatMap(([field, label]) => {
    const value = data[field];
    if (typeof value !== 'string' || value === '') return [];
    return [`${label}: ${/^\d{4}-\d{2}-\d{2}/.test(value) ? dutchDate(value) : value}`];
  });
  return render(
    `Praktijklus: ${what.charAt(0).toLowerCase()}${what.slice(1)}${title === undefined ? '' : ` – ${title}`}`,
    [`${what}.`, '', `${noun}: ${title === undefined ? subject : `${title} (${subject})`}`, ...facts],
    pageLinkOf(publicUrl, type, subject),
  );
}

/** The daily digest: each overdue item with its due date and the link to its page. */
export function digestMail(body: DigestBody, publicUrl: string | undefined): MailMessage {
  const count = body.items.length;
  const lines = body.items.map((item) => {
    const [noun, dueLabel] = KIND_LABEL[item.kind];
    const path = pagePathOf(`${KIND_TYPE[item.kind]}x`, item.entityId);
    const link = publicUrl === undefined || path === undefined ? '' : ` – ${publicUrl}${path}`;
    return `- ${noun} ${item.title ?? item.entityId}: ${dueLabel} ${dutchDate(item.dueOn)}${link}`;
  });
  return render(
    `Praktijklus: ${count} ${count === 1 ? 'item' : 'items'} over de termijn (${dutchDate(body.day)})`,
    [
      `Overzicht van ${dutchDate(body.day)} voor ${body.authority}: over de termijn en nog niet afgehandeld.`,
      '',
      ...lines,
    ],
    publicUrl,
  );
}
