import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  AGREEMENT_STATUSES,
  type AgreementStatus,
  type ExistingAgreementState,
  FOLLOW_UP_ASSESSMENTS,
  type FollowUpAssessment,
  isAgreementOverdue,
  isFollowUpOverdue,
} from '@praktijklus/domain';

class FollowUpView {
  @ApiProperty({ example: '2026-06-15' })
  heldOn!: string;

  @ApiProperty({ enum: FOLLOW_UP_ASSESSMENTS, example: 'ON_TRACK' })
  assessment!: FollowUpAssessment;

  @ApiProperty({ example: 'Voorstel ligt op schema.' })
  notes!: string;

  @ApiProperty({ nullable: true, type: String, example: '2026-09-15' })
  nextFollowUpOn!: string | null;

  @ApiProperty({ example: 'admin-gm0344', description: 'The user who recorded it.' })
  recordedBy!: string;

  @ApiProperty({ format: 'date-time' })
  recordedAt!: string;
}

/** An agreement's current state, folded from its stream, as `GET /api/v1/agreements/{id}` answers it. */
export class AgreementView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 4, description: 'Stream revision; also sent as ETag.' })
  revision!: number;

  @ApiProperty({ enum: AGREEMENT_STATUSES, example: 'OPEN' })
  status!: AgreementStatus;

  @ApiProperty({ example: 'Monumentenregels aanpassen voor zonnepanelen' })
  title!: string;

  @ApiProperty()
  commitment!: string;

  @ApiProperty({ example: 'pv26' })
  owner!: string;

  @ApiProperty({ type: [String], example: ['pv26', 'gm0344'] })
  parties!: string[];

  @ApiProperty({ example: '2026-12-01' })
  dueBy!: string;

  @ApiProperty({ example: '2026-06-15' })
  firstFollowUpOn!: string;

  @ApiProperty({ nullable: true, type: String, format: 'uuid' })
  escalationId!: string | null;

  @ApiProperty({ example: 'admin-pv26', description: 'The user who made it.' })
  madeBy!: string;

  @ApiProperty({ format: 'date-time' })
  madeAt!: string;

  @ApiProperty({ example: 40 })
  percent!: number;

  @ApiProperty({ nullable: true, type: String })
  progressNote!: string | null;

  @ApiProperty({ nullable: true, type: String, format: 'date-time' })
  progressReportedAt!: string | null;

  @ApiProperty({ type: [FollowUpView], description: 'In the order they were recorded.' })
  followUps!: FollowUpView[];

  @ApiProperty({ nullable: true, type: String, example: '2026-09-15' })
  nextFollowUpOn!: string | null;

  @ApiProperty({ example: false, description: 'Open and past dueBy.' })
  overdue!: boolean;

  @ApiProperty({ example: false, description: 'Open and past the next follow-up date with none held.' })
  followUpOverdue!: boolean;

  @ApiPropertyOptional({ description: 'When FULFILLED.' })
  result?: string;

  @ApiPropertyOptional({ description: 'When UNMET or CANCELLED.' })
  reason?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'When FULFILLED, UNMET or CANCELLED.' })
  closedAt?: string;
}

export const agreementViewOf = (
  agreement: ExistingAgreementState,
  revision: number,
  now: string,
): AgreementView => ({
  ...agreement,
  revision,
  overdue: isAgreementOverdue(agreement, now),
  followUpOverdue: isFollowUpOverdue(agreement, now),
});
