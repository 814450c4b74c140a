import { Button, ButtonGroup } from '@utrecht/component-library-react';
import { useEffect, useState, type FormEvent } from 'react';
import { useI18n } from '../i18n/i18n.context';
import { useReference } from '../reference/reference.context';
import { useUrlParams, type UrlParams } from '../router/url-state';
import { SelectField, TextField } from './form-fields';

const PARAMS = ['q', 'status', 'overdue', 'domain', 'sort'] as const;
export type RecordListParams = UrlParams<(typeof PARAMS)[number]>;

/** The address parameters of the agreements' and experiments' lists. */
export const useRecordListParams = () => useUrlParams(PARAMS);

/** The view's filter and search from the address (owner and party are the page's own). */
export function recordQueryOf(params: RecordListParams): {
  filter: Record<string, unknown>;
  search?: string;
} {
  const filter: Record<string, unknown> = {};
  if (params.status) filter.statuses = [params.status];
  if (params.overdue === '1') filter.overdue = true;
  if (params.overdue === '0') filter.overdue = false;
  if (params.domain) filter.policyDomains = [params.domain];
  return { filter, ...(params.q.trim() ? { search: params.q.trim() } : {}) };
}

export interface SortOption<T> {
  value: string;
  label: string;
  key(record: T): string | number;
  descending?: boolean;
}

/** The records in the order the address names (the first option when it names none). */
export function sortRecords<T>(records: readonly T[], sorts: readonly SortOption<T>[], sort: string): T[] {
  const chosen = sorts.find((option) => option.value === sort) ?? sorts[0];
  return [...records].sort((a, b) => {
    const x = chosen.key(a);
    const y = chosen.key(b);
    const order =
      typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), 'nl');
    return chosen.descending ? -order : order;
  });
}

/**
 * The filter form of a list of agreements or experiments: title search, status, overdue, policy
 * domain (of the escalation they answer) and order, written to the address when applied.
 */
export function RecordFilters<T>({
  idPrefix,
  statuses,
  statusPrefix,
  sorts,
}: {
  idPrefix: string;
  statuses: readonly string[];
  statusPrefix: string;
  sorts: readonly SortOption<T>[];
}) {
  const { t, label, language } = useI18n();
  const { policyDomains } = useReference();
  const [params, setParams] = useRecordListParams();
  const [draft, setDraft] = useState(params);
  useEffect(() => setDraft(params), [params]);
  const apply = (event: FormEvent) => {
    event.preventDefault();
    setParams({ ...draft, q: draft.q.trim() });
  };
  return (
    <form role="search" className="pl-filters" onSubmit={apply} aria-label={t('list.filters')}>
      <div className="pl-filters__search">
        <TextField
          id={`${idPrefix}-q`}
          type="search"
          label={t('list.search')}
          value={draft.q}
          onChange={(q) => setDraft({ ...draft, q })}
          plain
        />
      </div>
      <div className="pl-filters__grid">
        <SelectField
          id={`${idPrefix}-status`}
          label={t('signal.status')}
          value={draft.status}
          onChange={(status) => setDraft({ ...draft, status })}
          options={statuses.map((value) => ({ value, label: label(statusPrefix, value) }))}
          placeholder={t('list.any')}
          plain
        />
        <SelectField
          id={`${idPrefix}-overdue`}
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
        <SelectField
          id={`${idPrefix}-domain`}
          label={t('signal.policyDomain')}
          description={t('list.domainOfEscalation')}
          value={draft.domain}
          onChange={(domain) => setDraft({ ...draft, domain })}
          options={policyDomains.map((d) => ({
            value: d.code,
            label: language === 'nl' ? d.labelNl : d.labelEn,
          }))}
          placeholder={t('list.any')}
          plain
        />
        <SelectField
          id={`${idPrefix}-sort`}
          label={t('list.sortBy')}
          value={draft.sort || sorts[0].value}
          onChange={(sort) => setDraft({ ...draft, sort: sort === sorts[0].value ? '' : sort })}
          options={sorts.map(({ value, label: text }) => ({ value, label: text }))}
          plain
        />
      </div>
      <ButtonGroup>
        <Button type="submit" appearance="primary-action-button">
          {t('list.apply')}
        </Button>
        <Button
          appearance="subtle-button"
          onClick={() => setParams({ q: '', status: '', overdue: '', domain: '', sort: '' })}
        >
          {t('list.reset')}
        </Button>
      </ButtonGroup>
    </form>
  );
}
