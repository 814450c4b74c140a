import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import { NotVisible } from '@praktijklus/domain';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { logRefusal } from '../logging/refusal-log';
import { StructuredLog } from '../logging/structured-log';
import { languageOf } from './language';
import { localiseAnswer } from './localise';
import { answerFor, PROBLEM_CONTENT_TYPE, refusalReasonOf } from './problem';

const logger = new Logger('Problem');

/**
 * The one place a REST error becomes `application/problem+json`: errors of handlers, guards and
 * pipes, unknown routes, and — through Nest's Fastify error handler — Fastify's own (body parsing,
 * limits, hooks). GraphQL errors pass through to the GraphQL error formatter.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  constructor(private readonly securityLog: StructuredLog) {}

  catch(exception: unknown, host: ArgumentsHost): unknown {
    if (host.getType<string>() !== 'http') return exception;
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const route = request.routeOptions?.url;
    const { problem, headers, unexpected } = localiseAnswer(
      answerFor(exception, { routeMatched: route !== undefined }),
      exception,
      languageOf(request.headers['accept-language']),
    );

    if (unexpected) {
      logger.error(
        `${request.method} ${route ?? '(no route)'} request ${request.id} failed: ${describe(exception)}`,
      );
    }
    if (problem.status === 401 || problem.status === 403 || exception instanceof NotVisible) {
      logRefusal(this.securityLog, request, {
        status: problem.status,
        code: problem.code,
        reason: refusalReasonOf(exception),
      });
    }
    if (!reply.sent) {
      void reply
        .status(problem.status)
        .headers(headers)
        .header('content-type', PROBLEM_CONTENT_TYPE)
        .header('vary', 'Accept-Language')
        .send(problem);
    }
    return undefined;
  }
}

/**
 * Fastify's `frameworkErrors` (app.ts): the router refuses an undecodable URL or an over-long path
 * parameter before any hook or Nest filter runs; the answer is the same problem+json as elsewhere.
 */
export function answerFrameworkError(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  const { problem, headers } = localiseAnswer(
    answerFor(error),
    error,
    languageOf(request.headers['accept-language']),
  );
  void reply
    .status(problem.status)
    .headers(headers)
    .header('content-type', PROBLEM_CONTENT_TYPE)
    .header('vary', 'Accept-Language')
    .header('x-content-type-options', 'nosniff')
    .header('x-request-id', request.id)
    .send(problem);
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return String(error);
}
