import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { ADMINISTRATION_LIMITS as LIMITS } from '../escalations/administration-api';
import { IsIsoDate } from '../escalations/date-fields';

export class ExtendExperimentDto {
  @ApiProperty({ example: '2027-11-01', description: 'ISO date after the current endsOn.' })
  @IsString()
  @IsIsoDate()
  endsOn!: string;

  @ApiProperty({
    minLength: 1,
    maxLength: LIMITS.textMax,
    example: 'Eén winterseizoen extra nodig om de opbrengst van de panelen te meten.',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(LIMITS.textMax)
  reason!: string;
}
