import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import type { AgreementStatus, FollowUpAssessment } from '@praktijklus/domain';
import { ConnectionOf } from '../connection.model';
import { AgreementStatusEnum, FollowUpAssessmentEnum } from '../views.enums';

@ObjectType({ description: 'The last follow-up conversation (terugkomgesprek) held.' })
export class FollowUp {
  @Field({ description: 'YYYY-MM-DD.' })
  heldOn!: string;

  @Field(() => FollowUpAssessmentEnum)
  assessment!: FollowUpAssessment;

  @Field({ description: 'What was discussed: the report text of the follow-up.' })
  notes!: string;
}

@ObjectType({ description: 'A binding agreement (niet-vrijblijvende afspraak).' })
export class Agreement {
  @Field(() => ID)
  id!: string;

  @Field()
  title!: string;

  @Field()
  commitment!: string;

  @Field(() => ID, { description: 'The owning authority.' })
  owner!: string;

  @Field(() => [ID], { description: 'Authorities bound by it, the owner included.' })
  parties!: string[];

  @Field({ description: 'YYYY-MM-DD.' })
  dueBy!: string;

  @Field()
  firstFollowUpOn!: string;

  @Field(() => String, { nullable: true, description: 'Null when the last follow-up planned none.' })
  nextFollowUpOn!: string | null;

  @Field(() => FollowUp, { nullable: true })
  lastFollowUp!: FollowUp | null;

  @Field(() => Int)
  followUpCount!: number;

  @Field(() => Int)
  progressPercent!: number;

  @Field(() => String, { nullable: true })
  progressNote!: string | null;

  @Field(() => String, { nullable: true })
  progressReportedAt!: string | null;

  @Field(() => AgreementStatusEnum)
  status!: AgreementStatus;

  @Field(() => ID, { nullable: true, description: 'The escalation it answers.' })
  escalationId!: string | null;

  @Field()
  madeAt!: string;

  @Field(() => String, { nullable: true })
  closedAt!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Result when fulfilled, reason when unmet or cancelled.',
  })
  closingNote!: string | null;

  @Field({ description: 'OPEN and today (Europe/Amsterdam) is after dueBy.' })
  overdue!: boolean;

  @Field({ description: 'OPEN and today is after nextFollowUpOn.' })
  followUpOverdue!: boolean;
}

@ObjectType()
export class AgreementConnection extends ConnectionOf(Agreement) {}
