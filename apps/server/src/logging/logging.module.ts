import { DynamicModule, Global, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { Logger } from 'pino';
import { STRUCTURED_LOG, StructuredLog } from './structured-log';

@Global()
@Module({})
export class LoggingModule {
  /** Nest's own logging goes through nestjs-pino on the same pino logger Fastify uses (`useExisting`). */
  static forRoot(securityLog: StructuredLog, logger: Logger): DynamicModule {
    return {
      module: LoggingModule,
      imports: [LoggerModule.forRoot({ pinoHttp: { logger }, useExisting: true })],
      providers: [
        { provide: STRUCTURED_LOG, useValue: securityLog },
        { provide: StructuredLog, useValue: securityLog },
      ],
      exports: [STRUCTURED_LOG, StructuredLog],
    };
  }
}
