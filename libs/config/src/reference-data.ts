import { InvalidReferenceData, ReferenceData } from '@praktijklus/reference';
import { InvalidSetting, type Settings } from './settings';

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
