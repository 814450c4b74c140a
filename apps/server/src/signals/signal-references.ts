import type { ReferenceData } from '@praktijklus/reference';
import { HttpProblem } from '../errors/problem';
import type { FieldError } from '../errors/request-validation';

/**
 * Policy domains and authorities must be in the registry; every unknown id is named by its field
 * (`authorities[1]`), and the code says which kind was unknown first.
 */
export function requireKnownReferences(
  reference: ReferenceData,
  fields: { policyDomain?: string | undefined; authorities?: readonly string[] | undefined },
): void {
  const errors: Array<FieldError & { code: string }> = [];
  if (fields.policyDomain !== undefined && !reference.isPolicyDomain(fields.policyDomain)) {
    errors.push({
      code: 'UNKNOWN_POLICY_DOMAIN',
      field: 'policyDomain',
      message: `${fields.policyDomain} is not a known policy domain`,
      rule: { key: 'UNKNOWN_POLICY_DOMAIN', params: { id: fields.policyDomain } },
    });
  }
  fields.authorities?.forEach((authority, index) => {
    if (!reference.isAuthority(authority)) {
      errors.push({
        code: 'UNKNOWN_AUTHORITY',
        field: `authorities[${index}]`,
        message: `${authority} is not a known authority`,
        rule: { key: 'UNKNOWN_AUTHORITY', params: { id: authority } },
      });
    }
  });
  if (errors.length === 0) return;
  throw new HttpProblem(
    400,
    errors[0].code,
    errors.map((error) => error.message).join('; '),
    {},
    errors.map(({ field, message, rule }) => ({ field, message, rule })),
  );
}
