import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import { POLICY_CONSEQUENCES, type PolicyConsequence } from '@praktijklus/domain';
import { ADMINISTRATION_LIMITS as LIMITS } from '../escalations/administration-api';

/** A pilot only serves a goal with consequences for policy: conclusion, consequence and rationale. */
export class EvaluateExperimentDto {
  @ApiProperty({
    minLength: 1,
    maxLength: LIMITS.textMax,
    example: 'Op alle drie de monumenten bleven de panelen onzichtbaar vanaf de openbare weg.',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(LIMITS.textMax)
  conclusion!: string;

  @ApiProperty({ enum: POLICY_CONSEQUENCES, example: 'ADOPT_IN_POLICY' })
  @IsIn(POLICY_CONSEQUENCES)
  policyConsequence!: PolicyConsequence;

  @ApiProperty({
    minLength: 1,
    maxLength: LIMITS.textMax,
    example: 'De voorwaarden uit de pilot worden opgenomen in de provinciale omgevingsverordening.',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(LIMITS.textMax)
  rationale!: string;
}
