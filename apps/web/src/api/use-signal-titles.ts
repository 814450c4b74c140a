import { useEffect, useState } from 'react';
import { useSession } from '../auth/session.context';

/** The titles of a few signals by id (`GET /api/v1/signals/{id}`), to show names instead of ids. */
export function useSignalTitles(ids: readonly string[]): Record<string, string> {
  const { api } = useSession();
  const [titles, setTitles] = useState<Record<string, string>>({});
  const key = ids.join(',');

  useEffect(() => {
    const controller = new AbortController();
    for (const id of key.split(',').filter(Boolean)) {
      api
        .rest<Record<string, unknown>>('GET', `/api/v1/signals/${encodeURIComponent(id)}`, {
          signal: controller.signal,
        })
        .then((body) => {
          const inner = typeof body.signal === 'object' && body.signal !== null ? body.signal : body;
          const title = (inner as Record<string, unknown>).title;
          if (typeof title === 'string') setTitles((old) => ({ ...old, [id]: title }));
        })
        // A signal the user may not read keeps showing its id.
        .catch(() => undefined);
    }
    return () => controller.abort();
  }, [api, key]);

  return titles;
}
