import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import type { ExperimentStatus, LegalRoute, PolicyConsequence } from '@praktijklus/domain';
import { ConnectionOf } from '../connection.model';
import { ExperimentStatusEnum, LegalRouteEnum, PolicyConsequenceEnum } from '../views.enums';

@ObjectType({ description: 'An experiment (experimenteerruimte / pilot) granted on an escalation.' })
export class Experiment {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  escalationId!: string;

  @Field(() => ID, { description: 'The authority that granted it.' })
  owner!: string;

  @Field()
  title!: string;

  @Field()
  hypothesis!: string;

  @Field(() => LegalRouteEnum)
  legalRoute!: LegalRoute;

  @Field({ description: 'YYYY-MM-DD.' })
  startsOn!: string;

  @Field({ description: 'YYYY-MM-DD, after any extension.' })
  endsOn!: string;

  @Field()
  originalEndsOn!: string;

  @Field(() => Int)
  extensionCount!: number;

  @Field(() => ExperimentStatusEnum)
  status!: ExperimentStatus;

  @Field(() => String, { nullable: true })
  conclusion!: string | null;

  @Field(() => PolicyConsequenceEnum, { nullable: true })
  policyConsequence!: PolicyConsequence | null;

  @Field(() => String, { nullable: true })
  rationale!: string | null;

  @Field()
  startedAt!: string;

  @Field(() => String, { nullable: true })
  evaluatedAt!: string | null;

  @Field(() => String, { nullable: true })
  closedAt!: string | null;

  @Field({ description: 'RUNNING and today (Europe/Amsterdam) is after endsOn: evaluation overdue.' })
  overdue!: boolean;
}

@ObjectType()
export class ExperimentConnection extends ConnectionOf(Experiment) {}
