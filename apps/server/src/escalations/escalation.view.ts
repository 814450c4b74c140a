import { ApiProperty } from '@nestjs/swagger';
import {
  DECISION_OUTCOMES,
  type DecisionOutcome,
  ESCALATION_STATUSES,
  type EscalationStatus,
  type ExistingEscalationState,
  isEscalationOverdue,
} from '@praktijklus/domain';

/** An escalation's current state, folded from its stream, as `GET /api/v1/escalations/{id}` answers it. */
export class EscalationView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 3, description: 'Stream revision; also sent as ETag.' })
  revision!: number;

  @ApiProperty({ enum: ESCALATION_STATUSES, example: 'ACKNOWLEDGED' })
  status!: EscalationStatus;

  @ApiProperty({ example: 'Zonnepanelen op monumenten: Bbl en omgevingsplan spreken elkaar tegen' })
  title!: string;

  @ApiProperty({
    example:
      'Twaalf aanvragen in een jaar lopen vast; de gemeente kan de tegenstrijdigheid niet zelf oplossen.',
  })
  reason!: string;

  @ApiProperty({ type: [String], format: 'uuid' })
  signalIds!: string[];

  @ApiProperty({ example: 'gm0344', description: 'The raising authority.' })
  raisedBy!: string;

  @ApiProperty({ example: 'officer-utrecht', description: 'The user who raised it.' })
  raisedByUser!: string;

  @ApiProperty({ format: 'date-time' })
  raisedAt!: string;

  @ApiProperty({ example: 'pv26' })
  addressedTo!: string;

  @ApiProperty({ format: 'date-time', example: '2026-04-01T10:00:00.000Z' })
  respondBy!: string;

  @ApiProperty({ example: false, description: 'Not decided and now past respondBy.' })
  overdue!: boolean;

  @ApiProperty({
    type: [String],
    example: ['mnre1171'],
    description: 'Besides the raising and addressed ones.',
  })
  involvedAuthorities!: string[];

  @ApiProperty({ type: [String], example: [], description: 'Authorities it was transferred away from.' })
  previousAddressees!: string[];

  @ApiProperty({
    example: 'pv26',
    description:
      'The authority the current deadline waits on: the addressee, or the one non-response climbed to.',
  })
  awaited!: string;

  @ApiProperty({
    format: 'date-time',
    nullable: true,
    type: String,
    description: 'When the platform recorded that the current respondBy passed without a decision.',
  })
  deadlinePassedAt!: string | null;

  @ApiProperty({
    type: [String],
    example: [],
    description: 'Authorities that non-response climbed to (municipality → province → ministry), in order.',
  })
  climbedTo!: string[];

  @ApiProperty({ example: false, description: 'Non-response reached an authority with nobody above it.' })
  chainEnded!: boolean;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  acknowledgedAt!: string | null;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  reopenedAt!: string | null;

  @ApiProperty({ enum: DECISION_OUTCOMES, nullable: true, example: 'EXPERIMENT_GRANTED' })
  outcome!: DecisionOutcome | null;

  @ApiProperty({ nullable: true, type: String })
  rationale!: string | null;

  @ApiProperty({ nullable: true, type: String, example: 'pv26', description: 'The deciding authority.' })
  decidedBy!: string | null;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  decidedAt!: string | null;

  @ApiProperty({ nullable: true, type: String })
  summary!: string | null;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  resolvedAt!: string | null;
}

export const escalationViewOf = (
  escalation: ExistingEscalationState,
  revision: number,
  now: string,
): EscalationView => ({
  ...escalation,
  revision,
  overdue: isEscalationOverdue(escalation, now),
});
