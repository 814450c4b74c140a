import { useState } from 'react';
import { POLICY_CONSEQUENCES, type ExperimentView } from '../api/api.types';
import { useI18n } from '../i18n/i18n.context';
import { isIsoDate } from '../util/dates';
import { byLabel } from '../util/collate';
import { ActionsPanel } from './actions-panel';
import { CommandForm, useRequired } from './command-form';
import { SelectField, TextAreaField, TextField } from './form-fields';

/** The owner's commands on an experiment: evaluate or extend it while running, close it once evaluated. */
export function ExperimentActions({
  experiment,
  expanded = false,
}: {
  experiment: ExperimentView;
  /** On the experiment's own page: the forms shown at once, not folded under "Acties". */
  expanded?: boolean;
}) {
  const { t, label, language } = useI18n();
  const base = `/api/v1/experiments/${encodeURIComponent(experiment.id)}`;
  const prefix = `experiment-${experiment.id}`;
  const [extension, setExtension] = useState({ endsOn: '', reason: '' });
  const [evaluation, setEvaluation] = useState({ conclusion: '', policyConsequence: '', rationale: '' });
  const required = useRequired();
  return (
    <ActionsPanel expanded={expanded}>
      {experiment.status === 'RUNNING' && (
        <>
          <CommandForm
            id={`${prefix}-evaluate`}
            successAs="flash"
            headingLevel={3}
            title={t('experiments.evaluate')}
            submitLabel={t('experiments.evaluate')}
            successMessage={t('experiments.evaluated')}
            command={() => ({
              path: `${base}/evaluate`,
              body: {
                conclusion: evaluation.conclusion.trim(),
                policyConsequence: evaluation.policyConsequence,
                rationale: evaluation.rationale.trim(),
              },
            })}
            validate={() => ({
              ...required(evaluation.conclusion, 'conclusion'),
              ...(evaluation.policyConsequence === '' ? { policyConsequence: t('validation.choose') } : {}),
              ...required(evaluation.rationale, 'rationale'),
            })}
          >
            {(errorOf) => (
              <>
                <TextAreaField
                  id={`${prefix}-evaluate-conclusion`}
                  label={t('experiments.conclusion')}
                  value={evaluation.conclusion}
                  onChange={(conclusion) => setEvaluation({ ...evaluation, conclusion })}
                  error={errorOf('conclusion')}
                  rows={3}
                  required
                />
                <SelectField
                  id={`${prefix}-evaluate-policyConsequence`}
                  label={t('experiments.consequence')}
                  value={evaluation.policyConsequence}
                  onChange={(policyConsequence) => setEvaluation({ ...evaluation, policyConsequence })}
                  options={byLabel(
                    POLICY_CONSEQUENCES.map((value) => ({ value, label: label('consequence', value) })),
                    language,
                  )}
                  placeholder={t('app.choose')}
                  error={errorOf('policyConsequence')}
                  required
                />
                <TextAreaField
                  id={`${prefix}-evaluate-rationale`}
                  label={t('experiments.rationale')}
                  value={evaluation.rationale}
                  onChange={(rationale) => setEvaluation({ ...evaluation, rationale })}
                  error={errorOf('rationale')}
                  rows={2}
                  required
                />
              </>
            )}
          </CommandForm>
          <CommandForm
            id={`${prefix}-extend`}
            headingLevel={3}
            title={t('experiments.extend')}
            submitLabel={t('experiments.extend')}
            successMessage={t('experiments.extended')}
            command={() => ({
              path: `${base}/extend`,
              body: { endsOn: extension.endsOn, reason: extension.reason.trim() },
            })}
            validate={() => ({
              ...(!isIsoDate(extension.endsOn) ? { endsOn: t('validation.date') } : {}),
              ...required(extension.reason, 'reason'),
            })}
          >
            {(errorOf) => (
              <>
                <TextField
                  id={`${prefix}-extend-endsOn`}
                  type="date"
                  label={t('experiments.endsOn')}
                  value={extension.endsOn}
                  onChange={(endsOn) => setExtension({ ...extension, endsOn })}
                  error={errorOf('endsOn')}
                  required
                />
                <TextAreaField
                  id={`${prefix}-extend-reason`}
                  label={t('experiments.extendReason')}
                  value={extension.reason}
                  onChange={(reason) => setExtension({ ...extension, reason })}
                  error={errorOf('reason')}
                  rows={2}
                  required
                />
              </>
            )}
          </CommandForm>
        </>
      )}
      {experiment.status === 'EVALUATED' && (
        <CommandForm
          id={`${prefix}-close`}
          successAs="flash"
          headingLevel={3}
          title={t('experiments.close')}
          submitLabel={t('experiments.close')}
          successMessage={t('experiments.closed')}
          command={() => ({ path: `${base}/close`, body: {} })}
          confirm={() => ({
            title: t('confirm.closeExperimentTitle'),
            message: t('confirm.closeExperimentMessage'),
            confirmLabel: t('confirm.closeExperiment'),
          })}
        >
          {() => null}
        </CommandForm>
      )}
    </ActionsPanel>
  );
}
