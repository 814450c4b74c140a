import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'Rekenschap: how one authority answers escalations and keeps agreements.' })
export class AuthorityAccountability {
  @Field(() => ID)
  authority!: string;

  @Field(() => Int, { description: 'Escalations addressed to it, each transfer to it counted as one.' })
  escalationsReceived!: number;

  @Field(() => Int)
  escalationsDecided!: number;

  @Field(() => Int)
  escalationsDecidedOnTime!: number;

  @Field(() => Float, { nullable: true, description: 'Decided on time / decided; null when none decided.' })
  decidedOnTimeRate!: number | null;

  @Field(() => Float, { nullable: true })
  medianHoursToAcknowledge!: number | null;

  @Field(() => Float, { nullable: true })
  medianDaysToDecision!: number | null;

  @Field(() => Int, { description: 'Addressed to it, undecided and past respondBy now.' })
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

  @Field(() => Int, {
    description:
      'Escalations whose deadline it let pass until non-response climbed past it to the next authority in the chain (or, with nobody above it, ended there).',
  })
  nonResponses!: number;
}
