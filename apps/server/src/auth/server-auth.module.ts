import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import {
  AuthGuard,
  AuthModule,
  bearerCredentials,
  loadOrCreateSecret,
  TokenVerifier,
} from '@praktijklus/auth';
import { ReferenceData } from '@praktijklus/reference';
import type { Settings } from '@praktijklus/config';
import { SETTINGS } from '../config/settings.module';
import { VERIFIED_SUBJECT, type VerifiedSubject } from './verified-subject';

/** HS256 with AUTH_JWT_SECRET (or the secret generated once into DATA_DIR), or OIDC via AUTH_JWKS_URL. */
export function createTokenVerifier(settings: Settings, reference: ReferenceData): TokenVerifier {
  const { jwksUrl, jwtSecret, issuer, audience } = settings.auth;
  const common = {
    ...(issuer !== undefined ? { issuer } : {}),
    ...(audience !== undefined ? { audience } : {}),
    isAuthority: (id: string) => reference.isAuthority(id),
  };
  return jwksUrl !== undefined
    ? new TokenVerifier({ jwksUrl, ...common })
    : new TokenVerifier({ secret: loadOrCreateSecret(settings.dataDir, jwtSecret), ...common });
}

/**
 * Bearer tokens for every route and resolver: libs/auth's guard, made global, denies everything
 * that `@Roles(...)` or `@Public()` does not allow and puts the actor on `request.actor`.
 */
@Global()
@Module({
  imports: [
    AuthModule.forRootAsync({
      inject: [SETTINGS, ReferenceData],
      useFactory: createTokenVerifier as (...args: never[]) => TokenVerifier,
    }),
  ],
  providers: [
    { provide: APP_GUARD, useExisting: AuthGuard },
    {
      provide: VERIFIED_SUBJECT,
      inject: [TokenVerifier],
      useFactory: (verifier: TokenVerifier): VerifiedSubject => ({
        subjectOf: async (request) => {
          const credentials = bearerCredentials(request.headers.authorization);
          if (credentials.kind !== 'token') return undefined;
          try {
            return (await verifier.verify(credentials.token)).sub;
          } catch {
            return undefined;
          }
        },
      }),
    },
  ],
  exports: [VERIFIED_SUBJECT],
})
export class ServerAuthModule {}
