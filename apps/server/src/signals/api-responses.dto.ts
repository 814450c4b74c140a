import { applyDecorators } from '@nestjs/common';
import {
  ApiExtraModels,
  ApiHeader,
  ApiProperty,
  ApiPropertyOptional,
  ApiResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE } from '../errors/problem';

export class FieldErrorDto {
  @ApiProperty({ example: 'norms[1].ref', description: 'Path of the field in the body (or a header name).' })
  field!: string;

  @ApiProperty({ example: 'norms[1].ref must be longer than or equal to 1 characters' })
  message!: string;
}

/** RFC 9457 problem details as every REST error answers them. */
export class ProblemDto {
  @ApiProperty({ example: 'urn:praktijklus:problem:validation-failed' })
  type!: string;

  @ApiProperty({ example: 'Bad Request' })
  title!: string;

  @ApiProperty({ example: 400 })
  status!: number;

  @ApiProperty({ example: 'The request is not valid.' })
  detail!: string;

  @ApiProperty({
    example: 'VALIDATION_FAILED',
    description:
      'Stable error code, e.g. VALIDATION_FAILED, UNKNOWN_AUTHORITY, CONFLICTING_NORMS_NEED_TWO_NORMS, SIGNAL_NOT_FOUND, REVISION_MISMATCH, IDEMPOTENCY_KEY_REUSED.',
  })
  code!: string;

  @ApiPropertyOptional({ type: [FieldErrorDto] })
  errors?: FieldErrorDto[];
}

export class WriteResponseDto {
  @ApiProperty({ format: 'uuid', example: '3f2b8c1e-6d4a-4b7e-9c1d-2a5e8f7b6c4d' })
  id!: string;

  @ApiProperty({ example: 0, description: 'Stream revision after the command; also sent as ETag.' })
  revision!: number;

  @ApiProperty({
    example: '42',
    description: 'Global log position (opaque); send it as X-Consistent-With to read your own write.',
  })
  position!: string;
}

export class ErasureResponseDto extends WriteResponseDto {
  @ApiProperty({ example: true, enum: [true] })
  erased!: true;
}

export class HistoryActorDto {
  @ApiProperty({ example: 'officer-1' })
  sub!: string;

  @ApiProperty({ example: 'gm0344' })
  authority!: string;

  @ApiProperty({ example: ['officer'], type: [String] })
  roles!: string[];
}

export class FieldChangeDto {
  @ApiProperty({ example: 'title' })
  field!: string;

  @ApiProperty({
    description: 'The value before (any JSON value; null when there was none).',
    example: 'Oude titel',
  })
  from!: unknown;

  @ApiProperty({ description: 'The value after (any JSON value).', example: 'Nieuwe titel' })
  to!: unknown;
}

export class HistoryEntryDto {
  @ApiProperty({ example: 'SignalRecorded' })
  type!: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'The event as recorded; personal data is never in it, only a vault reference.',
  })
  data!: Record<string, unknown>;

  @ApiProperty({ example: 0 })
  revision!: number;

  @ApiProperty({ example: '42' })
  position!: string;

  @ApiProperty({ format: 'date-time', example: '2026-03-05T10:00:00.000Z' })
  recordedAt!: string;

  @ApiProperty({ type: HistoryActorDto })
  actor!: HistoryActorDto;

  @ApiProperty({ format: 'uuid', example: '0f8fad5b-d9cb-469f-a165-70867728950e' })
  correlationId!: string;

  @ApiPropertyOptional({
    type: [FieldChangeDto],
    description:
      'Signals and escalations: what the event changed, old -> new, derived from the events before it (amendments, classifications, transfers).',
  })
  changes?: FieldChangeDto[];
}

const PROBLEM_DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input: unknown or ill-typed fields, limits, unknown reference data, or a domain rule.',
  401: 'Missing or invalid bearer token.',
  403: 'The role does not allow this.',
  404: 'No such signal, or one of another authority.',
  409: 'A business rule conflict, or an Idempotency-Key reused for a different request.',
  412: 'If-Match does not name the current revision.',
  413: 'The body is larger than the limit.',
  415: 'The body is not JSON.',
};

/** Documents the problem+json answers a route can give. */
export function ApiProblems(...statuses: number[]): MethodDecorator & ClassDecorator {
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

export const ApiIdempotencyKey = (): MethodDecorator & ClassDecorator =>
  ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description:
      'Up to 200 visible ASCII characters. A repeat by the same user returns the first answer and writes nothing; the same key with another body is 409 IDEMPOTENCY_KEY_REUSED.',
  });

export const ApiIfMatch = (): MethodDecorator & ClassDecorator =>
  ApiHeader({
    name: 'If-Match',
    required: false,
    description: 'The revision from ETag (e.g. "3"): the command applies only at that revision, else 412.',
  });
