import { ApiProperty } from '@nestjs/swagger';
import { POLICY_CHANGE_STATUSES, type PolicyChangeStatus } from '@praktijklus/domain';
import { NormReferenceDto } from '../signals/signal-fields.dto';

class WithdrawalView {
  @ApiProperty()
  reason!: string;

  @ApiProperty({ format: 'date-time' })
  withdrawnAt!: string;
}

/** A policy change's current state, folded from its stream, as `GET /api/v1/policy-changes/{id}` answers it. */
export class PolicyChangeView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 0, description: 'Stream revision; also sent as ETag.' })
  revision!: number;

  @ApiProperty({ enum: POLICY_CHANGE_STATUSES, example: 'RECORDED' })
  status!: PolicyChangeStatus;

  @ApiProperty({ example: 'pv26', description: 'The authority that decided the escalations.' })
  owner!: string;

  @ApiProperty()
  title!: string;

  @ApiProperty()
  description!: string;

  @ApiProperty({ example: 'energie' })
  policyDomain!: string;

  @ApiProperty({ type: [NormReferenceDto] })
  norms!: NormReferenceDto[];

  @ApiProperty({ example: '2026-07-01' })
  effectiveOn!: string;

  @ApiProperty({ type: [String] })
  authorities!: string[];

  @ApiProperty({ type: [String], format: 'uuid' })
  escalationIds!: string[];

  @ApiProperty({ format: 'date-time' })
  recordedAt!: string;

  @ApiProperty({ nullable: true, type: String, format: 'date-time' })
  amendedAt!: string | null;

  @ApiProperty({ type: WithdrawalView, nullable: true })
  withdrawal!: WithdrawalView | null;
}
