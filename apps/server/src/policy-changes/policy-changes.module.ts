import { Module } from '@nestjs/common';
import { AmendPolicyChangeController } from './amend-policy-change.controller';
import { ReadPolicyChangeController } from './read-policy-change.controller';
import { RecordPolicyChangeController } from './record-policy-change.controller';

/** Policy changes recorded in answer to escalations, whose effect the views measure (`/api/v1/policy-changes`). */
@Module({
  controllers: [RecordPolicyChangeController, ReadPolicyChangeController, AmendPolicyChangeController],
})
export class PolicyChangesModule {}
