import {
  Paragraph,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import type { EscalationView } from '../api/api.types';
import { useI18n } from '../i18n/i18n.context';
import { useReference } from '../reference/reference.context';
import { AppLink } from '../router/router';
import { OverdueBadge, StatusLabel } from './ui';

/** Escalations by deadline, the most urgent first; overdue rows are marked in text, not colour alone. */
export function EscalationTable({
  escalations,
  caption,
  show,
}: {
  escalations: EscalationView[];
  caption: string;
  show: 'raisedBy' | 'addressedTo';
}) {
  const { t, formatDateTime, formatNumber } = useI18n();
  const { authorityName } = useReference();
  const sorted = [...escalations].sort((a, b) => a.respondBy.localeCompare(b.respondBy));
  if (sorted.length === 0) return <Paragraph>{t('board.empty')}</Paragraph>;
  return (
    <div className="pl-table-scroll">
      <Table className="pl-table">
        <TableCaption className="pl-visually-hidden">{caption}</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">{t('signal.title')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('signal.status')}</TableHeaderCell>
            <TableHeaderCell scope="col">
              {show === 'raisedBy' ? t('board.raisedBy') : t('escalation.addressedTo')}
            </TableHeaderCell>
            <TableHeaderCell scope="col">{t('board.respondBy')}</TableHeaderCell>
            <TableHeaderCell scope="col" numericColumn>
              {t('board.signals')}
            </TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {sorted.map((escalation) => (
            <TableRow key={escalation.id} className={escalation.overdue ? 'pl-row--overdue' : undefined}>
              <TableCell>
                <AppLink href={`/escalations/${encodeURIComponent(escalation.id)}`}>
                  {escalation.title ?? escalation.id}
                </AppLink>
              </TableCell>
              <TableCell>
                <StatusLabel prefix="escalationStatus" value={escalation.status} />
              </TableCell>
              <TableCell>
                {authorityName(show === 'raisedBy' ? escalation.raisedBy : escalation.addressedTo)}
              </TableCell>
              <TableCell>
                <time dateTime={escalation.respondBy}>{formatDateTime(escalation.respondBy)}</time>{' '}
                {escalation.overdue && <OverdueBadge />}
              </TableCell>
              <TableCell numericColumn>{formatNumber(escalation.signalCount)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
