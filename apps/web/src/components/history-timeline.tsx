import { Heading2, Paragraph } from '@utrecht/component-library-react';
import { useI18n } from '../i18n/i18n.context';
import { Changes, shownAsChanges } from './history-changes';
import { useReference } from '../reference/reference.context';

export interface TimelineEvent {
  type: string;
  revision: number | undefined;
  recordedAt: string | undefined;
  actor: { sub?: string; authority?: string; name?: string } | undefined;
  data: Record<string, unknown>;
  /** What the event changed, old -> new, as the history endpoint derives it. */
  changes: FieldChange[];
}

export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** Reads `GET .../history` leniently: a list of events, or an object holding one under `events`. */
export function timelineOf(body: unknown): TimelineEvent[] {
  const list = Array.isArray(body) ? body : isRecord(body) && Array.isArray(body.events) ? body.events : [];
  return list.filter(isRecord).map((event) => {
    const metadata = isRecord(event.metadata) ? event.metadata : {};
    const actorSource = isRecord(event.actor)
      ? event.actor
      : isRecord(metadata.actor)
        ? metadata.actor
        : undefined;
    return {
      type: text(event.type) ?? text(event.eventType) ?? '?',
      revision: typeof event.revision === 'number' ? event.revision : undefined,
      recordedAt: text(event.recordedAt) ?? text(event.created) ?? text(event.time),
      actor: actorSource
        ? { sub: text(actorSource.sub), authority: text(actorSource.authority), name: text(actorSource.name) }
        : undefined,
      data: isRecord(event.data) ? event.data : {},
      changes: Array.isArray(event.changes)
        ? event.changes
            .filter(isRecord)
            .flatMap((change) =>
              typeof change.field === 'string'
                ? [{ field: change.field, from: change.from, to: change.to }]
                : [],
            )
        : [],
    };
  });
}

// The fields worth a line in the timeline, per kind of value they carry.
const DETAIL_FIELDS = [
  'title',
  'reason',
  'note',
  'rationale',
  'summary',
  'outcome',
  'to',
  'from',
  'authority',
  'addressedTo',
  'respondBy',
  'themes',
  'policyDomain',
  'duplicateOf',
] as const;

function Details({ data, shown }: { data: Record<string, unknown>; shown: ReadonlySet<string> }) {
  const { t, label, formatDateTime } = useI18n();
  const { authorityName, domainLabel } = useReference();
  const lines: string[] = [];
  for (const field of DETAIL_FIELDS) {
    if (shown.has(field)) continue;
    const value = data[field];
    if (value === undefined || value === null || value === '') continue;
    if (field === 'outcome' && typeof value === 'string') lines.push(label('outcome', value));
    else if (
      (field === 'to' || field === 'from' || field === 'authority' || field === 'addressedTo') &&
      typeof value === 'string'
    )
      lines.push(`${field === 'from' ? '←' : '→'} ${authorityName(value)}`);
    else if (field === 'respondBy' && typeof value === 'string')
      lines.push(`${t('escalation.respondBy')}: ${formatDateTime(value)}`);
    else if (field === 'policyDomain' && typeof value === 'string') lines.push(domainLabel(value));
    else if (Array.isArray(value)) lines.push(value.map(String).join(', '));
    else if (typeof value === 'string' || typeof value === 'number') lines.push(String(value));
  }
  if (lines.length === 0) return null;
  return (
    <ul className="pl-timeline__details">
      {lines.map((line, index) => (
        <li key={index}>{line}</li>
      ))}
    </ul>
  );
}

export function HistoryTimeline({ events, headingId }: { events: TimelineEvent[]; headingId: string }) {
  const { t, label, formatDateTime } = useI18n();
  const { authorityName } = useReference();
  return (
    <section aria-labelledby={headingId} className="pl-section">
      <Heading2 id={headingId}>{t('app.history')}</Heading2>
      {events.length === 0 ? (
        <Paragraph>{t('app.historyEmpty')}</Paragraph>
      ) : (
        <ol className="pl-timeline">
          {events.map((event, index) => (
            <li key={`${event.revision ?? index}-${event.type}`} className="pl-timeline__item">
              <span className="pl-timeline__marker" aria-hidden="true" />
              <div className="pl-timeline__body">
                <p className="pl-timeline__title">
                  <strong>{label('history', event.type)}</strong>
                  {event.recordedAt && (
                    <>
                      {' · '}
                      <time dateTime={event.recordedAt}>{formatDateTime(event.recordedAt)}</time>
                    </>
                  )}
                </p>
                {event.actor && (
                  <p className="pl-timeline__actor">
                    {t('app.by', {
                      actor: `${event.actor.name ?? event.actor.sub ?? ''}${event.actor.authority ? `, ${authorityName(event.actor.authority)}` : ''}`,
                    })}
                  </p>
                )}
                <Changes changes={event.changes} />
                <Details data={event.data} shown={shownAsChanges(event.changes)} />
              </div>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
