import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export const WITHDRAW_REASON_MAX = 2000;

export class WithdrawSignalDto {
  @ApiProperty({
    minLength: 1,
    maxLength: WITHDRAW_REASON_MAX,
    example: 'Dubbel ingediend: hetzelfde knelpunt is al door een collega gemeld.',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(WITHDRAW_REASON_MAX)
  reason!: string;
}
