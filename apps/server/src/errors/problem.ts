import { HttpException } from '@nestjs/common';
import { DomainError, DomainErrorKind } from '@praktijklus/domain';
import { StoreUnavailable, StreamDeleted, WrongExpectedRevision } from '@praktijklus/event-store';
import { FieldError, RequestValidationFailed } from './request-validation';

/** RFC 9457 problem details, with our stable `code` and optional per-field errors. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: FieldError[];
}

export interface ProblemAnswer {
  problem: Problem;
  headers: Record<string, string>;
  /** Set when the client cannot have caused it: the real error is logged, never sent. */
  unexpected: boolean;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  408: 'Request Timeout',
  409: 'Conflict',
  410: 'Gone',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

const STATUS_BY_KIND: Record<DomainErrorKind, number> = {
  invalid: 400,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  precondition: 412,
};

const CODE_BY_STATUS: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  406: 'NOT_ACCEPTABLE',
  408: 'REQUEST_TIMEOUT',
  409: 'CONFLICT',
  412: 'PRECONDITION_FAILED',
  413: 'BODY_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'TOO_MANY_REQUESTS',
  431: 'HEADERS_TOO_LARGE',
  503: 'SERVICE_UNAVAILABLE',
};

/** Fastify's own errors (body parsing, limits) by their `code`. */
const FASTIFY_ERRORS: Record<string, { status: number; code: string; detail: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: {
    status: 413,
    code: 'BODY_TOO_LARGE',
    detail: 'The request body is too large.',
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    detail: 'Request bodies must be JSON (Content-Type: application/json).',
  },
  FST_ERR_CTP_INVALID_JSON_BODY: {
    status: 400,
    code: 'MALFORMED_JSON',
    detail: 'The request body is not valid JSON.',
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    status: 400,
    code: 'MALFORMED_JSON',
    detail: 'The request body is empty although it is declared as JSON.',
  },
  // The router's own refusals, reaching us through `frameworkErrors` (app.ts); neither echoes the URL.
  FST_ERR_BAD_URL: {
    status: 400,
    code: 'MALFORMED_URL',
    detail: 'The URL is not valid: a %-escape in it does not decode.',
  },
  FST_ERR_MAX_PARAM_LENGTH: {
    status: 414,
    code: 'URI_TOO_LONG',
    detail: 'A path parameter of this URL is too long.',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    status: 400,
    code: 'BAD_REQUEST',
    detail: 'The request body size does not match Content-Length.',
  },
};

export function problem(status: number, code: string, detail: string, errors?: FieldError[]): Problem {
  return {
    type: `urn:praktijklus:problem:${code.toLowerCase().replace(/_/g, '-')}`,
    title: TITLES[status] ?? (status >= 500 ? 'Server Error' : 'Client Error'),
    status,
    detail,
    code,
    ...(errors && errors.length > 0
      ? { errors: errors.map(({ field, message }) => ({ field, message })) }
      : {}),
  };
}

/** An error thrown on purpose with an HTTP answer (auth errors, our own HTTP-level refusals). */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    detail: string,
    readonly headers: Record<string, string> = {},
    readonly errors?: FieldError[],
  ) {
    super(detail);
    this.name = 'HttpProblem';
  }
}

export interface ProblemHints {
  /** False when no route matched the request (Nest's 404 then means "unknown route"). */
  routeMatched?: boolean;
}

/** The one mapping from anything thrown to what the client sees; used by the REST filter and Fastify. */
export function answerFor(error: unknown, hints: ProblemHints = {}): ProblemAnswer {
  const expected = (p: Problem, headers: Record<string, string> = {}): ProblemAnswer => ({
    problem: p,
    headers,
    unexpected: false,
  });

  if (error instanceof RequestValidationFailed) {
    return expected(problem(400, error.code, error.message, error.errors));
  }
  if (error instanceof DomainError) {
    const status = STATUS_BY_KIND[error.kind];
    return expected(
      problem(
        status,
        error.code,
        error.message,
        error.field ? [{ field: error.field, message: error.message }] : [],
      ),
    );
  }
  if (error instanceof HttpProblem) {
    return expected(problem(error.status, error.code, error.message, error.errors), error.headers);
  }
  if (error instanceof WrongExpectedRevision) {
    return expected(
      problem(
        409,
        'CONCURRENT_MODIFICATION',
        'The resource was changed by someone else at the same time; try again.',
      ),
    );
  }
  if (error instanceof StreamDeleted) {
    // The application never deletes an event stream: an operator did, so it is logged as well.
    return {
      problem: problem(410, 'STREAM_DELETED', 'The resource was deleted from the event store.'),
      headers: {},
      unexpected: true,
    };
  }
  if (error instanceof StoreUnavailable) {
    return {
      problem: problem(
        503,
        'STORE_UNAVAILABLE',
        'The event store cannot take this request now; try again later.',
      ),
      headers: { 'retry-after': '5' },
      unexpected: true,
    };
  }
  if (isStatusError(error)) {
    return expected(problem(error.status, error.code, error.message), { ...error.headers });
  }
  if (error instanceof HttpException && fastifyErrorOf(error.cause)) {
    // Nest hands Fastify's own errors (body parsing, limits) to the filters wrapped like this.
    return answerFor(error.cause, hints);
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    if (status === 404 && hints.routeMatched === false) {
      return expected(problem(404, 'ROUTE_NOT_FOUND', 'There is no such route.'));
    }
    if (status < 500) {
      return expected(
        problem(status, CODE_BY_STATUS[status] ?? 'BAD_REQUEST', messageOf(error.getResponse())),
      );
    }
  }
  const fastify = fastifyErrorOf(error);
  if (fastify) {
    const known = FASTIFY_ERRORS[fastify.code ?? ''];
    if (known) return expected(problem(known.status, known.code, known.detail));
    if (fastify.statusCode === 429) {
      return expected(problem(429, 'TOO_MANY_REQUESTS', 'Too many requests; slow down and try again later.'));
    }
    if (fastify.statusCode >= 400 && fastify.statusCode < 500) {
      const code = CODE_BY_STATUS[fastify.statusCode] ?? 'BAD_REQUEST';
      return expected(
        problem(fastify.statusCode, code, TITLES[fastify.statusCode] ?? 'The request was refused.'),
      );
    }
  }
  return {
    problem: problem(500, 'INTERNAL_ERROR', 'Something went wrong on our side; it has been logged.'),
    headers: {},
    unexpected: true,
  };
}

/** libs/auth's refusals carry a `reason` meant for the security log (never the token or a name). */
export function refusalReasonOf(error: unknown): string | null {
  const reason = (error as { reason?: unknown } | null)?.reason;
  return typeof reason === 'string' ? reason : null;
}

interface StatusError {
  status: number;
  code: string;
  message: string;
  headers?: Readonly<Record<string, string>>;
}

// libs/auth's AuthenticationFailed (401), AccessDenied (403) and AuthenticationUnavailable (503)
// are plain errors with `status`, `code` and optional `headers`, meant to be answered as they are.
// Nest's HttpException has a `status` too, but no `code`.
function isStatusError(error: unknown): error is StatusError {
  if (!(error instanceof Error) || error instanceof HttpException) return false;
  const candidate = error as Error & { status?: unknown; code?: unknown; headers?: unknown };
  return (
    typeof candidate.status === 'number' &&
    [401, 403, 503].includes(candidate.status) &&
    typeof candidate.code === 'string' &&
    (candidate.headers === undefined || (typeof candidate.headers === 'object' && candidate.headers !== null))
  );
}

function fastifyErrorOf(error: unknown): { code?: string; statusCode: number } | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const candidate = error as { code?: unknown; statusCode?: unknown };
  if (typeof candidate.statusCode !== 'number') return undefined;
  return {
    statusCode: candidate.statusCode,
    ...(typeof candidate.code === 'string' ? { code: candidate.code } : {}),
  };
}

function messageOf(response: string | object): string {
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (typeof message === 'string') return message;
  if (Array.isArray(message)) return message.filter((m) => typeof m === 'string').join('; ');
  return 'The request was refused.';
}
