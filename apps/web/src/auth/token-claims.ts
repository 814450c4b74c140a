import { USER_ROLES, type UserRole } from '../api/api.types';

export interface SessionClaims {
  sub: string;
  name?: string;
  roles: UserRole[];
  authority: string;
  /** Seconds since the epoch. */
  exp?: number;
}

const isRole = (value: unknown): value is UserRole => USER_ROLES.some((role) => role === value);

function base64UrlDecode(segment: string): string {
  const base64 = segment
    .replace(/-/g, '+')
    .replace(/_/g, '/')
    .padEnd(Math.ceil(segment.length / 4) * 4, '=');
  const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

/**
 * The claims of a JWT, read to show who is signed in and which pages to offer. Not a check: the
 * server verifies every token it receives.
 */
export function claimsOf(token: string, fallback: Record<string, unknown> = {}): SessionClaims | undefined {
  let payload: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(base64UrlDecode(token.split('.')[1] ?? ''));
    if (typeof parsed === 'object' && parsed !== null) payload = parsed as Record<string, unknown>;
  } catch {
    payload = {};
  }
  const read = (key: string): unknown => payload[key] ?? fallback[key];
  const sub = read('sub');
  const authority = read('authority');
  const roles = read('roles');
  const name = read('name');
  const exp = read('exp');
  if (typeof sub !== 'string' || typeof authority !== 'string' || !Array.isArray(roles)) return undefined;
  return {
    sub,
    authority,
    roles: roles.filter(isRole),
    ...(typeof name === 'string' ? { name } : {}),
    ...(typeof exp === 'number' ? { exp } : {}),
  };
}
