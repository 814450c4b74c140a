import { useState } from 'react';
import {
  INITIATIVE_KINDS,
  SIGNAL_LEVELS,
  SIGNAL_TYPES,
  type InitiativeKind,
  type SignalLevel,
  type SignalType,
  type SignalView,
} from '../api/api.types';
import { useI18n } from '../i18n/i18n.context';
import { useReference } from '../reference/reference.context';
import { emptySignalDraft, validateSignal, type SignalDraft } from '../pages/signal-form.validation';
import { today } from '../util/dates';
import { CommandForm } from './command-form';
import { SelectField, TextAreaField, TextField } from './form-fields';

interface Editable {
  type: SignalType;
  title: string;
  description: string;
  policyDomain: string;
  level: SignalLevel;
  initiativeKind: InitiativeKind;
  observedAt: string;
}

const editableOf = (signal: SignalView): Editable => ({
  type: signal.type,
  title: signal.title,
  description: signal.description ?? '',
  policyDomain: signal.policyDomain,
  level: signal.level,
  initiativeKind: signal.initiativeKind,
  observedAt: signal.observedAt.slice(0, 10),
});

const FIELDS = [
  'type',
  'title',
  'description',
  'policyDomain',
  'level',
  'initiativeKind',
  'observedAt',
] as const;

/**
 * The reporting officer amends the signal (`PATCH /api/v1/signals/{id}`): only the fields they
 * changed are sent, so the history shows exactly those, old -> new.
 */
export function AmendSignalForm({ signal }: { signal: SignalView }) {
  const { t, label, language } = useI18n();
  const { policyDomains } = useReference();
  const original = editableOf(signal);
  const [draft, setDraft] = useState<Editable>(original);
  const changed = FIELDS.filter((field) => draft[field] !== original[field]);
  const option = (prefix: string) => (value: string) => ({ value, label: label(prefix, value) });

  const validate = (): Record<string, string | undefined> => {
    if (changed.length === 0) return { title: t('amend.nothingChanged') };
    const whole: SignalDraft = {
      ...emptySignalDraft(),
      ...draft,
      authorities: signal.authorities,
      norms: (signal.norms ?? []).map((norm) => ({ ref: norm.ref, title: norm.title ?? '' })),
    };
    const found = validateSignal(whole, today());
    const errors: Record<string, string | undefined> = {};
    for (const field of FIELDS) {
      const key = found[field];
      if (key) errors[field] = t(key);
    }
    // A new type may ask for more norms or authorities than the signal names: that is the type's error.
    const needed = found.norms ?? found.authorities;
    if (needed && errors.type === undefined && draft.type !== original.type) errors.type = t(needed);
    return errors;
  };

  return (
    <CommandForm
      id="amend"
      title={t('amend.title')}
      submitLabel={t('amend.submit')}
      successMessage={t('amend.done')}
      successAs="flash"
      command={() => ({
        path: `/api/v1/signals/${encodeURIComponent(signal.id)}`,
        method: 'PATCH',
        body: Object.fromEntries(
          changed.map((field) => [field, field === 'title' ? draft.title.trim() : draft[field]]),
        ),
      })}
      validate={validate}
    >
      {(errorOf) => (
        <>
          <SelectField
            id="amend-type"
            label={t('signal.type')}
            value={draft.type}
            onChange={(type) => setDraft({ ...draft, type: type as SignalType })}
            options={SIGNAL_TYPES.map(option('signalType'))}
            error={errorOf('type')}
            required
          />
          <TextField
            id="amend-title"
            label={t('signal.title')}
            value={draft.title}
            onChange={(title) => setDraft({ ...draft, title })}
            error={errorOf('title')}
            maxLength={200}
            required
          />
          <TextAreaField
            id="amend-description"
            label={t('signal.description')}
            value={draft.description}
            onChange={(description) => setDraft({ ...draft, description })}
            error={errorOf('description')}
            rows={5}
            required
          />
          <SelectField
            id="amend-policyDomain"
            label={t('signal.policyDomain')}
            value={draft.policyDomain}
            onChange={(policyDomain) => setDraft({ ...draft, policyDomain })}
            options={policyDomains.map((domain) => ({
              value: domain.code,
              label: language === 'nl' ? domain.labelNl : domain.labelEn,
            }))}
            error={errorOf('policyDomain')}
            required
          />
          <SelectField
            id="amend-level"
            label={t('signal.level')}
            value={draft.level}
            onChange={(level) => setDraft({ ...draft, level: level as SignalLevel })}
            options={SIGNAL_LEVELS.map(option('level'))}
            error={errorOf('level')}
            required
          />
          <SelectField
            id="amend-initiativeKind"
            label={t('signal.initiativeKind')}
            value={draft.initiativeKind}
            onChange={(initiativeKind) =>
              setDraft({ ...draft, initiativeKind: initiativeKind as InitiativeKind })
            }
            options={INITIATIVE_KINDS.map(option('initiativeKind'))}
            error={errorOf('initiativeKind')}
            required
          />
          <TextField
            id="amend-observedAt"
            type="date"
            label={t('signal.observedAt')}
            value={draft.observedAt}
            max={today()}
            onChange={(observedAt) => setDraft({ ...draft, observedAt })}
            error={errorOf('observedAt')}
            required
          />
        </>
      )}
    </CommandForm>
  );
}
