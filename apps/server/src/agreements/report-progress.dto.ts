import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { ADMINISTRATION_LIMITS as LIMITS } from '../escalations/administration-api';

export class ReportProgressDto {
  @ApiProperty({ minimum: 0, maximum: 100, example: 40, description: 'Whole percent.' })
  @IsInt()
  @Min(0)
  @Max(100)
  percent!: number;

  @ApiProperty({
    minLength: 1,
    maxLength: LIMITS.textMax,
    example: 'Ontwerpwijziging van de omgevingsverordening ligt bij Gedeputeerde Staten.',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(LIMITS.textMax)
  note!: string;
}
