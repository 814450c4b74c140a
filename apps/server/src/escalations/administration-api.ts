import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE } from '../errors/problem';
import { ProblemDto } from '../signals/api-responses.dto';

// The one problem+json schema of the whole API (declared with the signal routes), so OpenAPI has a
// single ProblemDto; only the descriptions speak of escalations, agreements and experiments.
const PROBLEM_DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input: unknown or ill-typed fields, limits, unknown authority, signal or escalation ids, dates in the wrong order, or another domain rule.',
  401: 'Missing or invalid bearer token.',
  403: 'The role or the authority does not allow this.',
  404: 'No such resource, or an escalation the caller’s authority is not involved in.',
  409: 'A business rule conflict (the code names the current status), or an Idempotency-Key reused for a different request.',
  412: 'If-Match does not name the current revision.',
  413: 'The body is larger than the limit.',
  415: 'The body is not JSON.',
};

/** Documents the problem+json answers a route of the administrators' API can give. */
export function ApiAdministrationProblems(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(ProblemDto),
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: PROBLEM_DESCRIPTIONS[status] ?? 'Refused.',
        content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(ProblemDto) } } },
      }),
    ),
  );
}

/** Limits of the administrators' bodies. */
export const ADMINISTRATION_LIMITS = {
  titleMin: 3,
  titleMax: 200,
  textMax: 5000,
  authorityIdMax: 32,
  signalIds: 50,
  parties: 20,
} as const;
