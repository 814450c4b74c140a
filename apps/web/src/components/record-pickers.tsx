import { useEffect, useState, type ReactNode } from 'react';
import type { Connection, EscalationView, SignalView } from '../api/api.types';
import {
  ESCALATION_PICKER_QUERY,
  ESCALATION_TITLE_QUERY,
  PICKER_SIZE,
  SIGNAL_PICKER_QUERY,
  SIGNAL_TITLE_QUERY,
} from '../api/navigation.queries';
import { useGraphql } from '../api/use-api';
import { useI18n } from '../i18n/i18n.context';
import { useReference } from '../reference/reference.context';
import { Combobox, type ComboboxOption } from './combobox';

const TYPING_PAUSE_MS = 200;

/** `value`, once the user has stopped changing it for a moment: one request per pause, not per key. */
function useSettled(value: string): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), TYPING_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [value]);
  return settled;
}

interface RecordPickerProps {
  id: string;
  label: ReactNode;
  description?: ReactNode;
  value: string;
  onChange(value: string): void;
  error?: string;
  required?: boolean;
}

const fieldPropsOf = ({ id, label, description, value, error, required }: RecordPickerProps) => ({
  id,
  label,
  description,
  value,
  error,
  required,
});

type EscalationOption = Pick<
  EscalationView,
  'id' | 'title' | 'status' | 'raisedBy' | 'addressedTo' | 'raisedAt'
>;

/**
 * An escalation by what the user knows of it (title, who raised it, to whom, when), found among the
 * escalations the escalations view lets the user see; a prefilled id shows as its title.
 */
export function EscalationPicker(props: RecordPickerProps & { statuses?: readonly string[] }) {
  const { t, formatDate, label } = useI18n();
  const { authorityName } = useReference();
  const [query, setQuery] = useState('');
  const search = useSettled(query.trim());
  const found = useGraphql<{ escalations: Connection<EscalationOption> }>(
    ESCALATION_PICKER_QUERY,
    {
      ...(search !== '' ? { search } : {}),
      ...(props.statuses ? { filter: { statuses: props.statuses } } : {}),
      first: PICKER_SIZE,
    },
    { followWrites: false },
  );
  const chosen = useGraphql<{ escalation: EscalationOption | null }>(
    ESCALATION_TITLE_QUERY,
    { id: props.value },
    { skip: props.value === '', followWrites: false },
  );
  const describe = (escalation: EscalationOption): string =>
    [
      `${authorityName(escalation.raisedBy)} → ${authorityName(escalation.addressedTo)}`,
      formatDate(escalation.raisedAt.slice(0, 10)),
      label('escalationStatus', escalation.status),
    ].join(' · ');
  const options: ComboboxOption[] = (found.data?.escalations.edges ?? []).map(({ node }) => ({
    value: node.id,
    label: node.title ?? node.id,
    detail: describe(node),
  }));
  const total = found.data?.escalations.totalCount ?? 0;
  const selected = chosen.data?.escalation;
  return (
    <Combobox
      {...fieldPropsOf(props)}
      selectedLabel={selected && selected.id === props.value ? (selected.title ?? selected.id) : undefined}
      options={options}
      onQuery={setQuery}
      loading={found.loading}
      moreHint={total > options.length ? t('picker.more', { count: options.length }) : undefined}
      onChange={(value) => props.onChange(value)}
    />
  );
}

type SignalOption = Pick<SignalView, 'id' | 'title' | 'reportingAuthority' | 'observedAt' | 'status'>;

/**
 * A signal by its words (the signals' full-text search: title, description, norms, themes), among
 * those the signals view lets the user see; `exclude` (the signal itself) is never offered.
 */
export function SignalPicker(props: RecordPickerProps & { exclude?: string }) {
  const { t, formatDate, label } = useI18n();
  const { authorityName } = useReference();
  const [query, setQuery] = useState('');
  const search = useSettled(query.trim());
  const found = useGraphql<{ signals: Connection<SignalOption> }>(
    SIGNAL_PICKER_QUERY,
    { ...(search !== '' ? { search } : {}), first: PICKER_SIZE },
    { followWrites: false },
  );
  const chosen = useGraphql<{ signal: SignalOption | null }>(
    SIGNAL_TITLE_QUERY,
    { id: props.value },
    { skip: props.value === '', followWrites: false },
  );
  const options: ComboboxOption[] = (found.data?.signals.edges ?? [])
    .filter(({ node }) => node.id !== props.exclude)
    .map(({ node }) => ({
      value: node.id,
      label: node.title,
      detail: [
        authorityName(node.reportingAuthority),
        formatDate(node.observedAt.slice(0, 10)),
        label('signalStatus', node.status),
      ].join(' · '),
    }));
  const total = found.data?.signals.totalCount ?? 0;
  const selected = chosen.data?.signal;
  return (
    <Combobox
      {...fieldPropsOf(props)}
      selectedLabel={selected && selected.id === props.value ? selected.title : undefined}
      options={options}
      onQuery={setQuery}
      loading={found.loading}
      moreHint={total > options.length ? t('picker.more', { count: options.length }) : undefined}
      onChange={(value) => props.onChange(value)}
    />
  );
}
