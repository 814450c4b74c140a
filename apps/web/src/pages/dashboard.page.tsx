import {
  Button,
  Checkbox,
  FormLabel,
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
import { useState, type ReactNode } from 'react';
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
import { useGraphql, type Loaded } from '../api/use-api';
import { AppLayout } from '../components/app-layout';
import { Figure, LoadError, Loading, OverdueBadge } from '../components/ui';
import { useI18n } from '../i18n/i18n.context';
import type { MessageKey } from '../i18n/messages';
import { useReference } from '../reference/reference.context';

interface FiguresData {
  total: { totalCount: number };
  byDomainLevel: SignalStatRow[];
  escalationBoard: { open: number; overdue: number };
}

// Rijkshuisstijl colours, each at least 3:1 against white as WCAG asks of chart marks.
const PALETTE = ['#154273', '#007bc7', '#39870c', '#a90061', '#673327'];

/** A section's own loading and error state. */
function SectionState({ state }: { state: Loaded<unknown> }) {
  if (state.error) return <LoadError error={state.error} onRetry={state.reload} />;
  if (state.loading && state.data === undefined) return <Loading />;
  return null;
}

/** A chart with a heading, and its numbers as a table for screen readers and keyboard users. */
function ChartSection({
  id,
  title,
  chart,
  table,
  empty,
  state,
}: {
  id: string;
  title: string;
  chart: ReactNode;
  table: ReactNode;
  empty: boolean;
  state: Loaded<unknown>;
}) {
  const { t } = useI18n();
  return (
    <section aria-labelledby={id} className="pl-section pl-chart">
      <Heading2 id={id}>{title}</Heading2>
      <SectionState state={state} />
      {state.data === undefined ? null : empty ? (
        <Paragraph>{t('dashboard.noData')}</Paragraph>
      ) : (
        <>
          <div className="pl-chart__canvas" role="img" aria-labelledby={id}>
            {chart}
          </div>
          <details className="pl-details">
            <summary>{t('dashboard.chartTable')}</summary>
            {table}
          </details>
        </>
      )}
    </section>
  );
}

type AccountabilityColumn = keyof AuthorityAccountability;

const ACCOUNTABILITY_COLUMNS: {
  key: AccountabilityColumn;
  label: MessageKey;
  digits?: number;
  percent?: boolean;
}[] = [
  { key: 'escalationsReceived', label: 'dashboard.received' },
  { key: 'decidedOnTimeRate', label: 'dashboard.onTime', percent: true },
  { key: 'medianHoursToAcknowledge', label: 'dashboard.hoursToAck', digits: 1 },
  { key: 'medianDaysToDecision', label: 'dashboard.daysToDecision', digits: 1 },
  { key: 'openOverdue', label: 'dashboard.openOverdue' },
  { key: 'transfersIn', label: 'dashboard.transfers' },
  { key: 'agreementsOpen', label: 'dashboard.agreementsOpen' },
  { key: 'agreementsFulfilled', label: 'dashboard.agreementsFulfilled' },
  { key: 'agreementsUnmet', label: 'dashboard.agreementsUnmet' },
  { key: 'agreementsOverdue', label: 'dashboard.agreementsOverdue' },
  { key: 'followUpsOverdue', label: 'dashboard.followUpsOverdue' },
  { key: 'experimentsOverdue', label: 'dashboard.experimentsOverdue' },
];

function AccountabilityTable({ rows }: { rows: AuthorityAccountability[] }) {
  const { t, formatNumber } = useI18n();
  const { authorityName } = useReference();
  const [sort, setSort] = useState<{ key: AccountabilityColumn | 'authority'; descending: boolean }>({
    key: 'openOverdue',
    descending: true,
  });
  const [showAll, setShowAll] = useState(false);
  const valueOf = (row: AuthorityAccountability, key: AccountabilityColumn | 'authority'): string | number =>
    key === 'authority' ? authorityName(row.authority) : ((row[key] as number | null | undefined) ?? -1);
  // Most of the registry has nothing to account for yet; those rows are one click away.
  const active = rows.filter((row) =>
    ACCOUNTABILITY_COLUMNS.some(
      (column) => column.key !== 'decidedOnTimeRate' && Number(row[column.key] ?? 0) > 0,
    ),
  );
  const shown = showAll ? rows : active;
  const sorted = [...shown].sort((a, b) => {
    const x = valueOf(a, sort.key);
    const y = valueOf(b, sort.key);
    const order =
      typeof x === 'string' && typeof y === 'string' ? x.localeCompare(y, 'nl') : Number(x) - Number(y);
    return sort.descending ? -order : order;
  });
  const header = (key: AccountabilityColumn | 'authority', text: string, numeric: boolean) => {
    const active = sort.key === key;
    return (
      <TableHeaderCell
        key={key}
        scope="col"
        numericColumn={numeric}
        aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : 'none'}
      >
        <button
          type="button"
          className="pl-sort"
          onClick={() => setSort({ key, descending: active ? !sort.descending : key !== 'authority' })}
        >
          {text}
          <span aria-hidden="true" className="pl-sort__icon">
            {active ? (sort.descending ? '▼' : '▲') : '↕'}
          </span>
        </button>
      </TableHeaderCell>
    );
  };
  return (
    <>
      <div className="pl-choice pl-toggle">
        <Checkbox id="accountability-all" checked={showAll} onChange={() => setShowAll(!showAll)} />
        <FormLabel htmlFor="accountability-all" type="checkbox">
          {t('dashboard.showAllAuthorities', { count: rows.length, active: active.length })}
        </FormLabel>
      </div>
      {sorted.length === 0 ? (
        <Paragraph>{t('dashboard.noActivity')}</Paragraph>
      ) : (
        <div className="pl-table-scroll">
          <Table className="pl-table pl-table--compact">
            <TableCaption>
              <span className="pl-visually-hidden">{t('dashboard.accountability')} </span>
              <span className="pl-caption-hint">{t('dashboard.accountabilityHint')}</span>
            </TableCaption>
            <TableHeader>
              <TableRow>
                {header('authority', t('dashboard.authority'), false)}
                {ACCOUNTABILITY_COLUMNS.map((column) => header(column.key, t(column.label), true))}
              </TableRow>
            </TableHeader>
            <TableBody>
              {sorted.map((row) => (
                <TableRow key={row.authority} className={row.openOverdue > 0 ? 'pl-row--overdue' : undefined}>
                  <TableHeaderCell scope="row">
                    {authorityName(row.authority)} {row.openOverdue > 0 && <OverdueBadge />}
                  </TableHeaderCell>
                  {ACCOUNTABILITY_COLUMNS.map((column) => {
                    const raw = row[column.key];
                    const value = typeof raw === 'number' ? raw : null;
                    let text: string;
                    if (column.key === 'transfersIn') text = `${row.transfersIn} / ${row.transfersOut}`;
                    else if (column.percent)
                      text = value === null ? t('app.none') : `${formatNumber(value * 100)}%`;
                    else text = formatNumber(value, column.digits ?? 0);
                    const overdue = /Overdue$/.test(column.key) && (value ?? 0) > 0;
                    return (
                      <TableCell
                        key={column.key}
                        numericColumn
                        className={overdue ? 'pl-cell--overdue' : undefined}
                      >
                        {text}
                      </TableCell>
                    );
                  })}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
    </>
  );
}

export function DashboardPage() {
  const { t, label, formatNumber, formatDate, language } = useI18n();
  const { domainLabel, authorityName } = useReference();
  const figures = useGraphql<FiguresData>(DASHBOARD_FIGURES_QUERY);
  const months = useGraphql<{ perMonth: SignalStatRow[] }>(SIGNALS_PER_MONTH_QUERY);
  const conflicts = useGraphql<{ normConflicts: NormConflictView[] }>(NORM_CONFLICTS_QUERY);
  const loop = useGraphql<{ feedbackLoop: FeedbackLoopRow[] }>(FEEDBACK_LOOP_QUERY);
  const accountability = useGraphql<{ accountability: AuthorityAccountability[] }>(ACCOUNTABILITY_QUERY);
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
