import {
  Button,
  Heading1,
  Heading2,
  Paragraph,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import {
  SIGNAL_LEVELS,
  type AuthorityAccountability,
  type SignalLevel,
  type FeedbackLoopRow,
  type NormConflictView,
  type SignalStatRow,
} from '../api/api.types';
import {
  ACCOUNTABILITY_QUERY,
  DASHBOARD_FIGURES_QUERY,
  FEEDBACK_LOOP_QUERY,
  NORM_CONFLICTS_QUERY,
  SIGNALS_PER_MONTH_QUERY,
} from '../api/graphql.queries';
import { useGraphql } from '../api/use-api';
import { AppLayout } from '../components/app-layout';
import { Figure, ScrollRegion } from '../components/ui';
import { useI18n } from '../i18n/i18n.context';
import { useReference } from '../reference/reference.context';
import { PALETTE, SectionState, ChartSection } from './dashboard-sections';
import { ExportButton } from '../components/export-button';
import { AccountabilityTable } from './dashboard-accountability';
import { monthSeries } from './dashboard-series';
import { FeedbackLoopSection } from './dashboard-feedback-loop';
import { escalationsHref, monthRange, signalsHref } from './drilldown';
import { AppLink, useRouter } from '../router/router';
import { AsOfPicker, useAsOfDay } from './dashboard-as-of';

interface FiguresData {
  total: { totalCount: number };
  byDomainLevel: SignalStatRow[];
  escalationBoard: { open: number; overdue: number };
}

export function DashboardPage() {
  const { t, label, formatNumber, formatDate, language } = useI18n();
  const { domainLabel, authorityName } = useReference();
  const { navigate } = useRouter();
  const asOfDay = useAsOfDay();
  // Every section at the same moment: now, or the end of the day picked under "stand op datum".
  const at = asOfDay.asOf === undefined ? {} : { asOf: asOfDay.asOf };
  // Figures of another day must never show under this day's banner, however long this day takes.
  const fresh = { keepPreviousAnswer: false };
  const figures = useGraphql<FiguresData>(DASHBOARD_FIGURES_QUERY, at, fresh);
  const months = useGraphql<{ perMonth: SignalStatRow[] }>(SIGNALS_PER_MONTH_QUERY, at, fresh);
  const conflicts = useGraphql<{ normConflicts: NormConflictView[] }>(NORM_CONFLICTS_QUERY, at, fresh);
  const loop = useGraphql<{ feedbackLoop: FeedbackLoopRow[] }>(FEEDBACK_LOOP_QUERY, at, fresh);
  const accountability = useGraphql<{ accountability: AuthorityAccountability[] }>(
    ACCOUNTABILITY_QUERY,
    at,
    fresh,
  );
  const sections = [figures, months, conflicts, loop, accountability];
  // Exports give today's rows; offered only while today is shown.
  const today = asOfDay.asOf === undefined;
  const reload = () => sections.forEach((state) => state.reload());
  const data = figures.data;

  const domains = [...new Set((data?.byDomainLevel ?? []).map((row) => row.key.policyDomain ?? ''))];
  const byDomain = domains.map((domain) => {
    const entry: Record<string, string | number> = { domain: domainLabel(domain), code: domain };
    for (const level of SIGNAL_LEVELS) {
      entry[level] = (data?.byDomainLevel ?? [])
        .filter((row) => row.key.policyDomain === domain && row.key.level === level)
        .reduce((sum, row) => sum + row.count, 0);
    }
    return entry;
  });
  const monthFormat = new Intl.DateTimeFormat(language === 'nl' ? 'nl-NL' : 'en-GB', {
    month: 'short',
    year: 'numeric',
  });
  const monthLabel = (period: string, ongoing: boolean): string => {
    const date = new Date(`${period}-01T12:00:00`);
    const name = Number.isNaN(date.getTime()) ? period : monthFormat.format(date);
    return ongoing ? `${name} (${t('chart.ongoingMonth')})` : name;
  };
  const perMonth = monthSeries(months.data?.perMonth ?? []).map((point) => ({
    ...point,
    month: monthLabel(point.period, point.ongoing),
    range: monthRange(point.period),
  }));
  const escalatedTotal = (data?.byDomainLevel ?? []).reduce((sum, row) => sum + row.escalatedCount, 0);

  return (
    <AppLayout title={t('dashboard.title')}>
      <div className="pl-title-bar">
        <Heading1>{t('dashboard.title')}</Heading1>
        <Button appearance="secondary-action-button" onClick={reload} busy={figures.loading}>
          {t('app.refresh')}
        </Button>
      </div>
      <AsOfPicker
        day={asOfDay.day}
        onChange={asOfDay.setDay}
        building={sections.some((state) => state.loading)}
      />
      <SectionState state={figures} />
      {data && (
        <dl className="pl-figures">
          <Figure
            id="figure-total-signals"
            label={t('dashboard.totalSignals')}
            value={formatNumber(data.total.totalCount)}
            href={signalsHref({})}
          />
          <Figure
            label={t('dashboard.escalatedSignals')}
            value={formatNumber(escalatedTotal)}
            href={signalsHref({ escalated: true })}
          />
          <Figure
            label={t('dashboard.openEscalations')}
            value={formatNumber(data.escalationBoard.open)}
            href={escalationsHref({ status: 'open' })}
          />
          <Figure
            id="figure-overdue-escalations"
            label={t('dashboard.overdueEscalations')}
            value={formatNumber(data.escalationBoard.overdue)}
            tone={data.escalationBoard.overdue > 0 ? 'danger' : undefined}
            href={escalationsHref({ overdue: true })}
          />
        </dl>
      )}

      <div>
        <ChartSection
          id="chart-domain-level"
          title={t('dashboard.byDomainLevel')}
          empty={byDomain.length === 0}
          state={{ ...figures, error: undefined, loading: false }}
          chart={
            <ResponsiveContainer width="100%" height={Math.max(260, byDomain.length * 30 + 60)}>
              <BarChart data={byDomain} layout="vertical" margin={{ top: 8, right: 16, left: 8, bottom: 8 }}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis type="number" allowDecimals={false} />
                <YAxis type="category" dataKey="domain" width={150} interval={0} />
                <Tooltip itemSorter={(item) => SIGNAL_LEVELS.indexOf(String(item.dataKey) as SignalLevel)} />
                <Legend
                  verticalAlign="top"
                  itemSorter={(item) => SIGNAL_LEVELS.indexOf(String(item.dataKey) as SignalLevel)}
                />
                {SIGNAL_LEVELS.map((level, index) => (
                  <Bar
                    key={level}
                    dataKey={level}
                    name={label('level', level)}
                    stackId="level"
                    fill={PALETTE[index]}
                    cursor="pointer"
                    onClick={(_bar, row) =>
                      navigate(signalsHref({ policyDomain: String(byDomain[row]?.code ?? ''), level }))
                    }
                  />
                ))}
              </BarChart>
            </ResponsiveContainer>
          }
          table={
            <Table className="pl-table pl-table--compact">
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">{t('dashboard.domain')}</TableHeaderCell>
                  {SIGNAL_LEVELS.map((level) => (
                    <TableHeaderCell key={level} scope="col" numericColumn>
                      {label('level', level)}
                    </TableHeaderCell>
                  ))}
                </TableRow>
              </TableHeader>
              <TableBody>
                {byDomain.map((row) => (
                  <TableRow key={String(row.domain)}>
                    <TableHeaderCell scope="row">{row.domain}</TableHeaderCell>
                    {SIGNAL_LEVELS.map((level) => (
                      <TableCell key={level} numericColumn>
                        <AppLink
                          href={signalsHref({ policyDomain: String(row.code), level })}
                          aria-label={t('drill.signals', {
                            count: row[level],
                            what: `${row.domain}, ${label('level', level)}`,
                          })}
                        >
                          {row[level]}
                        </AppLink>
                      </TableCell>
                    ))}
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          }
        />
        <ChartSection
          id="chart-per-month"
          title={t('dashboard.perMonth')}
          empty={perMonth.length === 0}
          state={months}
          exportButton={
            today && (
              <ExportButton
                view="signal-stats"
                params={{ groupBy: ['PERIOD'], bucket: 'MONTH' }}
                what={t('dashboard.perMonth')}
              />
            )
          }
          chart={
            <ResponsiveContainer width="100%" height={360}>
              <LineChart
                data={perMonth}
                margin={{ top: 8, right: 32, left: 0, bottom: 24 }}
                style={{ cursor: 'pointer' }}
                onClick={(state) => {
                  const range = perMonth[Number(state.activeTooltipIndex)]?.range;
                  if (range) navigate(signalsHref(range));
                }}
              >
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="month" interval={0} angle={-35} textAnchor="end" height={90} />
                <YAxis allowDecimals={false} />
                <Tooltip />
                <Legend verticalAlign="top" itemSorter={null} />
                <Line
                  type="monotone"
                  dataKey="countComplete"
                  name={t('dashboard.totalSignals')}
                  stroke={PALETTE[0]}
                  strokeWidth={2}
                  isAnimationActive={false}
                />
                <Line
                  type="monotone"
                  dataKey="escalatedComplete"
                  name={t('dashboard.escalatedSignals')}
                  stroke={PALETTE[3]}
                  strokeWidth={2}
                  strokeDasharray="6 3"
                  isAnimationActive={false}
                />
                <Line
                  type="monotone"
                  dataKey="countOngoing"
                  name={`${t('dashboard.totalSignals')} (${t('chart.ongoingMonth')})`}
                  stroke={PALETTE[0]}
                  strokeWidth={2}
                  strokeDasharray="2 4"
                  strokeOpacity={0.7}
                  dot={{ r: 4, fill: '#fff' }}
                  legendType="none"
                  isAnimationActive={false}
                />
                <Line
                  type="monotone"
                  dataKey="escalatedOngoing"
                  name={`${t('dashboard.escalatedSignals')} (${t('chart.ongoingMonth')})`}
                  stroke={PALETTE[3]}
                  strokeWidth={2}
                  strokeDasharray="2 4"
                  strokeOpacity={0.7}
                  dot={{ r: 4, fill: '#fff' }}
                  legendType="none"
                  isAnimationActive={false}
                />
              </LineChart>
            </ResponsiveContainer>
          }
          table={
            <Table className="pl-table pl-table--compact">
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">{t('dashboard.month')}</TableHeaderCell>
                  <TableHeaderCell scope="col" numericColumn>
                    {t('dashboard.totalSignals')}
                  </TableHeaderCell>
                  <TableHeaderCell scope="col" numericColumn>
                    {t('dashboard.escalatedSignals')}
                  </TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {perMonth.map((row) => (
                  <TableRow key={row.period}>
                    <TableHeaderCell scope="row">{row.month}</TableHeaderCell>
                    <TableCell numericColumn>
                      <AppLink
                        href={signalsHref(row.range ?? {})}
                        aria-label={t('drill.signals', { count: row.count, what: row.month })}
                      >
                        {row.count}
                      </AppLink>
                    </TableCell>
                    <TableCell numericColumn>
                      <AppLink
                        href={signalsHref({ ...row.range, escalated: true })}
                        aria-label={t('drill.signals', {
                          count: row.escalated,
                          what: `${row.month}, ${t('dashboard.escalatedSignals')}`,
                        })}
                      >
                        {row.escalated}
                      </AppLink>
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          }
        />
      </div>

      <FeedbackLoopSection loop={loop} />

      <section aria-labelledby="norm-conflicts" className="pl-section">
        <Heading2 id="norm-conflicts">{t('dashboard.normConflicts')}</Heading2>
        <SectionState state={conflicts} />
        {!conflicts.data ? null : conflicts.data.normConflicts.length === 0 ? (
          <Paragraph>{t('dashboard.noData')}</Paragraph>
        ) : (
          <ScrollRegion label={t('dashboard.normConflicts')}>
            <Table className="pl-table">
              <TableCaption className="pl-visually-hidden">{t('dashboard.normConflicts')}</TableCaption>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">{t('dashboard.normPair')}</TableHeaderCell>
                  <TableHeaderCell scope="col" numericColumn>
                    {t('dashboard.count')}
                  </TableHeaderCell>
                  <TableHeaderCell scope="col">{t('signal.authorities')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('dashboard.lastSeen')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('dashboard.covered')}</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {conflicts.data.normConflicts.map((conflict) => (
                  <TableRow key={`${conflict.normA.ref}|${conflict.normB.ref}`}>
                    <TableCell>
                      <AppLink
                        href={signalsHref({
                          type: 'CONFLICTING_NORMS',
                          normA: conflict.normA.ref,
                          normB: conflict.normB.ref,
                        })}
                        aria-label={t('drill.signals', {
                          count: conflict.count,
                          what: `${conflict.normA.ref} ↔ ${conflict.normB.ref}`,
                        })}
                      >
                        <strong>{conflict.normA.ref}</strong> ↔ <strong>{conflict.normB.ref}</strong>
                      </AppLink>
                    </TableCell>
                    <TableCell numericColumn>{conflict.count}</TableCell>
                    <TableCell>
                      {conflict.authorities
                        .slice(0, 4)
                        .map((a) => authorityName(a))
                        .join(', ')}
                      {conflict.authorities.length > 4 &&
                        ` ${t('dashboard.andMore', { count: conflict.authorities.length - 4 })}`}
                    </TableCell>
                    <TableCell>{formatDate(conflict.lastSeen?.slice(0, 10))}</TableCell>
                    <TableCell>{conflict.escalated ? t('app.yes') : t('app.no')}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </ScrollRegion>
        )}
      </section>

      <section aria-labelledby="accountability" className="pl-section">
        <Heading2 id="accountability">{t('dashboard.accountability')}</Heading2>
        {today && <ExportButton view="accountability" what={t('dashboard.accountability')} />}
        <SectionState state={accountability} />
        {!accountability.data ? null : accountability.data.accountability.length === 0 ? (
          <Paragraph>{t('dashboard.noData')}</Paragraph>
        ) : (
          <AccountabilityTable rows={accountability.data.accountability} />
        )}
      </section>
    </AppLayout>
  );
}
