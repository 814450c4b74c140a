import { DynamicModule, Module, Type } from '@nestjs/common';
import type { Logger } from 'pino';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { ServerAuthModule } from './auth/server-auth.module';
import { CommandsModule } from './commands/commands.module';
import type { Settings } from '@praktijklus/config';
import { SettingsModule } from './config/settings.module';
import { ProblemFilter } from './errors/problem.filter';
import { createValidationPipe } from './errors/request-validation';
import { EventStoreModule } from './event-store/event-store.module';
import { FEATURE_MODULES } from './feature-modules';
import { GraphqlApiModule } from './graphql/graphql-api.module';
import { HealthModule } from './health/health.module';
import { LoggingModule } from './logging/logging.module';
import type { StructuredLog } from './logging/structured-log';
import { MetricsModule } from './metrics/metrics.module';
import { ProjectionsModule } from './projections/projections.module';
import { ReactorModule } from './reactor/reactor.module';
import { ReferenceModule } from './reference/reference.module';

/** One module per concern; the feature modules bring the REST controllers and GraphQL resolvers. */
@Module({})
export class AppModule {
  static forRoot(
    settings: Settings,
    securityLog: StructuredLog,
    logger: Logger,
    extraModules: Array<Type | DynamicModule> = [],
  ): DynamicModule {
    const imports: Array<Type | DynamicModule> = [
      SettingsModule.forRoot(settings),
      LoggingModule.forRoot(securityLog, logger),
      EventStoreModule,
      ReferenceModule,
      ProjectionsModule,
      ReactorModule,
      ServerAuthModule,
      CommandsModule,
      HealthModule,
      MetricsModule,
      ...(settings.roles.includes('queries') ? [GraphqlApiModule] : []),
      ...FEATURE_MODULES,
      ...extraModules,
    ];
    return {
      module: AppModule,
      imports,
      providers: [
        { provide: APP_FILTER, useClass: ProblemFilter },
        { provide: APP_PIPE, useFactory: createValidationPipe },
      ],
    };
  }
}
