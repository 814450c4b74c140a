import { Heading2, UnorderedList, UnorderedListItem } from '@utrecht/component-library-react';
import { SIGNAL_POLICY_CHANGES_QUERY } from '../api/policy-changes.queries';
import { useGraphql } from '../api/use-api';
import { useI18n } from '../i18n/i18n.context';
import { AppLink } from '../router/router';

/** The policy changes a signal led to, through its escalations; nothing when there are none. */
export function SignalPolicyChanges({ signalId }: { signalId: string }) {
  const { t, formatDate } = useI18n();
  const { data } = useGraphql<{
    signal: { policyChanges: Array<{ id: string; title: string; effectiveOn: string }> } | null;
  }>(SIGNAL_POLICY_CHANGES_QUERY, { id: signalId });
  const changes = data?.signal?.policyChanges ?? [];
  if (changes.length === 0) return null;
  return (
    <section aria-labelledby="signal-policy-changes" className="pl-section">
      <Heading2 id="signal-policy-changes">{t('policyChanges.ledTo')}</Heading2>
      <UnorderedList>
        {changes.map((change) => (
          <UnorderedListItem key={change.id}>
            <AppLink href={`/policy-changes/${encodeURIComponent(change.id)}`}>{change.title}</AppLink> (
            {t('policyChanges.effectiveOn').toLowerCase()} {formatDate(change.effectiveOn)})
          </UnorderedListItem>
        ))}
      </UnorderedList>
    </section>
  );
}
