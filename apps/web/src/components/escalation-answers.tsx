import {
  Heading2,
  Heading3,
  Paragraph,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import type { AgreementStatus, ExperimentStatus } from '../api/api.types';
import { ESCALATION_ANSWERS_QUERY } from '../api/records.queries';
import { useGraphql } from '../api/use-api';
import { useI18n } from '../i18n/i18n.context';
import { AppLink } from '../router/router';
import { LoadError, OverdueBadge, StatusLabel } from './ui';

interface Answers {
  agreements: {
    edges: Array<{
      node: { id: string; title: string; status: AgreementStatus; dueBy: string; overdue: boolean };
    }>;
  };
  experiments: {
    edges: Array<{
      node: { id: string; title: string; status: ExperimentStatus; endsOn: string; overdue: boolean };
    }>;
  };
}

/** The agreements and experiments that answer an escalation, each linking to its own page. */
export function EscalationAnswers({ escalationId }: { escalationId: string }) {
  const { t, formatDate } = useI18n();
  const { data, error, reload } = useGraphql<Answers>(ESCALATION_ANSWERS_QUERY, { escalationId });
  const agreements = data?.agreements.edges.map((edge) => edge.node) ?? [];
  const experiments = data?.experiments.edges.map((edge) => edge.node) ?? [];
  return (
    <section aria-labelledby="escalation-answers" className="pl-section">
      <Heading2 id="escalation-answers">{t('detail.answers')}</Heading2>
      {error && <LoadError error={error} onRetry={reload} />}
      {data && agreements.length === 0 && experiments.length === 0 && (
        <Paragraph>{t('detail.answersEmpty')}</Paragraph>
      )}
      {agreements.length > 0 && (
        <>
          <Heading3>{t('detail.agreements')}</Heading3>
          <UnorderedList>
            {agreements.map((agreement) => (
              <UnorderedListItem key={agreement.id}>
                <AppLink href={`/agreements/${encodeURIComponent(agreement.id)}`}>{agreement.title}</AppLink>{' '}
                <StatusLabel prefix="agreementStatus" value={agreement.status} /> · {t('agreements.dueBy')}{' '}
                {formatDate(agreement.dueBy)} {agreement.overdue && <OverdueBadge />}
              </UnorderedListItem>
            ))}
          </UnorderedList>
        </>
      )}
      {experiments.length > 0 && (
        <>
          <Heading3>{t('detail.experiments')}</Heading3>
          <UnorderedList>
            {experiments.map((experiment) => (
              <UnorderedListItem key={experiment.id}>
                <AppLink href={`/experiments/${encodeURIComponent(experiment.id)}`}>
                  {experiment.title}
                </AppLink>{' '}
                <StatusLabel prefix="experimentStatus" value={experiment.status} /> ·{' '}
                {formatDate(experiment.endsOn)}{' '}
                {experiment.overdue && <OverdueBadge>{t('experiments.evaluationOverdue')}</OverdueBadge>}
              </UnorderedListItem>
            ))}
          </UnorderedList>
        </>
      )}
    </section>
  );
}
