import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import {
  INITIATIVE_KINDS,
  InitiativeKind,
  SIGNAL_LEVELS,
  SIGNAL_LIMITS,
  SIGNAL_TYPES,
  SignalLevel,
  SignalType,
} from '@praktijklus/domain';
import {
  AUTHORITY_ID_MAX,
  InitiativeDto,
  IsIsoDateOrDateTime,
  NormReferenceDto,
  POLICY_DOMAIN_MAX,
  SignalLocationDto,
} from './signal-fields.dto';

/**
 * What an officer records. The reporting authority, the officer and the time come from the token
 * and the server clock; a body naming them is refused as having unknown fields.
 */
export class RecordSignalDto {
  @ApiProperty({ enum: SIGNAL_TYPES, example: 'CONFLICTING_NORMS' })
  @IsIn(SIGNAL_TYPES)
  type!: SignalType;

  @ApiProperty({
    minLength: SIGNAL_LIMITS.titleMin,
    maxLength: SIGNAL_LIMITS.titleMax,
    example: 'Zonnepanelen op monumentaal pand geweigerd door tegenstrijdige normen',
  })
  @IsString()
  @MinLength(SIGNAL_LIMITS.titleMin)
  @MaxLength(SIGNAL_LIMITS.titleMax)
  title!: string;

  @ApiProperty({
    minLength: 1,
    maxLength: SIGNAL_LIMITS.descriptionMax,
    example:
      'De energie-eis uit het Bbl vraagt zonnepanelen op het dak; het omgevingsplan verbiedt zichtbare installaties op monumenten. De aanvrager krijgt van gemeente en provincie tegengestelde antwoorden.',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(SIGNAL_LIMITS.descriptionMax)
  description!: string;

  @ApiProperty({ maxLength: POLICY_DOMAIN_MAX, example: 'heritage', description: 'A policy domain code.' })
  @IsString()
  @MaxLength(POLICY_DOMAIN_MAX)
  policyDomain!: string;

  @ApiProperty({ enum: SIGNAL_LEVELS, example: 'IMPLEMENTATION' })
  @IsIn(SIGNAL_LEVELS)
  level!: SignalLevel;

  @ApiProperty({ enum: INITIATIVE_KINDS, example: 'CITIZEN_INITIATIVE' })
  @IsIn(INITIATIVE_KINDS)
  initiativeKind!: InitiativeKind;

  @ApiProperty({
    example: '2026-03-02',
    description: 'ISO date (YYYY-MM-DD) or date-time with an offset; not in the future.',
  })
  @IsString()
  @IsIsoDateOrDateTime()
  observedAt!: string;

  @ApiProperty({
    type: [String],
    maxItems: SIGNAL_LIMITS.authorities,
    example: ['gm0344', 'pv26'],
    description: 'Authority ids involved (at least two for UNCLEAR_AUTHORITY).',
  })
  @IsArray()
  @ArrayMaxSize(SIGNAL_LIMITS.authorities)
  @IsString({ each: true })
  @MaxLength(AUTHORITY_ID_MAX, { each: true })
  authorities!: string[];

  @ApiProperty({
    type: [NormReferenceDto],
    maxItems: SIGNAL_LIMITS.norms,
    example: [
      { ref: 'Bbl art. 4.101', title: 'Energieprestatie bij verbouw' },
      { ref: 'Omgevingsplan gemeente Utrecht art. 5.12', title: 'Zichtbare installaties op monumenten' },
    ],
    description: 'Norms involved (at least two distinct ones for CONFLICTING_NORMS).',
  })
  @IsArray()
  @ArrayMaxSize(SIGNAL_LIMITS.norms)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => NormReferenceDto)
  norms!: NormReferenceDto[];

  @ApiPropertyOptional({
    type: InitiativeDto,
    description:
      "Personal data: shown only to the reporting authority's officers and administrators; erasable.",
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => InitiativeDto)
  initiative?: InitiativeDto;

  @ApiPropertyOptional({ type: SignalLocationDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => SignalLocationDto)
  location?: SignalLocationDto;
}
