import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { ADMINISTRATION_LIMITS as LIMITS } from './administration-api';
import { IsIsoDateTime } from './date-fields';

export class ReopenEscalationDto {
  @ApiProperty({
    minLength: 1,
    maxLength: LIMITS.textMax,
    example: 'Het besluit lost het knelpunt niet op: nieuwe aanvragen lopen er opnieuw op vast.',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(LIMITS.textMax)
  reason!: string;

  @ApiPropertyOptional({
    format: 'date-time',
    example: '2026-06-12T17:00:00+02:00',
    description:
      'The new deadline for the new decision, in the future. Default: the end (23:59:59 Europe/Amsterdam) of the ESCALATION_RESPONSE_WORKING_DAYS-th Dutch working day from now.',
  })
  @IsOptional()
  @IsString()
  @IsIsoDateTime()
  respondBy?: string;
}
