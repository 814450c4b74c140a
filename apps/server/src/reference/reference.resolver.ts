import { Inject } from '@nestjs/common';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { Roles } from '@praktijklus/auth';
import type { GovernmentLayer } from '@praktijklus/domain';
import type { Settings } from '@praktijklus/config';
import { endOfWorkingDays, ReferenceData } from '@praktijklus/reference';
import { SETTINGS } from '../config/settings.module';
import { GovernmentLayerEnum } from './government-layer.enum';
import { Authority, PolicyDomain } from './reference.models';

@Resolver()
export class ReferenceResolver {
  constructor(
    private readonly reference: ReferenceData,
    @Inject(SETTINGS) private readonly settings: Settings,
  ) {}

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

  @Query(() => String, {
    description:
      'The respondBy an escalation raised now gets when none is given: the end (23:59:59 Europe/Amsterdam) of the ESCALATION_RESPONSE_WORKING_DAYS-th Dutch working day from now.',
  })
  @Roles('officer', 'analyst', 'admin')
  defaultRespondBy(): string {
    return endOfWorkingDays(new Date(), this.settings.escalationResponseWorkingDays).toISOString();
  }
}
