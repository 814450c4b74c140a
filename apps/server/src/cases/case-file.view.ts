import { ApiProperty } from '@nestjs/swagger';

export class TimelineEntryView {
  @ApiProperty({ format: 'date-time', description: 'The event’s own time (its `…At` field).' })
  at!: string;

  @ApiProperty({ example: 'gm0344', description: 'The acting authority; `system` for the platform itself.' })
  authority!: string;

  @ApiProperty({ enum: ['signal', 'escalation', 'agreement', 'experiment'] })
  entity!: string;

  @ApiProperty({ format: 'uuid' })
  entityId!: string;

  @ApiProperty({ example: 'EscalationRaised', description: 'The event type.' })
  type!: string;

  @ApiProperty({
    example: 'Escalatie door Gemeente Utrecht gericht aan Provincie Utrecht, reactie uiterlijk 2026-04-01.',
    description: 'A short Dutch sentence from structured facts; never the initiative’s name or contact.',
  })
  summary!: string;
}

export class WaitingView {
  @ApiProperty({ example: 'pv26' })
  authority!: string;

  @ApiProperty({ example: 12.5, description: 'Days, to one decimal.' })
  days!: number;
}

export class CaseFileView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  title!: string;

  @ApiProperty({
    type: [String],
    description:
      'Every authority that acted in the timeline or held the matter, in the order it first did; the platform (`system`) is none.',
  })
  authorities!: string[];

  @ApiProperty({
    type: [TimelineEntryView],
    description: 'In time order; events at one instant in stream order.',
  })
  timeline!: TimelineEntryView[];

  @ApiProperty({
    type: [WaitingView],
    description: 'In the order of `authorities`; only authorities that held the matter.',
  })
  waiting!: WaitingView[];
}

export class CaseSummaryView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  title!: string;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;

  @ApiProperty()
  signalCount!: number;
}
