import { RequestMethod, type Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { MetadataScanner, ModulesContainer } from '@nestjs/core';
import {
  GraphQLSchemaHost,
  RESOLVER_NAME_METADATA,
  RESOLVER_PROPERTY_METADATA,
  RESOLVER_TYPE_METADATA,
} from '@nestjs/graphql';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
import type { GraphQLSchema } from 'graphql';
import { routeAccess, type RouteAccess } from '@praktijklus/auth';

/** One REST route as the running application serves it, with who its annotations let in. */
export interface RestRoute {
  /** `POST /api/v1/signals/:id/withdraw`: the key of the expectation tables. */
  key: string;
  method: string;
  path: string;
  access: RouteAccess;
  /** `ClassName.method`, for failure messages. */
  handler: string;
}

/** A root query field or a field resolver, with the access its resolver method declares. */
export interface GraphqlResolverField {
  /** `Query.signals`, `Signal.initiative`. */
  key: string;
  access: RouteAccess;
  handler: string;
}

type Prototype = Record<string, unknown>;
type Handler = (...args: never[]) => unknown;

function classesOf(app: NestFastifyApplication, kind: 'controllers' | 'providers'): Type[] {
  const seen = new Set<Type>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module[kind].values()) {
      const { metatype } = wrapper;
      if (typeof metatype === 'function' && metatype.prototype !== undefined) seen.add(metatype as Type);
    }
  }
  return [...seen];
}

function methodsOf(type: Type): Array<{ name: string; handler: Handler }> {
  const prototype = type.prototype as Prototype;
  return new MetadataScanner().getAllMethodNames(prototype).map((name) => ({
    name,
    handler: prototype[name] as Handler,
  }));
}

const pathsOf = (value: unknown): string[] =>
  value === undefined ? [''] : Array.isArray(value) ? value.map(String) : [String(value)];

const joinPath = (...parts: string[]): string =>
  `/${parts
    .flatMap((part) => part.split('/'))
    .filter((segment) => segment !== '')
    .join('/')}`;

/** Every REST route Nest mapped, read from the controllers the running application holds. */
export function discoverRestRoutes(app: NestFastifyApplication): RestRoute[] {
  const routes: RestRoute[] = [];
  for (const controller of classesOf(app, 'controllers')) {
    const prefixes = pathsOf(Reflect.getMetadata(PATH_METADATA, controller));
    for (const { name, handler } of methodsOf(controller)) {
      const method: unknown = Reflect.getMetadata(METHOD_METADATA, handler);
      if (typeof method !== 'number') continue;
      const verb = RequestMethod[method];
      for (const prefix of prefixes) {
        for (const suffix of pathsOf(Reflect.getMetadata(PATH_METADATA, handler))) {
          const path = joinPath(prefix, suffix);
          routes.push({
            key: `${verb} ${path}`,
            method: verb,
            path,
            access: routeAccess(handler, controller),
            handler: `${controller.name}.${name}`,
          });
        }
      }
    }
  }
  return routes.sort((a, b) => a.key.localeCompare(b.key));
}

/**
 * Every route Fastify serves, as `METHOD /path` (HEAD left out: Fastify adds it to each GET).
 * Parsed from `printRoutes`, the only public listing Fastify offers.
 */
export function servedRoutes(app: NestFastifyApplication): string[] {
  const fastify = app.getHttpAdapter().getInstance() as unknown as FastifyInstance;
  const tree = fastify.printRoutes({ commonPrefix: false });
  const stack: string[] = [];
  const routes: string[] = [];
  for (const line of tree.split('\n')) {
    const match = /^([│ ]*)[├└]── (\S+)(?: \(([^)]*)\))?$/.exec(line.replace(/\u00a0/g, ' '));
    if (!match) continue;
    const depth = match[1].length / 4;
    stack.length = depth;
    stack.push(match[2]);
    if (match[3] === undefined) continue;
    const path = stack.join('');
    for (const method of match[3].split(',').map((m) => m.trim())) {
      if (method !== 'HEAD') routes.push(`${method} ${path}`);
    }
  }
  return [...new Set(routes)].sort();
}

/** Root query fields and field resolvers, from the resolver classes the application holds. */
export function discoverGraphqlResolvers(app: NestFastifyApplication): GraphqlResolverField[] {
  const fields: GraphqlResolverField[] = [];
  for (const resolver of classesOf(app, 'providers')) {
    const parent: unknown = Reflect.getMetadata(RESOLVER_NAME_METADATA, resolver);
    for (const { name, handler } of methodsOf(resolver)) {
      const type: unknown = Reflect.getMetadata(RESOLVER_TYPE_METADATA, handler);
      const isField = Reflect.getMetadata(RESOLVER_PROPERTY_METADATA, handler) === true;
      if (type === undefined && !isField) continue;
      const declared: unknown = Reflect.getMetadata(RESOLVER_NAME_METADATA, handler);
      const fieldName = typeof declared === 'string' ? declared : name;
      const owner = isField ? String(parent) : String(type);
      fields.push({
        key: `${owner}.${fieldName}`,
        access: routeAccess(handler, resolver),
        handler: `${resolver.name}.${name}`,
      });
    }
  }
  return fields.sort((a, b) => a.key.localeCompare(b.key));
}

/** The schema the running application generated (code-first). */
export function schemaOf(app: NestFastifyApplication): GraphQLSchema {
  return app.get(GraphQLSchemaHost).schema;
}
