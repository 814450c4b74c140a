import { Injectable, PipeTransform, type Type } from '@nestjs/common';
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
        [{ field: this.field, message: `${this.field} must be a string of at most ${this.max} characters` }],
        `${this.field} must be a string of at most ${this.max} characters.`,
      );
    }
    return value;
  }
}

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
