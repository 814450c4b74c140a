import { Module } from '@nestjs/common';
import { AcknowledgeEscalationController } from './acknowledge-escalation.controller';
import { AttachSignalsController } from './attach-signals.controller';
import { DecideEscalationController } from './decide-escalation.controller';
import { EscalationCommandRunner } from './escalation-command-runner';
import { InvolveAuthorityController } from './involve-authority.controller';
import { RaiseEscalationController } from './raise-escalation.controller';
import { ReadEscalationController } from './read-escalation.controller';
import { ReopenEscalationController } from './reopen-escalation.controller';
import { ResolveEscalationController } from './resolve-escalation.controller';
import { TransferEscalationController } from './transfer-escalation.controller';

/** Escalations to a competent authority: REST commands and reads of single escalations. */
@Module({
  controllers: [
    RaiseEscalationController,
    ReadEscalationController,
    AcknowledgeEscalationController,
    InvolveAuthorityController,
    AttachSignalsController,
    TransferEscalationController,
    DecideEscalationController,
    ResolveEscalationController,
    ReopenEscalationController,
  ],
  providers: [EscalationCommandRunner],
})
export class EscalationsModule {}
