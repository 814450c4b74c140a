import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({
  description:
    'Of the active signals an authority reported in one policy domain, those of type UNCLEAR_AUTHORITY.',
})
export class UnclearAuthorityShare {
  @Field({ description: "The signals' current policy domain (after any classification)." })
  policyDomain!: string;

  @Field(() => Int, { description: 'Active signals (not withdrawn, not marked duplicate).' })
  signals!: number;

  @Field(() => Int)
  unclearAuthoritySignals!: number;

  @Field(() => Float, { description: 'unclearAuthoritySignals / signals.' })
  unclearAuthorityRate!: number;
}

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

  @Field(() => Float, {
    nullable: true,
    description:
      'Share of the escalations it received that were wrongly addressed, i.e. transferred away: transfersOut / escalationsReceived; null when none received.',
  })
  wronglyAddressedRate!: number | null;

  @Field(() => Int, { description: 'Active signals it reported (not withdrawn, not marked duplicate).' })
  signalsReported!: number;

  @Field(() => Int, { description: 'Of signalsReported, those of type UNCLEAR_AUTHORITY.' })
  unclearAuthoritySignals!: number;

  @Field(() => Float, {
    nullable: true,
    description: 'unclearAuthoritySignals / signalsReported; null when it reported none.',
  })
  unclearAuthorityRate!: number | null;

  @Field(() => [UnclearAuthorityShare], {
    description: 'The unclear-authority share per policy domain it reported signals in, by domain code.',
  })
  unclearAuthorityByDomain!: UnclearAuthorityShare[];

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
