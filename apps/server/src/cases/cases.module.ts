import { Module } from '@nestjs/common';
import { CaseCommandsController } from './case-commands.controller';
import { CaseFileAssembler } from './case-file.assembler';
import { CaseFileController } from './case-file.controller';

/** Case files ("dossiers") grouping signals about one initiative (`/api/v1/cases`). */
@Module({
  controllers: [CaseCommandsController, CaseFileController],
  providers: [CaseFileAssembler],
})
export class CasesModule {}
