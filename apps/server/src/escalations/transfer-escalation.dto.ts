import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { ADMINISTRATION_LIMITS as LIMITS } from './administration-api';
import { IsIsoDateTime } from './date-fields';

export class TransferEscalationDto {
  @ApiProperty({
    maxLength: LIMITS.authorityIdMax,
    example: 'mnre1171',
    description: 'The competent authority; not the one addressed now.',
  })
  @IsString()
  @MaxLength(LIMITS.authorityIdMax)
  to!: string;

  @ApiProperty({
    minLength: 1,
    maxLength: LIMITS.textMax,
    example: 'Verkeerd geadresseerd: de energie-eis staat in het Bbl, daarover beslist het Rijk.',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(LIMITS.textMax)
  reason!: string;

  @ApiPropertyOptional({
    format: 'date-time',
    example: '2026-05-15T17:00:00+02:00',
    description:
      'The new deadline, in the future. Default: the end (23:59:59 Europe/Amsterdam) of the ESCALATION_RESPONSE_WORKING_DAYS-th Dutch working day from now.',
  })
  @IsOptional()
  @IsString()
  @IsIsoDateTime()
  respondBy?: string;
}
