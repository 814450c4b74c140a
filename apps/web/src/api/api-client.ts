/** A field error of a problem+json answer (`errors[]`), with `field` a path like `norms[0].ref`. */
export interface FieldError {
  field: string;
  message: string;
}

/** The answer of every successful command (API.md "Write responses and consistency"). */
export interface WriteResult {
  id: string;
  revision: number;
  position: string;
}

/** A refused REST request (problem+json) or a GraphQL error, with the stable code the server sent. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fieldErrors: FieldError[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface ApiClientOptions {
  /** The bearer token of the signed-in user, read on every request. */
  token: () => string | undefined;
  /** The interface's language, sent as Accept-Language so the server's messages are in it too. */
  language?: () => 'nl' | 'en';
  /** Same origin by default. */
  baseUrl?: string;
  fetchImpl?: typeof fetch;
}

export interface RestOptions {
  body?: unknown;
  idempotencyKey?: string;
  signal?: AbortSignal;
}

export interface GraphqlOptions {
  /** A log position a command answered: the server waits until the views have processed it. */
  consistentWith?: string;
  signal?: AbortSignal;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function fieldErrorsOf(problem: Record<string, unknown>): FieldError[] {
  const errors: FieldError[] = [];
  if (Array.isArray(problem.errors)) {
    for (const entry of problem.errors) {
      if (isRecord(entry) && typeof entry.field === 'string' && typeof entry.message === 'string') {
        errors.push({ field: entry.field, message: entry.message });
      }
    }
  }
  // A business-rule refusal names one field next to its detail rather than a list.
  if (errors.length === 0 && typeof problem.field === 'string' && typeof problem.detail === 'string') {
    errors.push({ field: problem.field, message: problem.detail });
  }
  return errors;
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** A small typed client for the public REST (`/api/v1`) and GraphQL (`/graphql`) APIs. */
export class ApiClient {
  private readonly baseUrl: string;
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly options: ApiClientOptions) {
    this.baseUrl = options.baseUrl ?? '';
    this.fetchImpl = options.fetchImpl ?? ((input, init) => fetch(input, init));
  }

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    const headers: Record<string, string> = {
      accept: 'application/json, application/problem+json',
      ...extra,
    };
    const token = this.options.token();
    if (token !== undefined) headers.authorization = `Bearer ${token}`;
    const language = this.options.language?.();
    if (language !== undefined)
      headers['accept-language'] = language === 'nl' ? 'nl, en;q=0.5' : 'en, nl;q=0.5';
    return headers;
  }

  async rest<T>(
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    path: string,
    options: RestOptions = {},
  ): Promise<T> {
    const extra: Record<string, string> = {};
    if (options.body !== undefined) extra['content-type'] = 'application/json';
    if (options.idempotencyKey !== undefined) extra['idempotency-key'] = options.idempotencyKey;
    let response: Response;
    try {
      response = await this.fetchImpl(`${this.baseUrl}${path}`, {
        method,
        headers: this.headers(extra),
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: options.signal,
      });
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') throw error;
      throw new ApiError(0, 'NETWORK', 'The server cannot be reached.');
    }
    const body = await readJson(response);
    if (!response.ok) {
      const problem = isRecord(body) ? body : {};
      throw new ApiError(
        response.status,
        typeof problem.code === 'string' ? problem.code : `HTTP_${response.status}`,
        typeof problem.detail === 'string' ? problem.detail : response.statusText,
        fieldErrorsOf(problem),
      );
    }
    return body as T;
  }

  async graphql<T>(
    query: string,
    variables: Record<string, unknown> = {},
    options: GraphqlOptions = {},
  ): Promise<T> {
    const extra: Record<string, string> = { 'content-type': 'application/json' };
    if (options.consistentWith !== undefined) extra['x-consistent-with'] = options.consistentWith;
    let response: Response;
    try {
      response = await this.fetchImpl(`${this.baseUrl}/graphql`, {
        method: 'POST',
        headers: this.headers(extra),
        body: JSON.stringify({ query, variables }),
        signal: options.signal,
      });
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') throw error;
      throw new ApiError(0, 'NETWORK', 'The server cannot be reached.');
    }
    const body = await readJson(response);
    const payload = isRecord(body) ? body : {};
    const errors = Array.isArray(payload.errors) ? payload.errors : [];
    if (errors.length > 0 || !response.ok) {
      const first: Record<string, unknown> = isRecord(errors[0]) ? errors[0] : {};
      const extensions = isRecord(first.extensions) ? first.extensions : {};
      throw new ApiError(
        response.status,
        typeof extensions.code === 'string' ? extensions.code : `HTTP_${response.status}`,
        typeof first.message === 'string' ? first.message : response.statusText,
      );
    }
    return payload.data as T;
  }
}
