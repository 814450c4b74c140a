import { Button, Heading1, Heading2 } from '@utrecht/component-library-react';
import type { Connection, EscalationBoardSummary, EscalationView } from '../api/api.types';
import { BOARD_SUMMARY_QUERY, ESCALATIONS_QUERY, LIST_PAGE_SIZE } from '../api/graphql.queries';
import { useGraphql } from '../api/use-api';
import { ExportButton } from '../components/export-button';
import { useSession } from '../auth/session.context';
import { AppLayout } from '../components/app-layout';
import { EscalationTable } from '../components/escalation-table';
import { Figure, LoadError, Loading } from '../components/ui';
import { useI18n } from '../i18n/i18n.context';
import { useReference } from '../reference/reference.context';

const UNRESOLVED = ['RAISED', 'ACKNOWLEDGED', 'DECIDED'];

export function EscalationBoardPage() {
  const { t, formatNumber } = useI18n();
  const { session, hasRole } = useSession();
  const { authorityName } = useReference();
  const authority = session?.claims.authority ?? '';
  const summaryState = useGraphql<{ escalationBoard: EscalationBoardSummary }>(BOARD_SUMMARY_QUERY, {
    authority,
  });
  const addressedState = useGraphql<{ escalations: Connection<EscalationView> }>(ESCALATIONS_QUERY, {
    filter: { addressedTo: authority, statuses: UNRESOLVED },
    first: LIST_PAGE_SIZE,
  });
  const raisedState = useGraphql<{ escalations: Connection<EscalationView> }>(ESCALATIONS_QUERY, {
    filter: { raisedBy: authority, statuses: UNRESOLVED },
    first: LIST_PAGE_SIZE,
  });
  const states = [summaryState, addressedState, raisedState];
  const error = states.find((state) => state.error)?.error;
  const loading = states.some((state) => state.loading);
  const reload = () => states.forEach((state) => state.reload());
  const title = t('board.title', { authority: authorityName(authority) });
  const summary = summaryState.data?.escalationBoard;
  const isAdmin = hasRole('admin');

  return (
    <AppLayout title={title}>
      <div className="pl-title-bar">
        <Heading1>{title}</Heading1>
        <Button appearance="secondary-action-button" onClick={reload} busy={loading}>
          {t('app.refresh')}
        </Button>
      </div>
      {error && <LoadError error={error} onRetry={reload} />}
      {loading && !summary && <Loading />}
      {summary && (
        <section aria-labelledby="board-summary" className="pl-section">
          <Heading2 id="board-summary" className="pl-visually-hidden">
            {t('board.summary')}
          </Heading2>
          <dl className="pl-figures">
            <Figure label={t('board.open')} value={formatNumber(summary.open)} />
            <Figure
              label={t('board.overdue')}
              value={formatNumber(summary.overdue)}
              tone={summary.overdue > 0 ? 'danger' : undefined}
            />
            <Figure
              label={t('board.awaiting')}
              value={formatNumber(summary.awaitingAcknowledgement)}
              tone={summary.awaitingAcknowledgement > 0 ? 'warning' : undefined}
            />
            <Figure label={t('board.decidedNotResolved')} value={formatNumber(summary.decidedNotResolved)} />
            <Figure label={t('board.oldest')} value={formatNumber(summary.oldestOpenDays, 1)} />
          </dl>
        </section>
      )}
      {addressedState.data && raisedState.data && (
        <>
          {isAdmin && (
            <section aria-labelledby="board-addressed" className="pl-section">
              <Heading2 id="board-addressed">{t('board.caption')}</Heading2>
              <ExportButton
                view="escalations"
                params={{ addressedTo: authority, statuses: UNRESOLVED }}
                what={t('board.caption')}
              />
              <EscalationTable
                escalations={addressedState.data.escalations.edges.map((edge) => edge.node)}
                caption={title}
                show="raisedBy"
              />
            </section>
          )}
          <section aria-labelledby="board-raised" className="pl-section">
            <Heading2 id="board-raised">{t('board.raisedByUs')}</Heading2>
            <ExportButton
              view="escalations"
              params={{ raisedBy: authority, statuses: UNRESOLVED }}
              what={t('board.raisedByUs')}
            />
            <EscalationTable
              escalations={raisedState.data.escalations.edges.map((edge) => edge.node)}
              caption={t('board.raisedByUs')}
              show="addressedTo"
            />
          </section>
        </>
      )}
    </AppLayout>
  );
}
