import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNumber, IsOptional, IsString, Max, MaxLength, Min, MinLength, ValidateBy } from 'class-validator';
import { isBlankText, isIsoDate, isIsoInstant, textFault } from '@praktijklus/domain';

export const NORM_REF_MAX = 200;
export const NORM_TITLE_MAX = 300;
export const INITIATIVE_TEXT_MAX = 200;
export const MUNICIPALITY_MAX = 100;
export const AUTHORITY_ID_MAX = 32;
export const POLICY_DOMAIN_MAX = 64;

/** A citation of a rule; `title` is optional free text. */
export class NormReferenceDto {
  @ApiProperty({ minLength: 1, maxLength: NORM_REF_MAX, example: 'Bbl art. 4.101' })
  @IsString()
  @MinLength(1)
  @MaxLength(NORM_REF_MAX)
  ref!: string;

  @ApiPropertyOptional({ maxLength: NORM_TITLE_MAX, example: 'Energieprestatie bij verbouw' })
  @IsOptional()
  @IsString()
  @MaxLength(NORM_TITLE_MAX)
  title?: string;
}

/** The initiative the signal is about: personal data, kept apart from the event log and erasable. */
export class InitiativeDto {
  @ApiProperty({
    minLength: 1,
    maxLength: INITIATIVE_TEXT_MAX,
    example: 'Energiecoöperatie Zonnedak Utrecht',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(INITIATIVE_TEXT_MAX)
  @IsLineOfText({ required: true })
  name!: string;

  @ApiPropertyOptional({ maxLength: INITIATIVE_TEXT_MAX, example: 'info@zonnedak-utrecht.example' })
  @IsOptional()
  @IsString()
  @MaxLength(INITIATIVE_TEXT_MAX)
  @IsLineOfText({ required: false })
  contact?: string;
}

export class SignalLocationDto {
  @ApiPropertyOptional({ maxLength: MUNICIPALITY_MAX, example: 'gm0344' })
  @IsOptional()
  @IsString()
  @MaxLength(MUNICIPALITY_MAX)
  @IsLineOfText({ required: false })
  municipality?: string;

  @ApiPropertyOptional({ minimum: -90, maximum: 90, example: 52.0907 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-90)
  @Max(90)
  lat?: number;

  @ApiPropertyOptional({ minimum: -180, maximum: 180, example: 5.1214 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-180)
  @Max(180)
  lon?: number;
}

/** `YYYY-MM-DD` that exists, or a date-time with an offset (the domain's own rule). */
export function IsIsoDateOrDateTime(): PropertyDecorator {
  return ValidateBy({
    name: 'isIsoDateOrDateTime',
    validator: {
      validate: (value: unknown) => isIsoDate(value) || isIsoInstant(value),
      defaultMessage: (args) =>
        `${args?.property ?? 'value'} must be an ISO date (YYYY-MM-DD) or a date-time with an offset`,
    },
  });
}

/**
 * One line of text (shared/text.ts): no control character or line break, no bidirectional
 * override, no private-use character; with `required`, something visible in it.
 */
export function IsLineOfText(options: { required: boolean }): PropertyDecorator {
  return ValidateBy({
    name: 'isLineOfText',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'string' &&
        textFault(value, 'line') === undefined &&
        !(options.required && isBlankText(value)),
      defaultMessage: (args) =>
        `${args?.property ?? 'value'} must be one line of ${options.required ? 'visible ' : ''}text, without control, bidirectional-override or private-use characters`,
    },
  });
}
