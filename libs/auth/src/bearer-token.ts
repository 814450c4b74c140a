const BEARER = /^Bearer +([A-Za-z0-9\-_]+(?:\.[A-Za-z0-9\-_]*){0,4})\s*$/i;

/**
 * What an `Authorization` header holds: nothing, a bearer token, or something that is not one
 * (another scheme, several headers, a malformed token).
 */
export type BearerCredentials = { kind: 'none' } | { kind: 'token'; token: string } | { kind: 'malformed' };

export function bearerCredentials(authorization: unknown): BearerCredentials {
  if (authorization === undefined || authorization === null || authorization === '') return { kind: 'none' };
  if (typeof authorization !== 'string') return { kind: 'malformed' };
  const match = BEARER.exec(authorization.trim());
  return match ? { kind: 'token', token: match[1] } : { kind: 'malformed' };
}
