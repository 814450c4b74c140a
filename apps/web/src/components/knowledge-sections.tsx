import {
  Button,
  Heading2,
  Heading3,
  Paragraph,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import { useEffect, useState, type FormEvent } from 'react';
import { ApiError } from '../api/api-client';
import { useGraphql, useRest } from '../api/use-api';
import { useSession } from '../auth/session.context';
import { useI18n } from '../i18n/i18n.context';
import type { MessageKey } from '../i18n/messages';
import { AppLink } from '../router/router';
import { TextField } from './form-fields';
import { FormMessage, LoadError } from './ui';

interface SimilarEntry {
  signal: { id: string; title: string; status: string };
  score: number;
  reasons: Array<'SHARED_NORM' | 'SAME_DOMAIN' | 'TEXT'>;
  duplicateIds: string[];
}

const SIMILAR_FIELDS = 'signal { id title status } score reasons duplicateIds';
const SIMILAR_QUERY = `query Similar($id: ID!) { signal(id: $id) { id similar(first: 5) { ${SIMILAR_FIELDS} } } }`;
const SIMILAR_TO_QUERY = `query SimilarTo($input: SimilarToInput!) { similarTo(input: $input, first: 5) { ${SIMILAR_FIELDS} } }`;
const PRECEDENTS_QUERY = `query Precedents($id: ID!) { precedents(signalId: $id, first: 5) {
  basis sharedNormCount
  escalation { id title outcome rationale decidedAt addressedTo addressedToName }
  agreements { id title status } experiments { id title status conclusion policyConsequence } } }`;

function SimilarList({ entries }: { entries: SimilarEntry[] }) {
  const { t } = useI18n();
  return (
    <UnorderedList className="pl-similar">
      {entries.map((entry) => (
        <UnorderedListItem key={entry.signal.id}>
          <AppLink href={`/signals/${encodeURIComponent(entry.signal.id)}`}>{entry.signal.title}</AppLink>{' '}
          <span className="pl-muted">
            ({t('similar.score', { score: Math.round(entry.score * 100) })}:{' '}
            {entry.reasons.map((reason) => t(`similar.reason.${reason}` as MessageKey)).join(', ')}
            {entry.duplicateIds.length > 0 &&
              `, ${entry.duplicateIds.length === 1 ? t('similar.duplicatesOne') : t('similar.duplicates', { count: entry.duplicateIds.length })}`}
            )
          </span>
        </UnorderedListItem>
      ))}
    </UnorderedList>
  );
}

/** The signals most like this one, as far as the reader may see them. */
export function SimilarSignals({ signalId }: { signalId: string }) {
  const { t } = useI18n();
  const similar = useGraphql<{ signal: { similar: SimilarEntry[] } | null }>(SIMILAR_QUERY, { id: signalId });
  const entries = similar.data?.signal?.similar ?? [];
  return (
    <section aria-labelledby="similar-signals" className="pl-section">
      <Heading2 id="similar-signals">{t('similar.title')}</Heading2>
      {similar.error && <LoadError error={similar.error} onRetry={similar.reload} />}
      {similar.data &&
        (entries.length > 0 ? <SimilarList entries={entries} /> : <Paragraph>{t('similar.none')}</Paragraph>)}
    </section>
  );
}

/** While an officer types a new signal: the signals it may duplicate (debounced, scoped as ever). */
export function SimilarSuggestions({
  text,
  type,
  policyDomain,
}: {
  text: string;
  type: string;
  policyDomain: string;
}) {
  const { t } = useI18n();
  const [settled, setSettled] = useState(text);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(text), 400);
    return () => clearTimeout(timer);
  }, [text]);
  const words = settled
    .trim()
    .split(/\s+/)
    .filter((word) => word.length >= 3);
  const input = {
    text: settled.slice(0, 4000),
    ...(type ? { type } : {}),
    ...(policyDomain ? { policyDomain } : {}),
  };
  const similar = useGraphql<{ similarTo: SimilarEntry[] }>(
    SIMILAR_TO_QUERY,
    { input },
    { skip: words.length < 2 },
  );
  const entries = words.length < 2 ? [] : (similar.data?.similarTo ?? []);
  if (entries.length === 0) return null;
  return (
    <aside aria-labelledby="similar-suggestions" className="pl-section pl-suggestions" aria-live="polite">
      <Heading2 id="similar-suggestions">{t('similar.suggestions')}</Heading2>
      <Paragraph>{t('similar.suggestionsHint')}</Paragraph>
      <SimilarList entries={entries} />
    </aside>
  );
}

interface PrecedentEntry {
  basis: 'SHARED_NORM' | 'SAME_TYPE_AND_DOMAIN';
  sharedNormCount: number;
  escalation: {
    id: string;
    title: string;
    outcome: string | null;
    rationale: string | null;
    decidedAt: string | null;
    addressedTo: string;
    addressedToName: string | null;
  };
  agreements: Array<{ id: string; title: string; status: string }>;
  experiments: Array<{ id: string; title: string; status: string; conclusion: string | null }>;
}

/** "Hoe is dit elders opgelost?": decided escalations of similar signals and what followed. */
export function Precedents({ signalId }: { signalId: string }) {
  const { t, label, formatDate } = useI18n();
  const precedents = useGraphql<{ precedents: PrecedentEntry[] }>(PRECEDENTS_QUERY, { id: signalId });
  const entries = precedents.data?.precedents ?? [];
  return (
    <section aria-labelledby={`precedents-${signalId}`} className="pl-section">
      <Heading2 id={`precedents-${signalId}`}>{t('precedents.title')}</Heading2>
      {precedents.error && <LoadError error={precedents.error} onRetry={precedents.reload} />}
      {precedents.data && entries.length === 0 && <Paragraph>{t('precedents.none')}</Paragraph>}
      {entries.map(({ escalation, ...entry }) => (
        <div key={escalation.id} className="pl-precedent">
          <Heading3>
            <AppLink href={`/escalations/${encodeURIComponent(escalation.id)}`}>{escalation.title}</AppLink>
          </Heading3>
          <Paragraph>
            {t('precedents.decidedBy', {
              authority: escalation.addressedToName ?? escalation.addressedTo,
              date: formatDate(escalation.decidedAt?.slice(0, 10)),
            })}
            {escalation.outcome && `: ${label('outcome', escalation.outcome)}`} ·{' '}
            {entry.basis === 'SHARED_NORM'
              ? entry.sharedNormCount === 1
                ? t('precedents.sharedNormsOne')
                : t('precedents.sharedNorms', { count: entry.sharedNormCount })
              : t('precedents.sameKind')}
          </Paragraph>
          {escalation.rationale && <Paragraph className="pl-multiline">{escalation.rationale}</Paragraph>}
          {entry.agreements.length > 0 && (
            <>
              <Paragraph>{t('precedents.agreements')}</Paragraph>
              <UnorderedList>
                {entry.agreements.map((agreement) => (
                  <UnorderedListItem key={agreement.id}>{agreement.title}</UnorderedListItem>
                ))}
              </UnorderedList>
            </>
          )}
          {entry.experiments.length > 0 && (
            <>
              <Paragraph>{t('precedents.experiments')}</Paragraph>
              <UnorderedList>
                {entry.experiments.map((experiment) => (
                  <UnorderedListItem key={experiment.id}>
                    {experiment.title}
                    {experiment.conclusion ? ` — ${experiment.conclusion}` : ''}
                  </UnorderedListItem>
                ))}
              </UnorderedList>
            </>
          )}
        </div>
      ))}
    </section>
  );
}

interface FollowLinkEntry {
  id: string;
  expiresAt: string;
  revokedAt: string | null;
  active: boolean;
}

/** Follow links of a signal, for the reporting authority's officers and administrators. */
export function FollowLinks({ signalId }: { signalId: string }) {
  const { t, formatDate } = useI18n();
  const { api } = useSession();
  const [days, setDays] = useState('180');
  const [issued, setIssued] = useState<string | undefined>();
  const [failure, setFailure] = useState<string | undefined>();
  const [version, setVersion] = useState(0);
  const path = `/api/v1/signals/${encodeURIComponent(signalId)}/follow-links`;
  const links = useRest<FollowLinkEntry[]>(`${path}?v=${version}`);

  const act = async (action: () => Promise<void>) => {
    setFailure(undefined);
    try {
      await action();
      setVersion((v) => v + 1);
    } catch (error) {
      setFailure(error instanceof ApiError ? error.message : String(error));
    }
  };
  const issue = (event: FormEvent) => {
    event.preventDefault();
    void act(async () => {
      const body = await api.rest<{ url: string }>('POST', path, { body: { expiresInDays: Number(days) } });
      setIssued(body.url);
    });
  };

  return (
    <section aria-labelledby="follow-links" className="pl-section">
      <Heading2 id="follow-links">{t('followLinks.title')}</Heading2>
      <Paragraph>{t('followLinks.intro')}</Paragraph>
      {failure && <FormMessage type="error">{t('followLinks.failed', { message: failure })}</FormMessage>}
      <form onSubmit={issue} className="pl-form" aria-label={t('followLinks.issue')}>
        <TextField id="follow-days" label={t('followLinks.days')} value={days} onChange={setDays} plain />
        <Button type="submit" appearance="secondary-action-button">
          {t('followLinks.issue')}
        </Button>
      </form>
      {issued && (
        <FormMessage type="ok">
          {t('followLinks.issued')} <code className="pl-follow-url">{issued}</code>
        </FormMessage>
      )}
      {links.error && <LoadError error={links.error} onRetry={links.reload} />}
      {links.data && links.data.length > 0 && (
        <>
          <Heading3>{t('followLinks.list')}</Heading3>
          <UnorderedList>
            {links.data.map((link) => (
              <UnorderedListItem key={link.id}>
                {t('followLinks.validUntil', { date: formatDate(link.expiresAt.slice(0, 10)) })}
                {link.revokedAt
                  ? ` — ${t('followLinks.revoked')}`
                  : !link.active
                    ? ` — ${t('followLinks.expired')}`
                    : ''}
                {link.active && (
                  <>
                    {' '}
                    <Button
                      appearance="subtle-button"
                      onClick={() =>
                        void act(() => api.rest<void>('DELETE', `${path}/${encodeURIComponent(link.id)}`))
                      }
                    >
                      {t('followLinks.revoke')}
                    </Button>
                  </>
                )}
              </UnorderedListItem>
            ))}
          </UnorderedList>
        </>
      )}
    </section>
  );
}

/** Who may see the initiative may invite it: the reporting authority's officers and administrators. */
export const useCanManageFollowLinks = (reportingAuthority: string | undefined): boolean => {
  const { session, hasRole } = useSession();
  return (
    reportingAuthority !== undefined &&
    session?.claims.authority === reportingAuthority &&
    (hasRole('officer') || hasRole('admin'))
  );
};
