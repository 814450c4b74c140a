import type { ReferenceData } from '@praktijklus/reference';
import { HttpProblem } from '../errors/problem';
import type { FieldError } from '../errors/request-validation';

/**
 * Authority ids in a body must be in the registry: 400 UNKNOWN_AUTHORITY naming every unknown one by
 * its field (`to`, `parties[2]`). Pass `[field, id]` pairs; absent optional fields are left out.
 */
export function requireKnownAuthorities(
  reference: ReferenceData,
  fields: ReadonlyArray<readonly [field: string, id: string | undefined]>,
): void {
  const errors: FieldError[] = fields
    .filter(([, id]) => id !== undefined && !reference.isAuthority(id))
    .map(([field, id]) => ({
      field,
      message: `${String(id)} is not a known authority`,
      rule: { key: 'UNKNOWN_AUTHORITY', params: { id: String(id) } },
    }));
  if (errors.length === 0) return;
  throw new HttpProblem(
    400,
    'UNKNOWN_AUTHORITY',
    errors.map((error) => error.message).join('; '),
    {},
    errors,
  );
}

/** `[field, id]` pairs for a list of authority ids: `parties[0]`, `parties[1]`, ... */
export const authorityListFields = (
  field: string,
  ids: readonly string[],
): Array<readonly [string, string]> => ids.map((id, index) => [`${field}[${index}]`, id] as const);
