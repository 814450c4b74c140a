import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsUUID } from 'class-validator';
import { ADMINISTRATION_LIMITS as LIMITS } from './administration-api';

export class AttachSignalsDto {
  @ApiProperty({
    type: [String],
    format: 'uuid',
    minItems: 1,
    maxItems: LIMITS.signalIds,
    example: ['9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d'],
    description: 'More signals about the same barrier; existing, not withdrawn, not attached yet.',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(LIMITS.signalIds)
  @IsUUID('all', { each: true })
  signalIds!: string[];
}
