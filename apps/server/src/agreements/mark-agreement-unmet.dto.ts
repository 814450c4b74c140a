import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { ADMINISTRATION_LIMITS as LIMITS } from '../escalations/administration-api';

export class MarkAgreementUnmetDto {
  @ApiProperty({
    minLength: 1,
    maxLength: LIMITS.textMax,
    example: 'Het voorstel is niet voor de deadline in Provinciale Staten behandeld.',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(LIMITS.textMax)
  reason!: string;
}
