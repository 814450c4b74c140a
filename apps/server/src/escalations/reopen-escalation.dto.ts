import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { ADMINISTRATION_LIMITS as LIMITS } from './administration-api';

export class ReopenEscalationDto {
  @ApiProperty({
    minLength: 1,
    maxLength: LIMITS.textMax,
    example: 'Het besluit lost het knelpunt niet op: nieuwe aanvragen lopen er opnieuw op vast.',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(LIMITS.textMax)
  reason!: string;
}
