import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { ADMINISTRATION_LIMITS as LIMITS } from '../escalations/administration-api';

export class FulfilAgreementDto {
  @ApiProperty({
    minLength: 1,
    maxLength: LIMITS.textMax,
    example: 'Provinciale Staten hebben de gewijzigde omgevingsverordening op 12 november vastgesteld.',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(LIMITS.textMax)
  result!: string;
}
