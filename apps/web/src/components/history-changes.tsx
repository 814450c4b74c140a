import type { MessageKey } from '../i18n/messages';
import { useI18n } from '../i18n/i18n.context';
import { useReference } from '../reference/reference.context';
import type { FieldChange } from './history-timeline';

/** The detail fields a change already shows (a transfer's `from`/`to` are its addressee). */
export const shownAsChanges = (changes: readonly FieldChange[]): ReadonlySet<string> => {
  const fields = new Set(changes.map((change) => change.field));
  if (fields.has('addressedTo')) {
    fields.add('from');
    fields.add('to');
  }
  return fields;
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A changed value as the screens show it: labels for codes, names for authorities, dates as dates. */
function useValueText(): (field: string, value: unknown) => string {
  const { t, label, formatDate, formatDateTime } = useI18n();
  const { authorityName, domainLabel } = useReference();
  return (field, value) => {
    if (value === null || value === undefined || value === '') return t('app.none');
    if (field === 'initiative' && typeof value === 'boolean')
      return value ? t('change.initiativePresent') : t('change.initiativeAbsent');
    if (Array.isArray(value)) {
      if (value.length === 0) return t('app.none');
      return value
        .map((item) => {
          if (field === 'authorities' && typeof item === 'string') return authorityName(item);
          if (field === 'norms' && isRecord(item))
            return `${String(item.ref)}${typeof item.title === 'string' ? ` — ${item.title}` : ''}`;
          return String(item);
        })
        .join(', ');
    }
    if (isRecord(value)) {
      if (field === 'location') {
        const place = typeof value.municipality === 'string' ? authorityName(value.municipality) : undefined;
        const point =
          typeof value.lat === 'number' && typeof value.lon === 'number'
            ? `${value.lat}, ${value.lon}`
            : undefined;
        return [place, point].filter(Boolean).join(' · ') || t('app.none');
      }
      return JSON.stringify(value);
    }
    if (typeof value !== 'string') return String(value);
    switch (field) {
      case 'policyDomain':
        return domainLabel(value);
      case 'type':
        return label('signalType', value);
      case 'level':
        return label('level', value);
      case 'initiativeKind':
        return label('initiativeKind', value);
      case 'status':
        return label('signalStatus', value);
      case 'addressedTo':
        return authorityName(value);
      case 'respondBy':
        return formatDateTime(value);
      case 'observedAt':
        return value.length === 10 ? formatDate(value) : formatDateTime(value);
      default:
        return value;
    }
  };
}

/** What an event changed, one line per field: "Titel: was X, wordt Y" with the old struck through. */
export function Changes({ changes }: { changes: readonly FieldChange[] }) {
  const { t } = useI18n();
  const text = useValueText();
  if (changes.length === 0) return null;
  return (
    <ul className="pl-changes">
      {changes.map((change) => {
        const key = `change.field.${change.field}`;
        const name = key in FIELD_KEYS ? t(key as MessageKey) : change.field;
        const replaced = change.field === 'initiative' && change.from === true && change.to === true;
        return (
          <li key={change.field} data-change-field={change.field}>
            {name}:{' '}
            {replaced ? (
              t('change.initiativeReplaced')
            ) : (
              <>
                <span className="pl-visually-hidden">{t('change.from')} </span>
                <del className="pl-multiline">{text(change.field, change.from)}</del>
                <span aria-hidden="true"> → </span>
                <span className="pl-visually-hidden"> {t('change.to')} </span>
                <ins className="pl-multiline">{text(change.field, change.to)}</ins>
              </>
            )}
          </li>
        );
      })}
    </ul>
  );
}

const FIELD_KEYS: Record<string, true> = Object.fromEntries(
  [
    'type',
    'title',
    'description',
    'policyDomain',
    'level',
    'initiativeKind',
    'observedAt',
    'authorities',
    'norms',
    'location',
    'initiative',
    'themes',
    'duplicateOf',
    'status',
    'addressedTo',
    'respondBy',
  ].map((field) => [`change.field.${field}`, true]),
);
