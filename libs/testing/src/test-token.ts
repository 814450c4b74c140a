import { issueDevelopmentToken } from '@praktijklus/auth';
import type { Role } from '@praktijklus/domain';
import { TEST_JWT_SECRET } from './test-secret';

export interface TokenClaims {
  sub?: string;
  roles: Role[];
  authority: string;
  name?: string;
}

/** A token the test servers accept (signed with TEST_JWT_SECRET, valid for an hour). */
export function testToken(claims: TokenClaims): Promise<string> {
  return issueDevelopmentToken({
    secret: TEST_JWT_SECRET,
    sub: claims.sub ?? `${claims.roles[0] ?? 'user'}-${claims.authority}`,
    roles: claims.roles,
    authority: claims.authority,
    ...(claims.name !== undefined ? { name: claims.name } : {}),
    expiresIn: '1h',
  });
}
