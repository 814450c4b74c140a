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
import { Figure } from '../components/ui';
import { useI18n } from '../i18n/i18n.context';
import { useReference } from '../reference/reference.context';
import { PALETTE, SectionState, ChartSection } from './dashboard-sections';
import { ExportButton } from '../components/export-button';
import { AccountabilityTable } from './dashboard-accountability';
import { AsOfPicker, useAsOfDay } from './dashboard-as-of';

interface FiguresData {
  total: { totalCount: number };
  byDomainLevel: SignalStatRow[];
  escalationBoard: { open: number; overdue: number };
}

export function DashboardPage() {
  const { t, label, formatNumber, formatDate, language } = useI18n();
  const { domainLabel, authorityName } = useReference();
  const asOfDay = useAsOfDay();
  // Every section at the same moment: now, or the end of the day picked under "stand op datum".
  const at = asOfDay.asOf === undefined ? {} : { asOf: asOfDay.asOf };
  const figures = useGraphql<FiguresData>(DASHBOARD_FIGURES_QUERY, at);
  const months = useGraphql<{ perMonth: SignalStatRow[] }>(SIGNALS_PER_MONTH_QUERY, at);
  const conflicts = useGraphql<{ normConflicts: NormConflictView[] }>(NORM_CONFLICTS_QUERY, at);
  const loop = useGraphql<{ feedbackLoop: FeedbackLoopRow[] }>(FEEDBACK_LOOP_QUERY, at);
  const accountability = useGraphql<{ accountability: AuthorityAccountability[] }>(ACCOUNTABILITY_QUERY, at);
  // Exports give today's rows; offered only while today is shown.
  const today = asOfDay.asOf === undefined;
  const reload = () => [figures, months, conflicts, loop, accountability].forEach((state) => state.reload());
  const data = figures.data;

  const domains = [...new Set((data?.byDomainLevel ?? []).map((row) => row.key.policyDomain ?? ''))];
  const byDomain = domains.map((domain) => {
    const entry: Record<string, string | number> = { domain: domainLabel(domain) };
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
  const perMonth = [...(months.data?.perMonth ?? [])]
    .filter((row) => row.key.period)
    .sort((a, b) => String(a.key.period).localeCompare(String(b.key.period)))
    .map((row) => {
      const period = String(row.key.period);
      const date = new Date(`${period.slice(0, 7)}-01T12:00:00`);
      return {
        month: Number.isNaN(date.getTime()) ? period : monthFormat.format(date),
        count: row.count,
        escalated: row.escalatedCount,
      };
    });
  const funnel = (loop.data?.feedbackLoop ?? []).map((row) => ({
    ...row,
    domain: domainLabel(row.policyDomain),
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
      <AsOfPicker day={asOfDay.day} onChange={asOfDay.setDay} />
      <SectionState state={figures} />
      {data && (
        <dl className="pl-figures">
          <Figure
            id="figure-total-signals"
            label={t('dashboard.totalSignals')}
            value={formatNumber(data.total.totalCount)}
          />
          <Figure label={t('dashboard.escalatedSignals')} value={formatNumber(escalatedTotal)} />
          <Figure label={t('dashboard.openEscalations')} value={formatNumber(data.escalationBoard.open)} />
          <Figure
            id="figure-overdue-escalations"
            label={t('dashboard.overdueEscalations')}
            value={formatNumber(data.escalationBoard.overdue)}
            tone={data.escalationBoard.overdue > 0 ? 'danger' : undefined}
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
                <Tooltip />
                <Legend verticalAlign="top" />
                {SIGNAL_LEVELS.map((level, index) => (
                  <Bar
                    key={level}
                    dataKey={level}
                    name={label('level', level)}
                    stackId="level"
                    fill={PALETTE[index]}
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
                        {row[level]}
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
            <ResponsiveContainer width="100%" height={320}>
              <LineChart data={perMonth} margin={{ top: 8, right: 16, left: 0, bottom: 8 }}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="month" />
                <YAxis allowDecimals={false} />
                <Tooltip />
                <Legend verticalAlign="top" />
                <Line
                  type="monotone"
                  dataKey="count"
                  name={t('dashboard.totalSignals')}
                  stroke={PALETTE[0]}
                  strokeWidth={2}
                />
                <Line
                  type="monotone"
                  dataKey="escalated"
                  name={t('dashboard.escalatedSignals')}
                  stroke={PALETTE[3]}
                  strokeWidth={2}
                  strokeDasharray="6 3"
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
                  <TableRow key={row.month}>
                    <TableHeaderCell scope="row">{row.month}</TableHeaderCell>
                    <TableCell numericColumn>{row.count}</TableCell>
                    <TableCell numericColumn>{row.escalated}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          }
        />
      </div>

      <ChartSection
        id="chart-funnel"
        title={t('dashboard.funnel')}
        empty={funnel.length === 0}
        state={loop}
        chart={
          <ResponsiveContainer width="100%" height={Math.max(240, funnel.length * 56)}>
            <BarChart data={funnel} layout="vertical" margin={{ top: 8, right: 16, left: 16, bottom: 8 }}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis type="number" allowDecimals={false} />
              <YAxis type="category" dataKey="domain" width={150} />
              <Tooltip />
              <Legend verticalAlign="top" />
              <Bar dataKey="signals" name={t('dashboard.funnelSignals')} fill={PALETTE[0]} />
              <Bar dataKey="escalated" name={t('dashboard.funnelEscalated')} fill={PALETTE[1]} />
              <Bar dataKey="decided" name={t('dashboard.funnelDecided')} fill={PALETTE[2]} />
              <Bar dataKey="policyAdjusted" name={t('dashboard.funnelAdjusted')} fill={PALETTE[3]} />
              <Bar dataKey="experimentGranted" name={t('dashboard.funnelExperiment')} fill={PALETTE[4]} />
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
                  <TableCell numericColumn>{row.signals}</TableCell>
                  <TableCell numericColumn>{row.escalated}</TableCell>
                  <TableCell numericColumn>{row.decided}</TableCell>
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

      <section aria-labelledby="norm-conflicts" className="pl-section">
        <Heading2 id="norm-conflicts">{t('dashboard.normConflicts')}</Heading2>
        <SectionState state={conflicts} />
        {!conflicts.data ? null : conflicts.data.normConflicts.length === 0 ? (
          <Paragraph>{t('dashboard.noData')}</Paragraph>
        ) : (
          <div className="pl-table-scroll">
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
                      <strong>{conflict.normA.ref}</strong> ↔ <strong>{conflict.normB.ref}</strong>
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
          </div>
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
