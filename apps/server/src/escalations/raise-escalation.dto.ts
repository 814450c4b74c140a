import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
} from 'class-validator';
import { ADMINISTRATION_LIMITS as LIMITS } from './administration-api';
import { IsIsoDateTime } from './date-fields';

/**
 * What an officer or administrator raises. The raising authority, the user and the time come from
 * the token and the server clock; a body naming them is refused as having unknown fields.
 */
export class RaiseEscalationDto {
  @ApiProperty({
    type: [String],
    format: 'uuid',
    minItems: 1,
    maxItems: LIMITS.signalIds,
    example: ['3f2b8c1e-6d4a-4b7e-9c1d-2a5e8f7b6c4d'],
    description: 'Existing signals that are not withdrawn, readable by the raiser.',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(LIMITS.signalIds)
  @IsUUID('all', { each: true })
  signalIds!: string[];

  @ApiProperty({
    minLength: LIMITS.titleMin,
    maxLength: LIMITS.titleMax,
    example: 'Zonnepanelen op monumenten: Bbl en omgevingsplan spreken elkaar tegen',
  })
  @IsString()
  @MinLength(LIMITS.titleMin)
  @MaxLength(LIMITS.titleMax)
  title!: string;

  @ApiProperty({
    minLength: 1,
    maxLength: LIMITS.textMax,
    example:
      'Twaalf aanvragen in een jaar lopen vast op dezelfde tegenstrijdigheid; de gemeente kan die niet zelf oplossen. Wij vragen de provincie om een besluit.',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(LIMITS.textMax)
  reason!: string;

  @ApiProperty({ maxLength: LIMITS.authorityIdMax, example: 'pv26', description: 'The competent authority.' })
  @IsString()
  @MaxLength(LIMITS.authorityIdMax)
  addressedTo!: string;

  @ApiPropertyOptional({
    format: 'date-time',
    example: '2026-04-01T17:00:00+02:00',
    description:
      'The response deadline, in the future. Default: the end (23:59:59 Europe/Amsterdam) of the ESCALATION_RESPONSE_WORKING_DAYS-th (20) Dutch working day from now.',
  })
  @IsOptional()
  @IsString()
  @IsIsoDateTime()
  respondBy?: string;
}
