import { type Type, ValidationPipe } from '@nestjs/common';
import { getMetadataStorage, type ValidationError } from 'class-validator';
import { RULE_ARGUMENTS } from './rule-messages';

/** Which rule a field broke and the values its message names, to say it in the reader's language. */
export interface MessageRule {
  /** A class-validator constraint (`maxLength`) or a stable code (`UNKNOWN_AUTHORITY`). */
  key: string;
  params?: Readonly<Record<string, string | number>>;
}

export interface FieldError {
  field: string;
  message: string;
  /** Never sent: the problem carries `field` and `message` only. */
  rule?: MessageRule;
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
    for (const [constraint, message] of relevantMessages(error.constraints ?? {})) {
      result.push({
        field: path === '' ? '(body)' : path,
        message: rewriteMessage(message, error.property, path),
        rule: { key: constraint, params: argumentsOf(error.target, error.property, constraint) },
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

function relevantMessages(constraints: Record<string, string>): Array<[string, string]> {
  const typeErrors = Object.entries(constraints).filter(([name]) => TYPE_CONSTRAINTS.has(name));
  return typeErrors.length > 0 ? typeErrors : Object.entries(constraints);
}

/** The named arguments of a failed constraint (`{ max: 5000 }`), read from the DTO's metadata. */
function argumentsOf(
  target: object | undefined,
  property: string,
  constraint: string,
): Record<string, string | number> {
  const names = RULE_ARGUMENTS[constraint];
  if (names === undefined || target === undefined) return {};
  const metadata = getMetadataStorage()
    .getTargetValidationMetadatas(target.constructor, '', true, false)
    .find((entry) => entry.propertyName === property && entry.name === constraint);
  const values: unknown[] = metadata?.constraints ?? [];
  const params: Record<string, string | number> = {};
  names.forEach((name, index) => {
    const value = values[index];
    if (typeof value === 'number' || typeof value === 'string') params[name] = value;
  });
  return params;
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
    // The target (the DTO instance) names the class whose metadata holds a constraint's limits.
    validationError: { target: true, value: false },
    stopAtFirstError: false,
    exceptionFactory: (errors) => new RequestValidationFailed(fieldErrorsOf(errors)),
  });
}
