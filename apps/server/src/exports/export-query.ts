import type { Type } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import { createValidationPipe } from '../errors/request-validation';

type QueryValue = string | string[] | undefined;
export type RawQuery = Record<string, QueryValue>;

/** The properties of a validated class, and which of them are lists and which booleans. */
function shapeOf(type: Type<unknown>): { properties: Set<string>; lists: Set<string>; flags: Set<string> } {
  const metadata = getMetadataStorage().getTargetValidationMetadatas(type, '', true, false);
  const named = (name: string) =>
    new Set(metadata.filter((entry) => entry.name === name).map((entry) => entry.propertyName));
  return {
    properties: new Set(metadata.map((entry) => entry.propertyName)),
    lists: named('isArray'),
    flags: named('isBoolean'),
  };
}

/**
 * A query string read as the GraphQL input `type`: a list is comma-separated (or its parameter
 * repeated), a boolean is `true` or `false`. Anything else is left as sent, so the class's own
 * rules refuse it with the codes and limits GraphQL answers (unknown parameters included).
 */
function asInput(type: Type<unknown>, query: RawQuery): Record<string, unknown> {
  const { lists, flags } = shapeOf(type);
  const input: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (lists.has(key)) {
      input[key] = [value]
        .flat()
        .flatMap((part) => part.split(','))
        .map((part) => part.trim())
        .filter((part) => part.length > 0);
    } else if (flags.has(key) && (value === 'true' || value === 'false')) {
      input[key] = value === 'true';
    } else {
      input[key] = value;
    }
  }
  return input;
}

/** Validates `query` against `type` with the pipe GraphQL's arguments use; null when empty. */
async function validated<T>(type: Type<T>, query: RawQuery): Promise<T | null> {
  const input = asInput(type, query);
  if (Object.keys(input).length === 0) return null;
  const pipe = createValidationPipe(type);
  return (await pipe.transform(input, { type: 'query', metatype: type, data: '' })) as T;
}

/**
 * The parameters of an export: those of `argsType` (the view's own arguments besides its filter,
 * such as `search` or `groupBy`) and the rest as the view's `filter` input. Both are refused as
 * 400 VALIDATION_FAILED when the view would refuse them as BAD_USER_INPUT.
 */
export async function exportQuery<F, A>(
  query: RawQuery,
  filterType: Type<F>,
  argsType?: Type<A>,
): Promise<{ filter: F | null; args: A | null }> {
  const argNames = argsType ? shapeOf(argsType).properties : new Set<string>();
  const filterPart: RawQuery = {};
  const argsPart: RawQuery = {};
  for (const [key, value] of Object.entries(query)) {
    (argNames.has(key) ? argsPart : filterPart)[key] = value;
  }
  return {
    filter: await validated(filterType, filterPart),
    args: argsType ? await validated(argsType, argsPart) : null,
  };
}
