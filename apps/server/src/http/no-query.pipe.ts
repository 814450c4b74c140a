import { Injectable, PipeTransform } from '@nestjs/common';
import { RequestValidationFailed } from '../errors/request-validation';

/** For routes that take no query parameters: any given is refused (400), like unknown body fields. */
@Injectable()
export class NoQueryPipe implements PipeTransform<unknown, undefined> {
  transform(query: unknown): undefined {
    const parameters = typeof query === 'object' && query !== null ? Object.keys(query) : [];
    if (parameters.length > 0) {
      throw new RequestValidationFailed(
        parameters.map((parameter) => ({
          field: parameter,
          message: `${parameter} is not a known parameter`,
          rule: { key: 'whitelistValidation' },
        })),
      );
    }
    return undefined;
  }
}
