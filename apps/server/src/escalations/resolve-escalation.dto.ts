import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { ADMINISTRATION_LIMITS as LIMITS } from './administration-api';

export class ResolveEscalationDto {
  @ApiProperty({
    minLength: 1,
    maxLength: LIMITS.textMax,
    example:
      'Experiment afgerond en geëvalueerd; de afspraak over aanpassing van de monumentenregels is nagekomen.',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(LIMITS.textMax)
  summary!: string;
}
