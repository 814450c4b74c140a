import type { FastifyServerOptions } from 'fastify';

export type ConstraintStrategy = NonNullable<
  NonNullable<FastifyServerOptions['routerOptions']>['constraints']
>[string];
type RouteHandler = Parameters<ReturnType<ConstraintStrategy['storage']>['set']>[1];

/**
 * A router constraint with one value routes may require (`{ [name]: value }`): a route that
 * requires it matches only requests `derive` gives that value; every other route is unaffected.
 * Such a route is, for a request it does not match, absent: the router goes on as without it.
 */
export function routeConstraint(
  name: string,
  value: string,
  derive: (url: string) => string,
): ConstraintStrategy {
  return {
    name,
    mustMatchWhenDerived: false,
    storage: () => {
      const handlers = new Map<unknown, RouteHandler>();
      return {
        get: (derived) => handlers.get(derived) ?? null,
        set: (required, handler) => void handlers.set(required, handler),
      };
    },
    validate: (required) => {
      if (required !== value) throw new Error(`route constraint ${name} takes only '${value}'`);
    },
    deriveConstraint: (request) => derive(request.url ?? '/'),
  };
}
