import { useState } from 'react';
import { FOLLOW_UP_ASSESSMENTS, type AgreementView } from '../api/api.types';
import { useI18n } from '../i18n/i18n.context';
import { isIsoDate } from '../util/dates';
import { ActionsPanel } from './actions-panel';
import { CommandForm, useRequired } from './command-form';
import type { ConfirmRequest } from './confirm-dialog';
import { SelectField, TextAreaField, TextField } from './form-fields';

type ClosingKind = '' | 'fulfil' | 'unmet' | 'cancel';

export function ProgressBar({ percent, labelId }: { percent: number; labelId: string }) {
  const clamped = Math.max(0, Math.min(100, percent));
  return (
    <div className="pl-progress">
      <div
        className="pl-progress__track"
        role="progressbar"
        aria-labelledby={labelId}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={clamped}
      >
        <div className="pl-progress__bar" style={{ width: `${clamped}%` }} />
      </div>
      <span className="pl-progress__value">{clamped}%</span>
    </div>
  );
}

/** The commands on an open agreement: progress (owner), a follow-up, and closing it (owner). */
export function AgreementActions({
  agreement,
  isOwner,
  expanded = false,
}: {
  agreement: AgreementView;
  isOwner: boolean;
  /** On the agreement's own page: the forms shown at once, not folded under "Acties". */
  expanded?: boolean;
}) {
  const { t, label } = useI18n();
  const base = `/api/v1/agreements/${encodeURIComponent(agreement.id)}`;
  const prefix = `agreement-${agreement.id}`;
  const [progress, setProgress] = useState({ percent: String(agreement.progressPercent), note: '' });
  const [followUp, setFollowUp] = useState({ heldOn: '', assessment: '', notes: '', nextFollowUpOn: '' });
  // Nothing is preselected: closing is irreversible and each way means something else.
  const [closing, setClosing] = useState<{ kind: ClosingKind; text: string }>({ kind: '', text: '' });
  const closingField = closing.kind === 'fulfil' ? 'result' : 'reason';
  const confirmClosing = (): ConfirmRequest | undefined => {
    if (closing.kind === 'unmet')
      return {
        title: t('confirm.unmetTitle'),
        message: t('confirm.closeAgreementMessage'),
        confirmLabel: t('confirm.unmet'),
      };
    if (closing.kind === 'cancel')
      return {
        title: t('confirm.cancelTitle'),
        message: t('confirm.closeAgreementMessage'),
        confirmLabel: t('confirm.cancelAgreement'),
      };
    return undefined;
  };
  const required = useRequired();

  return (
    <ActionsPanel expanded={expanded}>
      {isOwner && (
        <CommandForm
          id={`${prefix}-progress`}
          headingLevel={3}
          title={t('agreements.reportProgress')}
          submitLabel={t('agreements.reportProgress')}
          successMessage={t('agreements.progressReported')}
          command={() => ({
            path: `${base}/progress`,
            body: { percent: Number(progress.percent), note: progress.note.trim() },
          })}
          validate={() => {
            const value = Number(progress.percent);
            return {
              ...(!/^\d{1,3}$/.test(progress.percent) || value > 100
                ? { percent: t('validation.percent') }
                : {}),
              ...required(progress.note, 'note'),
            };
          }}
        >
          {(errorOf) => (
            <>
              <TextField
                id={`${prefix}-progress-percent`}
                type="number"
                min="0"
                max="100"
                label={t('agreements.percent')}
                value={progress.percent}
                onChange={(percent) => setProgress({ ...progress, percent })}
                error={errorOf('percent')}
                required
              />
              <TextAreaField
                id={`${prefix}-progress-note`}
                label={t('agreements.note')}
                value={progress.note}
                onChange={(note) => setProgress({ ...progress, note })}
                error={errorOf('note')}
                rows={2}
                required
              />
            </>
          )}
        </CommandForm>
      )}
      <CommandForm
        id={`${prefix}-followup`}
        headingLevel={3}
        title={t('agreements.recordFollowUp')}
        submitLabel={t('agreements.recordFollowUp')}
        successMessage={t('agreements.followUpRecorded')}
        command={() => ({
          path: `${base}/follow-ups`,
          body: {
            heldOn: followUp.heldOn,
            assessment: followUp.assessment,
            notes: followUp.notes.trim(),
            ...(followUp.nextFollowUpOn ? { nextFollowUpOn: followUp.nextFollowUpOn } : {}),
          },
        })}
        validate={() => ({
          ...(!isIsoDate(followUp.heldOn) ? { heldOn: t('validation.date') } : {}),
          ...(followUp.assessment === '' ? { assessment: t('validation.choose') } : {}),
          ...required(followUp.notes, 'notes'),
        })}
      >
        {(errorOf) => (
          <>
            <TextField
              id={`${prefix}-followup-heldOn`}
              type="date"
              label={t('agreements.heldOn')}
              value={followUp.heldOn}
              onChange={(heldOn) => setFollowUp({ ...followUp, heldOn })}
              error={errorOf('heldOn')}
              required
            />
            <SelectField
              id={`${prefix}-followup-assessment`}
              label={t('agreements.assessment')}
              value={followUp.assessment}
              onChange={(assessment) => setFollowUp({ ...followUp, assessment })}
              options={FOLLOW_UP_ASSESSMENTS.map((value) => ({ value, label: label('assessment', value) }))}
              placeholder={t('app.choose')}
              error={errorOf('assessment')}
              required
            />
            <TextAreaField
              id={`${prefix}-followup-notes`}
              label={t('agreements.notes')}
              value={followUp.notes}
              onChange={(notes) => setFollowUp({ ...followUp, notes })}
              error={errorOf('notes')}
              rows={3}
              required
            />
            <TextField
              id={`${prefix}-followup-nextFollowUpOn`}
              type="date"
              label={t('agreements.nextFollowUpOn')}
              value={followUp.nextFollowUpOn}
              onChange={(nextFollowUpOn) => setFollowUp({ ...followUp, nextFollowUpOn })}
              error={errorOf('nextFollowUpOn')}
            />
          </>
        )}
      </CommandForm>
      {isOwner && (
        <CommandForm
          id={`${prefix}-close`}
          successAs="flash"
          headingLevel={3}
          title={`${t('agreements.fulfil')} / ${t('agreements.unmet')} / ${t('agreements.cancel')}`}
          submitLabel={t('app.save')}
          successMessage={t('agreements.closed')}
          command={() => ({
            path: `${base}/${closing.kind}`,
            body:
              closing.kind === 'fulfil' ? { result: closing.text.trim() } : { reason: closing.text.trim() },
          })}
          validate={() => ({
            ...(closing.kind === '' ? { kind: t('validation.choose') } : {}),
            ...required(closing.text, closingField),
          })}
          confirm={confirmClosing}
        >
          {(errorOf) => (
            <>
              <SelectField
                id={`${prefix}-close-kind`}
                label={t('closing.kind')}
                value={closing.kind}
                onChange={(kind) => setClosing({ ...closing, kind: kind as ClosingKind })}
                options={[
                  { value: 'fulfil', label: t('agreements.fulfil') },
                  { value: 'unmet', label: t('agreements.unmet') },
                  { value: 'cancel', label: t('agreements.cancel') },
                ]}
                placeholder={t('app.choose')}
                error={errorOf('kind')}
                required
              />
              <TextAreaField
                id={`${prefix}-close-${closingField}`}
                label={t('agreements.result')}
                value={closing.text}
                onChange={(text) => setClosing({ ...closing, text })}
                error={errorOf(closingField)}
                rows={2}
                required
              />
            </>
          )}
        </CommandForm>
      )}
    </ActionsPanel>
  );
}
