import {
  Heading1,
  Heading2,
  Heading3,
  Paragraph,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import {
  CHAIN_ESCALATION_QUERY,
  type ChainEscalation,
  POLICY_CHANGE_QUERY,
  type PolicyChangeDetail,
  type PolicyEffectView,
} from '../api/policy-changes.queries';
import { useGraphql } from '../api/use-api';
import { useSignalTitles } from '../api/use-signal-titles';
import { AppLayout } from '../components/app-layout';
import { LoadError, Loading, StatusLabel } from '../components/ui';
import { useI18n } from '../i18n/i18n.context';
import { useReference } from '../reference/reference.context';
import { AppLink } from '../router/router';
import { ChartSection, PALETTE } from './dashboard-sections';

/** The day before an ISO date, to show a window's last day rather than the first day after it. */
const dayBefore = (date: string): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

function EffectSection({ effect, effectiveOn }: { effect: PolicyEffectView; effectiveOn: string }) {
  const { t, label, formatDate, formatNumber } = useI18n();
  const bars = [
    { window: t('policyChanges.before'), signals: effect.before },
    { window: t('policyChanges.after'), signals: effect.after },
  ];
  const bound = (value: number | null) =>
    value === null ? t('policyChanges.unbounded') : formatNumber(value, 2);
  const ratio = effect.rateRatio === null ? t('policyChanges.noRatio') : formatNumber(effect.rateRatio, 2);
  const state = { data: effect, error: undefined, loading: false, reload: () => undefined };
  return (
    <>
      <ChartSection
        id="policy-effect"
        title={t('policyChanges.effect')}
        empty={false}
        state={state}
        chart={
          <ResponsiveContainer width="100%" height={240}>
            <BarChart data={bars} margin={{ top: 8, right: 16, left: 8, bottom: 8 }}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="window" />
              <YAxis allowDecimals={false} />
              <Tooltip />
              <Bar dataKey="signals" name={t('policyChanges.signals')} isAnimationActive={false}>
                {bars.map((bar, index) => (
                  <Cell key={bar.window} fill={PALETTE[index]} />
                ))}
              </Bar>
            </BarChart>
          </ResponsiveContainer>
        }
        table={
          <Table className="pl-table pl-table--compact">
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t('policyChanges.period')}</TableHeaderCell>
                <TableHeaderCell scope="col" numericColumn>
                  {t('policyChanges.signals')}
                </TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {bars.map((bar) => (
                <TableRow key={bar.window}>
                  <TableHeaderCell scope="row">{bar.window}</TableHeaderCell>
                  <TableCell numericColumn>{bar.signals}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        }
      />
      <Paragraph>
        {t('policyChanges.window', {
          days: effect.windowDays,
          from: formatDate(effect.beforeFrom),
          effective: formatDate(effectiveOn),
          until: formatDate(dayBefore(effect.afterUntil)),
        })}
      </Paragraph>
      <dl className="pl-facts" id="policy-effect-figures">
        <div>
          <dt>{t('policyChanges.verdict')}</dt>
          <dd id="policy-effect-verdict">
            <strong>{label('verdict', effect.verdict)}</strong>
          </dd>
        </div>
        <div>
          <dt>{t('policyChanges.before')}</dt>
          <dd id="policy-effect-before">{effect.before}</dd>
        </div>
        <div>
          <dt>{t('policyChanges.after')}</dt>
          <dd id="policy-effect-after">{effect.after}</dd>
        </div>
        <div>
          <dt>{t('policyChanges.ratio')}</dt>
          <dd>{ratio}</dd>
        </div>
        {effect.lower !== null && (
          <div>
            <dt>{t('policyChanges.interval')}</dt>
            <dd id="policy-effect-interval">
              {bound(effect.lower)} – {bound(effect.upper)}
            </dd>
          </div>
        )}
      </dl>
    </>
  );
}

function EscalationStep({ id }: { id: string }) {
  const { t, label, formatDate } = useI18n();
  const { data } = useGraphql<{ escalation: ChainEscalation | null }>(CHAIN_ESCALATION_QUERY, { id });
  const escalation = data?.escalation;
  return (
    <UnorderedListItem>
      <AppLink href={`/escalations/${encodeURIComponent(id)}`}>{escalation?.title ?? id}</AppLink>
      {escalation && (
        <>
          {' — '}
          {escalation.outcome ? label('outcome', escalation.outcome) : t('outcome.none')}
          {escalation.decidedAt ? ` (${formatDate(escalation.decidedAt)})` : ''}
        </>
      )}
    </UnorderedListItem>
  );
}

function ChainSection({ change }: { change: PolicyChangeDetail }) {
  const { t, label, formatDate } = useI18n();
  const titles = useSignalTitles(change.signalIds);
  const none = <Paragraph>{t('policyChanges.noneVisible')}</Paragraph>;
  return (
    <section aria-labelledby="policy-chain" className="pl-section">
      <Heading2 id="policy-chain">{t('policyChanges.chain')}</Heading2>
      <ol className="pl-chain">
        <li>
          <Heading3>{t('policyChanges.chainSignals')}</Heading3>
          {change.signalIds.length === 0 ? (
            none
          ) : (
            <UnorderedList>
              {change.signalIds.map((id) => (
                <UnorderedListItem key={id}>
                  <AppLink href={`/signals/${encodeURIComponent(id)}`}>{titles[id] ?? id}</AppLink>
                </UnorderedListItem>
              ))}
            </UnorderedList>
          )}
        </li>
        <li>
          <Heading3>{t('policyChanges.chainEscalations')}</Heading3>
          {change.escalationIds.length === 0 ? (
            none
          ) : (
            <UnorderedList>
              {change.escalationIds.map((id) => (
                <EscalationStep key={id} id={id} />
              ))}
            </UnorderedList>
          )}
        </li>
        <li>
          <Heading3>{t('policyChanges.chainChange')}</Heading3>
          <Paragraph>
            {change.title} — {t('policyChanges.effectiveOn').toLowerCase()} {formatDate(change.effectiveOn)}
          </Paragraph>
        </li>
        <li>
          <Heading3>{t('policyChanges.chainEffect')}</Heading3>
          <Paragraph>{label('verdict', change.effect.verdict)}</Paragraph>
        </li>
      </ol>
    </section>
  );
}

/** One policy change: what changed, its measured effect, and the chain from signal to effect. */
export function PolicyChangePage({ id }: { id: string }) {
  const { t } = useI18n();
  const { authorityName, domainLabel } = useReference();
  const { data, error, loading, reload } = useGraphql<{ policyChange: PolicyChangeDetail | null }>(
    POLICY_CHANGE_QUERY,
    { id },
  );
  const change = data?.policyChange;
  return (
    <AppLayout title={change?.title ?? t('policyChanges.change')}>
      {error && <LoadError error={error} onRetry={reload} />}
      {loading && data === undefined && <Loading />}
      {data !== undefined && change === null && (
        <>
          <Heading1>{t('policyChanges.change')}</Heading1>
          <Paragraph>{t('policyChanges.notFound')}</Paragraph>
        </>
      )}
      {change && (
        <>
          <Heading1>{change.title}</Heading1>
          <StatusLabel prefix="policyChangeStatus" value={change.status} />
          {change.withdrawnReason && (
            <Paragraph>{t('policyChanges.withdrawn', { reason: change.withdrawnReason })}</Paragraph>
          )}
          <Paragraph>{change.description}</Paragraph>
          <dl className="pl-facts">
            <div>
              <dt>{t('policyChanges.domain')}</dt>
              <dd>{domainLabel(change.policyDomain)}</dd>
            </div>
            <div>
              <dt>{t('policyChanges.owner')}</dt>
              <dd>{authorityName(change.owner)}</dd>
            </div>
            <div>
              <dt>{t('policyChanges.norms')}</dt>
              <dd>
                {change.norms.length === 0
                  ? t('policyChanges.noNorms')
                  : change.norms.map((norm) => norm.ref + (norm.title ? ` (${norm.title})` : '')).join('; ')}
              </dd>
            </div>
          </dl>
          <EffectSection effect={change.effect} effectiveOn={change.effectiveOn} />
          <ChainSection change={change} />
        </>
      )}
    </AppLayout>
  );
}
