import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { ADMINISTRATION_LIMITS as LIMITS } from './administration-api';

export class AcknowledgeEscalationDto {
  @ApiPropertyOptional({
    minLength: 1,
    maxLength: LIMITS.textMax,
    example: 'Ontvangen; de afdeling Cultureel Erfgoed neemt dit op met de gemeente Utrecht.',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(LIMITS.textMax)
  note?: string;
}
