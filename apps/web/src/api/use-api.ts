import { useCallback, useEffect, useRef, useState } from 'react';
import { useSession } from '../auth/session.context';
import { ApiError, type WriteResult } from './api-client';

export interface Loaded<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload(): void;
}

function useLoader<T>(load: ((signal: AbortSignal) => Promise<T>) | undefined, key: string): Loaded<T> {
  const { expire } = useSession();
  const [data, setData] = useState<T | undefined>();
  const [error, setError] = useState<ApiError | undefined>();
  const [loading, setLoading] = useState(load !== undefined);
  const [attempt, setAttempt] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    const current = loadRef.current;
    if (!current) {
      setLoading(false);
      return;
    }
    const controller = new AbortController();
    setLoading(true);
    current(controller.signal).then(
      (result) => {
        if (controller.signal.aborted) return;
        setData(result);
        setError(undefined);
        setLoading(false);
      },
      (failure: unknown) => {
        if (controller.signal.aborted) return;
        const apiError = failure instanceof ApiError ? failure : new ApiError(0, 'CLIENT', String(failure));
        if (apiError.status === 401 || apiError.code === 'UNAUTHENTICATED') expire();
        setError(apiError);
        setLoading(false);
      },
    );
    return () => controller.abort();
  }, [key, attempt, expire]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { data, error, loading, reload };
}

/**
 * A GraphQL view, read again whenever the variables change or the user's latest command moves the
 * log position; that position goes along as `X-Consistent-With` so the view shows the user's write.
 */
export function useGraphql<T>(
  query: string,
  variables: Record<string, unknown> = {},
  options: { skip?: boolean; followWrites?: boolean } = {},
): Loaded<T> {
  const { api, position: latest } = useSession();
  const position = options.followWrites === false ? undefined : latest;
  const key = JSON.stringify([query, variables, position, options.skip === true]);
  return useLoader<T>(
    options.skip
      ? undefined
      : (signal) =>
          api.graphql<T>(query, variables, {
            signal,
            ...(position !== undefined ? { consistentWith: position } : {}),
          }),
    key,
  );
}

/** A REST resource (`GET /api/v1/...`), read again after every command of the user. */
export function useRest<T>(path: string | undefined): Loaded<T> {
  const { api, position } = useSession();
  const key = JSON.stringify([path, position]);
  return useLoader<T>(path === undefined ? undefined : (signal) => api.rest<T>('GET', path, { signal }), key);
}

// crypto.randomUUID exists only in secure contexts; a server reached over plain HTTP by name is not one.
function randomKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

export interface CommandState {
  busy: boolean;
  error: ApiError | undefined;
  /** Sends the command; on success the views follow its position. Undefined when it was refused. */
  run(path: string, body: unknown, method?: 'POST' | 'PATCH'): Promise<WriteResult | undefined>;
  clearError(): void;
}

/** One REST command: POST with an idempotency key that stays the same while the user retries. */
export function useCommand(): CommandState {
  const { api, advance, expire } = useSession();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | undefined>();
  const attempt = useRef<{ body: string; key: string } | undefined>(undefined);

  const run = useCallback(
    async (path: string, body: unknown, method: 'POST' | 'PATCH' = 'POST') => {
      const serialised = JSON.stringify([method, path, body]);
      if (attempt.current?.body !== serialised) {
        attempt.current = { body: serialised, key: randomKey() };
      }
      setBusy(true);
      setError(undefined);
      try {
        const result = await api.rest<WriteResult>(method, path, {
          body,
          idempotencyKey: attempt.current.key,
        });
        attempt.current = undefined;
        if (result && typeof result.position === 'string') advance(result.position);
        return result;
      } catch (failure) {
        const apiError = failure instanceof ApiError ? failure : new ApiError(0, 'CLIENT', String(failure));
        if (apiError.status === 401) expire();
        // A refusal is final for this body: a corrected body gets a fresh key.
        if (apiError.status >= 400 && apiError.status < 500) attempt.current = undefined;
        setError(apiError);
        return undefined;
      } finally {
        setBusy(false);
      }
    },
    [api, advance, expire],
  );

  return { busy, error, run, clearError: useCallback(() => setError(undefined), []) };
}
