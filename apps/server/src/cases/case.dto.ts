import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { CASE_LIMITS } from '@praktijklus/domain';

/** A case ("dossier") about one initiative; who created it and when come from the token and clock. */
export class CreateCaseDto {
  @ApiProperty({
    minLength: CASE_LIMITS.titleMin,
    maxLength: CASE_LIMITS.titleMax,
    example: 'Zonnepanelen op monumenten in Utrecht',
  })
  @IsString()
  @MinLength(CASE_LIMITS.titleMin)
  @MaxLength(CASE_LIMITS.titleMax)
  title!: string;

  @ApiProperty({
    type: [String],
    format: 'uuid',
    minItems: 1,
    maxItems: CASE_LIMITS.signals,
    example: ['9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d'],
    description:
      'Signals about the initiative, readable by the caller. An administrator’s authority must have reported at least one.',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(CASE_LIMITS.signals)
  @IsUUID('all', { each: true })
  signalIds!: string[];
}

export class AddSignalsToCaseDto {
  @ApiProperty({
    type: [String],
    format: 'uuid',
    minItems: 1,
    maxItems: CASE_LIMITS.signals,
    example: ['9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d'],
    description:
      'More signals, readable by the caller; those already in the case are left out, and when none is new, 409.',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(CASE_LIMITS.signals)
  @IsUUID('all', { each: true })
  signalIds!: string[];
}
