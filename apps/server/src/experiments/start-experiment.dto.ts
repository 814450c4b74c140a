import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { LEGAL_ROUTES, type LegalRoute } from '@praktijklus/domain';
import { ADMINISTRATION_LIMITS as LIMITS } from '../escalations/administration-api';
import { IsIsoDate } from '../escalations/date-fields';

/** An experiment ("experimenteerruimte") granted in answer to an escalation. */
export class StartExperimentDto {
  @ApiProperty({
    format: 'uuid',
    example: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
    description: 'The escalation it answers, decided EXPERIMENT_GRANTED by the administrator’s authority.',
  })
  @IsUUID('all')
  escalationId!: string;

  @ApiProperty({
    minLength: LIMITS.titleMin,
    maxLength: LIMITS.titleMax,
    example: 'Pilot zonnepanelen op drie rijksmonumenten in Utrecht',
  })
  @IsString()
  @MinLength(LIMITS.titleMin)
  @MaxLength(LIMITS.titleMax)
  title!: string;

  @ApiProperty({
    minLength: 1,
    maxLength: LIMITS.textMax,
    example:
      'Zonnepanelen die vanaf de straat niet zichtbaar zijn, tasten de monumentale waarde niet aan en halen de energie-eis uit het Bbl.',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(LIMITS.textMax)
  hypothesis!: string;

  @ApiProperty({ enum: LEGAL_ROUTES, example: 'EXPERIMENT_CLAUSE' })
  @IsIn(LEGAL_ROUTES)
  legalRoute!: LegalRoute;

  @ApiProperty({ example: '2026-05-01', description: 'ISO date.' })
  @IsString()
  @IsIsoDate()
  startsOn!: string;

  @ApiProperty({ example: '2027-05-01', description: 'ISO date after startsOn.' })
  @IsString()
  @IsIsoDate()
  endsOn!: string;
}
