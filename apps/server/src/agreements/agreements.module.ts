import { Module } from '@nestjs/common';
import { CancelAgreementController } from './cancel-agreement.controller';
import { FulfilAgreementController } from './fulfil-agreement.controller';
import { MakeAgreementController } from './make-agreement.controller';
import { MarkAgreementUnmetController } from './mark-agreement-unmet.controller';
import { ReadAgreementController } from './read-agreement.controller';
import { RecordFollowUpController } from './record-follow-up.controller';
import { ReportProgressController } from './report-progress.controller';

/** Binding agreements with owner, parties, due date, progress and follow-ups (`/api/v1/agreements`). */
@Module({
  controllers: [
    MakeAgreementController,
    ReadAgreementController,
    ReportProgressController,
    RecordFollowUpController,
    FulfilAgreementController,
    MarkAgreementUnmetController,
    CancelAgreementController,
  ],
})
export class AgreementsModule {}
