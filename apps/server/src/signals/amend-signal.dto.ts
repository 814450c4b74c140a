import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsObject,
  IsString,
  MaxLength,
  MinLength,
  ValidateIf,
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

// Absent means "unchanged"; null is refused except where it means "remove" (initiative, location).
const present = (_: object, value: unknown): boolean => value !== undefined;
const presentAndNotNull = (_: object, value: unknown): boolean => value !== undefined && value !== null;

/** Any subset of the recordable fields; a field sent replaces the recorded value. */
export class AmendSignalDto {
  @ApiPropertyOptional({ enum: SIGNAL_TYPES, example: 'CONFLICTING_NORMS' })
  @ValidateIf(present)
  @IsIn(SIGNAL_TYPES)
  type?: SignalType;

  @ApiPropertyOptional({
    minLength: SIGNAL_LIMITS.titleMin,
    maxLength: SIGNAL_LIMITS.titleMax,
    example: 'Zonnepanelen op monumentaal pand geweigerd door tegenstrijdige normen',
  })
  @ValidateIf(present)
  @IsString()
  @MinLength(SIGNAL_LIMITS.titleMin)
  @MaxLength(SIGNAL_LIMITS.titleMax)
  title?: string;

  @ApiPropertyOptional({
    minLength: 1,
    maxLength: SIGNAL_LIMITS.descriptionMax,
    example: 'Na overleg met de provincie blijkt ook de Omgevingsverordening een rol te spelen.',
  })
  @ValidateIf(present)
  @IsString()
  @MinLength(1)
  @MaxLength(SIGNAL_LIMITS.descriptionMax)
  description?: string;

  @ApiPropertyOptional({ maxLength: POLICY_DOMAIN_MAX, example: 'heritage' })
  @ValidateIf(present)
  @IsString()
  @MaxLength(POLICY_DOMAIN_MAX)
  policyDomain?: string;

  @ApiPropertyOptional({ enum: SIGNAL_LEVELS, example: 'POLICY' })
  @ValidateIf(present)
  @IsIn(SIGNAL_LEVELS)
  level?: SignalLevel;

  @ApiPropertyOptional({ enum: INITIATIVE_KINDS, example: 'ENTREPRENEUR' })
  @ValidateIf(present)
  @IsIn(INITIATIVE_KINDS)
  initiativeKind?: InitiativeKind;

  @ApiPropertyOptional({ example: '2026-03-01', description: 'ISO date or date-time with an offset.' })
  @ValidateIf(present)
  @IsString()
  @IsIsoDateOrDateTime()
  observedAt?: string;

  @ApiPropertyOptional({ type: [String], maxItems: SIGNAL_LIMITS.authorities, example: ['gm0344', 'pv26'] })
  @ValidateIf(present)
  @IsArray()
  @ArrayMaxSize(SIGNAL_LIMITS.authorities)
  @IsString({ each: true })
  @MaxLength(AUTHORITY_ID_MAX, { each: true })
  authorities?: string[];

  @ApiPropertyOptional({
    type: [NormReferenceDto],
    maxItems: SIGNAL_LIMITS.norms,
    example: [{ ref: 'Bbl art. 4.101' }, { ref: 'Omgevingsverordening provincie Utrecht art. 7.2' }],
  })
  @ValidateIf(present)
  @IsArray()
  @ArrayMaxSize(SIGNAL_LIMITS.norms)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => NormReferenceDto)
  norms?: NormReferenceDto[];

  @ApiPropertyOptional({
    type: InitiativeDto,
    nullable: true,
    description: 'Replaces the initiative (personal data); null removes it.',
  })
  @ValidateIf(presentAndNotNull)
  @IsObject()
  @ValidateNested()
  @Type(() => InitiativeDto)
  initiative?: InitiativeDto | null;

  @ApiPropertyOptional({ type: SignalLocationDto, nullable: true, description: 'null removes the location.' })
  @ValidateIf(presentAndNotNull)
  @IsObject()
  @ValidateNested()
  @Type(() => SignalLocationDto)
  location?: SignalLocationDto | null;
}
