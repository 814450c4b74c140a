import {
  Heading1,
  Heading2,
  Heading3,
  Paragraph,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import { useEffect, useState } from 'react';
import { AppLayout } from '../components/app-layout';
import { Loading } from '../components/ui';
import { useI18n } from '../i18n/i18n.context';

/** `GET /api/v1/follow/{token}`: the server writes every status in plain Dutch next to its code. */
interface FollowStatus {
  title: string;
  statusText: string;
  escalations: Array<{
    title: string;
    statusText: string;
    raisedBy: string;
    addressedTo: string;
    respondBy: string;
    deadlinePassed: boolean;
    decision: { outcomeText: string; rationale: string; decidedAt: string } | null;
    agreements: Array<{
      title: string;
      commitment: string;
      owner: string;
      dueBy: string;
      statusText: string;
    }>;
    experiments: Array<{
      title: string;
      owner: string;
      endsOn: string;
      statusText: string;
      conclusion: string | null;
      policyConsequenceText: string | null;
    }>;
  }>;
  policyChanges: Array<{ title: string; effectText?: string }>;
}

type Answer = { kind: 'loading' } | { kind: 'found'; status: FollowStatus } | { kind: 'gone' };

/**
 * The initiative's own view of its case (`/volgen/{token}`), without signing in: one page in plain
 * Dutch, readable on a phone and printable. Nothing here needs or shows a session.
 */
export function FollowPage({ token }: { token: string }) {
  const { t, formatDate } = useI18n();
  const [answer, setAnswer] = useState<Answer>({ kind: 'loading' });

  useEffect(() => {
    const controller = new AbortController();
    fetch(`/api/v1/follow/${encodeURIComponent(token)}`, { signal: controller.signal, credentials: 'omit' })
      .then(async (response) =>
        response.ok
          ? setAnswer({ kind: 'found', status: (await response.json()) as FollowStatus })
          : setAnswer({ kind: 'gone' }),
      )
      .catch(() => {
        if (!controller.signal.aborted) setAnswer({ kind: 'gone' });
      });
    return () => controller.abort();
  }, [token]);

  if (answer.kind === 'loading') {
    return (
      <AppLayout title={t('follow.preHeading')}>
        <Loading />
      </AppLayout>
    );
  }
  if (answer.kind === 'gone') {
    return (
      <AppLayout title={t('follow.notFound')}>
        <div className="pl-follow">
          <Heading1>{t('follow.notFound')}</Heading1>
          <Paragraph>{t('follow.notFoundText')}</Paragraph>
        </div>
      </AppLayout>
    );
  }
  const { status } = answer;
  return (
    <AppLayout title={status.title}>
      <article className="pl-follow">
        <p className="pl-pre-heading">{t('follow.preHeading')}</p>
        <Heading1>{status.title}</Heading1>
        <section aria-labelledby="follow-status">
          <Heading2 id="follow-status">{t('follow.status')}</Heading2>
          <Paragraph>{status.statusText}</Paragraph>
        </section>
        <section aria-labelledby="follow-escalations">
          <Heading2 id="follow-escalations">{t('follow.escalations')}</Heading2>
          {status.escalations.length === 0 && <Paragraph>{t('follow.noEscalations')}</Paragraph>}
          {status.escalations.map((escalation, index) => (
            <div className="pl-follow__step" key={index}>
              <Heading3>{escalation.title}</Heading3>
              <Paragraph>
                {t('follow.raised', { from: escalation.raisedBy, to: escalation.addressedTo })}
              </Paragraph>
              <Paragraph>{escalation.statusText}</Paragraph>
              {!escalation.decision && (
                <Paragraph>
                  {t('follow.deadline', { date: formatDate(escalation.respondBy.slice(0, 10)) })}{' '}
                  {escalation.deadlinePassed && <strong>{t('follow.deadlinePassed')}</strong>}
                </Paragraph>
              )}
              {escalation.decision && (
                <Paragraph>
                  <strong>{t('follow.decision')}:</strong> {escalation.decision.outcomeText}{' '}
                  <strong>{t('follow.why')}:</strong> {escalation.decision.rationale}
                </Paragraph>
              )}
              {(escalation.agreements.length > 0 || escalation.experiments.length > 0) && (
                <UnorderedList>
                  {escalation.agreements.map((agreement, i) => (
                    <UnorderedListItem key={`a${i}`}>
                      {t('follow.agreement', { owner: agreement.owner, date: formatDate(agreement.dueBy) })}:{' '}
                      {agreement.title}. {agreement.commitment} {agreement.statusText}
                    </UnorderedListItem>
                  ))}
                  {escalation.experiments.map((experiment, i) => (
                    <UnorderedListItem key={`x${i}`}>
                      {t('follow.experiment', {
                        owner: experiment.owner,
                        date: formatDate(experiment.endsOn),
                      })}
                      : {experiment.title}. {experiment.statusText} {experiment.conclusion ?? ''}{' '}
                      {experiment.policyConsequenceText ?? ''}
                    </UnorderedListItem>
                  ))}
                </UnorderedList>
              )}
            </div>
          ))}
        </section>
        {status.policyChanges.length > 0 && (
          <section aria-labelledby="follow-policy">
            <Heading2 id="follow-policy">{t('follow.policyChanges')}</Heading2>
            <UnorderedList>
              {status.policyChanges.map((change, i) => (
                <UnorderedListItem key={i}>
                  {change.title} {change.effectText ?? ''}
                </UnorderedListItem>
              ))}
            </UnorderedList>
          </section>
        )}
        <Paragraph className="pl-follow__print-hint">{t('follow.print')}</Paragraph>
      </article>
    </AppLayout>
  );
}
