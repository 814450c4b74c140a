import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { InitiativePersonalData } from '@praktijklus/commands';
import { openPersonalDataVault } from '@praktijklus/config';
import { PersonalDataVault } from '@praktijklus/personal-data';
import { SETTINGS } from '../config/settings.module';

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
