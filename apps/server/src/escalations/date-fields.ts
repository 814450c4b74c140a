import { ValidateBy, type ValidationOptions } from 'class-validator';
import { isIsoDate, isIsoInstant } from '@praktijklus/domain';

/** A calendar date `YYYY-MM-DD` that exists. */
export const IsIsoDate = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'isIsoDate',
      validator: {
        validate: (value: unknown) => isIsoDate(value),
        defaultMessage: (args) => `${args?.property ?? 'value'} must be a date (YYYY-MM-DD)`,
      },
    },
    options,
  );

/** An ISO 8601 date-time with `Z` or an offset, so it never depends on the server's time zone. */
export const IsIsoDateTime = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'isIsoDateTime',
      validator: {
        validate: (value: unknown) => isIsoInstant(value),
        defaultMessage: (args) =>
          `${args?.property ?? 'value'} must be an ISO 8601 date-time with an offset (e.g. 2026-04-01T17:00:00+02:00)`,
      },
    },
    options,
  );
