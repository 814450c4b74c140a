import { DynamicModule, Global, Module } from '@nestjs/common';
import { STRUCTURED_LOG, StructuredLog } from './structured-log';

@Global()
@Module({})
export class LoggingModule {
  static forRoot(securityLog: StructuredLog): DynamicModule {
    return {
      module: LoggingModule,
      providers: [
        { provide: STRUCTURED_LOG, useValue: securityLog },
        { provide: StructuredLog, useValue: securityLog },
      ],
      exports: [STRUCTURED_LOG, StructuredLog],
    };
  }
}
