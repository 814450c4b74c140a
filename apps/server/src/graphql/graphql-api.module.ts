import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { Module } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Settings } from '@praktijklus/config';
import { SETTINGS } from '../config/settings.module';
import { StructuredLog } from '../logging/structured-log';
import { CONSISTENCY_WAITER } from '../projections/projections.tokens';
import { consistencyPlugin, type ConsistencyWaiter } from './consistency.plugin';
import { createGraphqlErrorFormatter, errorLanguagePlugin, refusalLogPlugin } from './graphql-errors';
import type { ApolloPlugin, GraphqlContext } from './graphql-types';
import { noStorePlugin } from './no-store.plugin';
import { queriesOnlyRule } from './queries-only.rule';
import { signalStatsWeight } from '../views/signal-stats/signal-stats.resolver';
import { requestWeightPlugin } from './request-weight.plugin';

export const GRAPHQL_LIMITS = {
  maxDepth: 8,
  maxAliases: 15,
  maxCost: 5000,
  maxTokens: 2000,
  maxDirectives: 30,
} as const;

export function graphqlOptions(
  settings: Settings,
  securityLog: StructuredLog,
  waiter: ConsistencyWaiter | undefined,
): ApolloDriverConfig {
  const armor = new ApolloArmor({
    maxDepth: { n: GRAPHQL_LIMITS.maxDepth, ignoreIntrospection: !settings.production },
    maxAliases: { n: GRAPHQL_LIMITS.maxAliases },
    // Every selection counts, so N aliases of an expensive field cost N times as much.
    costLimit: { maxCost: GRAPHQL_LIMITS.maxCost },
    // Counted by graphql-js's own parser (parseOptions below): armor's plugin parsed again in a
    // hook, so a syntax error left as HTTP 500 instead of 400 GRAPHQL_PARSE_FAILED.
    maxTokens: { enabled: false },
    maxDirectives: { n: GRAPHQL_LIMITS.maxDirectives },
    blockFieldSuggestion: { enabled: settings.production },
  }).protect();

  return {
    driver: ApolloDriver,
    path: '/graphql',
    // The schema lives in memory; `npm run schema:update` writes apps/server/schema.gql.
    autoSchemaFile: true,
    sortSchema: true,
    introspection: !settings.production,
    graphiql: !settings.production,
    allowBatchedHttpRequests: false,
    // Guards run on @ResolveField too, so a field's own @Roles and guards (personal data) hold.
    fieldResolverEnhancers: ['guards'],
    includeStacktraceInErrorResponses: false,
    autoTransformHttpErrors: false,
    // Apollo's own CSRF prevention: GETs and simple POSTs need a preflight-forcing header.
    csrfPrevention: true,
    stopOnTerminationSignals: false,
    // @as-integrations/fastify calls this with the request and the reply.
    context: async (req: FastifyRequest, reply: FastifyReply): Promise<GraphqlContext> => ({ req, reply }),
    parseOptions: { maxTokens: GRAPHQL_LIMITS.maxTokens },
    formatError: createGraphqlErrorFormatter({ production: settings.production }),
    validationRules: [queriesOnlyRule, ...armor.validationRules],
    plugins: [
      // Apollo's cache-control plugin is replaced by noStorePlugin: no cache hints are set, and its
      // per-field hook made Apollo wrap every resolver (a quarter of the CPU of a large list). These
      // two are typed against @apollo/server's CommonJS typings, the driver against its ES-module ones.
      ...([ApolloServerPluginCacheControlDisabled(), ...armor.plugins] as unknown as ApolloPlugin[]),
      noStorePlugin(),
      // Aggregates and variables, which armor's cost does not see, against the same limit.
      requestWeightPlugin(GRAPHQL_LIMITS.maxCost, { signalStats: signalStatsWeight }),
      consistencyPlugin(() => waiter, settings.consistencyTimeoutMs),
      refusalLogPlugin(securityLog),
      errorLanguagePlugin(),
    ],
  };
}

@Module({
  imports: [
    GraphQLModule.forRootAsync<ApolloDriverConfig>({
      driver: ApolloDriver,
      inject: [SETTINGS, StructuredLog, CONSISTENCY_WAITER],
      useFactory: graphqlOptions,
    }),
  ],
})
export class GraphqlApiModule {}
