import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  IsUrl,
  MaxLength,
} from 'class-validator';
import { NOTIFICATION_TYPES } from '@praktijklus/reactor';

export const WEBHOOK_URL_MAX = 2000;
export const EMAIL_MAX = 254;

/** A webhook (`url`) or, for administrators when e-mail is configured, an address (`email`): one of the two. */
export class SubscribeDto {
  @ApiPropertyOptional({
    maxLength: WEBHOOK_URL_MAX,
    example: 'https://meldingen.utrecht.nl/praktijklus',
    description:
      'http(s); loopback, private and link-local addresses are refused unless the operator allows them.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(WEBHOOK_URL_MAX)
  @IsUrl({
    protocols: ['http', 'https'],
    require_protocol: true,
    require_tld: false,
    allow_underscores: true,
  })
  url?: string;

  @ApiPropertyOptional({ maxLength: EMAIL_MAX, example: 'bestuurssecretariaat@utrecht.nl' })
  @IsOptional()
  @IsString()
  @MaxLength(EMAIL_MAX)
  @IsEmail()
  email?: string;

  @ApiProperty({
    type: [String],
    enum: NOTIFICATION_TYPES,
    minItems: 1,
    maxItems: NOTIFICATION_TYPES.length,
    example: ['nl.praktijklus.escalation.raised', 'nl.praktijklus.escalation.deadline-passed'],
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(NOTIFICATION_TYPES.length)
  @IsIn(NOTIFICATION_TYPES, { each: true })
  types!: string[];
}

export class SubscriptionView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'gm0344', description: 'Events of entities this authority takes part in.' })
  authority!: string;

  @ApiProperty({ enum: ['WEBHOOK', 'EMAIL'] })
  channel!: 'WEBHOOK' | 'EMAIL';

  @ApiPropertyOptional({ example: 'https://meldingen.utrecht.nl/praktijklus' })
  url?: string;

  @ApiPropertyOptional({ example: 'bestuurssecretariaat@utrecht.nl' })
  email?: string;

  @ApiProperty({ type: [String], enum: NOTIFICATION_TYPES })
  types!: string[];

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export class CreatedSubscriptionView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({
    example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    description: 'Standard Webhooks signing secret; shown only in this answer.',
  })
  secret!: string;
}

export class DeliveryView {
  @ApiProperty({ example: 'msg_2f1c...', description: 'The webhook-id header, the same on every attempt.' })
  id!: string;

  @ApiProperty({
    format: 'uuid',
    description: 'The CloudEvent id: the id of the event in the log (a daily digest: an id of its own).',
  })
  eventId!: string;

  @ApiProperty({
    example: 'nl.praktijklus.escalation.deadline-passed',
    description: 'The event type; nl.praktijklus.digest.overdue for the daily digest (e-mail).',
  })
  type!: string;

  @ApiProperty({
    example: '0b3c8f5e-6f7a-4d7e-9a51-2f8d3c1e7a90',
    description: 'The id of the entity the event is about; the day (YYYY-MM-DD) of a daily digest.',
  })
  subject!: string;

  @ApiProperty({ enum: ['PENDING', 'DELIVERED', 'DEAD'], description: 'DEAD: attempts used up.' })
  status!: 'PENDING' | 'DELIVERED' | 'DEAD';

  @ApiProperty({ example: 1 })
  attempts!: number;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  lastAttemptAt!: string | null;

  @ApiProperty({
    nullable: true,
    type: Number,
    example: 200,
    description: 'The receiver’s HTTP status (webhook) or the mail server’s SMTP reply code (e-mail).',
  })
  lastStatus!: number | null;

  @ApiProperty({ nullable: true, type: String })
  lastError!: string | null;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  nextAttemptAt!: string | null;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  deliveredAt!: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}
