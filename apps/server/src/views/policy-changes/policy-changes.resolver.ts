import { Inject } from '@nestjs/common';
import { Args, ID, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { Database } from 'better-sqlite3';
import { CurrentActor, Roles } from '@praktijklus/auth';
import type { Actor } from '@praktijklus/domain';
import {
  escalationIdsVisibleTo,
  getPolicyChange,
  listPolicyChanges,
  policyChangeEffect,
  type PolicyChangeRow,
  type PolicyEffect as Effect,
  signalIdsOfPolicyChange,
} from '@praktijklus/projections';
import { READ_MODELS } from '../../projections/projections.tokens';
import { connectionOf, type Connection } from '../connection.model';
import { AfterArg, BeforeArg, ConnectionFirstArg, FilterArg, LastArg, pageWindowOf } from '../view-args';
import { escalationScopeOf, EVERY_ROLE, visibleToAuthorityOf } from '../viewer';
import { PolicyChangeFilterInput, policyChangeFilterOf } from './policy-change-filter.input';
import { PolicyChange, PolicyChangeConnection, PolicyEffect } from './policy-change.model';

/**
 * Policy changes and their measured effect on later signals. The changes are public accountability
 * (every role); the escalations and signals behind them are narrowed as their own views narrow them.
 */
@Resolver(() => PolicyChange)
export class PolicyChangesResolver {
  constructor(@Inject(READ_MODELS) private readonly db: Database) {}

  @Query(() => PolicyChangeConnection, { description: 'Policy changes, latest effective date first.' })
  @Roles(...EVERY_ROLE)
  policyChanges(
    @FilterArg(PolicyChangeFilterInput)
    filter: PolicyChangeFilterInput | null,
    @ConnectionFirstArg() first: number | undefined,
    @AfterArg() after: string | undefined,
    @LastArg() last: number | undefined,
    @BeforeArg() before: string | undefined,
  ): Connection<PolicyChangeRow> {
    const page = listPolicyChanges(this.db, {
      filter: policyChangeFilterOf(filter),
      ...pageWindowOf({ first, after, last, before }),
    });
    return connectionOf(page, (row) => row);
  }

  @Query(() => PolicyChange, { nullable: true })
  @Roles(...EVERY_ROLE)
  policyChange(@Args('id', { type: () => ID }) id: string): PolicyChangeRow | null {
    return getPolicyChange(this.db, id);
  }

  @ResolveField(() => [ID], { description: 'The escalations it answers that the caller may read.' })
  @Roles(...EVERY_ROLE)
  escalationIds(@CurrentActor() actor: Actor, @Parent() change: PolicyChangeRow): string[] {
    const { visibleToAuthority } = escalationScopeOf(actor);
    return visibleToAuthority === undefined
      ? change.escalationIds
      : escalationIdsVisibleTo(this.db, change.escalationIds, visibleToAuthority);
  }

  @ResolveField(() => [ID], { description: 'The signals behind those escalations that the caller may read.' })
  @Roles(...EVERY_ROLE)
  signalIds(@CurrentActor() actor: Actor, @Parent() change: PolicyChangeRow): string[] {
    return signalIdsOfPolicyChange(this.db, change, visibleToAuthorityOf(actor).visibleToAuthority);
  }

  @ResolveField(() => PolicyEffect, {
    description:
      'Active signals naming one of its norms (with no norms: of its domain and authorities) in the windowDays before effectiveOn against the windowDays from it, judged today.',
  })
  @Roles(...EVERY_ROLE)
  effect(
    @Parent() change: PolicyChangeRow,
    @Args('windowDays', { type: () => Int, defaultValue: 90, description: '1 to 3650 days.' })
    windowDays: number,
  ): Effect {
    return policyChangeEffect(this.db, change, windowDays, new Date());
  }
}
