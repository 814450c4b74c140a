import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { join } from 'node:path';
import { PersonalDataVault } from '@praktijklus/personal-data';
import type { Settings } from '../config/settings';
import { SETTINGS } from '../config/settings.module';
import { InitiativePersonalData } from './initiative-personal-data';

export const PERSONAL_DATA_FILE = 'personal-data.sqlite';

/** Opens the vault of initiatives' personal data under DATA_DIR; the same file `erase-initiative` uses. */
export function openPersonalDataVault(settings: Settings): PersonalDataVault {
  return PersonalDataVault.open(join(settings.dataDir, PERSONAL_DATA_FILE), {
    synchronous: settings.sqliteSynchronous === 'OFF' ? 'NORMAL' : settings.sqliteSynchronous,
  });
}

/** Inject `InitiativePersonalData` to store, show or erase an initiative's name and contact. */
@Global()
@Module({
  providers: [
    { provide: PersonalDataVault, inject: [SETTINGS], useFactory: openPersonalDataVault },
    {
      provide: InitiativePersonalData,
      inject: [PersonalDataVault],
      useFactory: (vault: PersonalDataVault) => new InitiativePersonalData(vault),
    },
  ],
  exports: [InitiativePersonalData],
})
export class PersonalDataModule implements OnApplicationShutdown {
  constructor(@Inject(PersonalDataVault) private readonly vault: PersonalDataVault) {}

  onApplicationShutdown(): void {
    this.vault.close();
  }
}
