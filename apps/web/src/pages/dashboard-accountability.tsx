import {
  Checkbox,
  FormLabel,
  Paragraph,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { useState } from 'react';
import type { AuthorityAccountability } from '../api/api.types';
import { OverdueBadge } from '../components/ui';
import { useI18n } from '../i18n/i18n.context';
import type { MessageKey } from '../i18n/messages';
import { useReference } from '../reference/reference.context';
import { compareNames } from '../util/collate';
import { AppLink } from '../router/router';
import { escalationsHref } from './drilldown';

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

export function AccountabilityTable({ rows }: { rows: AuthorityAccountability[] }) {
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
      typeof x === 'string' && typeof y === 'string' ? compareNames('nl', x, y) : Number(x) - Number(y);
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
                    <AppLink href={escalationsHref({ addressedTo: row.authority })}>
                      {authorityName(row.authority)}
                    </AppLink>{' '}
                    {row.openOverdue > 0 && <OverdueBadge />}
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
                        {column.key === 'openOverdue' && row.openOverdue > 0 ? (
                          <AppLink
                            href={escalationsHref({ addressedTo: row.authority, overdue: true })}
                            aria-label={t('drill.escalations', {
                              what: `${authorityName(row.authority)}, ${t('dashboard.openOverdue')}`,
                            })}
                          >
                            {text}
                          </AppLink>
                        ) : (
                          text
                        )}
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
