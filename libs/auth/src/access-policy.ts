import { SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Actor, Role } from '@praktijklus/domain';
import { AccessDenied, AuthenticationFailed, AuthenticationUnavailable } from './auth-errors';
import { isRole, USER_ROLES } from './roles';

export const ROLES_METADATA = 'praktijklus:auth:roles';
export const PUBLIC_METADATA = 'praktijklus:auth:public';

/** Allows the handler (or every handler of the class) to users holding any of these roles. */
export function Roles(...roles: Role[]): ClassDecorator & MethodDecorator {
  // Checked when the class is loaded: an empty or misspelt list must not quietly allow nobody.
  if (roles.length === 0 || !roles.every(isRole)) {
    throw new Error(`@Roles needs at least one of ${USER_ROLES.join(', ')}`);
  }
  return SetMetadata(ROLES_METADATA, Object.freeze([...new Set(roles)]));
}

/** Allows the handler (or class) without a token; a valid token still yields the actor. */
export function Public(): ClassDecorator & MethodDecorator {
  return SetMetadata(PUBLIC_METADATA, true);
}

export type RouteAccess =
  | { kind: 'public' }
  | { kind: 'roles'; roles: readonly Role[] }
  /** Neither @Public nor @Roles anywhere: denied to everyone. */
  | { kind: 'unannotated' };

type MetadataTarget = Parameters<Reflector['get']>[1];
const reflector = new Reflector();

/**
 * Who may call a handler, from its own annotation or else its class's. On one level @Roles wins
 * over @Public, so a contradictory pair errs towards asking for a token.
 */
export function routeAccess(handler: MetadataTarget, controller?: MetadataTarget): RouteAccess {
  for (const target of controller === undefined ? [handler] : [handler, controller]) {
    const roles = reflector.get<readonly Role[] | undefined>(ROLES_METADATA, target);
    if (roles !== undefined) return { kind: 'roles', roles };
    if (reflector.get<boolean | undefined>(PUBLIC_METADATA, target) === true) return { kind: 'public' };
  }
  return { kind: 'unannotated' };
}

/** What the request's credentials amount to. */
export type Authentication =
  | { kind: 'anonymous' }
  | { kind: 'authenticated'; actor: Actor }
  | { kind: 'failed'; error: AuthenticationFailed | AuthenticationUnavailable };

export type AccessDecision =
  | { allowed: true; actor?: Actor }
  | { allowed: false; error: AuthenticationFailed | AuthenticationUnavailable | AccessDenied };

/** The guard's whole policy, free of Nest and HTTP: deny unless an annotation allows. */
export function decideAccess(access: RouteAccess, authentication: Authentication): AccessDecision {
  switch (access.kind) {
    case 'unannotated':
      return { allowed: false, error: new AccessDenied('FORBIDDEN', 'No role is allowed to do this.') };
    case 'public':
      // A bad token does not lock anyone out of a public route; it just brings no actor.
      return authentication.kind === 'authenticated'
        ? { allowed: true, actor: authentication.actor }
        : { allowed: true };
    case 'roles': {
      if (authentication.kind === 'anonymous') {
        return {
          allowed: false,
          error: new AuthenticationFailed('UNAUTHENTICATED', 'This action needs a bearer token.'),
        };
      }
      if (authentication.kind === 'failed') return { allowed: false, error: authentication.error };
      const { actor } = authentication;
      if (!access.roles.some((role) => actor.roles.includes(role))) {
        return {
          allowed: false,
          error: new AccessDenied(
            'ROLE_NOT_ALLOWED',
            `This action needs the role ${access.roles.join(' or ')}.`,
          ),
        };
      }
      return { allowed: true, actor };
    }
    default: {
      const unreachable: never = access;
      return unreachable;
    }
  }
}
