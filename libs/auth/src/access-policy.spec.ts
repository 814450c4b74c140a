import type { Actor } from '@praktijklus/domain';
import { AccessDenied, AuthenticationFailed, AuthenticationUnavailable } from './auth-errors';
import {
  type Authentication,
  decideAccess,
  Public,
  Roles,
  routeAccess,
  type RouteAccess,
} from './access-policy';

class Unannotated {
  handler(): void {}
}

class Annotated {
  @Public()
  health(): void {}

  @Roles('officer', 'admin')
  record(): void {}

  @Roles('admin')
  @Public()
  both(): void {}

  forgotten(): void {}
}

@Roles('analyst')
class AnalystsOnly {
  list(): void {}

  @Public()
  summary(): void {}

  @Roles('admin')
  rebuild(): void {}
}

@Public()
class OpenByDefault {
  read(): void {}
}

const officer: Actor = { sub: 'officer-1', authority: 'gm0344', roles: ['officer'] };
const analyst: Actor = { sub: 'analyst-1', authority: 'mnre1130', roles: ['analyst'] };
const anonymous: Authentication = { kind: 'anonymous' };
const as = (actor: Actor): Authentication => ({ kind: 'authenticated', actor });
const expired: Authentication = {
  kind: 'failed',
  error: new AuthenticationFailed('TOKEN_EXPIRED', 'The token has expired.'),
};

const refusal = (access: RouteAccess, authentication: Authentication) => {
  const decision = decideAccess(access, authentication);
  if (decision.allowed) throw new Error('expected a refusal');
  return { status: decision.error.status, code: decision.error.code };
};

describe('routeAccess', () => {
  it('reads @Public and @Roles from the handler', () => {
    expect(routeAccess(Annotated.prototype.health, Annotated)).toEqual({ kind: 'public' });
    expect(routeAccess(Annotated.prototype.record, Annotated)).toEqual({
      kind: 'roles',
      roles: ['officer', 'admin'],
    });
  });

  it('reports a handler without any annotation, on its own or on its class', () => {
    expect(routeAccess(Annotated.prototype.forgotten, Annotated)).toEqual({ kind: 'unannotated' });
    expect(routeAccess(Unannotated.prototype.handler, Unannotated)).toEqual({ kind: 'unannotated' });
    expect(routeAccess(Unannotated.prototype.handler)).toEqual({ kind: 'unannotated' });
  });

  it('falls back to the class, and lets the handler override it', () => {
    expect(routeAccess(AnalystsOnly.prototype.list, AnalystsOnly)).toEqual({
      kind: 'roles',
      roles: ['analyst'],
    });
    expect(routeAccess(AnalystsOnly.prototype.summary, AnalystsOnly)).toEqual({ kind: 'public' });
    expect(routeAccess(AnalystsOnly.prototype.rebuild, AnalystsOnly)).toEqual({
      kind: 'roles',
      roles: ['admin'],
    });
    expect(routeAccess(OpenByDefault.prototype.read, OpenByDefault)).toEqual({ kind: 'public' });
  });

  it('asks for a token when one handler carries both annotations', () => {
    expect(routeAccess(Annotated.prototype.both, Annotated)).toEqual({ kind: 'roles', roles: ['admin'] });
  });

  it('refuses @Roles without a known role when the class is declared', () => {
    expect(() => Roles()).toThrow('@Roles needs at least one of officer, analyst, admin');
    expect(() => Roles('superuser' as never)).toThrow('@Roles needs');
  });
});

describe('decideAccess', () => {
  const roles: RouteAccess = { kind: 'roles', roles: ['officer', 'admin'] };

  it('denies an unannotated route to everyone, signed in or not', () => {
    expect(refusal({ kind: 'unannotated' }, anonymous)).toEqual({ status: 403, code: 'FORBIDDEN' });
    expect(refusal({ kind: 'unannotated' }, as(officer))).toEqual({ status: 403, code: 'FORBIDDEN' });
  });

  it('lets anyone through a public route, keeping the actor of a valid token', () => {
    expect(decideAccess({ kind: 'public' }, anonymous)).toEqual({ allowed: true });
    expect(decideAccess({ kind: 'public' }, expired)).toEqual({ allowed: true });
    expect(decideAccess({ kind: 'public' }, as(officer))).toEqual({ allowed: true, actor: officer });
  });

  it('asks for a token on a role route (401)', () => {
    expect(refusal(roles, anonymous)).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
    expect(refusal(roles, expired)).toEqual({ status: 401, code: 'TOKEN_EXPIRED' });
  });

  it('passes on an unreachable identity provider (503) on a role route', () => {
    const unavailable: Authentication = { kind: 'failed', error: new AuthenticationUnavailable() };
    expect(refusal(roles, unavailable)).toEqual({ status: 503, code: 'AUTHENTICATION_UNAVAILABLE' });
  });

  it('refuses a user holding none of the roles (403)', () => {
    const decision = decideAccess(roles, as(analyst));
    expect(decision.allowed).toBe(false);
    if (!decision.allowed) {
      expect(decision.error).toBeInstanceOf(AccessDenied);
      expect(decision.error.code).toBe('ROLE_NOT_ALLOWED');
      expect(decision.error.message).toBe('This action needs the role officer or admin.');
    }
  });

  it('allows a user holding one of the roles, with the actor', () => {
    expect(decideAccess(roles, as(officer))).toEqual({ allowed: true, actor: officer });
    const both: Actor = { ...analyst, roles: ['analyst', 'admin'] };
    expect(decideAccess(roles, as(both))).toEqual({ allowed: true, actor: both });
  });
});
