import {
  Button,
  ButtonGroup,
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
import { useEffect, useState, type FormEvent } from 'react';
import {
  ESCALATION_STATUSES,
  type Connection,
  type EscalationBoardSummary,
  type EscalationView,
} from '../api/api.types';
import { BOARD_PARTS_QUERY, ESCALATION_LIST_QUERY } from '../api/navigation.queries';
import { LIST_PAGE_SIZE } from '../api/graphql.queries';
import { useGraphql } from '../api/use-api';
import { useSession } from '../auth/session.context';
import { AppLayout } from '../components/app-layout';
import { AuthorityField } from '../components/authority-field';
import { ExportButton } from '../components/export-button';
import { SelectField, TextField } from '../components/form-fields';
import { Pager, SavedViews, SortableHeader } from '../components/list-controls';
import { Figure, LoadError, Loading, OverdueBadge, StatusLabel } from '../components/ui';
import { useI18n } from '../i18n/i18n.context';
import type { MessageKey } from '../i18n/messages';
import { useReference } from '../reference/reference.context';
import { AppLink } from '../router/router';
import { hrefOf, useUrlParams } from '../router/url-state';

const UNRESOLVED = ['RAISED', 'ACKNOWLEDGED', 'DECIDED'];
const PARAMS = [
  'part',
  'status',
  'overdue',
  'raisedBy',
  'addressedTo',
  'domain',
  'q',
  'sort',
  'desc',
  'after',
] as const;
type Params = Record<(typeof PARAMS)[number], string>;

type Part = 'addressed' | 'raised' | 'resolved' | 'all';
const PART_LABELS: Record<Part, MessageKey> = {
  addressed: 'board.partAddressed',
  raised: 'board.partRaised',
  resolved: 'board.partResolved',
  all: 'board.partAll',
};
const ORDERS: Record<string, string> = {
  respondBy: 'RESPOND_BY',
  raisedAt: 'RAISED_AT',
  title: 'TITLE',
  status: 'STATUS',
};

interface PartsData {
  addressed: EscalationBoardSummary;
  raised: EscalationBoardSummary;
  resolved: { totalCount: number };
}

/** The escalations filter of a part and the address's filters. */
function filterOf(part: Part, params: Params, me: string): Record<string, unknown> {
  const filter: Record<string, unknown> = {};
  if (part === 'addressed') filter.addressedTo = me;
  else if (params.addressedTo) filter.addressedTo = params.addressedTo;
  if (part === 'raised') filter.raisedBy = me;
  else if (params.raisedBy) filter.raisedBy = params.raisedBy;
  if (part === 'resolved') filter.statuses = ['RESOLVED'];
  else if (params.status === 'open') filter.statuses = UNRESOLVED;
  else if (params.status) filter.statuses = [params.status];
  else if (part !== 'all') filter.statuses = UNRESOLVED;
  if (params.overdue === '1') filter.overdue = true;
  if (params.overdue === '0') filter.overdue = false;
  if (params.domain) filter.policyDomains = [params.domain];
  return filter;
}

/**
 * The escalations of the user's authority in clearly separate parts — addressed to it, raised by it,
 * and those resolved — each with its own counts; analysts see all escalations. Filters, search,
 * sort and page are the address's, so a view can be bookmarked, shared and saved under a name.
 */
export function EscalationBoardPage() {
  const { t, label, formatNumber, formatDateTime, formatDate, language } = useI18n();
  const { session, hasRole } = useSession();
  const { authorityName, authorities, policyDomains } = useReference();
  const me = session?.claims.authority ?? '';
  const seesAll = hasRole('analyst');
  const [params, setParams] = useUrlParams(PARAMS);
  const parts: Part[] = seesAll ? ['all', 'resolved'] : ['addressed', 'raised', 'resolved'];
  const defaultPart: Part = seesAll ? 'all' : hasRole('admin') ? 'addressed' : 'raised';
  const part: Part = parts.includes(params.part as Part) ? (params.part as Part) : defaultPart;
  const partHref = (target: Part, extra: Record<string, string> = {}) =>
    hrefOf('/escalations', { part: target === defaultPart ? '' : target, ...extra });

  const counts = useGraphql<PartsData>(BOARD_PARTS_QUERY, { authority: seesAll ? null : me });
  const sort = ORDERS[params.sort] ? params.sort : 'respondBy';
  const descending = params.desc === '1';
  const filter = filterOf(part, params, me);
  const list = useGraphql<{ escalations: Connection<EscalationView> }>(ESCALATION_LIST_QUERY, {
    filter,
    ...(params.q.trim() ? { search: params.q.trim() } : {}),
    orderBy: ORDERS[sort],
    descending,
    first: LIST_PAGE_SIZE,
    ...(params.after ? { after: params.after } : {}),
  });

  const [draft, setDraft] = useState(params);
  useEffect(() => setDraft(params), [params]);
  const apply = (event: FormEvent) => {
    event.preventDefault();
    setParams({
      status: draft.status,
      overdue: draft.overdue,
      raisedBy: draft.raisedBy,
      addressedTo: draft.addressedTo,
      domain: draft.domain,
      q: draft.q.trim(),
    });
  };
  const reset = () =>
    setParams({ status: '', overdue: '', raisedBy: '', addressedTo: '', domain: '', q: '' });

  const title = seesAll ? t('board.allTitle') : t('board.title', { authority: authorityName(me) });
  const summaryOf = (which: Part): EscalationBoardSummary | undefined =>
    which === 'raised' ? counts.data?.raised : counts.data?.addressed;
  const countOf = (which: Part): number | undefined =>
    which === 'resolved' ? counts.data?.resolved.totalCount : summaryOf(which)?.open;
  const summary = part === 'resolved' ? undefined : summaryOf(part);
  const connection = list.data?.escalations;
  const rows = connection?.edges.map((edge) => edge.node) ?? [];
  const domainOptions = policyDomains.map((d) => ({
    value: d.code,
    label: language === 'nl' ? d.labelNl : d.labelEn,
  }));
  const reload = () => [counts, list].forEach((state) => state.reload());

  return (
    <AppLayout title={`${t(PART_LABELS[part])} · ${title}`}>
      <div className="pl-title-bar">
        <Heading1>{title}</Heading1>
        <Button appearance="secondary-action-button" onClick={reload} busy={list.loading}>
          {t('app.refresh')}
        </Button>
      </div>
      <nav aria-label={t('board.parts')} className="pl-parts">
        <ul>
          {parts.map((which) => {
            const count = countOf(which);
            const text = t(PART_LABELS[which]);
            return (
              <li key={which}>
                <AppLink
                  href={partHref(which)}
                  aria-current={which === part ? 'page' : undefined}
                  className={`pl-parts__link${which === part ? ' pl-parts__link--current' : ''}`}
                  data-part={which}
                >
                  {count === undefined
                    ? text
                    : t('board.partCount', { part: text, count: formatNumber(count) })}
                </AppLink>
              </li>
            );
          })}
        </ul>
      </nav>

      <section aria-labelledby="board-part" className="pl-section">
        <Heading2 id="board-part">{t(PART_LABELS[part])}</Heading2>
        {counts.error && <LoadError error={counts.error} onRetry={counts.reload} />}
        {summary && (
          <dl className="pl-figures" aria-label={t('board.summary')}>
            <Figure label={t('board.open')} value={formatNumber(summary.open)} href={partHref(part)} />
            <Figure
              label={t('board.overdue')}
              value={formatNumber(summary.overdue)}
              tone={summary.overdue > 0 ? 'danger' : undefined}
              href={partHref(part, { overdue: '1' })}
            />
            <Figure
              label={t('board.awaiting')}
              value={formatNumber(summary.awaitingAcknowledgement)}
              tone={summary.awaitingAcknowledgement > 0 ? 'warning' : undefined}
              href={partHref(part, { status: 'RAISED' })}
            />
            <Figure
              label={t('board.decidedNotResolved')}
              value={formatNumber(summary.decidedNotResolved)}
              href={partHref(part, { status: 'DECIDED' })}
            />
            <Figure label={t('board.oldest')} value={formatNumber(summary.oldestOpenDays, 1)} />
          </dl>
        )}

        <form role="search" className="pl-filters" onSubmit={apply} aria-label={t('list.filters')}>
          <div className="pl-filters__search">
            <TextField
              id="board-q"
              type="search"
              label={t('list.search')}
              value={draft.q}
              onChange={(q) => setDraft({ ...draft, q })}
              plain
            />
          </div>
          <div className="pl-filters__grid">
            {part !== 'resolved' && (
              <SelectField
                id="board-status"
                label={t('signal.status')}
                value={draft.status}
                onChange={(status) => setDraft({ ...draft, status })}
                options={[
                  ...(part === 'all' ? [{ value: 'open', label: t('board.openStatuses') }] : []),
                  ...ESCALATION_STATUSES.map((value) => ({ value, label: label('escalationStatus', value) })),
                ]}
                placeholder={part === 'all' ? t('list.any') : t('board.open')}
                plain
              />
            )}
            <SelectField
              id="board-overdue"
              label={t('list.overdue')}
              value={draft.overdue}
              onChange={(overdue) => setDraft({ ...draft, overdue })}
              options={[
                { value: '1', label: t('list.overdueOnly') },
                { value: '0', label: t('list.notOverdue') },
              ]}
              placeholder={t('list.any')}
              plain
            />
            {part !== 'raised' && (
              <AuthorityField
                id="board-raisedBy"
                label={t('board.raisedBy')}
                value={draft.raisedBy}
                onChange={(raisedBy) => setDraft({ ...draft, raisedBy })}
                authorities={authorities}
                plain
              />
            )}
            {part !== 'addressed' && (
              <AuthorityField
                id="board-addressedTo"
                label={t('escalation.addressedTo')}
                value={draft.addressedTo}
                onChange={(addressedTo) => setDraft({ ...draft, addressedTo })}
                authorities={authorities}
                plain
              />
            )}
            <SelectField
              id="board-domain"
              label={t('signal.policyDomain')}
              value={draft.domain}
              onChange={(domain) => setDraft({ ...draft, domain })}
              options={domainOptions}
              placeholder={t('list.any')}
              plain
            />
          </div>
          <ButtonGroup>
            <Button type="submit" appearance="primary-action-button">
              {t('list.apply')}
            </Button>
            <Button appearance="subtle-button" onClick={reset}>
              {t('list.reset')}
            </Button>
          </ButtonGroup>
        </form>

        {list.error && <LoadError error={list.error} onRetry={list.reload} />}
        {list.loading && !connection && <Loading />}
        {connection && (
          <>
            <Paragraph role="status" className="pl-count">
              {connection.totalCount === 1
                ? t('list.countOne')
                : t('list.count', { count: formatNumber(connection.totalCount) })}
            </Paragraph>
            <ExportButton
              view="escalations"
              params={{ ...filter, ...(params.q.trim() ? { search: params.q.trim() } : {}) }}
              what={t(PART_LABELS[part])}
            />
            {rows.length === 0 ? (
              <Paragraph>{t('board.noneFound')}</Paragraph>
            ) : (
              <div className="pl-table-scroll">
                <Table className="pl-table">
                  <TableCaption className="pl-visually-hidden">{t(PART_LABELS[part])}</TableCaption>
                  <TableHeader>
                    <TableRow>
                      {(
                        [
                          ['title', t('signal.title')],
                          ['status', t('signal.status')],
                        ] as const
                      ).map(([column, text]) => (
                        <SortableHeader
                          key={column}
                          column={column}
                          sort={sort}
                          descending={descending}
                          onSort={(next, desc) => setParams({ sort: next, desc: desc ? '1' : '' })}
                        >
                          {text}
                        </SortableHeader>
                      ))}
                      <TableHeaderCell scope="col">{t('board.raisedBy')}</TableHeaderCell>
                      <TableHeaderCell scope="col">{t('escalation.addressedTo')}</TableHeaderCell>
                      {(
                        [
                          ['raisedAt', t('list.raisedAt')],
                          ['respondBy', t('board.respondBy')],
                        ] as const
                      ).map(([column, text]) => (
                        <SortableHeader
                          key={column}
                          column={column}
                          sort={sort}
                          descending={descending}
                          onSort={(next, desc) => setParams({ sort: next, desc: desc ? '1' : '' })}
                        >
                          {text}
                        </SortableHeader>
                      ))}
                      <TableHeaderCell scope="col" numericColumn>
                        {t('board.signals')}
                      </TableHeaderCell>
                    </TableRow>
                  </TableHeader>
                  <TableBody>
                    {rows.map((escalation) => (
                      <TableRow
                        key={escalation.id}
                        className={escalation.overdue ? 'pl-row--overdue' : undefined}
                      >
                        <TableCell>
                          <AppLink href={`/escalations/${encodeURIComponent(escalation.id)}`}>
                            {escalation.title ?? escalation.id}
                          </AppLink>
                        </TableCell>
                        <TableCell>
                          <StatusLabel prefix="escalationStatus" value={escalation.status} />
                        </TableCell>
                        <TableCell>{authorityName(escalation.raisedBy)}</TableCell>
                        <TableCell>{authorityName(escalation.addressedTo)}</TableCell>
                        <TableCell>{formatDate(escalation.raisedAt)}</TableCell>
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
            )}
            <Pager
              hasNextPage={connection.pageInfo.hasNextPage}
              onNext={() => setParams({ after: connection.pageInfo.endCursor ?? '' })}
              paged={params.after !== ''}
              onFirst={() => setParams({ after: '' })}
            />
          </>
        )}
      </section>
      <SavedViews storageKey="escalations" />
    </AppLayout>
  );
}
