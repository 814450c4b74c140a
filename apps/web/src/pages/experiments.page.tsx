import { Heading1 } from '@utrecht/component-library-react';
import { useState } from 'react';
import { EXPERIMENT_STATUSES, LEGAL_ROUTES, type Connection, type ExperimentView } from '../api/api.types';
import { SavedViews } from '../components/list-controls';
import {
  recordQueryOf,
  RecordFilters,
  sortRecords,
  useRecordListParams,
  type SortOption,
} from '../components/record-filters';
import { EXPERIMENTS_QUERY, LIST_PAGE_SIZE } from '../api/graphql.queries';
import { useGraphql } from '../api/use-api';
import { useSession } from '../auth/session.context';
import { AppLayout } from '../components/app-layout';
import { CommandForm } from '../components/command-form';
import { ExperimentActions } from '../components/experiment-actions';
import { CardList, EscalationFact, RecordCard } from '../components/record-card';
import { SelectField, TextAreaField, TextField } from '../components/form-fields';
import { OverdueBadge, StatusLabel } from '../components/ui';
import { EscalationPicker } from '../components/record-pickers';
import { useI18n } from '../i18n/i18n.context';
import { useReference } from '../reference/reference.context';
import { useRouter } from '../router/router';
import { ExportButton } from '../components/export-button';
import { isIsoDate } from '../util/dates';
import { byLabel } from '../util/collate';

function ExperimentCard({ experiment, mine }: { experiment: ExperimentView; mine: boolean }) {
  const { t, label, formatDate } = useI18n();
  const { authorityName } = useReference();
  return (
    <RecordCard
      id={`experiment-${experiment.id}`}
      title={experiment.title}
      href={`/experiments/${encodeURIComponent(experiment.id)}`}
      overdue={experiment.overdue}
      badges={
        <>
          <StatusLabel prefix="experimentStatus" value={experiment.status} />
          {experiment.overdue && <OverdueBadge>{t('experiments.evaluationOverdue')}</OverdueBadge>}
        </>
      }
      text={experiment.hypothesis}
    >
      <dl className="pl-facts">
        <div>
          <dt>{t('agreements.owner')}</dt>
          <dd>{authorityName(experiment.owner)}</dd>
        </div>
        <div>
          <dt>{t('experiments.legalRoute')}</dt>
          <dd>{label('legalRoute', experiment.legalRoute)}</dd>
        </div>
        <div>
          <dt>{t('experiments.period')}</dt>
          <dd>
            {formatDate(experiment.startsOn)} – {formatDate(experiment.endsOn)}
          </dd>
        </div>
        <EscalationFact escalationId={experiment.escalationId} />
        {experiment.policyConsequence && (
          <div>
            <dt>{t('experiments.evaluation')}</dt>
            <dd>
              <strong>{label('consequence', experiment.policyConsequence)}</strong>
              {experiment.conclusion ? ` — ${experiment.conclusion}` : ''}
              {experiment.rationale ? ` (${experiment.rationale})` : ''}
            </dd>
          </div>
        )}
      </dl>
      {mine && experiment.status !== 'CLOSED' && <ExperimentActions experiment={experiment} />}
    </RecordCard>
  );
}

export function ExperimentsPage() {
  const { t, label, language } = useI18n();
  const { session } = useSession();
  const { location } = useRouter();
  const me = session?.claims.authority ?? '';
  const [params] = useRecordListParams();
  const { filter, search } = recordQueryOf(params);
  const { data, error, loading, reload } = useGraphql<{ experiments: Connection<ExperimentView> }>(
    EXPERIMENTS_QUERY,
    {
      filter: { ...filter, owner: me },
      ...(search ? { search } : {}),
      first: LIST_PAGE_SIZE,
    },
  );
  const sorts: SortOption<ExperimentView>[] = [
    { value: 'endsOn', label: t('list.sortEndsOn'), key: (x) => x.endsOn },
    { value: '-endsOn', label: t('list.sortEndsOnDesc'), key: (x) => x.endsOn, descending: true },
    { value: 'startsOn', label: t('list.sortStartsOn'), key: (x) => x.startsOn },
    { value: 'title', label: t('list.sortTitle'), key: (x) => x.title },
    { value: 'status', label: t('list.sortStatus'), key: (x) => label('experimentStatus', x.status) },
  ];
  const [draft, setDraft] = useState({
    escalationId: location.search.get('escalation') ?? '',
    title: '',
    hypothesis: '',
    legalRoute: '',
    startsOn: '',
    endsOn: '',
  });
  const experiments = sortRecords(data?.experiments.edges.map((edge) => edge.node) ?? [], sorts, params.sort);

  return (
    <AppLayout title={t('experiments.title')}>
      <Heading1>{t('experiments.title')}</Heading1>
      <ExportButton view="experiments" params={{ owner: me }} />
      <RecordFilters
        idPrefix="experiments-filter"
        statuses={EXPERIMENT_STATUSES}
        statusPrefix="experimentStatus"
        sorts={sorts}
      />
      <CardList
        items={experiments}
        loaded={data !== undefined}
        loading={loading}
        error={error}
        onRetry={reload}
        empty={t('experiments.empty')}
        card={(experiment) => <ExperimentCard experiment={experiment} mine={experiment.owner === me} />}
      />
      <CommandForm
        id="experiment"
        title={t('experiments.new')}
        submitLabel={t('experiments.new')}
        successMessage={t('experiments.started')}
        command={() => ({
          path: '/api/v1/experiments',
          body: {
            escalationId: draft.escalationId.trim(),
            title: draft.title.trim(),
            hypothesis: draft.hypothesis.trim(),
            legalRoute: draft.legalRoute,
            startsOn: draft.startsOn,
            endsOn: draft.endsOn,
          },
        })}
        validate={() => ({
          ...(draft.escalationId.trim() === '' ? { escalationId: t('validation.required') } : {}),
          ...(draft.title.trim() === '' ? { title: t('validation.required') } : {}),
          ...(draft.hypothesis.trim() === '' ? { hypothesis: t('validation.required') } : {}),
          ...(draft.legalRoute === '' ? { legalRoute: t('validation.choose') } : {}),
          ...(!isIsoDate(draft.startsOn) ? { startsOn: t('validation.date') } : {}),
          ...(!isIsoDate(draft.endsOn)
            ? { endsOn: t('validation.date') }
            : draft.endsOn <= draft.startsOn
              ? { endsOn: t('validation.endAfterStart') }
              : {}),
        })}
        onDone={() =>
          setDraft({ escalationId: '', title: '', hypothesis: '', legalRoute: '', startsOn: '', endsOn: '' })
        }
      >
        {(errorOf) => (
          <>
            <EscalationPicker
              id="experiment-escalationId"
              label={t('experiments.escalationId')}
              description={t('picker.escalationHint')}
              statuses={['DECIDED', 'RESOLVED']}
              value={draft.escalationId}
              onChange={(escalationId) => setDraft({ ...draft, escalationId })}
              error={errorOf('escalationId')}
              required
            />
            <TextField
              id="experiment-title"
              label={t('experiments.titleField')}
              value={draft.title}
              onChange={(title) => setDraft({ ...draft, title })}
              error={errorOf('title')}
              required
            />
            <TextAreaField
              id="experiment-hypothesis"
              label={t('experiments.hypothesis')}
              value={draft.hypothesis}
              onChange={(hypothesis) => setDraft({ ...draft, hypothesis })}
              error={errorOf('hypothesis')}
              required
            />
            <SelectField
              id="experiment-legalRoute"
              label={t('experiments.legalRoute')}
              value={draft.legalRoute}
              onChange={(legalRoute) => setDraft({ ...draft, legalRoute })}
              options={byLabel(
                LEGAL_ROUTES.map((value) => ({ value, label: label('legalRoute', value) })),
                language,
              )}
              placeholder={t('app.choose')}
              error={errorOf('legalRoute')}
              required
            />
            <div className="pl-columns">
              <TextField
                id="experiment-startsOn"
                type="date"
                label={t('experiments.startsOn')}
                value={draft.startsOn}
                onChange={(startsOn) => setDraft({ ...draft, startsOn })}
                error={errorOf('startsOn')}
                required
              />
              <TextField
                id="experiment-endsOn"
                type="date"
                label={t('experiments.endsOn')}
                value={draft.endsOn}
                onChange={(endsOn) => setDraft({ ...draft, endsOn })}
                error={errorOf('endsOn')}
                required
              />
            </div>
          </>
        )}
      </CommandForm>
      <SavedViews storageKey="experiments" />
    </AppLayout>
  );
}
