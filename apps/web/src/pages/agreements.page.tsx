import { ButtonGroup, Heading1 } from '@utrecht/component-library-react';
import { useState } from 'react';
import { AGREEMENT_STATUSES, type AgreementView, type Connection } from '../api/api.types';
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
import { AgreementActions, ProgressBar } from '../components/agreement-actions';
import { CommandForm } from '../components/command-form';
import { CardList, EscalationFact, RecordCard } from '../components/record-card';
import { TextAreaField, TextField } from '../components/form-fields';
import { OverdueBadge, StatusLabel } from '../components/ui';
import { EscalationPicker } from '../components/record-pickers';
import { useI18n } from '../i18n/i18n.context';
import { useReference } from '../reference/reference.context';
import { useRouter } from '../router/router';
import { ExportButton } from '../components/export-button';
import { isIsoDate } from '../util/dates';

function AgreementCard({ agreement, me }: { agreement: AgreementView; me: string | undefined }) {
  const { t, formatDate, label } = useI18n();
  const { authorityName } = useReference();
  const progressLabel = `agreement-${agreement.id}-progress-label`;
  return (
    <RecordCard
      id={`agreement-${agreement.id}`}
      title={agreement.title}
      href={`/agreements/${encodeURIComponent(agreement.id)}`}
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
              {agreement.lastFollowUp.notes && (
                <span className="pl-multiline pl-log__text"> — {agreement.lastFollowUp.notes}</span>
              )}
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
