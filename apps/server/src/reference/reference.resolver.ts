import { Args, Query, Resolver } from '@nestjs/graphql';
import { Roles } from '@praktijklus/auth';
import type { GovernmentLayer } from '@praktijklus/domain';
import { ReferenceData } from '@praktijklus/reference';
import { GovernmentLayerEnum } from './government-layer.enum';
import { Authority, PolicyDomain } from './reference.models';

@Resolver()
export class ReferenceResolver {
  constructor(private readonly reference: ReferenceData) {}

  @Query(() => [Authority], { description: 'The competent authorities, optionally of one government layer.' })
  @Roles('officer', 'analyst', 'admin')
  authorities(
    @Args('layer', { type: () => GovernmentLayerEnum, nullable: true }) layer?: GovernmentLayer | null,
  ): readonly Authority[] {
    return this.reference.authorities(layer ?? undefined);
  }

  @Query(() => [PolicyDomain], { description: 'The policy domains (beleidsterreinen).' })
  @Roles('officer', 'analyst', 'admin')
  policyDomains(): readonly PolicyDomain[] {
    return this.reference.policyDomains();
  }
}
