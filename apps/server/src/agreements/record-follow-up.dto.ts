import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { FOLLOW_UP_ASSESSMENTS, type FollowUpAssessment } from '@praktijklus/domain';
import { ADMINISTRATION_LIMITS as LIMITS } from '../escalations/administration-api';
import { IsIsoDate } from '../escalations/date-fields';

/** A follow-up conversation ("terugkomgesprek") held between the parties. */
export class RecordFollowUpDto {
  @ApiProperty({
    example: '2026-06-15',
    description: 'ISO date; not in the future, not before the agreement.',
  })
  @IsString()
  @IsIsoDate()
  heldOn!: string;

  @ApiProperty({ enum: FOLLOW_UP_ASSESSMENTS, example: 'ON_TRACK' })
  @IsIn(FOLLOW_UP_ASSESSMENTS)
  assessment!: FollowUpAssessment;

  @ApiProperty({
    minLength: 1,
    maxLength: LIMITS.textMax,
    example: 'Terugkomgesprek met gemeente Utrecht: voorstel ligt op schema, inspraak start in september.',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(LIMITS.textMax)
  notes!: string;

  @ApiPropertyOptional({
    example: '2026-09-15',
    description: 'ISO date after heldOn; none planned when absent.',
  })
  @IsOptional()
  @IsString()
  @IsIsoDate()
  nextFollowUpOn?: string;
}
