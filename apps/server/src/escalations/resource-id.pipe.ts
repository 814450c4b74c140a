import { Injectable, PipeTransform } from '@nestjs/common';
import { RequestValidationFailed } from '../errors/request-validation';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The `{id}` of an escalation, agreement or experiment route: a UUID, lower-cased so one id is one stream. */
@Injectable()
export class ResourceIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!UUID.test(value)) {
      throw new RequestValidationFailed(
        [{ field: 'id', message: 'id must be a UUID', rule: { key: 'isUuid' } }],
        'The id in the path is not a UUID.',
      );
    }
    return value.toLowerCase();
  }
}
