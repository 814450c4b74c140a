import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { POLICY_CHANGE_STATUSES, type PolicyChangeStatus } from '@praktijklus/domain';
import { EFFECT_VERDICTS, type EffectVerdict } from '@praktijklus/projections';
import { ConnectionOf } from '../connection.model';

const enumOf = <T extends string>(values: readonly T[]): { [K in T]: K } =>
  Object.fromEntries(values.map((value) => [value, value])) as { [K in T]: K };

export const PolicyChangeStatusEnum = enumOf(POLICY_CHANGE_STATUSES);
export const EffectVerdictEnum = enumOf(EFFECT_VERDICTS);

registerEnumType(PolicyChangeStatusEnum, {
  name: 'PolicyChangeStatus',
  description: 'Vastgelegd of ingetrokken.',
});
registerEnumType(EffectVerdictEnum, {
  name: 'EffectVerdict',
  description:
    'DROPPED: the whole 95 % interval of the rate ratio lies below 1; ROSE: above 1; NO_CLEAR_CHANGE: it holds 1 (or there are no signals); TOO_EARLY: the after window has not ended.',
});

@ObjectType('PolicyChangeNorm', { description: 'A norm the change altered.' })
export class PolicyChangeNorm {
  @Field()
  ref!: string;

  @Field(() => String, { nullable: true })
  title?: string | null;
}

@ObjectType({
  description:
    'Signals in equal windows before and from effectiveOn, and the exact 95 % interval for the ratio of their Poisson rates.',
})
export class PolicyEffect {
  @Field(() => Int)
  windowDays!: number;

  @Field({ description: 'First day of the before window (YYYY-MM-DD); it ends the day before effectiveOn.' })
  beforeFrom!: string;

  @Field({ description: 'The day after the after window (YYYY-MM-DD), which starts on effectiveOn.' })
  afterUntil!: string;

  @Field(() => Int, { description: 'Active signals observed in the before window.' })
  before!: number;

  @Field(() => Int, { description: 'Active signals observed in the after window (so far, while TOO_EARLY).' })
  after!: number;

  @Field(() => Float, { nullable: true, description: 'after / before; null when before is 0.' })
  rateRatio!: number | null;

  @Field(() => Float, { nullable: true, description: 'Lower 95 % bound; null only when both counts are 0.' })
  lower!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Upper 95 % bound; null when before is 0 (no upper bound: infinite).',
  })
  upper!: number | null;

  @Field(() => EffectVerdictEnum)
  verdict!: EffectVerdict;
}

@ObjectType({ description: 'A policy change (beleidswijziging) recorded in answer to escalations.' })
export class PolicyChange {
  @Field(() => ID)
  id!: string;

  @Field(() => ID, { description: 'The authority that decided the escalations and made the change.' })
  owner!: string;

  @Field()
  title!: string;

  @Field()
  description!: string;

  @Field()
  policyDomain!: string;

  @Field(() => [PolicyChangeNorm])
  norms!: PolicyChangeNorm[];

  @Field(() => [String])
  authorities!: string[];

  @Field({ description: 'YYYY-MM-DD.' })
  effectiveOn!: string;

  @Field(() => PolicyChangeStatusEnum)
  status!: PolicyChangeStatus;

  @Field()
  recordedAt!: string;

  @Field(() => String, { nullable: true })
  amendedAt!: string | null;

  @Field(() => String, { nullable: true })
  withdrawnAt!: string | null;

  @Field(() => String, { nullable: true })
  withdrawnReason!: string | null;
}

@ObjectType()
export class PolicyChangeConnection extends ConnectionOf(PolicyChange) {}
