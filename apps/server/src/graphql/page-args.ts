import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { Args, ArgsType, Field, Int } from '@nestjs/graphql';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { RequestValidationFailed } from '../errors/request-validation';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** `first` and `after` of a Relay connection: `@Args() page: PageArgs`. */
@ArgsType()
export class PageArgs {
  @Field(() => Int, { defaultValue: DEFAULT_PAGE_SIZE, description: `Page size, 1-${MAX_PAGE_SIZE}.` })
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first: number = DEFAULT_PAGE_SIZE;

  @Field(() => String, { nullable: true, description: 'The endCursor of the previous page.' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  after?: string;
}

@Injectable()
export class PageSizePipe implements PipeTransform<unknown, number> {
  transform(value: unknown, metadata: ArgumentMetadata): number {
    const size = value === undefined || value === null ? DEFAULT_PAGE_SIZE : value;
    if (typeof size !== 'number' || !Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
      const field = metadata.data ?? 'first';
      throw new RequestValidationFailed(
        [
          {
            field,
            message: `${field} must be an integer from 1 to ${MAX_PAGE_SIZE}`,
            rule: { key: 'integerRange', params: { min: 1, max: MAX_PAGE_SIZE } },
          },
        ],
        `${field} must be an integer from 1 to ${MAX_PAGE_SIZE}.`,
      );
    }
    return size;
  }
}

/** A lone page-size argument: `@FirstArg() first: number` (1-100, default 20). */
export const FirstArg = (name = 'first'): ParameterDecorator =>
  Args(name, { type: () => Int, defaultValue: DEFAULT_PAGE_SIZE }, new PageSizePipe());
