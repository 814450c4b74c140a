import {
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { FeedbackLoopRow } from '../api/api.types';
import type { useGraphql } from '../api/use-api';
import { useI18n } from '../i18n/i18n.context';
import { useReference } from '../reference/reference.context';
import { AppLink, useRouter } from '../router/router';
import { PALETTE, ChartSection } from './dashboard-sections';
import { feedbackRates } from './dashboard-series';
import { escalationsHref, signalsHref } from './drilldown';

/** The feedback loop per policy domain: each step as a share of the one before, counts in the table. */
export function FeedbackLoopSection({
  loop,
}: {
  loop: ReturnType<typeof useGraphql<{ feedbackLoop: FeedbackLoopRow[] }>>;
}) {
  const { t, formatNumber } = useI18n();
  const { domainLabel } = useReference();
  const { navigate } = useRouter();
  const funnel = (loop.data?.feedbackLoop ?? []).map((row) => ({
    ...row,
    ...feedbackRates(row),
    domain: domainLabel(row.policyDomain),
  }));
  return (
    <ChartSection
      id="chart-funnel"
      title={t('dashboard.funnel')}
      note={t('chart.ratesNote')}
      empty={funnel.length === 0}
      state={loop}
      chart={
        <ResponsiveContainer width="100%" height={Math.max(240, funnel.length * 56)}>
          <BarChart data={funnel} layout="vertical" margin={{ top: 8, right: 24, left: 16, bottom: 8 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis type="number" domain={[0, 100]} unit="%" />
            <YAxis type="category" dataKey="domain" width={150} />
            <Tooltip
              formatter={(value) => (typeof value === 'number' ? `${formatNumber(value, 1)}%` : '—')}
            />
            <Legend verticalAlign="top" itemSorter={null} />
            <Bar
              dataKey="escalatedRate"
              name={t('chart.rateEscalated')}
              fill={PALETTE[0]}
              cursor="pointer"
              onClick={(_bar, row) =>
                navigate(signalsHref({ policyDomain: funnel[row]?.policyDomain, escalated: true }))
              }
            />
            <Bar
              dataKey="decidedRate"
              name={t('chart.rateDecided')}
              fill={PALETTE[1]}
              cursor="pointer"
              onClick={(_bar, row) => navigate(escalationsHref({ domain: funnel[row]?.policyDomain }))}
            />
            <Bar dataKey="adjustedRate" name={t('chart.rateAdjusted')} fill={PALETTE[2]} />
            <Bar dataKey="experimentRate" name={t('chart.rateExperiment')} fill={PALETTE[3]} />
            <Bar dataKey="changedRate" name={t('chart.rateChanged')} fill={PALETTE[4]} />
          </BarChart>
        </ResponsiveContainer>
      }
      table={
        <Table className="pl-table pl-table--compact">
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{t('dashboard.domain')}</TableHeaderCell>
              <TableHeaderCell scope="col" numericColumn>
                {t('dashboard.funnelSignals')}
              </TableHeaderCell>
              <TableHeaderCell scope="col" numericColumn>
                {t('dashboard.funnelEscalated')}
              </TableHeaderCell>
              <TableHeaderCell scope="col" numericColumn>
                {t('dashboard.funnelDecided')}
              </TableHeaderCell>
              <TableHeaderCell scope="col" numericColumn>
                {t('dashboard.funnelAdjusted')}
              </TableHeaderCell>
              <TableHeaderCell scope="col" numericColumn>
                {t('dashboard.funnelExperiment')}
              </TableHeaderCell>
              <TableHeaderCell scope="col" numericColumn>
                {t('dashboard.medianDays')}
              </TableHeaderCell>
              <TableHeaderCell scope="col" numericColumn>
                {t('policyChanges.funnelChanged')}
              </TableHeaderCell>
              <TableHeaderCell scope="col" numericColumn>
                {t('policyChanges.medianDaysToChange')}
              </TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {funnel.map((row) => (
              <TableRow key={row.policyDomain}>
                <TableHeaderCell scope="row">{row.domain}</TableHeaderCell>
                <TableCell numericColumn>
                  <AppLink
                    href={signalsHref({ policyDomain: row.policyDomain })}
                    aria-label={t('drill.signals', { count: row.signals, what: row.domain })}
                  >
                    {row.signals}
                  </AppLink>
                </TableCell>
                <TableCell numericColumn>
                  <AppLink
                    href={signalsHref({ policyDomain: row.policyDomain, escalated: true })}
                    aria-label={t('drill.signals', {
                      count: row.escalated,
                      what: `${row.domain}, ${t('dashboard.funnelEscalated')}`,
                    })}
                  >
                    {row.escalated}
                  </AppLink>
                </TableCell>
                <TableCell numericColumn>
                  <AppLink
                    href={escalationsHref({ domain: row.policyDomain })}
                    aria-label={t('drill.escalations', { what: row.domain })}
                  >
                    {row.decided}
                  </AppLink>
                </TableCell>
                <TableCell numericColumn>{row.policyAdjusted}</TableCell>
                <TableCell numericColumn>{row.experimentGranted}</TableCell>
                <TableCell numericColumn>{formatNumber(row.medianDaysToDecision, 1)}</TableCell>
                <TableCell numericColumn>{row.policyChanged ?? 0}</TableCell>
                <TableCell numericColumn>{formatNumber(row.medianDaysToPolicyChange, 1)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      }
    />
  );
}
