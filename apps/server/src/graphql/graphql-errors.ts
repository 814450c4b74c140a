import { unwrapResolverError } from '@apollo/server/errors';
import { Logger } from '@nestjs/common';
import { GraphQLError, GraphQLFormattedError } from 'graphql';
import { type Language, languageOf } from '../errors/language';
import { localiseAnswer } from '../errors/localise';
import { answerFor, refusalReasonOf } from '../errors/problem';
import { logRefusal } from '../logging/refusal-log';
import { StructuredLog } from '../logging/structured-log';
import type { ApolloPlugin, GraphqlContext } from './graphql-types';

/** Codes a client may rely on; anything else becomes INTERNAL_SERVER_ERROR. */
const PUBLIC_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'INTROSPECTION_DISABLED',
  'MAX_RECURSIVE_SELECTIONS_EXCEEDED',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'PRECONDITION_FAILED',
  'CONSISTENCY_TIMEOUT',
  'TOO_MANY_REQUESTS',
  'SERVICE_UNAVAILABLE',
]);

const GRAPHQL_CODE_BY_STATUS: Record<number, string> = {
  400: 'BAD_USER_INPUT',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  412: 'PRECONDITION_FAILED',
  413: 'BAD_REQUEST',
  415: 'BAD_REQUEST',
  429: 'TOO_MANY_REQUESTS',
  503: 'SERVICE_UNAVAILABLE',
};

const logger = new Logger('GraphQL');

/** An error a resolver or plugin raises with a public code; its message is safe to show. */
export function graphqlError(
  message: string,
  code: string,
  extensions: Record<string, unknown> = {},
): GraphQLError {
  return new GraphQLError(message, { extensions: { ...extensions, code } });
}

/**
 * graphql-js suggests names in validation and in variable coercion ("Did you mean the enum value
 * SYSTEM?"); graphql-armor strips only field suggestions, so production cuts every one here.
 */
const SUGGESTION = /\s*Did you mean [^?]*\?/g;

/**
 * graphql-js stops coercing variables after 50 errors with this error of its own; it names no
 * variable, so Apollo does not see it as bad input and it left as INTERNAL_SERVER_ERROR.
 */
const VARIABLE_ERROR_LIMIT = 'Too many errors processing variables, error limit reached. Execution aborted.';

/**
 * Apollo's `formatError`: every error leaves with a stable `extensions.code` and nothing internal
 * (no stack, no exception class, no SQL). Domain and auth errors map like their REST problems;
 * `extensions.reason` carries the domain's own code (e.g. SIGNAL_NOT_FOUND).
 */
export function createGraphqlErrorFormatter(options: { production: boolean } = { production: false }) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const base = {
      message: options.production ? formatted.message.replace(SUGGESTION, '') : formatted.message,
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      ...(formatted.path ? { path: formatted.path } : {}),
    };

    if (original instanceof GraphQLError) {
      const code = typeof formatted.extensions?.code === 'string' ? formatted.extensions.code : undefined;
      if (code !== undefined && PUBLIC_CODES.has(code)) {
        return { ...base, extensions: { code, ...publicExtras(formatted.extensions) } };
      }
      if (
        (code === undefined && original.originalError === undefined) ||
        original.message === VARIABLE_ERROR_LIMIT
      ) {
        // Errors graphql-js raises itself (parse, validation, coercion) are about the request.
        return { ...base, extensions: { code: 'BAD_USER_INPUT' } };
      }
    }

    const language = languageOfError(original);
    const { problem, unexpected } = localiseAnswer(answerFor(original), original, language);
    if (unexpected) {
      logger.error(`resolver failed at ${formatted.path?.join('.') ?? '(no path)'}: ${describe(original)}`);
      return { ...base, message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
    }
    return {
      ...base,
      // For people a GraphQL error has one message: what is wrong with each field, not a count.
      message:
        language !== undefined && problem.errors?.length
          ? problem.errors.map((entry) => entry.message).join(' ')
          : problem.detail,
      extensions: {
        code: GRAPHQL_CODE_BY_STATUS[problem.status] ?? 'BAD_USER_INPUT',
        reason: problem.code,
        ...(problem.errors ? { errors: problem.errors } : {}),
      },
    };
  };
}

/** The language of the request each error arose in; the formatter itself does not see the request. */
const ERROR_LANGUAGE = new WeakMap<object, Language>();

const languageOfError = (error: unknown): Language | undefined =>
  typeof error === 'object' && error !== null ? ERROR_LANGUAGE.get(error) : undefined;

/**
 * Notes the request's `Accept-Language` on each of its errors, so the formatter (which Apollo calls
 * after this hook) answers refusals in Dutch or English like the REST problems.
 */
export function errorLanguagePlugin(): ApolloPlugin {
  return {
    async requestDidStart({ contextValue }) {
      const request = (contextValue as Partial<GraphqlContext> | undefined)?.req;
      const language = languageOf(request?.headers['accept-language']);
      return {
        async didEncounterErrors({ errors }) {
          if (language === undefined) return;
          for (const error of errors) {
            const original = unwrapResolverError(error);
            if (typeof original === 'object' && original !== null) ERROR_LANGUAGE.set(original, language);
          }
        },
      };
    },
  };
}

/**
 * Refused GraphQL requests (401/403) as one security log line each, like the REST refusals: with
 * the request id, without subject, name, token, address or resource id. A plugin, not the
 * formatter, because only the request context knows the request.
 */
export function refusalLogPlugin(securityLog: StructuredLog): ApolloPlugin {
  return {
    async requestDidStart({ contextValue }) {
      const request = (contextValue as Partial<GraphqlContext> | undefined)?.req;
      return {
        async didEncounterErrors({ errors }) {
          for (const error of errors) {
            const original = unwrapResolverError(error);
            const { problem, unexpected } = answerFor(original);
            if (unexpected || (problem.status !== 401 && problem.status !== 403)) continue;
            logRefusal(securityLog, request, {
              status: problem.status,
              code: problem.code,
              reason: refusalReasonOf(original),
              graphqlPath: error.path?.join('.') ?? null,
            });
          }
        },
      };
    },
  };
}

function publicExtras(extensions: Record<string, unknown> | undefined): Record<string, unknown> {
  if (!extensions) return {};
  const extras: Record<string, unknown> = {};
  for (const key of ['reason', 'errors', 'position']) {
    if (extensions[key] !== undefined) extras[key] = extensions[key];
  }
  return extras;
}

function describe(error: unknown): string {
  if (error instanceof GraphQLError && error.originalError) return describe(error.originalError);
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return String(error);
}
