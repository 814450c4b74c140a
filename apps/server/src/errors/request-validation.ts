import { type Type, ValidationPipe } from '@nestjs/common';
import type { ValidationError } from 'class-validator';

export interface FieldError {
  field: string;
  message: string;
}

/** Input refused before it reached a command: answered as 400 VALIDATION_FAILED with field paths. */
export class RequestValidationFailed extends Error {
  readonly code = 'VALIDATION_FAILED';
  constructor(
    readonly errors: FieldError[],
    message = 'The request is not valid.',
  ) {
    super(message);
    this.name = 'RequestValidationFailed';
  }
}

/** Flattens class-validator's tree into paths like `norms[0].ref`. */
export function fieldErrorsOf(errors: ValidationError[], parent = ''): FieldError[] {
  const result: FieldError[] = [];
  for (const error of errors) {
    const path = joinPath(parent, error.property);
    for (const message of relevantMessages(error.constraints ?? {})) {
      result.push({
        field: path === '' ? '(body)' : path,
        message: rewriteMessage(message, error.property, path),
      });
    }
    if (error.children?.length) result.push(...fieldErrorsOf(error.children, path));
  }
  return result;
}

// A value of the wrong type fails its length and range checks too; only the type error is useful then.
const TYPE_CONSTRAINTS = new Set([
  'whitelistValidation',
  'unknownValue',
  'isDefined',
  'isString',
  'isInt',
  'isNumber',
  'isBoolean',
  'isArray',
  'isObject',
  'isEnum',
  'isIn',
  'isDateString',
  'isISO8601',
  'isUUID',
  'nestedValidation',
]);

function relevantMessages(constraints: Record<string, string>): string[] {
  const typeErrors = Object.entries(constraints).filter(([name]) => TYPE_CONSTRAINTS.has(name));
  return (typeErrors.length > 0 ? typeErrors : Object.entries(constraints)).map(([, message]) => message);
}

function joinPath(parent: string, property: string): string {
  if (property === undefined || property === '') return parent;
  if (/^\d+$/.test(property)) return `${parent}[${property}]`;
  return parent === '' ? property : `${parent}.${property}`;
}

// class-validator starts messages with the bare property name; the full path is clearer in a list.
function rewriteMessage(message: string, property: string, path: string): string {
  if (property && path !== property && message.startsWith(`${property} `)) {
    return `${path}${message.slice(property.length)}`;
  }
  if (message.startsWith('property ') && message.endsWith(' should not exist')) {
    return `${path} is not a known field`;
  }
  return message;
}

/**
 * Whitelisting with rejection of unknown fields, transformation to the DTO classes, no implicit
 * coercion. `expectedType` names the class where the parameter's design type is not one (a
 * nullable GraphQL argument `T | null` is emitted as Object by some compilers, so it went unchecked).
 */
export function createValidationPipe(expectedType?: Type<unknown>): ValidationPipe {
  return new ValidationPipe({
    ...(expectedType ? { expectedType } : {}),
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    stopAtFirstError: false,
    exceptionFactory: (errors) => new RequestValidationFailed(fieldErrorsOf(errors)),
  });
}
