import {
  Button,
  ButtonGroup,
  Fieldset,
  FieldsetLegend,
  FormFieldDescription,
  Heading1,
  Paragraph,
} from '@utrecht/component-library-react';
import { useMemo, useRef, useState, type FormEvent } from 'react';
import { INITIATIVE_KINDS, SIGNAL_LEVELS, SIGNAL_TYPES } from '../api/api.types';
import { useCommand } from '../api/use-api';
import { AppLayout } from '../components/app-layout';
import { AuthorityListField } from '../components/authority-list-field';
import { ErrorSummary, type SummaryError } from '../components/error-summary';
import { SimilarSuggestions } from '../components/knowledge-sections';
import { useFlash } from '../components/flash.context';
import { GroupError, RequiredMarker, SelectField, TextAreaField, TextField } from '../components/form-fields';
import { FormMessage } from '../components/ui';
import { useI18n } from '../i18n/i18n.context';
import { useReference } from '../reference/reference.context';
import { useRouter } from '../router/router';
import { today } from '../util/dates';
import {
  emptySignalDraft,
  SIGNAL_FIELD_ORDER,
  signalBodyOf,
  signalFieldId,
  signalFieldOf,
  validateSignal,
  type SignalDraft,
  type SignalField,
} from './signal-form.validation';
import { byLabel } from '../util/collate';

export function NewSignalPage() {
  const { t, label, language } = useI18n();
  const { authorities, policyDomains } = useReference();
  const { navigate } = useRouter();
  const { flash } = useFlash();
  const command = useCommand();
  const [draft, setDraft] = useState<SignalDraft>(emptySignalDraft);
  const [touched, setTouched] = useState<Partial<Record<SignalField, boolean>>>({});
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<Partial<Record<SignalField, string>>>({});
  const [otherErrors, setOtherErrors] = useState<string[]>([]);
  const summaryRef = useRef<HTMLDivElement>(null);

  const todayIso = today();
  const clientErrors = useMemo(() => validateSignal(draft, todayIso), [draft, todayIso]);

  // Inline errors appear once a field was left (or the form submitted); a server error stays until edited.
  const errorOf = (field: SignalField): string | undefined => {
    if (serverErrors[field]) return serverErrors[field];
    const key = clientErrors[field];
    if (!key || (!submitted && !touched[field])) return undefined;
    return key === 'validation.tooMany' ? t(key, { max: 20 }) : t(key);
  };

  const update = <K extends keyof SignalDraft>(key: K, field: SignalField, value: SignalDraft[K]) => {
    setDraft((old) => ({ ...old, [key]: value }));
    setTouched((old) => ({ ...old, [field]: true }));
    setServerErrors((old) => {
      if (!old[field]) return old;
      const next = { ...old };
      delete next[field];
      return next;
    });
  };

  const summary: SummaryError[] = submitted
    ? SIGNAL_FIELD_ORDER.flatMap((field) => {
        const message = errorOf(field);
        if (!message) return [];
        // The norms and authorities are groups: named by their legend, not their first control's label.
        const group = field === 'norms' || field === 'authorities' ? t(`signal.${field}`) : undefined;
        return [{ id: signalFieldId(field), message, label: group, named: Boolean(serverErrors[field]) }];
      })
    : [];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    setOtherErrors([]);
    if (Object.keys(clientErrors).length > 0) {
      requestAnimationFrame(() => summaryRef.current?.focus());
      return;
    }
    const result = await command.run('/api/v1/signals', signalBodyOf(draft));
    if (result) {
      flash(t('newSignal.recorded'));
      navigate(`/signals/${encodeURIComponent(result.id)}`);
    }
  };

  // A refusal with field errors is shown next to those fields and summed up on top.
  const refusal = command.error;
  const [handledRefusal, setHandledRefusal] = useState(refusal);
  if (refusal !== handledRefusal) {
    setHandledRefusal(refusal);
    if (refusal) {
      const byField: Partial<Record<SignalField, string>> = {};
      const unplaced: string[] = [];
      for (const error of refusal.fieldErrors) {
        const field = signalFieldOf(error.field);
        if (field) byField[field] = byField[field] ? `${byField[field]} ${error.message}` : error.message;
        else unplaced.push(error.message);
      }
      setServerErrors(byField);
      setOtherErrors(unplaced);
      requestAnimationFrame(() => summaryRef.current?.focus());
    }
  }

  const domainOptions = policyDomains.map((domain) => ({
    value: domain.code,
    label: language === 'nl' ? domain.labelNl : domain.labelEn,
  }));

  const setNorm = (index: number, key: 'ref' | 'title', value: string) =>
    update(
      'norms',
      'norms',
      draft.norms.map((norm, i) => (i === index ? { ...norm, [key]: value } : norm)),
    );

  return (
    <AppLayout title={t('newSignal.title')}>
      <Heading1>{t('newSignal.title')}</Heading1>
      <Paragraph>{t('newSignal.intro')}</Paragraph>
      <ErrorSummary ref={summaryRef} errors={summary} />
      {refusal && refusal.fieldErrors.length === 0 && (
        <FormMessage type="error">{t('app.serverError', { message: refusal.message })}</FormMessage>
      )}
      {otherErrors.length > 0 && <FormMessage type="error">{otherErrors.join(' ')}</FormMessage>}
      <form onSubmit={submit} noValidate className="pl-form" aria-label={t('newSignal.title')}>
        <SelectField
          id={signalFieldId('type')}
          label={t('signal.type')}
          value={draft.type}
          onChange={(value) => update('type', 'type', value as SignalDraft['type'])}
          options={byLabel(
            SIGNAL_TYPES.map((value) => ({ value, label: label('signalType', value) })),
            language,
          )}
          placeholder={t('app.choose')}
          error={errorOf('type')}
          required
        />
        <TextField
          id={signalFieldId('title')}
          label={t('signal.title')}
          description={t('signal.titleHint')}
          value={draft.title}
          onChange={(value) => update('title', 'title', value)}
          error={errorOf('title')}
          maxLength={200}
          required
        />
        <TextAreaField
          id={signalFieldId('description')}
          label={t('signal.description')}
          description={t('signal.descriptionHint')}
          value={draft.description}
          onChange={(value) => update('description', 'description', value)}
          error={errorOf('description')}
          maxLength={10_000}
          required
        />
        <SimilarSuggestions
          text={`${draft.title}\n${draft.description}`}
          type={draft.type}
          policyDomain={draft.policyDomain}
        />
        <div className="pl-columns">
          <SelectField
            id={signalFieldId('policyDomain')}
            label={t('signal.policyDomain')}
            value={draft.policyDomain}
            onChange={(value) => update('policyDomain', 'policyDomain', value)}
            options={domainOptions}
            placeholder={t('app.choose')}
            error={errorOf('policyDomain')}
            required
          />
          <SelectField
            id={signalFieldId('level')}
            label={t('signal.level')}
            value={draft.level}
            onChange={(value) => update('level', 'level', value as SignalDraft['level'])}
            options={SIGNAL_LEVELS.map((value) => ({ value, label: label('level', value) }))}
            placeholder={t('app.choose')}
            error={errorOf('level')}
            required
          />
          <SelectField
            id={signalFieldId('initiativeKind')}
            label={t('signal.initiativeKind')}
            value={draft.initiativeKind}
            onChange={(value) =>
              update('initiativeKind', 'initiativeKind', value as SignalDraft['initiativeKind'])
            }
            options={byLabel(
              INITIATIVE_KINDS.map((value) => ({ value, label: label('initiativeKind', value) })),
              language,
            )}
            placeholder={t('app.choose')}
            error={errorOf('initiativeKind')}
            required
          />
          <TextField
            id={signalFieldId('observedAt')}
            label={t('signal.observedAt')}
            type="date"
            max={todayIso}
            value={draft.observedAt}
            onChange={(value) => update('observedAt', 'observedAt', value)}
            error={errorOf('observedAt')}
            required
          />
        </div>

        <AuthorityListField
          id={signalFieldId('authorities')}
          legend={t('signal.authorities')}
          description={t('signal.authoritiesHint')}
          value={draft.authorities}
          onChange={(value) => update('authorities', 'authorities', value)}
          authorities={authorities}
          error={errorOf('authorities')}
          required={draft.type === 'UNCLEAR_AUTHORITY'}
          requiredText={t('signal.requiredForUnclear')}
        />

        <Fieldset
          className="pl-group"
          invalid={errorOf('norms') !== undefined}
          aria-describedby={`${signalFieldId('norms')}-description${errorOf('norms') ? ` ${signalFieldId('norms')}-error` : ''}`}
        >
          <FieldsetLegend>
            {t('signal.norms')}{' '}
            <RequiredMarker
              required={draft.type === 'CONFLICTING_NORMS'}
              requiredText={t('signal.requiredForConflicting')}
            />
          </FieldsetLegend>
          <FormFieldDescription id={`${signalFieldId('norms')}-description`}>
            {t('signal.normsHint')}
          </FormFieldDescription>
          <GroupError id={signalFieldId('norms')} error={errorOf('norms')} />
          {draft.norms.map((norm, index) => (
            <div className="pl-norm-row" key={index}>
              <TextField
                id={index === 0 ? signalFieldId('norms') : `${signalFieldId('norms')}-${index}`}
                label={t('signal.normRef', { n: index + 1 })}
                value={norm.ref}
                onChange={(value) => setNorm(index, 'ref', value)}
                plain
              />
              <TextField
                id={`${signalFieldId('norms')}-${index}-title`}
                label={t('signal.normTitle', { n: index + 1 })}
                value={norm.title}
                onChange={(value) => setNorm(index, 'title', value)}
                plain
              />
              {draft.norms.length > 1 && (
                <Button
                  appearance="subtle-button"
                  className="pl-norm-row__remove"
                  onClick={() =>
                    update(
                      'norms',
                      'norms',
                      draft.norms.filter((_, i) => i !== index),
                    )
                  }
                >
                  {t('signal.removeNorm', { n: index + 1 })}
                </Button>
              )}
            </div>
          ))}
          <Button
            appearance="secondary-action-button"
            onClick={() => update('norms', 'norms', [...draft.norms, { ref: '', title: '' }])}
            disabled={draft.norms.length >= 20}
          >
            {t('signal.addNorm')}
          </Button>
        </Fieldset>

        <Fieldset className="pl-group" aria-describedby="signal-initiative-description">
          <FieldsetLegend>
            {t('signal.initiative')} <span className="pl-optional">{t('app.optional')}</span>
          </FieldsetLegend>
          <FormFieldDescription id="signal-initiative-description">
            {t('signal.initiativeHint')}
          </FormFieldDescription>
          <div className="pl-columns">
            <TextField
              id={signalFieldId('initiative.name')}
              label={t('signal.initiativeName')}
              value={draft.initiativeName}
              onChange={(value) => update('initiativeName', 'initiative.name', value)}
              error={errorOf('initiative.name')}
              plain
            />
            <TextField
              id={signalFieldId('initiative.contact')}
              label={t('signal.initiativeContact')}
              value={draft.initiativeContact}
              onChange={(value) => update('initiativeContact', 'initiative.contact', value)}
              error={errorOf('initiative.contact')}
              plain
            />
          </div>
        </Fieldset>

        <Fieldset className="pl-group">
          <FieldsetLegend>
            {t('signal.location')} <span className="pl-optional">{t('app.optional')}</span>
          </FieldsetLegend>
          <div className="pl-columns">
            <TextField
              id={signalFieldId('location.municipality')}
              label={t('signal.municipality')}
              value={draft.municipality}
              onChange={(value) => update('municipality', 'location.municipality', value)}
              error={errorOf('location.municipality')}
              plain
            />
            <TextField
              id={signalFieldId('location.lat')}
              label={t('signal.lat')}
              inputMode="decimal"
              value={draft.lat}
              onChange={(value) => update('lat', 'location.lat', value)}
              error={errorOf('location.lat')}
              plain
            />
            <TextField
              id={signalFieldId('location.lon')}
              label={t('signal.lon')}
              inputMode="decimal"
              value={draft.lon}
              onChange={(value) => update('lon', 'location.lon', value)}
              error={errorOf('location.lon')}
              plain
            />
          </div>
        </Fieldset>

        <ButtonGroup>
          <Button
            type="submit"
            appearance="primary-action-button"
            busy={command.busy}
            disabled={command.busy}
          >
            {command.busy ? t('newSignal.busy') : t('newSignal.submit')}
          </Button>
        </ButtonGroup>
      </form>
    </AppLayout>
  );
}
