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
import { ADMINISTRATION_LIMITS as LIMITS } from '../escalations/administration-api';
import { IsIsoDate } from '../escalations/date-fields';

/** A binding agreement ("niet-vrijblijvende afspraak"); who made it and when come from the token and clock. */
export class MakeAgreementDto {
  @ApiProperty({
    minLength: LIMITS.titleMin,
    maxLength: LIMITS.titleMax,
    example: 'Monumentenregels aanpassen voor zonnepanelen',
  })
  @IsString()
  @MinLength(LIMITS.titleMin)
  @MaxLength(LIMITS.titleMax)
  title!: string;

  @ApiProperty({
    minLength: 1,
    maxLength: LIMITS.textMax,
    example:
      'De provincie Utrecht legt voor 1 december een voorstel voor aanpassing van de omgevingsverordening voor, zodat zonnepanelen op monumenten onder voorwaarden mogen.',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(LIMITS.textMax)
  commitment!: string;

  @ApiProperty({
    maxLength: LIMITS.authorityIdMax,
    example: 'pv26',
    description: 'The authority that answers for it: the administrator’s own.',
  })
  @IsString()
  @MaxLength(LIMITS.authorityIdMax)
  owner!: string;

  @ApiProperty({
    type: [String],
    minItems: 1,
    maxItems: LIMITS.parties,
    example: ['pv26', 'gm0344'],
    description: 'Authorities bound by the agreement; the owner is added when missing.',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(LIMITS.parties)
  @IsString({ each: true })
  @MaxLength(LIMITS.authorityIdMax, { each: true })
  parties!: string[];

  @ApiProperty({ example: '2026-12-01', description: 'ISO date after today.' })
  @IsString()
  @IsIsoDate()
  dueBy!: string;

  @ApiProperty({
    example: '2026-06-15',
    description: 'ISO date of the first follow-up conversation ("terugkomgesprek"): from today up to dueBy.',
  })
  @IsString()
  @IsIsoDate()
  firstFollowUpOn!: string;

  @ApiPropertyOptional({
    format: 'uuid',
    example: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
    description: 'The escalation it answers, readable by the administrator.',
  })
  @IsOptional()
  @IsUUID('all')
  escalationId?: string;
}
