import { type ArgumentMetadata, Injectable, PipeTransform, type Type } from '@nestjs/common';
import type { PageWindow } from '@praktijklus/projections';
import { Args, Int } from '@nestjs/graphql';
import { createValidationPipe, RequestValidationFailed } from '../errors/request-validation';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, PageSizePipe } from '../graphql/page-args';

export const MAX_CURSOR_LENGTH = 500;
export const MAX_SEARCH_LENGTH = 200;
/** Values in one list of a filter: every value joins an IN list or a full-text OR expression. */
export const MAX_FILTER_VALUES = 50;

/** `filter`: a nullable input object, validated against its class by the argument's own pipe. */
export const FilterArg = (type: Type<unknown>, description?: string): ParameterDecorator =>
  Args(
    'filter',
    { type: () => type, nullable: true, ...(description ? { description } : {}) },
    createValidationPipe(type),
  );

/** A bounded optional string: refused (BAD_USER_INPUT) past `max` characters, null read as absent. */
@Injectable()
export class BoundedTextPipe implements PipeTransform<unknown, string | undefined> {
  constructor(
    private readonly field: string,
    private readonly max: number,
  ) {}

  transform(value: unknown): string | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string' || value.length > this.max) {
      throw new RequestValidationFailed(
        [
          {
            field: this.field,
            message: `${this.field} must be a string of at most ${this.max} characters`,
            rule: { key: 'maxLength', params: { max: this.max } },
          },
        ],
        `${this.field} must be a string of at most ${this.max} characters.`,
      );
    }
    return value;
  }
}

/** A bounded optional list of strings: at most `maxItems` of at most `maxLength` characters, null read as absent. */
@Injectable()
export class BoundedListPipe implements PipeTransform<unknown, string[] | undefined> {
  constructor(
    private readonly field: string,
    private readonly maxItems: number,
    private readonly maxLength: number,
  ) {}

  transform(value: unknown): string[] | undefined {
    if (value === undefined || value === null) return undefined;
    if (
      !Array.isArray(value) ||
      value.length > this.maxItems ||
      value.some((item) => typeof item !== 'string' || item.length > this.maxLength)
    ) {
      const message = `${this.field} must be at most ${this.maxItems} strings of at most ${this.maxLength} characters`;
      throw new RequestValidationFailed([{ field: this.field, message }], `${message}.`);
    }
    return value as string[];
  }
}

/** Norm refs in one filter: a conflict names two. */
export const MAX_NORM_REFS = 5;
export const MAX_NORM_REF_LENGTH = 200;

/** `after`: the endCursor of the previous page; a cursor a list did not hand out is BAD_USER_INPUT. */
export const AfterArg = (): ParameterDecorator =>
  Args(
    'after',
    { type: () => String, nullable: true, description: 'The endCursor of the previous page.' },
    new BoundedTextPipe('after', MAX_CURSOR_LENGTH),
  );

/** Free text for the signals' full-text search. */
export const SearchArg = (): ParameterDecorator =>
  Args(
    'search',
    {
      type: () => String,
      nullable: true,
      description: 'Full text over title, description, norms and themes; every word must match as a prefix.',
    },
    new BoundedTextPipe('search', MAX_SEARCH_LENGTH),
  );

/** Words that must each occur in a record's title: what a picker sends as the user types. */
export const TitleSearchArg = (): ParameterDecorator =>
  Args(
    'search',
    {
      type: () => String,
      nullable: true,
      description: 'Words that must each occur in the title (case-insensitive).',
    },
    new BoundedTextPipe('search', MAX_SEARCH_LENGTH),
  );

/** `first: Int = 20`: a page of 1 to 100 rows; null reads as the default, anything else is BAD_USER_INPUT. */
export const FirstArg = (): ParameterDecorator =>
  Args(
    'first',
    {
      type: () => Int,
      nullable: true,
      defaultValue: DEFAULT_PAGE_SIZE,
      description: `Page size, 1 to ${MAX_PAGE_SIZE}.`,
    },
    new PageSizePipe(),
  );

/** A page size that may be absent: 1 to 100 when given, null read as absent. */
@Injectable()
class OptionalPageSizePipe implements PipeTransform<unknown, number | undefined> {
  private readonly size = new PageSizePipe();

  transform(value: unknown, metadata: ArgumentMetadata): number | undefined {
    return value === undefined || value === null ? undefined : this.size.transform(value, metadata);
  }
}

/** A connection's `first`: forward from `after`; 20 when neither `first` nor `last` is given. */
export const ConnectionFirstArg = (): ParameterDecorator =>
  Args(
    'first',
    {
      type: () => Int,
      nullable: true,
      description: `Page size forward, 1 to ${MAX_PAGE_SIZE}; ${DEFAULT_PAGE_SIZE} when neither first nor last is given. Not with last.`,
    },
    new OptionalPageSizePipe(),
  );

/** A connection's `last`: the rows just before `before` (or the list's last ones). */
export const LastArg = (): ParameterDecorator =>
  Args(
    'last',
    {
      type: () => Int,
      nullable: true,
      description: `Page size backward, 1 to ${MAX_PAGE_SIZE}. Not with first.`,
    },
    new OptionalPageSizePipe(),
  );

/** `before`: the startCursor of the next page, to page backward. */
export const BeforeArg = (): ParameterDecorator =>
  Args(
    'before',
    { type: () => String, nullable: true, description: 'The startCursor of the next page.' },
    new BoundedTextPipe('before', MAX_CURSOR_LENGTH),
  );

/**
 * The Relay window of a connection's arguments. `first` and `last` together are refused
 * (BAD_USER_INPUT), as are `after` with `last` and `before` with `first`: a window has one end.
 */
export function pageWindowOf(args: {
  first: number | undefined;
  after: string | undefined;
  last: number | undefined;
  before: string | undefined;
}): PageWindow {
  const refuse = (field: string, message: string): never => {
    throw new RequestValidationFailed([{ field, message, rule: { key: 'pageWindow' } }], `${message}.`);
  };
  if (args.first !== undefined && args.last !== undefined) refuse('last', 'Pass first or last, not both');
  if (args.last !== undefined || args.before !== undefined) {
    if (args.after !== undefined) refuse('after', 'after pages forward; with last or before use before');
    if (args.first !== undefined) refuse('first', 'first pages forward; with before use last');
    return { last: args.last ?? DEFAULT_PAGE_SIZE, before: args.before ?? null };
  }
  return { first: args.first ?? DEFAULT_PAGE_SIZE, after: args.after ?? null };
}
