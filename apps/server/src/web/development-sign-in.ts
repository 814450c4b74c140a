import { isLoopbackHost } from '@praktijklus/auth';
import type { Settings } from '@praktijklus/config';
import { routeConstraint, type ConstraintStrategy } from '../http/route-constraint';

/** The development sign-in endpoints (`dev/authorities`, `dev/token`) live under this path. */
export const DEVELOPMENT_SIGN_IN_PATH = '/api/v1/dev';

/**
 * `POST /api/v1/dev/token` mints a token for any role to whoever reaches it, so it is served only
 * by a development server that other machines cannot reach: NODE_ENV is not `production` and HOST
 * is a loopback address. With an identity provider its tokens are the only ones verified.
 */
export function developmentTokensAllowed(settings: Settings): boolean {
  return !settings.production && settings.auth.jwksUrl === undefined && isLoopbackHost(settings.host);
}

export const isDevelopmentSignInPath = (path: string): boolean =>
  path === DEVELOPMENT_SIGN_IN_PATH || path.startsWith(`${DEVELOPMENT_SIGN_IN_PATH}/`);

/** The router constraint the development sign-in routes carry: `@RouteConstraints(SERVED_ONLY_IN_DEVELOPMENT)`. */
export const DEVELOPMENT_SIGN_IN = 'developmentSignIn';
export const SERVED_ONLY_IN_DEVELOPMENT = { [DEVELOPMENT_SIGN_IN]: 'on' };

/**
 * Where development sign-in is off, the router itself finds no route for its paths: they get what
 * any unknown route gets (no body parsing, validation or other code that would show they exist).
 */
export function developmentSignInConstraint(settings: Settings): ConstraintStrategy {
  const served = developmentTokensAllowed(settings) ? 'on' : 'off';
  return routeConstraint(DEVELOPMENT_SIGN_IN, 'on', () => served);
}
