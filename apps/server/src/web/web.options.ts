export interface WebOptions {
  /** Where the built web app is (apps/web/dist); found from this file's location when omitted. */
  distDir?: string;
  /** Serve the web app at `/` (default true); off for an API-only instance. */
  serveStatic?: boolean;
  /** The OIDC client id of the web app (AUTH_OIDC_CLIENT_ID). */
  oidcClientId?: string;
  /** The scopes the web app asks for (AUTH_OIDC_SCOPE), default `openid profile`. */
  oidcScope?: string;
}

export const WEB_OPTIONS = Symbol('WebOptions');

/** The options from the environment, for `WebModule` imported without `forRoot`. */
export function webOptionsFromEnvironment(env: Record<string, string | undefined> = process.env): WebOptions {
  const read = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const clientId = read('AUTH_OIDC_CLIENT_ID');
  const scope = read('AUTH_OIDC_SCOPE');
  return {
    ...(clientId !== undefined ? { oidcClientId: clientId } : {}),
    ...(scope !== undefined ? { oidcScope: scope } : {}),
  };
}
