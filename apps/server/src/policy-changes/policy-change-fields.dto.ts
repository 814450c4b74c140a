import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { POLICY_CHANGE_LIMITS as LIMITS } from '@praktijklus/domain';
import { IsIsoDate } from '../escalations/date-fields';
import { AUTHORITY_ID_MAX, NormReferenceDto, POLICY_DOMAIN_MAX } from '../signals/signal-fields.dto';
import { WITHDRAW_REASON_MAX } from '../signals/withdraw-signal.dto';

/** A policy change ("beleidswijziging") recorded in answer to escalations; owner and time come from the token and clock. */
export class RecordPolicyChangeDto {
  @ApiProperty({
    minLength: LIMITS.titleMin,
    maxLength: LIMITS.titleMax,
    example: 'Zonnepanelen op monumenten vergunningvrij onder voorwaarden',
  })
  @IsString()
  @MinLength(LIMITS.titleMin)
  @MaxLength(LIMITS.titleMax)
  title!: string;

  @ApiProperty({
    minLength: 1,
    maxLength: LIMITS.descriptionMax,
    example:
      'Panelen die vanaf de openbare weg niet zichtbaar zijn, vallen niet langer onder de vergunningplicht.',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(LIMITS.descriptionMax)
  description!: string;

  @ApiProperty({ maxLength: POLICY_DOMAIN_MAX, example: 'energie' })
  @IsString()
  @MaxLength(POLICY_DOMAIN_MAX)
  policyDomain!: string;

  @ApiProperty({
    type: [NormReferenceDto],
    maxItems: LIMITS.norms,
    example: [{ ref: 'Bbl art. 4.101', title: 'Energieprestatie bij verbouw' }],
    description: 'The norms changed; their later signals measure the effect.',
  })
  @IsArray()
  @ArrayMaxSize(LIMITS.norms)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => NormReferenceDto)
  norms!: NormReferenceDto[];

  @ApiProperty({ example: '2026-07-01', description: 'ISO date from which the changed policy applies.' })
  @IsString()
  @IsIsoDate()
  effectiveOn!: string;

  @ApiProperty({
    type: [String],
    format: 'uuid',
    minItems: 1,
    maxItems: LIMITS.escalations,
    description:
      'Escalations the administrator’s authority decided POLICY_ADJUSTED, or granted an experiment it then evaluated ADOPT_IN_POLICY.',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(LIMITS.escalations)
  @IsUUID('all', { each: true })
  escalationIds!: string[];

  @ApiPropertyOptional({
    type: [String],
    maxItems: LIMITS.authorities,
    example: ['gm0344'],
    description: 'Authorities the change concerns (with no norms, they and the domain select the signals).',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(LIMITS.authorities)
  @IsString({ each: true })
  @MaxLength(AUTHORITY_ID_MAX, { each: true })
  authorities?: string[];
}

/** Any subset of the recordable fields except the escalations; a field sent replaces the recorded value. */
export class AmendPolicyChangeDto {
  @ApiPropertyOptional({ minLength: LIMITS.titleMin, maxLength: LIMITS.titleMax })
  @IsOptional()
  @IsString()
  @MinLength(LIMITS.titleMin)
  @MaxLength(LIMITS.titleMax)
  title?: string;

  @ApiPropertyOptional({ minLength: 1, maxLength: LIMITS.descriptionMax })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(LIMITS.descriptionMax)
  description?: string;

  @ApiPropertyOptional({ maxLength: POLICY_DOMAIN_MAX })
  @IsOptional()
  @IsString()
  @MaxLength(POLICY_DOMAIN_MAX)
  policyDomain?: string;

  @ApiPropertyOptional({ type: [NormReferenceDto], maxItems: LIMITS.norms })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(LIMITS.norms)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => NormReferenceDto)
  norms?: NormReferenceDto[];

  @ApiPropertyOptional({ example: '2026-08-01' })
  @IsOptional()
  @IsString()
  @IsIsoDate()
  effectiveOn?: string;

  @ApiPropertyOptional({ type: [String], maxItems: LIMITS.authorities })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(LIMITS.authorities)
  @IsString({ each: true })
  @MaxLength(AUTHORITY_ID_MAX, { each: true })
  authorities?: string[];
}

export class WithdrawPolicyChangeDto {
  @ApiProperty({ minLength: 1, maxLength: WITHDRAW_REASON_MAX, example: 'Per abuis geregistreerd.' })
  @IsString()
  @MinLength(1)
  @MaxLength(WITHDRAW_REASON_MAX)
  reason!: string;
}
