import { Global, Module } from '@nestjs/common';
import { InvalidReferenceData, ReferenceData } from '@praktijklus/reference';
import { InvalidSetting, type Settings } from '../config/settings';
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

export function loadReferenceData(settings: Settings): ReferenceData {
  try {
    return ReferenceData.load(settings.referenceDataFile);
  } catch (error) {
    if (error instanceof InvalidReferenceData) {
      throw new InvalidSetting(
        'REFERENCE_DATA_FILE',
        'a valid reference data file',
        settings.referenceDataFile,
        error.message,
      );
    }
    throw error;
  }
}
