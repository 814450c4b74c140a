import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
} from 'class-validator';
import { USER_ROLES } from '@praktijklus/auth';
import type { Role } from '@praktijklus/domain';

/** `POST /api/v1/dev/token`: who the development sign-in page signs in as. */
export class DevelopmentTokenDto {
  @ApiProperty({ example: 'officer-1', description: 'The user id (token `sub`).' })
  @IsString()
  @Length(1, 255)
  @Matches(/^\S+$/, { message: 'sub must not contain white space' })
  sub!: string;

  @ApiProperty({ enum: USER_ROLES, isArray: true, example: ['officer'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(USER_ROLES.length)
  @ArrayUnique()
  @IsIn(USER_ROLES, { each: true })
  roles!: Role[];

  @ApiProperty({ example: 'gm0344', description: 'An authority id of the reference data.' })
  @IsString()
  @Length(1, 64)
  authority!: string;

  @ApiPropertyOptional({ example: 'Fatima de Vries' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  name?: string;
}

export interface DevelopmentTokenAnswer {
  token: string;
  /** ISO date-time. */
  expiresAt: string;
}
