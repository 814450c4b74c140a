import { join } from 'node:path';
import { PersonalDataVault } from '@praktijklus/personal-data';
import type { Settings } from './settings';

export const PERSONAL_DATA_FILE = 'personal-data.sqlite';

/** Opens the vault of initiatives' personal data under DATA_DIR; the same file `erase-initiative` uses. */
export function openPersonalDataVault(settings: Settings): PersonalDataVault {
  return PersonalDataVault.open(join(settings.dataDir, PERSONAL_DATA_FILE), {
    synchronous: settings.sqliteSynchronous === 'OFF' ? 'NORMAL' : settings.sqliteSynchronous,
  });
}
