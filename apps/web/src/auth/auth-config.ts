import type { ApiClient } from '../api/api-client';
import type { Authority } from '../api/api.types';

/** `GET /api/v1/auth/config`: how this server signs users in. */
export interface AuthConfig {
  /** Development tokens may be issued (never in production). */
  developmentTokens: boolean;
  /** An OIDC provider, when AUTH_ISSUER and AUTH_OIDC_CLIENT_ID are set. */
  oidc: { issuer: string; clientId: string; scope?: string } | null;
}

export interface DevelopmentTokenBody {
  sub: string;
  roles: string[];
  authority: string;
  name?: string;
}

export const fetchAuthConfig = (api: ApiClient): Promise<AuthConfig> =>
  api.rest<AuthConfig>('GET', '/api/v1/auth/config');

export const fetchDevelopmentAuthorities = (api: ApiClient): Promise<Authority[]> =>
  api.rest<Authority[]>('GET', '/api/v1/dev/authorities');

export const requestDevelopmentToken = (
  api: ApiClient,
  body: DevelopmentTokenBody,
): Promise<{ token: string }> => api.rest<{ token: string }>('POST', '/api/v1/dev/token', { body });
