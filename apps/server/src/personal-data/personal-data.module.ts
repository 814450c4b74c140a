import { Global, Inject, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { InitiativePersonalData } from '@praktijklus/commands';
import { openPersonalDataVault, type Settings } from '@praktijklus/config';
import type { PersonalDataVault } from '@praktijklus/personal-data';
import { SETTINGS } from '../config/settings.module';

const PERSONAL_DATA_VAULT = Symbol('PersonalDataVault');
const logger = new Logger('PersonalDataVault');

/** Inject `InitiativePersonalData` to store, show or erase an initiative's name and contact. */
@Global()
@Module({
  providers: [
    {
      provide: PERSONAL_DATA_VAULT,
      inject: [SETTINGS],
      useFactory: (settings: Settings) =>
        openPersonalDataVault(settings, (error) => logger.warn(`connection lost: ${error.message}`)),
    },
    {
      provide: InitiativePersonalData,
      inject: [PERSONAL_DATA_VAULT],
      useFactory: (vault: PersonalDataVault) => new InitiativePersonalData(vault),
    },
  ],
  exports: [InitiativePersonalData],
})
export class PersonalDataModule implements OnApplicationShutdown {
  constructor(@Inject(PERSONAL_DATA_VAULT) private readonly vault: PersonalDataVault) {}

  async onApplicationShutdown(): Promise<void> {
    await this.vault.close();
  }
}
