import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import { DECISION_OUTCOMES, type DecisionOutcome } from '@praktijklus/domain';
import { ADMINISTRATION_LIMITS as LIMITS } from './administration-api';

export class DecideEscalationDto {
  @ApiProperty({ enum: DECISION_OUTCOMES, example: 'EXPERIMENT_GRANTED' })
  @IsIn(DECISION_OUTCOMES)
  outcome!: DecisionOutcome;

  @ApiProperty({
    minLength: 1,
    maxLength: LIMITS.textMax,
    example:
      'Met de experimenteerbepaling mogen drie monumenten in Utrecht twee jaar zonnepanelen plaatsen; daarna besluiten wij over aanpassing van het beleid.',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(LIMITS.textMax)
  rationale!: string;
}
