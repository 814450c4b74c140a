import {
  Button,
  ButtonGroup,
  Checkbox,
  Heading1,
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
import { Pager, SavedViews, SortableHeader } from '../components/list-controls';
import { useUrlParams, type UrlParams } from '../router/url-state';
import { ExportButton } from '../components/export-button';
import {
  INITIATIVE_KINDS,
  SIGNAL_LEVELS,
  SIGNAL_STATUSES,
  SIGNAL_TYPES,
  type Connection,
  type SignalView,
} from '../api/api.types';
import { SIGNAL_LIST_QUERY } from '../api/navigation.queries';
import { useGraphql } from '../api/use-api';
import { useSession } from '../auth/session.context';
import { AppLayout } from '../components/app-layout';
import { AuthorityField } from '../components/authority-field';
import { SelectField, TextField } from '../components/form-fields';
import { SearchSnippet } from '../components/search-snippet';
import { LoadError, Loading, StatusLabel } from '../components/ui';
import { useI18n } from '../i18n/i18n.context';
import { useReference } from '../reference/reference.context';
import { AppLink, useRouter } from '../router/router';
import { byLabel } from '../util/collate';

/**
 * The list's address: its filters, search and page. The dashboard links here with them (a bar, a
 * month, a norm conflict), and every change is a history entry.
 */
const PARAMS = [
  'search',
  'type',
  'policyDomain',
  'level',
  'status',
  'initiativeKind',
  'authority',
  'observedFrom',
  'observedTo',
  'normA',
  'normB',
  'escalated',
  'sort',
  'desc',
  'after',
] as const;
type Filters = UrlParams<(typeof PARAMS)[number]>;

const NO_FILTERS: Partial<Filters> = {
  search: '',
  type: '',
  policyDomain: '',
  level: '',
  status: '',
  initiativeKind: '',
  authority: '',
  observedFrom: '',
  observedTo: '',
  normA: '',
  normB: '',
  escalated: '',
};

const PAGE_SIZE = 25;

/** The address's `sort` as the view's `orderBy`. */
const ORDERS: Record<string, string> = { title: 'TITLE', observed: 'OBSERVED_ON' };

function filterOf(filters: Filters, ownAuthority: string | undefined): Record<string, unknown> {
  const filter: Record<string, unknown> = {};
  if (filters.type) filter.types = [filters.type];
  if (filters.policyDomain) filter.policyDomains = [filters.policyDomain];
  if (filters.level) filter.levels = [filters.level];
  if (filters.status) filter.statuses = [filters.status];
  if (filters.initiativeKind) filter.initiativeKinds = [filters.initiativeKind];
  const authority = ownAuthority ?? filters.authority;
  if (authority) filter.authorities = [authority];
  if (filters.observedFrom) filter.observedFrom = filters.observedFrom;
  if (filters.observedTo) filter.observedTo = filters.observedTo;
  return filter;
}

export function SignalsPage() {
  const { t, label, formatDate, language } = useI18n();
  const { session, hasRole } = useSession();
  const { policyDomains, domainLabel, authorityName, authorities } = useReference();
  const { navigate } = useRouter();
  const [applied, setApplied] = useUrlParams(PARAMS);
  // Officers work on their own authority's signals; analysts and administrators search across all.
  const officerView = hasRole('officer') && !hasRole('analyst');
  const canEscalate = hasRole('officer') || hasRole('admin');
  const ownAuthority = officerView ? session?.claims.authority : undefined;

  const [draft, setDraft] = useState<Filters>(applied);
  useEffect(() => setDraft(applied), [applied]);
  const [selected, setSelected] = useState<string[]>([]);

  const norms = [applied.normA, applied.normB].filter((norm) => norm.trim() !== '');
  const variables = {
    filter: filterOf(applied, ownAuthority),
    ...(applied.search.trim() !== '' ? { search: applied.search.trim() } : {}),
    ...(norms.length > 0 ? { norms } : {}),
    ...(applied.escalated === '1' || applied.escalated === '0'
      ? { escalated: applied.escalated === '1' }
      : {}),
    ...(ORDERS[applied.sort] ? { orderBy: ORDERS[applied.sort] } : {}),
    ...(applied.desc === '1' ? { descending: true } : {}),
    first: PAGE_SIZE,
    ...(applied.after ? { after: applied.after } : {}),
  };
  // A search ranks by relevance; otherwise the list sorts by its title or day observed, or newest first.
  const sortable = applied.search.trim() === '';
  const sortHeader = (column: string, text: string) =>
    sortable ? (
      <SortableHeader
        column={column}
        sort={ORDERS[applied.sort] ? applied.sort : 'recorded'}
        descending={applied.desc === '1'}
        onSort={(sort, descending) => setApplied({ sort, desc: descending ? '1' : '' })}
      >
        {text}
      </SortableHeader>
    ) : (
      <TableHeaderCell scope="col">{text}</TableHeaderCell>
    );
  const { data, error, loading, reload } = useGraphql<{ signals: Connection<SignalView> }>(
    SIGNAL_LIST_QUERY,
    variables,
  );

  // A period that ends before it starts is a mistake to point out, not a question with no answer.
  const [periodError, setPeriodError] = useState<string>();
  const apply = (event: FormEvent) => {
    event.preventDefault();
    if (draft.observedFrom && draft.observedTo && draft.observedFrom > draft.observedTo) {
      setPeriodError(t('period.fromAfterTo'));
      document.getElementById('filter-to')?.focus();
      return;
    }
    setPeriodError(undefined);
    setApplied({ ...draft, after: '', search: draft.search.trim() });
  };
  const reset = () => {
    setPeriodError(undefined);
    setApplied(NO_FILTERS);
  };

  const nodes = data?.signals.edges.map((edge) => edge.node) ?? [];
  const hasNextPage = data?.signals.pageInfo.hasNextPage ?? false;
  const toggle = (id: string) =>
    setSelected((old) => (old.includes(id) ? old.filter((s) => s !== id) : [...old, id]));
  const title = officerView ? t('signals.title') : t('signals.analystTitle');
  const option = (prefix: string) => (value: string) => ({ value, label: label(prefix, value) });

  return (
    <AppLayout title={title}>
      <Heading1>{title}</Heading1>
      <form role="search" className="pl-filters" onSubmit={apply} aria-label={t('signals.filters')}>
        <div className="pl-filters__search">
          <TextField
            id="filter-search"
            type="search"
            label={t('signals.search')}
            value={draft.search}
            onChange={(search) => setDraft({ ...draft, search })}
            plain
          />
        </div>
        <div className="pl-filters__grid">
          <SelectField
            id="filter-type"
            label={t('signal.type')}
            value={draft.type}
            onChange={(type) => setDraft({ ...draft, type })}
            options={byLabel(SIGNAL_TYPES.map(option('signalType')), language)}
            placeholder={t('signals.any')}
            plain
          />
          <SelectField
            id="filter-domain"
            label={t('signal.policyDomain')}
            value={draft.policyDomain}
            onChange={(policyDomain) => setDraft({ ...draft, policyDomain })}
            options={policyDomains.map((d) => ({
              value: d.code,
              label: language === 'nl' ? d.labelNl : d.labelEn,
            }))}
            placeholder={t('signals.any')}
            plain
          />
          <SelectField
            id="filter-level"
            label={t('signal.level')}
            value={draft.level}
            onChange={(level) => setDraft({ ...draft, level })}
            options={SIGNAL_LEVELS.map(option('level'))}
            placeholder={t('signals.any')}
            plain
          />
          <SelectField
            id="filter-kind"
            label={t('signal.initiativeKind')}
            value={draft.initiativeKind}
            onChange={(initiativeKind) => setDraft({ ...draft, initiativeKind })}
            options={byLabel(INITIATIVE_KINDS.map(option('initiativeKind')), language)}
            placeholder={t('signals.any')}
            plain
          />
          <SelectField
            id="filter-status"
            label={t('signal.status')}
            value={draft.status}
            onChange={(status) => setDraft({ ...draft, status })}
            options={SIGNAL_STATUSES.map(option('signalStatus'))}
            placeholder={t('signals.any')}
            plain
          />
          {!officerView && (
            <AuthorityField
              id="filter-authority"
              label={t('signal.reportingAuthority')}
              value={draft.authority}
              onChange={(authority) => setDraft({ ...draft, authority })}
              authorities={authorities}
              plain
            />
          )}
          <TextField
            id="filter-from"
            type="date"
            label={`${t('signals.observed')} ≥`}
            value={draft.observedFrom}
            onChange={(observedFrom) => setDraft({ ...draft, observedFrom })}
            plain
          />
          <TextField
            id="filter-to"
            type="date"
            label={`${t('signals.observed')} ≤`}
            value={draft.observedTo}
            onChange={(observedTo) => setDraft({ ...draft, observedTo })}
            error={periodError}
            plain
          />
        </div>
        {(norms.length > 0 || applied.escalated !== '') && (
          <Paragraph className="pl-active-filters" data-testid="active-filters">
            {norms.length > 0 && t('signals.namingNorms', { norms: norms.join(' ↔ ') })}{' '}
            {applied.escalated === '1' && t('signals.onlyEscalated')}
            {applied.escalated === '0' && t('signals.onlyNotEscalated')}
          </Paragraph>
        )}
        <ButtonGroup>
          <Button type="submit" appearance="primary-action-button">
            {t('signals.searchButton')}
          </Button>
          <Button appearance="subtle-button" onClick={reset}>
            {t('signals.reset')}
          </Button>
        </ButtonGroup>
      </form>

      {error && <LoadError error={error} onRetry={reload} />}
      {loading && !data && <Loading />}
      {data && (
        <>
          <Paragraph role="status" className="pl-count">
            {data.signals.totalCount === 1
              ? t('signals.countOne')
              : t('signals.count', { count: data.signals.totalCount })}
          </Paragraph>
          <ExportButton view="signals" params={{ ...variables.filter, search: variables.search }} />
          {canEscalate && (
            <ButtonGroup className="pl-toolbar">
              <Button
                appearance="primary-action-button"
                disabled={selected.length === 0}
                onClick={() =>
                  navigate(`/escalations/new?signals=${selected.map(encodeURIComponent).join(',')}`)
                }
              >
                {t('signals.escalateSelected', { count: selected.length })}
              </Button>
            </ButtonGroup>
          )}
          {nodes.length === 0 ? (
            <Paragraph>{t('signals.empty')}</Paragraph>
          ) : (
            <div className="pl-table-scroll">
              <Table className="pl-table">
                <TableCaption className="pl-visually-hidden">{t('signals.caption')}</TableCaption>
                <TableHeader>
                  <TableRow>
                    {canEscalate && (
                      <TableHeaderCell scope="col">
                        <span className="pl-visually-hidden">{t('app.actions')}</span>
                      </TableHeaderCell>
                    )}
                    {sortHeader('title', t('signal.title'))}
                    <TableHeaderCell scope="col">{t('signal.type')}</TableHeaderCell>
                    <TableHeaderCell scope="col">{t('signal.policyDomain')}</TableHeaderCell>
                    <TableHeaderCell scope="col">{t('signal.level')}</TableHeaderCell>
                    {!officerView && (
                      <TableHeaderCell scope="col">{t('signal.reportingAuthority')}</TableHeaderCell>
                    )}
                    {sortHeader('observed', t('signals.observed'))}
                    <TableHeaderCell scope="col">{t('signal.status')}</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {nodes.map((signal) => (
                    <TableRow key={signal.id} selected={selected.includes(signal.id)}>
                      {canEscalate && (
                        <TableCell>
                          <Checkbox
                            id={`select-${signal.id}`}
                            aria-label={t('signals.select', { title: signal.title })}
                            checked={selected.includes(signal.id)}
                            disabled={signal.status === 'WITHDRAWN'}
                            onChange={() => toggle(signal.id)}
                          />
                        </TableCell>
                      )}
                      <TableCell>
                        <AppLink href={`/signals/${encodeURIComponent(signal.id)}`}>{signal.title}</AppLink>
                        {signal.escalated && <span className="pl-tag">{t('signal.escalated')}</span>}
                        {signal.searchSnippet && <SearchSnippet parts={signal.searchSnippet} />}
                      </TableCell>
                      <TableCell>{label('signalType', signal.type)}</TableCell>
                      <TableCell>{domainLabel(signal.policyDomain)}</TableCell>
                      <TableCell>{label('level', signal.level)}</TableCell>
                      {!officerView && <TableCell>{authorityName(signal.reportingAuthority)}</TableCell>}
                      <TableCell>{formatDate(signal.observedAt.slice(0, 10))}</TableCell>
                      <TableCell>
                        <StatusLabel prefix="signalStatus" value={signal.status} />
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </div>
          )}
          <Pager
            hasNextPage={hasNextPage}
            onNext={() => setApplied({ after: data.signals.pageInfo.endCursor ?? '' })}
            paged={applied.after !== ''}
            onFirst={() => setApplied({ after: '' })}
          />
        </>
      )}
      <SavedViews storageKey="signals" />
    </AppLayout>
  );
}
