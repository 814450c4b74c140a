import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsString, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { SIGNAL_LIMITS } from '@praktijklus/domain';
import { POLICY_DOMAIN_MAX } from './signal-fields.dto';

export const THEME_MAX = 50;

/** An analyst's classification: themes replace earlier ones; a policy domain corrects the officer's. */
export class ClassifySignalDto {
  @ApiProperty({
    type: [String],
    maxItems: SIGNAL_LIMITS.themes,
    example: ['erfgoed en verduurzaming', 'tegenstrijdige regels rijk-gemeente'],
  })
  @IsArray()
  @ArrayMaxSize(SIGNAL_LIMITS.themes)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(THEME_MAX, { each: true })
  themes!: string[];

  @ApiPropertyOptional({ maxLength: POLICY_DOMAIN_MAX, example: 'energy' })
  @ValidateIf((_: object, value: unknown) => value !== undefined)
  @IsString()
  @MaxLength(POLICY_DOMAIN_MAX)
  policyDomain?: string;
}
