import { Field, Float, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'The funnel of one policy domain: signals → escalated → decided → outcome.' })
export class FeedbackLoopRow {
  @Field()
  policyDomain!: string;

  @Field(() => Int, { description: 'Signals not withdrawn.' })
  signals!: number;

  @Field(() => Int, { description: 'Of those, in at least one escalation.' })
  escalated!: number;

  @Field(() => Int, { description: 'Of those, in an escalation with a standing decision.' })
  decided!: number;

  @Field(() => Int)
  policyAdjusted!: number;

  @Field(() => Int)
  experimentGranted!: number;

  @Field(() => Float, {
    nullable: true,
    description: 'Median days from the first signal to the decision; null when none is decided.',
  })
  medianDaysToDecision!: number | null;

  @Field(() => Int, { description: 'Of those, behind at least one recorded policy change.' })
  policyChanged!: number;

  @Field(() => Float, {
    nullable: true,
    description:
      'Median over the recorded policy changes of the days from their first such signal to effectiveOn; null when none.',
  })
  medianDaysToPolicyChange!: number | null;
}
