import { pgDriver } from './pg-driver';
import { StoreUnavailable } from '../errors';

/** The SQLSTATE of a server error, or undefined for a failure below SQL (socket, pool, TLS). */
export function postgresCode(error: unknown): string | undefined {
  return error instanceof pgDriver().DatabaseError ? error.code : undefined;
}

/**
 * SQLSTATE classes that mean "the database cannot take this now", not "your request is wrong":
 * 08 connection exception, 53 insufficient resources (disk full, too many connections),
 * 57P operator intervention (shutdown, crash recovery, cannot connect now), 58 system error,
 * 25006 read-only transaction (a standby), 40001/40P01 serialization failure and deadlock; and at
 * connect, 28 invalid authorization (pg_hba.conf refuses the connection, e.g. without TLS where
 * only TLS is allowed, or a rotated password) and 3D000 no such database: the deployment's, never
 * the request's, fault.
 */
const UNAVAILABLE = /^(08|28|53|57P|58|25006$|3D000$|40001$|40P01$)/;

/** True for failures of the database or of the way to it, as opposed to a refused statement. */
export function isPostgresUnavailable(error: unknown): boolean {
  if (error instanceof StoreUnavailable) return true;
  const code = postgresCode(error);
  if (code !== undefined) return UNAVAILABLE.test(code);
  // No SQLSTATE: the socket (ECONNREFUSED, ECONNRESET, "Connection terminated"), the pool's
  // connect timeout, DNS or TLS. Only calls into node-postgres are mapped, and those are its failures.
  // Not `instanceof Error`: socket errors come from Node's own realm, which under Jest is another one.
  return typeof error === 'object' && error !== null && !(error instanceof pgDriver().DatabaseError);
}

export function isUniqueViolation(error: unknown): boolean {
  return postgresCode(error) === '23505';
}

/** Unavailability becomes `StoreUnavailable` (the server answers 503); anything else is returned as is. */
export function toStoreError(error: unknown): unknown {
  if (error instanceof StoreUnavailable) return error;
  if (isPostgresUnavailable(error)) {
    const code = postgresCode(error);
    // The server's own words for a refused connection say what to fix (which pg_hba.conf entry, which user).
    const detail =
      code === undefined ? messageOf(error) : code.startsWith('28') ? `${code} ${messageOf(error)}` : code;
    return new StoreUnavailable(`event store unavailable: ${detail}`, { cause: error });
  }
  return error;
}

function messageOf(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'message' in error) return String(error.message);
  return String(error);
}
