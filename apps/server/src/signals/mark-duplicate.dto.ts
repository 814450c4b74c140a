import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

export class MarkDuplicateDto {
  @ApiProperty({
    format: 'uuid',
    example: '3f2b8c1e-6d4a-4b7e-9c1d-2a5e8f7b6c4d',
    description: 'The original signal this one duplicates.',
  })
  @IsUUID('all')
  signalId!: string;
}
