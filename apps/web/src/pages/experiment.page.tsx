import { DataList, Heading1, Heading2, Paragraph } from '@utrecht/component-library-react';
import type { ExperimentView } from '../api/api.types';
import { EXPERIMENT_QUERY } from '../api/records.queries';
import { useGraphql, useRest } from '../api/use-api';
import { useSession } from '../auth/session.context';
import { AppLayout } from '../components/app-layout';
import { ExperimentActions } from '../components/experiment-actions';
import type { TimelineEvent } from '../components/history-timeline';
import { DataRow as Row } from '../components/data-row';
import { logFrom, logLine, RecordHistoryLog, textOf, type LogEntry } from '../components/record-log';
import { LoadError, Loading, OverdueBadge, StatusLabel } from '../components/ui';
import { useI18n, type I18n } from '../i18n/i18n.context';
import { useReference } from '../reference/reference.context';
import { AppLink } from '../router/router';

/** The experiment's log from its history: start, every extension with its reason, the evaluation. */
function experimentLog(events: TimelineEvent[], i18n: I18n): LogEntry[] {
  const { t, label, formatDate } = i18n;
  return logFrom(events, (event) => {
    const d = event.data;
    switch (event.type) {
      case 'ExperimentStarted':
        return logLine(t('detail.started'), [textOf(d.hypothesis)]);
      case 'ExperimentExtended':
        return logLine(t('detail.extended', { date: formatDate(textOf(d.endsOn)) }), [textOf(d.reason)]);
      case 'ExperimentEvaluated':
        return logLine(
          t('detail.evaluated', { consequence: label('consequence', textOf(d.policyConsequence)) }),
          [textOf(d.conclusion), textOf(d.rationale)],
        );
      case 'ExperimentClosed':
        return logLine(t('detail.closed'));
      case 'ExperimentEvaluationOverdue':
        return logLine(t('detail.evaluationOverdue'));
      default:
        return undefined;
    }
  });
}

/** One experiment with its whole log, the escalation it answers, and (for its owner) its commands. */
export function ExperimentPage({ id }: { id: string }) {
  const i18n = useI18n();
  const { t, label, formatDate } = i18n;
  const { session, hasRole } = useSession();
  const { authorityName } = useReference();
  const view = useGraphql<{ experiment: ExperimentView | null }>(EXPERIMENT_QUERY, { id });
  const history = useRest<unknown>(`/api/v1/experiments/${encodeURIComponent(id)}/history`);
  const experiment = view.data?.experiment ?? undefined;
  const title = experiment?.title ?? t('detail.experiment');
  const mine = hasRole('admin') && experiment?.owner === session?.claims.authority;

  return (
    <AppLayout title={title}>
      {view.error && <LoadError error={view.error} onRetry={view.reload} />}
      {view.loading && !view.data && <Loading />}
      {view.data && !experiment && <Paragraph>{t('detail.notFound')}</Paragraph>}
      {experiment && (
        <>
          <p className="pl-pre-heading">{t('detail.experiment')}</p>
          <Heading1>{experiment.title}</Heading1>
          <div className="pl-meta">
            <StatusLabel prefix="experimentStatus" value={experiment.status} />
            {experiment.overdue && <OverdueBadge>{t('experiments.evaluationOverdue')}</OverdueBadge>}
          </div>
          <div className="pl-two-columns">
            <section aria-labelledby="experiment-details" className="pl-section">
              <Heading2 id="experiment-details">{t('app.details')}</Heading2>
              <DataList className="pl-data-list">
                <Row name={t('experiments.hypothesis')}>
                  <span className="pl-multiline">{experiment.hypothesis}</span>
                </Row>
                <Row name={t('agreements.owner')}>{authorityName(experiment.owner)}</Row>
                <Row name={t('experiments.legalRoute')}>{label('legalRoute', experiment.legalRoute)}</Row>
                <Row name={t('experiments.period')}>
                  {formatDate(experiment.startsOn)} – {formatDate(experiment.endsOn)}
                </Row>
                <Row name={t('detail.escalation')}>
                  <AppLink href={`/escalations/${encodeURIComponent(experiment.escalationId)}`}>
                    {t('escalation.title')}
                  </AppLink>
                </Row>
              </DataList>
            </section>
            <RecordHistoryLog
              id="experiment-log"
              history={history}
              entriesOf={(events) => experimentLog(events, i18n)}
            />
          </div>
          {mine && experiment.status !== 'CLOSED' && <ExperimentActions experiment={experiment} expanded />}
        </>
      )}
    </AppLayout>
  );
}
