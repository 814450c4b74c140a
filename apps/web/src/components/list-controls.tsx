import {
  Button,
  ButtonGroup,
  Heading2,
  Paragraph,
  TableHeaderCell,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.context';
import { AppLink, useRouter } from '../router/router';
import { TextField } from './form-fields';

/**
 * A column header that sorts the list by its column: a button (aria-sort on the header says the
 * current order); a second press turns the order round.
 */
export function SortableHeader({
  column,
  sort,
  descending,
  onSort,
  numeric,
  children,
}: {
  column: string;
  sort: string;
  descending: boolean;
  onSort(column: string, descending: boolean): void;
  numeric?: boolean;
  children: ReactNode;
}) {
  const active = sort === column;
  return (
    <TableHeaderCell
      scope="col"
      numericColumn={numeric}
      aria-sort={active ? (descending ? 'descending' : 'ascending') : 'none'}
    >
      <button
        type="button"
        className="pl-sort"
        onClick={() => onSort(column, active ? !descending : false)}
        data-sort-column={column}
      >
        {children}
        <span aria-hidden="true" className="pl-sort__icon">
          {active ? (descending ? '▼' : '▲') : '↕'}
        </span>
      </button>
    </TableHeaderCell>
  );
}

/** The next page of a cursor-paged list, and the way back to its first page; both are addresses. */
export function Pager({
  hasNextPage,
  onNext,
  paged,
  onFirst,
}: {
  hasNextPage: boolean;
  onNext(): void;
  /** Not on the first page. */
  paged: boolean;
  onFirst(): void;
}) {
  const { t } = useI18n();
  if (!hasNextPage && !paged) return null;
  return (
    <ButtonGroup className="pl-pager">
      {paged && (
        <Button appearance="secondary-action-button" onClick={onFirst}>
          {t('list.firstPage')}
        </Button>
      )}
      {hasNextPage && (
        <Button appearance="secondary-action-button" onClick={onNext}>
          {t('list.nextPage')}
        </Button>
      )}
    </ButtonGroup>
  );
}

interface SavedView {
  name: string;
  href: string;
}

const STORAGE_PREFIX = 'praktijklus.savedViews.';

function readViews(key: string): SavedView[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(STORAGE_PREFIX + key) ?? '[]');
    return Array.isArray(parsed)
      ? parsed.filter(
          (view): view is SavedView =>
            typeof view === 'object' &&
            view !== null &&
            typeof (view as SavedView).name === 'string' &&
            typeof (view as SavedView).href === 'string' &&
            (view as SavedView).href.startsWith('/'),
        )
      : [];
  } catch {
    return [];
  }
}

/**
 * Named views of a list (its address: filters, search, sort), kept in this browser's localStorage
 * under the list's `storageKey`: saved with a name, opened as links, removed again.
 */
export function SavedViews({ storageKey }: { storageKey: string }) {
  const { t } = useI18n();
  const { location } = useRouter();
  const [views, setViews] = useState<SavedView[]>(() => readViews(storageKey));
  const [name, setName] = useState('');
  const [error, setError] = useState<string>();
  const headingId = `saved-views-${storageKey}`;
  const store = (next: SavedView[]) => {
    setViews(next);
    localStorage.setItem(STORAGE_PREFIX + storageKey, JSON.stringify(next));
  };
  const save = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    if (trimmed === '') {
      setError(t('list.viewNameRequired'));
      return;
    }
    const search = new URLSearchParams(location.search);
    search.delete('after');
    const query = search.toString();
    const href = query ? `${location.pathname}?${query}` : location.pathname;
    store([...views.filter((view) => view.name !== trimmed), { name: trimmed, href }]);
    setName('');
    setError(undefined);
  };
  return (
    <section aria-labelledby={headingId} className="pl-section pl-saved-views">
      <Heading2 id={headingId}>{t('list.savedViews')}</Heading2>
      {views.length === 0 ? (
        <Paragraph>{t('list.noSavedViews')}</Paragraph>
      ) : (
        <UnorderedList>
          {views.map((view) => (
            <UnorderedListItem key={view.name}>
              <AppLink href={view.href}>{view.name}</AppLink>{' '}
              <Button
                appearance="subtle-button"
                onClick={() => store(views.filter((other) => other.name !== view.name))}
              >
                {t('app.remove')}
                <span className="pl-visually-hidden"> {view.name}</span>
              </Button>
            </UnorderedListItem>
          ))}
        </UnorderedList>
      )}
      <form className="pl-inline-add" onSubmit={save} noValidate>
        <TextField
          id={`${headingId}-name`}
          label={t('list.viewName')}
          description={t('list.viewNameHint')}
          value={name}
          onChange={setName}
          error={error}
          maxLength={80}
          plain
        />
        <Button type="submit" appearance="secondary-action-button">
          {t('list.saveView')}
        </Button>
      </form>
    </section>
  );
}
