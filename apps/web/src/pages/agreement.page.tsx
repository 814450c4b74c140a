import { DataList, Heading1, Heading2, Paragraph } from '@utrecht/component-library-react';
import type { AgreementView } from '../api/api.types';
import { AGREEMENT_QUERY } from '../api/records.queries';
import { useGraphql, useRest } from '../api/use-api';
import { useSession } from '../auth/session.context';
import { AgreementActions, ProgressBar } from '../components/agreement-actions';
import { AppLayout } from '../components/app-layout';
import type { TimelineEvent } from '../components/history-timeline';
import { DataRow as Row } from '../components/data-row';
import { logFrom, logLine, RecordHistoryLog, textOf, type LogEntry } from '../components/record-log';
import { LoadError, Loading, OverdueBadge, StatusLabel } from '../components/ui';
import { useI18n, type I18n } from '../i18n/i18n.context';
import { useReference } from '../reference/reference.context';
import { AppLink } from '../router/router';

type AgreementDetail = AgreementView & { closingNote?: string | null };

/** The agreement's log from its history: every progress report and follow-up with its own text. */
function agreementLog(events: TimelineEvent[], i18n: I18n): LogEntry[] {
  const { t, label, formatDate } = i18n;
  return logFrom(events, (event) => {
    const d = event.data;
    switch (event.type) {
      case 'AgreementMade':
        return logLine(t('detail.made'));
      case 'ProgressReported':
        return logLine(t('detail.progressReport', { percent: Number(d.percent ?? 0) }), [textOf(d.note)]);
      case 'FollowUpRecorded':
        return logLine(
          `${t('detail.followUp', { date: formatDate(textOf(d.heldOn)) })} · ${label('assessment', textOf(d.assessment))}`,
          [
            textOf(d.notes),
            textOf(d.nextFollowUpOn)
              ? t('detail.nextFollowUp', { date: formatDate(textOf(d.nextFollowUpOn)) })
              : t('detail.noNextFollowUp'),
          ],
        );
      case 'AgreementFulfilled':
        return logLine(t('detail.fulfilled'), [textOf(d.result)]);
      case 'AgreementMarkedUnmet':
        return logLine(t('detail.unmet'), [textOf(d.reason)]);
      case 'AgreementCancelled':
        return logLine(t('detail.cancelled'), [textOf(d.reason)]);
      case 'AgreementDueDatePassed':
        return logLine(t('detail.dueDatePassed'));
      case 'FollowUpMissed':
        return logLine(t('detail.followUpMissed'), [formatDate(textOf(d.followUpOn))]);
      default:
        return undefined;
    }
  });
}

/** One agreement with its whole log, the escalation it answers, and (for administrators) its commands. */
export function AgreementPage({ id }: { id: string }) {
  const i18n = useI18n();
  const { t, formatDate } = i18n;
  const { session, hasRole } = useSession();
  const { authorityName } = useReference();
  const view = useGraphql<{ agreement: AgreementDetail | null }>(AGREEMENT_QUERY, { id });
  const history = useRest<unknown>(`/api/v1/agreements/${encodeURIComponent(id)}/history`);
  const agreement = view.data?.agreement ?? undefined;
  const title = agreement?.title ?? t('detail.agreement');
  const me = session?.claims.authority;

  return (
    <AppLayout title={title}>
      {view.error && <LoadError error={view.error} onRetry={view.reload} />}
      {view.loading && !view.data && <Loading />}
      {view.data && !agreement && <Paragraph>{t('detail.notFound')}</Paragraph>}
      {agreement && (
        <>
          <p className="pl-pre-heading">{t('detail.agreement')}</p>
          <Heading1>{agreement.title}</Heading1>
          <div className="pl-meta">
            <StatusLabel prefix="agreementStatus" value={agreement.status} />
            {agreement.overdue && <OverdueBadge />}
            {agreement.followUpOverdue && <OverdueBadge>{t('agreements.followUpOverdue')}</OverdueBadge>}
          </div>
          <div className="pl-two-columns">
            <section aria-labelledby="agreement-details" className="pl-section">
              <Heading2 id="agreement-details">{t('app.details')}</Heading2>
              <DataList className="pl-data-list">
                <Row name={t('agreements.commitment')}>
                  <span className="pl-multiline">{agreement.commitment}</span>
                </Row>
                <Row name={t('agreements.owner')}>{authorityName(agreement.owner)}</Row>
                <Row name={t('agreements.parties')}>
                  {agreement.parties.map((party) => authorityName(party)).join(', ') || t('app.none')}
                </Row>
                <Row name={t('agreements.dueBy')}>{formatDate(agreement.dueBy)}</Row>
                <Row name={t('agreements.nextFollowUp')}>{formatDate(agreement.nextFollowUpOn)}</Row>
                {agreement.escalationId && (
                  <Row name={t('detail.escalation')}>
                    <AppLink href={`/escalations/${encodeURIComponent(agreement.escalationId)}`}>
                      {t('escalation.title')}
                    </AppLink>
                  </Row>
                )}
                {agreement.closingNote && (
                  <Row name={t('agreements.result')}>
                    <span className="pl-multiline">{agreement.closingNote}</span>
                  </Row>
                )}
              </DataList>
              <p id="agreement-progress-label" className="pl-progress__label">
                {t('agreements.progress')}
                {agreement.progressNote ? `: ${agreement.progressNote}` : ''}
              </p>
              <ProgressBar percent={agreement.progressPercent} labelId="agreement-progress-label" />
            </section>
            <RecordHistoryLog
              id="agreement-log"
              history={history}
              entriesOf={(events) => agreementLog(events, i18n)}
            />
          </div>
          {agreement.status === 'OPEN' && hasRole('admin') && (
            <AgreementActions agreement={agreement} isOwner={agreement.owner === me} expanded />
          )}
        </>
      )}
    </AppLayout>
  );
}
