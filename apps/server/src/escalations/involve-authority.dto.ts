import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { ADMINISTRATION_LIMITS as LIMITS } from './administration-api';

export class InvolveAuthorityDto {
  @ApiProperty({ maxLength: LIMITS.authorityIdMax, example: 'mnre1171', description: 'An authority id.' })
  @IsString()
  @MaxLength(LIMITS.authorityIdMax)
  authority!: string;

  @ApiProperty({
    minLength: 1,
    maxLength: LIMITS.textMax,
    example: 'Het Bbl is rijksregelgeving: het ministerie van VRO moet meebeslissen over een uitzondering.',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(LIMITS.textMax)
  reason!: string;
}
