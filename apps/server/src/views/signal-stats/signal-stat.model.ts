import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import type { GovernmentLayer, InitiativeKind, SignalLevel, SignalType } from '@praktijklus/domain';
import { GovernmentLayerEnum } from '../../reference/government-layer.enum';
import { InitiativeKindEnum, SignalLevelEnum, SignalTypeEnum } from '../views.enums';

@ObjectType({ description: 'The group a row counts; dimensions not grouped on are null.' })
export class SignalStatKey {
  @Field(() => SignalTypeEnum, { nullable: true })
  type!: SignalType | null;

  @Field(() => String, { nullable: true })
  policyDomain!: string | null;

  @Field(() => SignalLevelEnum, { nullable: true })
  level!: SignalLevel | null;

  @Field(() => ID, { nullable: true, description: 'The reporting authority.' })
  authority!: string | null;

  @Field(() => GovernmentLayerEnum, { nullable: true })
  governmentLayer!: GovernmentLayer | null;

  @Field(() => InitiativeKindEnum, { nullable: true })
  initiativeKind!: InitiativeKind | null;

  @Field(() => String, {
    nullable: true,
    description: '2026-03-04 (DAY), 2026-W10 (WEEK) or 2026-03 (MONTH).',
  })
  period!: string | null;
}

@ObjectType()
export class SignalStatRow {
  @Field(() => SignalStatKey)
  key!: SignalStatKey;

  @Field(() => Int)
  count!: number;

  @Field(() => Int, { description: 'Of count, the signals in at least one escalation.' })
  escalatedCount!: number;
}
