import { Injectable, PipeTransform } from '@nestjs/common';
import { RequestValidationFailed } from '../errors/request-validation';

/**
 * For commands without fields: no body, or `{}`. class-validator treats a class without properties
 * as an unknown value, so this pipe refuses anything else the way the DTOs do (every field unknown).
 */
@Injectable()
export class EmptyBodyPipe implements PipeTransform<unknown, undefined> {
  transform(body: unknown): undefined {
    if (body === undefined) return undefined;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new RequestValidationFailed([
        { field: '(body)', message: 'the body must be absent or {}', rule: { key: 'emptyBody' } },
      ]);
    }
    const fields = Object.keys(body);
    if (fields.length > 0) {
      throw new RequestValidationFailed(
        fields.map((field) => ({
          field,
          message: `${field} is not a known field`,
          rule: { key: 'whitelistValidation' },
        })),
      );
    }
    return undefined;
  }
}
