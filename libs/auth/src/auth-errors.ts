/**
 * Auth refusals are plain errors with an HTTP `status` and a stable `code`, so the server's one
 * problem+json mapping (and its GraphQL error formatter) can answer them without Nest exceptions.
 */

export type AuthenticationFailureCode =
  | 'UNAUTHENTICATED'
  | 'TOKEN_INVALID'
  | 'TOKEN_EXPIRED'
  | 'TOKEN_NOT_YET_VALID'
  | 'TOKEN_WRONG_ISSUER'
  | 'TOKEN_WRONG_AUDIENCE'
  | 'TOKEN_CLAIMS_INVALID';

const REALM = 'praktijklus';

/** 401: no token, or a token that does not verify. The message is safe to show to the client. */
export class AuthenticationFailed extends Error {
  readonly status = 401 as const;
  /** RFC 6750 challenge for the `WWW-Authenticate` response header. */
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    readonly code: AuthenticationFailureCode,
    message: string,
    /** What exactly failed, for the security log only (never personal data, never the token). */
    readonly reason: string = message,
  ) {
    super(message);
    this.name = 'AuthenticationFailed';
    this.headers = {
      'www-authenticate':
        code === 'UNAUTHENTICATED'
          ? `Bearer realm="${REALM}"`
          : `Bearer realm="${REALM}", error="invalid_token", error_description="${message.replace(/"/g, "'")}"`,
    };
  }
}

export type AccessDeniedCode = 'FORBIDDEN' | 'ROLE_NOT_ALLOWED';

/** 403: the caller is known but nothing allows this action for them. */
export class AccessDenied extends Error {
  readonly status = 403 as const;

  constructor(
    readonly code: AccessDeniedCode,
    message: string,
  ) {
    super(message);
    this.name = 'AccessDenied';
  }
}

/** 503: the identity provider's keys (JWKS) cannot be fetched, so no token can be judged now. */
export class AuthenticationUnavailable extends Error {
  readonly status = 503 as const;
  readonly code = 'AUTHENTICATION_UNAVAILABLE' as const;
  readonly headers: Readonly<Record<string, string>> = { 'retry-after': '5' };

  constructor(options?: { cause?: unknown }) {
    super('Tokens cannot be verified right now; try again later.', options);
    this.name = 'AuthenticationUnavailable';
  }
}
