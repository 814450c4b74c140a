import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'Rekenschap: how one authority answers escalations and keeps agreements.' })
export class AuthorityAccountability {
  @Field(() => ID)
  authority!: string;

  @Field(() => Int, { description: 'Escalations addressed to it, each transfer to it counted as one.' })
  escalationsReceived!: number;

  @Field(() => Int, {
    description:
      'Received escalations it decided: the first decision while addressed to it counts. A reopening does not undo that decision and a decision after a reopening is not counted again.',
  })
  escalationsDecided!: number;

  @Field(() => Int, {
    description:
      'Of escalationsDecided, those whose counted (first) decision fell at or before the respondBy it had then.',
  })
  escalationsDecidedOnTime!: number;

  @Field(() => Float, { nullable: true, description: 'Decided on time / decided; null when none decided.' })
  decidedOnTimeRate!: number | null;

  @Field(() => Float, { nullable: true })
  medianHoursToAcknowledge!: number | null;

  @Field(() => Float, { nullable: true })
  medianDaysToDecision!: number | null;

  @Field(() => Int, {
    description:
      'Addressed to it now, undecided and past its current respondBy. A reopened escalation awaits a new decision by the deadline set at its reopening, so once that passes it counts here although its first decision may still count in escalationsDecidedOnTime.',
  })
  openOverdue!: number;

  @Field(() => Int)
  transfersIn!: number;

  @Field(() => Int)
  transfersOut!: number;

  @Field(() => Int, { description: 'Agreements it owns that are open.' })
  agreementsOpen!: number;

  @Field(() => Int)
  agreementsFulfilled!: number;

  @Field(() => Int)
  agreementsUnmet!: number;

  @Field(() => Int, { description: 'Open and past dueBy today.' })
  agreementsOverdue!: number;

  @Field(() => Int, { description: 'Open and past the next follow-up date with none held.' })
  followUpsOverdue!: number;

  @Field(() => Int, { description: 'Its experiments past endsOn without an evaluation.' })
  experimentsOverdue!: number;
}
