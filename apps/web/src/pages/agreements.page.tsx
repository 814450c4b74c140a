import { ButtonGroup, Heading1 } from '@utrecht/component-library-react';
import { useState } from 'react';
import {
  AGREEMENT_STATUSES,
  FOLLOW_UP_ASSESSMENTS,
  type AgreementView,
  type Connection,
} from '../api/api.types';
import { SavedViews } from '../components/list-controls';
import {
  recordQueryOf,
  RecordFilters,
  sortRecords,
  useRecordListParams,
  type SortOption,
} from '../components/record-filters';
import { AGREEMENTS_QUERY, LIST_PAGE_SIZE } from '../api/graphql.queries';
import { useGraphql } from '../api/use-api';
import { useSession } from '../auth/session.context';
import { AppLayout } from '../components/app-layout';
import { AuthorityField } from '../components/authority-field';
import { AuthorityListField } from '../components/authority-list-field';
import { CommandForm, useRequired } from '../components/command-form';
import { CardList, EscalationFact, RecordCard } from '../components/record-card';
import { SelectField, TextAreaField, TextField } from '../components/form-fields';
import { OverdueBadge, StatusLabel } from '../components/ui';
import { EscalationPicker } from '../components/record-pickers';
import { useI18n } from '../i18n/i18n.context';
import { useReference } from '../reference/reference.context';
import { useRouter } from '../router/router';
import { ExportButton } from '../components/export-button';
import { isIsoDate } from '../util/dates';

function ProgressBar({ percent, labelId }: { percent: number; labelId: string }) {
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

function AgreementActions({ agreement, isOwner }: { agreement: AgreementView; isOwner: boolean }) {
  const { t, label } = useI18n();
  const base = `/api/v1/agreements/${encodeURIComponent(agreement.id)}`;
  const prefix = `agreement-${agreement.id}`;
  const [progress, setProgress] = useState({ percent: String(agreement.progressPercent), note: '' });
  const [followUp, setFollowUp] = useState({ heldOn: '', assessment: '', notes: '', nextFollowUpOn: '' });
  const [closing, setClosing] = useState({ kind: 'fulfil', text: '' });
  const required = useRequired();

  return (
    <details className="pl-details">
      <summary>{t('app.actions')}</summary>
      <div className="pl-actions">
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
            validate={() => required(closing.text, closing.kind === 'fulfil' ? 'result' : 'reason')}
          >
            {(errorOf) => (
              <>
                <SelectField
                  id={`${prefix}-close-kind`}
                  label={t('agreements.status')}
                  value={closing.kind}
                  onChange={(kind) => setClosing({ ...closing, kind })}
                  options={[
                    { value: 'fulfil', label: t('agreements.fulfil') },
                    { value: 'unmet', label: t('agreements.unmet') },
                    { value: 'cancel', label: t('agreements.cancel') },
                  ]}
                  required
                />
                <TextAreaField
                  id={`${prefix}-close-${closing.kind === 'fulfil' ? 'result' : 'reason'}`}
                  label={t('agreements.result')}
                  value={closing.text}
                  onChange={(text) => setClosing({ ...closing, text })}
                  error={errorOf(closing.kind === 'fulfil' ? 'result' : 'reason')}
                  rows={2}
                  required
                />
              </>
            )}
          </CommandForm>
        )}
      </div>
    </details>
  );
}

function AgreementCard({ agreement, me }: { agreement: AgreementView; me: string | undefined }) {
  const { t, formatDate, label } = useI18n();
  const { authorityName } = useReference();
  const progressLabel = `agreement-${agreement.id}-progress-label`;
  return (
    <RecordCard
      id={`agreement-${agreement.id}`}
      title={agreement.title}
      overdue={agreement.overdue}
      badges={
        <>
          <StatusLabel prefix="agreementStatus" value={agreement.status} />
          {agreement.overdue && <OverdueBadge />}
          {agreement.followUpOverdue && <OverdueBadge>{t('agreements.followUpOverdue')}</OverdueBadge>}
        </>
      }
      text={agreement.commitment}
    >
      <dl className="pl-facts">
        <div>
          <dt>{t('agreements.owner')}</dt>
          <dd>{authorityName(agreement.owner)}</dd>
        </div>
        <div>
          <dt>{t('agreements.parties')}</dt>
          <dd>{agreement.parties.map((p) => authorityName(p)).join(', ') || t('app.none')}</dd>
        </div>
        <div>
          <dt>{t('agreements.dueBy')}</dt>
          <dd>{formatDate(agreement.dueBy)}</dd>
        </div>
        <div>
          <dt>{t('agreements.nextFollowUp')}</dt>
          <dd>{formatDate(agreement.nextFollowUpOn)}</dd>
        </div>
        {agreement.lastFollowUp && (
          <div>
            <dt>{t('agreements.lastFollowUp')}</dt>
            <dd>
              {formatDate(agreement.lastFollowUp.heldOn)} ·{' '}
              {label('assessment', agreement.lastFollowUp.assessment)}
            </dd>
          </div>
        )}
        {agreement.escalationId && <EscalationFact escalationId={agreement.escalationId} />}
      </dl>
      <p id={progressLabel} className="pl-progress__label">
        {t('agreements.progress')}
        {agreement.progressNote ? `: ${agreement.progressNote}` : ''}
      </p>
      <ProgressBar percent={agreement.progressPercent} labelId={progressLabel} />
      {agreement.status === 'OPEN' && (
        <AgreementActions agreement={agreement} isOwner={agreement.owner === me} />
      )}
    </RecordCard>
  );
}

export function AgreementsPage() {
  const { t, label } = useI18n();
  const { session } = useSession();
  const { authorities } = useReference();
  const { location } = useRouter();
  const me = session?.claims.authority ?? '';
  const [params] = useRecordListParams();
  const { filter, search } = recordQueryOf(params);
  const owned = useGraphql<{ agreements: Connection<AgreementView> }>(AGREEMENTS_QUERY, {
    filter: { ...filter, owner: me },
    ...(search ? { search } : {}),
    first: LIST_PAGE_SIZE,
  });
  const asParty = useGraphql<{ agreements: Connection<AgreementView> }>(AGREEMENTS_QUERY, {
    filter: { ...filter, party: me },
    ...(search ? { search } : {}),
    first: LIST_PAGE_SIZE,
  });
  const sorts: SortOption<AgreementView>[] = [
    { value: 'dueBy', label: t('list.sortDueBy'), key: (a) => a.dueBy },
    { value: '-dueBy', label: t('list.sortDueByDesc'), key: (a) => a.dueBy, descending: true },
    { value: 'followUp', label: t('list.sortFollowUp'), key: (a) => a.nextFollowUpOn ?? '9999' },
    { value: 'title', label: t('list.sortTitle'), key: (a) => a.title },
    { value: 'status', label: t('list.sortStatus'), key: (a) => label('agreementStatus', a.status) },
  ];
  const error = owned.error ?? asParty.error;
  const loading = owned.loading || asParty.loading;
  const reload = () => [owned, asParty].forEach((state) => state.reload());
  const data =
    owned.data && asParty.data ? { owned: owned.data.agreements, party: asParty.data.agreements } : undefined;
  const [draft, setDraft] = useState({
    title: '',
    commitment: '',
    owner: me,
    parties: [] as string[],
    dueBy: '',
    firstFollowUpOn: '',
    escalationId: location.search.get('escalation') ?? '',
  });

  const byId = new Map<string, AgreementView>();
  for (const edge of [...(data?.owned.edges ?? []), ...(data?.party.edges ?? [])])
    byId.set(edge.node.id, edge.node);
  const agreements = sortRecords([...byId.values()], sorts, params.sort);

  return (
    <AppLayout title={t('agreements.title')}>
      <Heading1>{t('agreements.title')}</Heading1>
      <ButtonGroup>
        <ExportButton view="agreements" params={{ owner: me }} what={t('exports.agreementsOwned')} />
        <ExportButton view="agreements" params={{ party: me }} what={t('exports.agreementsAsParty')} />
      </ButtonGroup>
      <RecordFilters
        idPrefix="agreements-filter"
        statuses={AGREEMENT_STATUSES}
        statusPrefix="agreementStatus"
        sorts={sorts}
      />
      <CardList
        items={agreements}
        loaded={data !== undefined}
        loading={loading}
        error={error}
        onRetry={reload}
        empty={t('agreements.empty')}
        card={(agreement) => <AgreementCard agreement={agreement} me={me} />}
      />
      <CommandForm
        id="agreement"
        title={t('agreements.new')}
        submitLabel={t('agreements.new')}
        successMessage={t('agreements.made')}
        command={() => ({
          path: '/api/v1/agreements',
          body: {
            title: draft.title.trim(),
            commitment: draft.commitment.trim(),
            owner: draft.owner,
            parties: draft.parties,
            dueBy: draft.dueBy,
            firstFollowUpOn: draft.firstFollowUpOn,
            ...(draft.escalationId.trim() ? { escalationId: draft.escalationId.trim() } : {}),
          },
        })}
        validate={() => ({
          ...(draft.title.trim() === '' ? { title: t('validation.required') } : {}),
          ...(draft.commitment.trim() === '' ? { commitment: t('validation.required') } : {}),
          ...(draft.owner === '' ? { owner: t('validation.choose') } : {}),
          ...(!isIsoDate(draft.dueBy) ? { dueBy: t('validation.date') } : {}),
          ...(!isIsoDate(draft.firstFollowUpOn) ? { firstFollowUpOn: t('validation.date') } : {}),
        })}
        onDone={() =>
          setDraft({
            title: '',
            commitment: '',
            owner: me,
            parties: [],
            dueBy: '',
            firstFollowUpOn: '',
            escalationId: '',
          })
        }
      >
        {(errorOf) => (
          <>
            <TextField
              id="agreement-title"
              label={t('agreements.titleField')}
              value={draft.title}
              onChange={(title) => setDraft({ ...draft, title })}
              error={errorOf('title')}
              required
            />
            <TextAreaField
              id="agreement-commitment"
              label={t('agreements.commitment')}
              value={draft.commitment}
              onChange={(commitment) => setDraft({ ...draft, commitment })}
              error={errorOf('commitment')}
              required
            />
            <AuthorityField
              id="agreement-owner"
              label={t('agreements.owner')}
              value={draft.owner}
              onChange={(owner) => setDraft({ ...draft, owner })}
              authorities={authorities}
              error={errorOf('owner')}
              required
            />
            <AuthorityListField
              id="agreement-parties"
              legend={t('agreements.parties')}
              value={draft.parties}
              onChange={(parties) => setDraft({ ...draft, parties })}
              authorities={authorities}
              error={errorOf('parties')}
            />
            <div className="pl-columns">
              <TextField
                id="agreement-dueBy"
                type="date"
                label={t('agreements.dueBy')}
                value={draft.dueBy}
                onChange={(dueBy) => setDraft({ ...draft, dueBy })}
                error={errorOf('dueBy')}
                required
              />
              <TextField
                id="agreement-firstFollowUpOn"
                type="date"
                label={t('agreements.firstFollowUpOn')}
                value={draft.firstFollowUpOn}
                onChange={(firstFollowUpOn) => setDraft({ ...draft, firstFollowUpOn })}
                error={errorOf('firstFollowUpOn')}
                required
              />
            </div>
            <EscalationPicker
              id="agreement-escalationId"
              label={t('agreements.escalationId')}
              description={t('picker.escalationHint')}
              value={draft.escalationId}
              onChange={(escalationId) => setDraft({ ...draft, escalationId })}
              error={errorOf('escalationId')}
            />
          </>
        )}
      </CommandForm>
      <SavedViews storageKey="agreements" />
    </AppLayout>
  );
}
