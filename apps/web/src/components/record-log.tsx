import { Heading2, Paragraph } from '@utrecht/component-library-react';
import type { Loaded } from '../api/use-api';
import { useI18n } from '../i18n/i18n.context';
import { useReference } from '../reference/reference.context';
import { timelineOf, type TimelineEvent } from './history-timeline';
import { LoadError } from './ui';

/** One entry of a record's log: what happened, and the text written with it. */
export interface LogEntry {
  key: string;
  title: string;
  recordedAt: string | undefined;
  actor: TimelineEvent['actor'];
  /** Lines of text as written (notes, reasons, results); shown as plain text, never markup. */
  texts: string[];
}

/** What one event adds to a record's log: its title and the texts written with it (absent ones left out). */
export interface LogLine {
  title: string;
  texts: Array<string | undefined>;
}

export const logLine = (title: string, texts: Array<string | undefined> = []): LogLine => ({ title, texts });

/** A record's log from its history: `describe` tells each event's line, or undefined for one the log leaves out. */
export function logFrom(
  events: TimelineEvent[],
  describe: (event: TimelineEvent) => LogLine | undefined,
): LogEntry[] {
  return events.flatMap((event, index): LogEntry[] => {
    const line = describe(event);
    if (line === undefined) return [];
    return [
      {
        key: `${event.revision ?? index}`,
        title: line.title,
        recordedAt: event.recordedAt,
        actor: event.actor,
        texts: line.texts.filter((text): text is string => text !== undefined),
      },
    ];
  });
}

/** A record's log from its loaded history, or why the history could not be loaded. */
export function RecordHistoryLog({
  id,
  history,
  entriesOf,
}: {
  id: string;
  history: Loaded<unknown>;
  entriesOf: (events: TimelineEvent[]) => LogEntry[];
}) {
  return (
    <div>
      {history.error && <LoadError error={history.error} onRetry={history.reload} />}
      {history.data !== undefined && <RecordLog id={id} entries={entriesOf(timelineOf(history.data))} />}
    </div>
  );
}

/** The whole log of an agreement or experiment, oldest first, every entry with its own text. */
export function RecordLog({ id, entries }: { id: string; entries: LogEntry[] }) {
  const { t, formatDateTime } = useI18n();
  const { authorityName } = useReference();
  return (
    <section aria-labelledby={id} className="pl-section">
      <Heading2 id={id}>{t('detail.log')}</Heading2>
      {entries.length === 0 ? (
        <Paragraph>{t('detail.logEmpty')}</Paragraph>
      ) : (
        <ol className="pl-timeline">
          {entries.map((entry) => (
            <li key={entry.key} className="pl-timeline__item">
              <span className="pl-timeline__marker" aria-hidden="true" />
              <div className="pl-timeline__body">
                <p className="pl-timeline__title">
                  <strong>{entry.title}</strong>
                  {entry.recordedAt && (
                    <>
                      {' · '}
                      <time dateTime={entry.recordedAt}>{formatDateTime(entry.recordedAt)}</time>
                    </>
                  )}
                </p>
                {entry.actor && (
                  <p className="pl-timeline__actor">
                    {t('app.by', {
                      actor: `${entry.actor.name ?? entry.actor.sub ?? ''}${entry.actor.authority ? `, ${authorityName(entry.actor.authority)}` : ''}`,
                    })}
                  </p>
                )}
                {entry.texts.map((text, index) => (
                  <p key={index} className="pl-multiline pl-log__text">
                    {text}
                  </p>
                ))}
              </div>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

export const textOf = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value : undefined;
