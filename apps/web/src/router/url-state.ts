import { useCallback, useMemo } from 'react';
import { useRouter } from './router';

export type UrlParams<K extends string> = Record<K, string>;

/** The address of `pathname` with `params`, leaving out the empty ones. */
export function hrefOf(pathname: string, params: Record<string, string | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) search.set(key, value);
  const query = search.toString();
  return query ? `${pathname}?${query}` : pathname;
}

/**
 * A list's filters, search, sort and page as parameters of the address: a bookmark or a shared link
 * opens the same view, and every change is a history entry, so Back goes to the view before.
 * Setting a value to '' removes it; changing anything but `after` returns to the first page.
 */
export function useUrlParams<K extends string>(
  keys: readonly K[],
): [UrlParams<K>, (patch: Partial<UrlParams<K>>) => void] {
  const { location, navigate } = useRouter();
  const query = location.search.toString();
  const params = useMemo(() => {
    const search = new URLSearchParams(query);
    return Object.fromEntries(keys.map((key) => [key, search.get(key) ?? ''])) as UrlParams<K>;
  }, [query, keys]);
  const { pathname } = location;
  const update = useCallback(
    (patch: Partial<UrlParams<K>>) => {
      const search = new URLSearchParams(query);
      for (const [key, value] of Object.entries(patch) as [string, string | undefined][]) {
        if (value) search.set(key, value);
        else search.delete(key);
      }
      if (!('after' in patch)) search.delete('after');
      const next = search.toString();
      navigate(next ? `${pathname}?${next}` : pathname, { scroll: false });
    },
    [navigate, pathname, query],
  );
  return [params, update];
}
