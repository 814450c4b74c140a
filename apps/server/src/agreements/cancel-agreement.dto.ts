import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { ADMINISTRATION_LIMITS as LIMITS } from '../escalations/administration-api';

export class CancelAgreementDto {
  @ApiProperty({
    minLength: 1,
    maxLength: LIMITS.textMax,
    example: 'Vervallen: het Rijk regelt de uitzondering landelijk in het Bbl.',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(LIMITS.textMax)
  reason!: string;
}
