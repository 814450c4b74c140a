import { Global, Module } from '@nestjs/common';
import { loadReferenceData, type Settings } from '@praktijklus/config';
import { ReferenceData } from '@praktijklus/reference';
import { SETTINGS } from '../config/settings.module';
import { ReferenceResolver } from './reference.resolver';

/** The registry of authorities and policy domains: inject `ReferenceData`. */
@Global()
@Module({
  providers: [
    {
      provide: ReferenceData,
      inject: [SETTINGS],
      useFactory: (settings: Settings): ReferenceData => loadReferenceData(settings),
    },
    ReferenceResolver,
  ],
  exports: [ReferenceData],
})
export class ReferenceModule {}
