import { InMemoryWebStorage, UserManager, WebStorageStateStore } from 'oidc-client-ts';

export interface OidcConfig {
  issuer: string;
  clientId: string;
  scope?: string;
}

export const OIDC_CALLBACK_PATH = '/auth/callback';

let manager: UserManager | undefined;
let managerKey = '';

/**
 * Authorization code flow with PKCE. The user (and so the access token) lives in memory only; the
 * short-lived PKCE state sits in sessionStorage because it must survive the redirect to the provider.
 */
function userManager(config: OidcConfig): UserManager {
  const key = `${config.issuer}|${config.clientId}`;
  if (!manager || managerKey !== key) {
    manager = new UserManager({
      authority: config.issuer,
      client_id: config.clientId,
      redirect_uri: `${window.location.origin}${OIDC_CALLBACK_PATH}`,
      post_logout_redirect_uri: `${window.location.origin}/`,
      response_type: 'code',
      scope: config.scope ?? 'openid profile',
      userStore: new WebStorageStateStore({ store: new InMemoryWebStorage() }),
      stateStore: new WebStorageStateStore({ store: window.sessionStorage }),
      automaticSilentRenew: false,
      loadUserInfo: false,
    });
    managerKey = key;
  }
  return manager;
}

export function startOidcSignIn(config: OidcConfig): Promise<void> {
  return userManager(config).signinRedirect();
}

/** Completes the redirect back from the provider: the access token to call the API with. */
export async function completeOidcSignIn(
  config: OidcConfig,
): Promise<{ accessToken: string; profile: Record<string, unknown> }> {
  const user = await userManager(config).signinRedirectCallback();
  return { accessToken: user.access_token, profile: { ...user.profile } };
}

export async function endOidcSession(config: OidcConfig): Promise<void> {
  await userManager(config).removeUser();
}
