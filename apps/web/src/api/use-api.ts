import { useCallback, useEffect, useRef, useState } from 'react';
import { useSession } from '../auth/session.context';
import { ApiError, type WriteResult } from './api-client';

export interface Loaded<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload(): void;
}

interface Answer<T> {
  /** The question (query and variables, not the log position) this answers. */
  question: string;
  data: T | undefined;
  error: ApiError | undefined;
}

/**
 * Loads whenever `key` changes. `question` is the part of the key that changes what is asked (not
 * the log position a refresh follows); with `keepPreviousAnswer` false, the answer to an earlier
 * question is not shown while the new one loads.
 */
function useLoader<T>(
  load: ((signal: AbortSignal) => Promise<T>) | undefined,
  key: string,
  question: string,
  keepPreviousAnswer: boolean,
): Loaded<T> {
  const { expire } = useSession();
  const [answer, setAnswer] = useState<Answer<T>>({ question, data: undefined, error: undefined });
  const [loading, setLoading] = useState(load !== undefined);
  const [attempt, setAttempt] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const questionRef = useRef(question);
  questionRef.current = question;
  const keepRef = useRef(keepPreviousAnswer);
  keepRef.current = keepPreviousAnswer;

  useEffect(() => {
    const current = loadRef.current;
    if (!current) {
      setLoading(false);
      return;
    }
    const asked = questionRef.current;
    const controller = new AbortController();
    setLoading(true);
    current(controller.signal).then(
      (result) => {
        if (controller.signal.aborted) return;
        setAnswer({ question: asked, data: result, error: undefined });
        setLoading(false);
      },
      (failure: unknown) => {
        if (controller.signal.aborted) return;
        const apiError = failure instanceof ApiError ? failure : new ApiError(0, 'CLIENT', String(failure));
        if (apiError.status === 401 || apiError.code === 'UNAUTHENTICATED') expire();
        setAnswer((previous) => ({
          question: asked,
          data: keepRef.current || previous.question === asked ? previous.data : undefined,
          error: apiError,
        }));
        setLoading(false);
      },
    );
    return () => controller.abort();
  }, [key, attempt, expire]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  const shown = keepPreviousAnswer || answer.question === question;
  return {
    data: shown ? answer.data : undefined,
    error: shown ? answer.error : undefined,
    loading,
    reload,
  };
}

/**
 * A GraphQL view, read again whenever the variables change or the user's latest command moves the
 * log position; that position goes along as `X-Consistent-With` so the view shows the user's write.
 */
export function useGraphql<T>(
  query: string,
  variables: Record<string, unknown> = {},
  options: {
    skip?: boolean;
    followWrites?: boolean;
    /**
     * Default true: while other variables load, the previous answer stays (a list keeps its rows,
     * and the focus on its pager). False where that answer would be read as the new one: the
     * dashboard's figures of another day.
     */
    keepPreviousAnswer?: boolean;
  } = {},
): Loaded<T> {
  const { api, position: latest } = useSession();
  const position = options.followWrites === false ? undefined : latest;
  const question = JSON.stringify([query, variables, options.skip === true]);
  const key = JSON.stringify([question, position]);
  return useLoader<T>(
    options.skip
      ? undefined
      : (signal) =>
          api.graphql<T>(query, variables, {
            signal,
            ...(position !== undefined ? { consistentWith: position } : {}),
          }),
    key,
    question,
    options.keepPreviousAnswer ?? true,
  );
}

/** A REST resource (`GET /api/v1/...`), read again after every command of the user. */
export function useRest<T>(path: string | undefined): Loaded<T> {
  const { api, position } = useSession();
  const key = JSON.stringify([path, position]);
  return useLoader<T>(
    path === undefined ? undefined : (signal) => api.rest<T>('GET', path, { signal }),
    key,
    path ?? '',
    true,
  );
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
