import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { AuthenticationFailed, AuthenticationUnavailable } from './auth-errors';
import { type Authentication, decideAccess, routeAccess } from './access-policy';
import { bearerCredentials } from './bearer-token';
import { type AuthRequest, requestOf } from './request-context';
import { TokenVerifier } from './token-verifier';

/**
 * The global guard (APP_GUARD): denies every handler unless @Public or @Roles allows it, verifies
 * the bearer token and puts the actor on `request.actor`.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  // One verification per request, however many resolvers of a GraphQL operation ask.
  private readonly verified = new WeakMap<object, Promise<Authentication>>();

  constructor(@Inject(TokenVerifier) private readonly verifier: TokenVerifier) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const access = routeAccess(context.getHandler(), context.getClass());
    const request = requestOf(context);
    const authentication: Authentication =
      access.kind === 'unannotated' || request === undefined
        ? { kind: 'anonymous' }
        : await this.authenticate(request);
    const decision = decideAccess(access, authentication);
    if (!decision.allowed) throw decision.error;
    if (decision.actor !== undefined && request !== undefined) request.actor = decision.actor;
    return true;
  }

  private authenticate(request: AuthRequest): Promise<Authentication> {
    let pending = this.verified.get(request);
    if (pending === undefined) {
      pending = this.verify(request.headers?.authorization);
      this.verified.set(request, pending);
    }
    return pending;
  }

  private async verify(authorization: unknown): Promise<Authentication> {
    const credentials = bearerCredentials(authorization);
    if (credentials.kind === 'none') return { kind: 'anonymous' };
    if (credentials.kind === 'malformed') {
      return {
        kind: 'failed',
        error: new AuthenticationFailed(
          'TOKEN_INVALID',
          'The Authorization header must be "Bearer <token>".',
          'malformed Authorization header',
        ),
      };
    }
    try {
      return { kind: 'authenticated', actor: await this.verifier.verify(credentials.token) };
    } catch (error) {
      if (error instanceof AuthenticationFailed || error instanceof AuthenticationUnavailable) {
        return { kind: 'failed', error };
      }
      throw error;
    }
  }
}
