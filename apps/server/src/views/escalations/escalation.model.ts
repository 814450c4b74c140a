import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import type { DecisionOutcome, EscalationStatus } from '@praktijklus/domain';
import { Authority } from '../../reference/reference.models';
import { ConnectionOf } from '../connection.model';
import { DecisionOutcomeEnum, EscalationStatusEnum } from '../views.enums';

@ObjectType({ description: 'An escalation (naar boven gehaald) to a competent authority.' })
export class Escalation {
  @Field(() => ID)
  id!: string;

  @Field()
  title!: string;

  @Field(() => EscalationStatusEnum)
  status!: EscalationStatus;

  @Field(() => ID, { description: 'The authority it is addressed to now.' })
  addressedTo!: string;

  @Field(() => Authority, { nullable: true, description: 'addressedTo from the registry (null if unknown).' })
  addressedToAuthority!: Authority | null;

  @Field(() => ID, { description: 'The raising authority.' })
  raisedBy!: string;

  @Field(() => Authority, { nullable: true })
  raisedByAuthority!: Authority | null;

  @Field()
  raisedAt!: string;

  @Field({ description: 'The deadline for a decision (ISO date-time).' })
  respondBy!: string;

  @Field({ description: 'Not decided and now is past respondBy (judged at query time).' })
  overdue!: boolean;

  @Field(() => Int, { description: 'Whole days since raised, until resolved (judged at query time).' })
  ageDays!: number;

  @Field(() => String, { nullable: true })
  acknowledgedAt!: string | null;

  @Field(() => String, { nullable: true })
  decidedAt!: string | null;

  @Field(() => String, { nullable: true })
  resolvedAt!: string | null;

  @Field(() => DecisionOutcomeEnum, { nullable: true })
  outcome!: DecisionOutcome | null;

  @Field(() => Int)
  signalCount!: number;

  @Field(() => [ID])
  signalIds!: string[];

  @Field(() => [ID], { description: 'Authorities involved besides the raising and the addressed one.' })
  involvedAuthorities!: string[];

  @Field(() => Int)
  transferCount!: number;

  @Field(() => [ID], { description: 'Authorities it was transferred away from, oldest first.' })
  previousAddressees!: string[];

  @Field(() => String, {
    nullable: true,
    description: 'When the platform recorded that the current respondBy passed without a decision.',
  })
  deadlinePassedAt!: string | null;

  @Field(() => [ID], {
    description:
      'Authorities that non-response climbed to (municipality → province → ministry), oldest first; each is also involved.',
  })
  climbedTo!: string[];

  @Field({ description: 'Non-response reached an authority with nobody above it.' })
  chainEnded!: boolean;
}

@ObjectType()
export class EscalationConnection extends ConnectionOf(Escalation) {}

@ObjectType({ description: 'Counts over unresolved escalations, judged at query time.' })
export class EscalationBoardSummary {
  @Field(() => Int, { description: 'RAISED, ACKNOWLEDGED or DECIDED.' })
  open!: number;

  @Field(() => Int)
  overdue!: number;

  @Field(() => Int, { description: 'RAISED.' })
  awaitingAcknowledgement!: number;

  @Field(() => Int, { description: 'DECIDED, not yet RESOLVED.' })
  decidedNotResolved!: number;

  @Field(() => Int, { description: 'Age in whole days of the oldest open escalation; 0 when none.' })
  oldestOpenDays!: number;
}
