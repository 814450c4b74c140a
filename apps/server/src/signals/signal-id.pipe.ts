import { Injectable, PipeTransform } from '@nestjs/common';
import { RequestValidationFailed } from '../errors/request-validation';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The `{id}` of a signal route: a UUID, in lower case so that one signal has one stream. */
@Injectable()
export class SignalIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!UUID.test(value)) {
      throw new RequestValidationFailed(
        [{ field: 'id', message: 'id must be a UUID', rule: { key: 'isUuid' } }],
        'The signal id in the path is not a UUID.',
      );
    }
    return value.toLowerCase();
  }
}
