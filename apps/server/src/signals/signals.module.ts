import { Module } from '@nestjs/common';
import { PersonalDataModule } from '../personal-data/personal-data.module';
import { AmendSignalController } from './amend-signal.controller';
import { ClassifySignalController } from './classify-signal.controller';
import { ErasePersonalDataController } from './erase-personal-data.controller';
import { MarkDuplicateController } from './mark-duplicate.controller';
import { ReadSignalController } from './read-signal.controller';
import { RecordSignalController } from './record-signal.controller';
import { WithdrawSignalController } from './withdraw-signal.controller';

/** The officers' signal intake: REST commands and reads of single signals (`/api/v1/signals`). */
@Module({
  imports: [PersonalDataModule],
  controllers: [
    RecordSignalController,
    ReadSignalController,
    AmendSignalController,
    WithdrawSignalController,
    ClassifySignalController,
    MarkDuplicateController,
    ErasePersonalDataController,
  ],
})
export class SignalsModule {}
