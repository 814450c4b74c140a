import { SignJWT } from 'jose';
import type { Role } from '@praktijklus/domain';
import { isRole } from './roles';

export interface DevelopmentTokenRequest {
  /** The HS256 secret the server verifies with (AUTH_JWT_SECRET or the one generated into DATA_DIR). */
  secret: string | Uint8Array;
  sub: string;
  roles: readonly Role[];
  authority: string;
  name?: string;
  /** A jose time span (`'8h'`, `'30m'`) or seconds; default 8 hours. */
  expiresIn?: string | number;
  issuer?: string;
  audience?: string;
}

/**
 * An HS256 token for development and tests, accepted by a `TokenVerifier` in secret mode. Refusing
 * it in production is the caller's job (the CLI checks NODE_ENV).
 */
export async function issueDevelopmentToken(request: DevelopmentTokenRequest): Promise<string> {
  const secret =
    typeof request.secret === 'string' ? new TextEncoder().encode(request.secret) : request.secret;
  if (secret.byteLength < 32) throw new Error('The HS256 secret must be at least 32 bytes');
  if (request.sub.trim() === '') throw new Error('sub must not be blank');
  if (request.authority.trim() === '') throw new Error('authority must not be blank');
  if (request.roles.length === 0 || !request.roles.every(isRole)) {
    throw new Error('roles must name at least one of officer, analyst, admin');
  }
  const expiresIn = request.expiresIn ?? '8h';
  const jwt = new SignJWT({
    authority: request.authority,
    roles: [...request.roles],
    ...(request.name !== undefined ? { name: request.name } : {}),
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(request.sub)
    .setIssuedAt()
    .setExpirationTime(typeof expiresIn === 'number' ? Math.floor(Date.now() / 1000) + expiresIn : expiresIn);
  if (request.issuer !== undefined) jwt.setIssuer(request.issuer);
  if (request.audience !== undefined) jwt.setAudience(request.audience);
  return jwt.sign(secret);
}
