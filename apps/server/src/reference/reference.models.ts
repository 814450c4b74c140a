import { Field, ID, ObjectType } from '@nestjs/graphql';
import type { GovernmentLayer } from '@praktijklus/domain';
import { GovernmentLayerEnum } from './government-layer.enum';

@ObjectType({
  description: 'A competent authority (bevoegd gezag), identified TOOI-style (gm0344, pv26, ...).',
})
export class Authority {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field(() => GovernmentLayerEnum)
  layer!: GovernmentLayer;
}

@ObjectType({ description: 'A policy domain (beleidsterrein) with Dutch and English labels.' })
export class PolicyDomain {
  @Field(() => ID)
  code!: string;

  @Field()
  labelNl!: string;

  @Field()
  labelEn!: string;
}
