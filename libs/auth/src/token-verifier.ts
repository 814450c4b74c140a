import {
  createRemoteJWKSet,
  decodeProtectedHeader,
  errors,
  jwtVerify,
  type CryptoKey,
  type JWTPayload,
  type JWTVerifyGetKey,
  type JWTVerifyOptions,
} from 'jose';
import type { Actor, Role } from '@praktijklus/domain';
import { AuthenticationFailed, AuthenticationUnavailable } from './auth-errors';
import { isLoopbackHost } from './loopback';
import { isRole } from './roles';

/** HS256 tokens signed with a shared secret (the embedded default). */
export interface SecretVerifierOptions {
  secret: string | Uint8Array;
}

/** RS256 / ES256 tokens from an identity provider, keys fetched from its JWKS endpoint. */
export interface JwksVerifierOptions {
  jwksUrl: string;
  /** Minimum time between fetches caused by an unknown `kid` (jose's cooldown); default 30 s. */
  jwksCooldownMs?: number;
  /** How long fetched keys are trusted before a refetch; default 10 minutes. */
  jwksCacheMaxAgeMs?: number;
  /** Timeout of one JWKS request; default 5 s. */
  jwksTimeoutMs?: number;
}

export type TokenVerifierOptions = (SecretVerifierOptions | JwksVerifierOptions) & {
  /** When set, the token's `iss` must equal it. */
  issuer?: string;
  /** When set, the token's `aud` must contain it. */
  audience?: string;
  /** Allowed clock skew for `exp` and `nbf`; default 5 s. */
  clockToleranceSeconds?: number;
  /** When given, the `authority` claim must be an id it knows (the reference data's `isAuthority`). */
  isAuthority?: (id: string) => boolean;
  /** Most verified tokens remembered (see `TokenVerifier`); default 10,000, 0 turns the cache off. */
  maxCachedTokens?: number;
};

// Pinned per mode: an HS verifier never accepts RS/ES (or `none`), a JWKS verifier never accepts HS.
const SECRET_ALGORITHMS = ['HS256'];
const JWKS_ALGORITHMS = ['RS256', 'ES256'];
const MIN_SECRET_BYTES = 32;
const MAX_TOKEN_LENGTH = 8192;
const MAX_SUB_LENGTH = 255;
const MAX_AUTHORITY_LENGTH = 64;
const MAX_NAME_LENGTH = 200;
const DEFAULT_MAX_CACHED_TOKENS = 10_000;
// Longer tokens are verified every time: they cannot make the cache's memory grow past ~20 MB.
const MAX_CACHED_TOKEN_LENGTH = 2048;

/** Marks a failure to obtain keys, as opposed to a token that does not fit the keys. */
class KeySourceFailed extends Error {}

/** A token that verified: its actor, its time claims (seconds) and, with a JWKS, the key it verified with. */
interface VerifiedToken {
  actor: Actor;
  exp: number;
  nbf: number | undefined;
  key: CryptoKey | undefined;
}

/**
 * Verifies bearer JWTs with jose and turns their claims into an `Actor`. Every refusal is an
 * `AuthenticationFailed` with a stable code; an unreachable JWKS is `AuthenticationUnavailable`.
 *
 * A token that verified is remembered, keyed by its exact text, so the signature of a client's
 * token is checked once instead of on every request. A remembered token is used only while `exp`
 * and `nbf` still hold (checked again on each use, with the same clock tolerance) and, with a JWKS,
 * only while the key set currently in force still resolves the token's header to the very key it
 * verified with: a refreshed or rotated key set (jose re-imports every key on each fetch) sends
 * the token through full verification again, so a withdrawn key stops working exactly as soon as
 * without the cache. Refusals are never remembered. The cache holds at most `maxCachedTokens`
 * entries, dropping the oldest first.
 */
export class TokenVerifier {
  private readonly verifyJwt: (token: string) => Promise<{ payload: JWTPayload; key?: CryptoKey }>;
  private readonly currentKey: ((token: string) => Promise<CryptoKey>) | undefined;
  private readonly isAuthority: ((id: string) => boolean) | undefined;
  private readonly toleranceSeconds: number;
  private readonly maxCachedTokens: number;
  private readonly verified = new Map<string, VerifiedToken>();
  readonly mode: 'secret' | 'jwks';

  constructor(options: TokenVerifierOptions) {
    const hasSecret = 'secret' in options && options.secret !== undefined;
    const hasJwks = 'jwksUrl' in options && options.jwksUrl !== undefined;
    if (hasSecret === hasJwks) throw new Error('TokenVerifier needs exactly one of secret or jwksUrl');

    const tolerance = options.clockToleranceSeconds ?? 5;
    if (!Number.isFinite(tolerance) || tolerance < 0 || tolerance > 300) {
      throw new Error('clockToleranceSeconds must be between 0 and 300');
    }
    this.toleranceSeconds = tolerance;
    const maxCached = options.maxCachedTokens ?? DEFAULT_MAX_CACHED_TOKENS;
    if (!Number.isSafeInteger(maxCached) || maxCached < 0) {
      throw new Error('maxCachedTokens must be a whole number ≥ 0');
    }
    this.maxCachedTokens = maxCached;
    const common: JWTVerifyOptions = {
      clockTolerance: tolerance,
      // A token without an expiry would be valid forever.
      requiredClaims: ['exp'],
      ...(options.issuer !== undefined ? { issuer: options.issuer } : {}),
      ...(options.audience !== undefined ? { audience: options.audience } : {}),
    };

    if (hasSecret) {
      const raw = (options as SecretVerifierOptions).secret;
      const secret = typeof raw === 'string' ? new TextEncoder().encode(raw) : raw;
      if (secret.byteLength < MIN_SECRET_BYTES) {
        throw new Error(`The HS256 secret must be at least ${MIN_SECRET_BYTES} bytes`);
      }
      const verifyOptions = { ...common, algorithms: SECRET_ALGORITHMS };
      // Imported once: jose imports a raw secret again on every verification.
      const key = crypto.subtle.importKey('raw', secret, { name: 'HMAC', hash: 'SHA-256' }, false, [
        'verify',
      ]);
      this.verifyJwt = async (token) => ({
        payload: (await jwtVerify(token, await key, verifyOptions)).payload,
      });
      this.currentKey = undefined;
      this.mode = 'secret';
    } else {
      const keys = remoteKeys(options as JwksVerifierOptions);
      const verifyOptions = { ...common, algorithms: JWKS_ALGORITHMS };
      this.verifyJwt = async (token) => {
        let used: CryptoKey | undefined;
        const { payload } = await jwtVerify(
          token,
          async (header, input) => (used = (await keys(header, input)) as CryptoKey),
          verifyOptions,
        );
        return { payload, key: used };
      };
      this.currentKey = async (token) => {
        const header = decodeProtectedHeader(token);
        if (typeof header.alg !== 'string') throw new Error('the token names no algorithm');
        const [protectedPart = '', payload = '', signature = ''] = token.split('.');
        return (await keys(
          { ...header, alg: header.alg },
          { protected: protectedPart, payload, signature },
        )) as CryptoKey;
      };
      this.mode = 'jwks';
    }
    this.isAuthority = options.isAuthority;
  }

  /** The actor a token speaks for; throws AuthenticationFailed or AuthenticationUnavailable. */
  async verify(token: string): Promise<Actor> {
    if (typeof token !== 'string' || token === '' || token.length > MAX_TOKEN_LENGTH) {
      throw new AuthenticationFailed('TOKEN_INVALID', 'The bearer token is malformed.');
    }
    const remembered = await this.remembered(token);
    if (remembered !== undefined) return remembered;
    let verified: { payload: JWTPayload; key?: CryptoKey };
    try {
      verified = await this.verifyJwt(token);
    } catch (error) {
      throw refusalFor(error);
    }
    const actor = Object.freeze(this.actorFrom(verified.payload));
    this.remember(token, actor, verified.payload, verified.key);
    return actor;
  }

  /** How many verified tokens are remembered now. */
  get cachedTokens(): number {
    return this.verified.size;
  }

  /** The actor of a token verified before, when its time claims and its key still hold. */
  private async remembered(token: string): Promise<Actor | undefined> {
    const entry = this.verified.get(token);
    if (entry === undefined) return undefined;
    // jose's own checks: expired when exp <= now - tolerance, early when nbf > now + tolerance.
    const now = Math.floor(Date.now() / 1000);
    let usable = entry.exp > now - this.toleranceSeconds;
    if (usable && entry.nbf !== undefined) usable = entry.nbf <= now + this.toleranceSeconds;
    if (usable && this.currentKey !== undefined) {
      usable = (await this.currentKey(token).catch(() => undefined)) === entry.key;
    }
    if (usable) return entry.actor;
    // Verified again from scratch, which also gives the precise refusal.
    this.verified.delete(token);
    return undefined;
  }

  private remember(token: string, actor: Actor, payload: JWTPayload, key: CryptoKey | undefined): void {
    if (this.maxCachedTokens === 0 || token.length > MAX_CACHED_TOKEN_LENGTH) return;
    if (typeof payload.exp !== 'number') return;
    if (this.currentKey !== undefined && key === undefined) return;
    this.verified.delete(token);
    while (this.verified.size >= this.maxCachedTokens) {
      const oldest = this.verified.keys().next();
      if (oldest.done === true) break;
      this.verified.delete(oldest.value);
    }
    this.verified.set(token, {
      actor,
      exp: payload.exp,
      nbf: typeof payload.nbf === 'number' ? payload.nbf : undefined,
      key,
    });
  }

  private actorFrom(payload: JWTPayload): Actor {
    const invalid = (reason: string): never => {
      throw new AuthenticationFailed('TOKEN_CLAIMS_INVALID', `The token's claims are not usable: ${reason}.`);
    };
    const { sub, authority, roles, name } = payload as Record<string, unknown>;
    if (typeof sub !== 'string' || sub.trim() === '' || sub.length > MAX_SUB_LENGTH) {
      invalid('sub must be a non-empty string');
    }
    if (typeof authority !== 'string' || authority.trim() === '' || authority.length > MAX_AUTHORITY_LENGTH) {
      invalid('authority must be a non-empty string');
    }
    if (this.isAuthority && !this.isAuthority(authority as string))
      invalid('authority is not a known authority');
    if (!Array.isArray(roles) || roles.length === 0) invalid('roles must be a non-empty array');
    const roleList: Role[] = [];
    for (const role of roles as unknown[]) {
      if (!isRole(role)) return invalid('roles may only contain officer, analyst and admin');
      if (!roleList.includes(role)) roleList.push(role);
    }
    if (name !== undefined && (typeof name !== 'string' || name.length > MAX_NAME_LENGTH)) {
      invalid('name must be a string');
    }
    return {
      sub: sub as string,
      authority: authority as string,
      roles: Object.freeze(roleList) as Role[],
      ...(typeof name === 'string' && name.trim() !== '' ? { name } : {}),
    };
  }
}

function remoteKeys(options: JwksVerifierOptions): JWTVerifyGetKey {
  let url: URL;
  try {
    url = new URL(options.jwksUrl);
  } catch {
    throw new Error('The JWKS URL is not a valid URL');
  }
  // Keys fetched in the clear could be swapped on the way; plain http only on this machine.
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) {
    throw new Error('The JWKS URL must use https (http is allowed for loopback addresses only)');
  }
  const jwks = createRemoteJWKSet(url, {
    ...(options.jwksCooldownMs !== undefined ? { cooldownDuration: options.jwksCooldownMs } : {}),
    ...(options.jwksCacheMaxAgeMs !== undefined ? { cacheMaxAge: options.jwksCacheMaxAgeMs } : {}),
    ...(options.jwksTimeoutMs !== undefined ? { timeoutDuration: options.jwksTimeoutMs } : {}),
  });
  return async (header, token) => {
    try {
      return await jwks(header, token);
    } catch (error) {
      if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) {
        throw error;
      }
      throw new KeySourceFailed('JWKS unavailable', { cause: error });
    }
  };
}

function refusalFor(error: unknown): Error {
  if (error instanceof KeySourceFailed) return new AuthenticationUnavailable({ cause: error.cause });
  if (error instanceof errors.JWTExpired) {
    return new AuthenticationFailed('TOKEN_EXPIRED', 'The token has expired.');
  }
  if (error instanceof errors.JWTClaimValidationFailed) {
    switch (error.claim) {
      case 'nbf':
        return new AuthenticationFailed('TOKEN_NOT_YET_VALID', 'The token is not valid yet.');
      case 'iss':
        return new AuthenticationFailed('TOKEN_WRONG_ISSUER', 'The token was issued by another issuer.');
      case 'aud':
        return new AuthenticationFailed('TOKEN_WRONG_AUDIENCE', 'The token is meant for another audience.');
      default:
        return new AuthenticationFailed(
          'TOKEN_CLAIMS_INVALID',
          `The token's claims are not usable: ${error.claim} ${error.reason}.`,
        );
    }
  }
  const reason =
    error instanceof errors.JOSEAlgNotAllowed
      ? 'algorithm not allowed'
      : error instanceof errors.JWSSignatureVerificationFailed
        ? 'signature does not verify'
        : error instanceof errors.JWKSNoMatchingKey
          ? 'no key with this kid'
          : error instanceof errors.JOSEError
            ? error.code
            : 'not a JWT';
  return new AuthenticationFailed('TOKEN_INVALID', 'The bearer token is not valid.', reason);
}
