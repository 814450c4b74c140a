import { Injectable, type PipeTransform } from '@nestjs/common';
import { Args } from '@nestjs/graphql';
import { RequestValidationFailed } from '../../errors/request-validation';

/** An ISO 8601 date-time with seconds optional, fractions optional, and a zone (Z or an offset). */
const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):(\d{2}))$/;

/** Whether the fields name a real calendar day and clock time (Date.parse rolls 30 February over). */
const exists = (fields: readonly string[]): boolean => {
  // Groups that did not take part (seconds, a Z instead of an offset) are undefined: the defaults.
  const [year, month, day, hour, minute, second = '0', offsetHours = '0', offsetMinutes = '0'] = fields;
  const daysInMonth = new Date(Date.UTC(Number(year), Number(month), 0)).getUTCDate();
  return (
    Number(month) >= 1 &&
    Number(month) <= 12 &&
    Number(day) >= 1 &&
    Number(day) <= daysInMonth &&
    Number(hour) <= 23 &&
    Number(minute) <= 59 &&
    Number(second) <= 59 &&
    Number(offsetHours) <= 23 &&
    Number(offsetMinutes) <= 59
  );
};

const refuse = (message: string): never => {
  throw new RequestValidationFailed([{ field: 'asOf', message }], `${message}.`);
};

/**
 * `asOf`: an ISO date-time with a zone, not in the future; null read as absent (now). Anything else
 * is BAD_USER_INPUT: a date-time without a zone would be read on the server's clock, which is not
 * the caller's.
 */
@Injectable()
export class AsOfPipe implements PipeTransform<unknown, Date | undefined> {
  constructor(private readonly clock: () => number = Date.now) {}

  transform(value: unknown): Date | undefined {
    if (value === undefined || value === null) return undefined;
    const fields = typeof value === 'string' && value.length <= 40 ? ISO_DATE_TIME.exec(value) : null;
    if (typeof value !== 'string' || fields === null) {
      return refuse('asOf must be an ISO 8601 date-time with a time zone, e.g. 2026-03-01T12:00:00Z');
    }
    const at = Date.parse(value);
    if (Number.isNaN(at) || !exists(fields.slice(1))) return refuse('asOf is not a date-time that exists');
    if (at > this.clock())
      return refuse('asOf lies in the future; the log holds only what has been recorded');
    return new Date(at);
  }
}

/** `asOf: String`: the answer as it stood at that moment, from the events recorded up to it. */
export const AsOfArg = (): ParameterDecorator =>
  Args(
    'asOf',
    {
      type: () => String,
      nullable: true,
      description:
        'ISO 8601 date-time with a zone: the answer as it stood then, from the events recorded up to that moment, with overdue and ages judged at it. Not in the future.',
    },
    new AsOfPipe(),
  );
