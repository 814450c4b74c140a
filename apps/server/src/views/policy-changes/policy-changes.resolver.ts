import { Args, ID, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentActor, Roles } from '@praktijklus/auth';
import type { Actor } from '@praktijklus/domain';
import {
  escalationIdsVisibleTo,
  getPolicyChange,
  policyChangeEffect,
  type PolicyChangeRow,
  type PolicyEffect as Effect,
  signalIdsOfPolicyChange,
} from '@praktijklus/projections';
import { connectionOf, type Connection } from '../connection.model';
import { AfterArg, BeforeArg, ConnectionFirstArg, FilterArg, LastArg, pageWindowOf } from '../view-args';
import { escalationScopeOf, EVERY_ROLE, visibleToAuthorityOf } from '../viewer';
import { PolicyChangeFilterInput, policyChangeFilterOf } from './policy-change-filter.input';
import { PolicyChange, PolicyChangeConnection, PolicyEffect } from './policy-change.model';
import { AsOfArg } from '../time-travel/as-of.arg';
import { atMoment, momentOf, TimeTravel } from '../time-travel/time-travel';

/**
 * Policy changes and their measured effect on later signals. The changes are public accountability
 * (every role); the escalations and signals behind them are narrowed as their own views narrow them.
 */
@Resolver(() => PolicyChange)
export class PolicyChangesResolver {
  constructor(private readonly timeTravel: TimeTravel) {}

  @Query(() => PolicyChangeConnection, { description: 'Policy changes, latest effective date first.' })
  @Roles(...EVERY_ROLE)
  async policyChanges(
    @FilterArg(PolicyChangeFilterInput)
    filter: PolicyChangeFilterInput | null,
    @ConnectionFirstArg() first: number | undefined,
    @AfterArg() after: string | undefined,
    @LastArg() last: number | undefined,
    @BeforeArg() before: string | undefined,
    @AsOfArg() asOf: Date | undefined,
  ): Promise<Connection<PolicyChangeRow>> {
    const window = pageWindowOf({ first, after, last, before });
    const page = await this.timeTravel.ask(asOf, 'policyChanges', {
      filter: policyChangeFilterOf(filter),
      ...window,
    });
    return connectionOf(page, (row) => atMoment(row, asOf));
  }

  @Query(() => PolicyChange, { nullable: true })
  @Roles(...EVERY_ROLE)
  async policyChange(
    @Args('id', { type: () => ID }) id: string,
    @AsOfArg() asOf: Date | undefined,
  ): Promise<PolicyChangeRow | null> {
    const row = await this.timeTravel.read(asOf, (db) => getPolicyChange(db, id));
    return row === null ? null : atMoment(row, asOf);
  }

  @ResolveField(() => [ID], { description: 'The escalations it answers that the caller may read.' })
  @Roles(...EVERY_ROLE)
  async escalationIds(@CurrentActor() actor: Actor, @Parent() change: PolicyChangeRow): Promise<string[]> {
    const { visibleToAuthority } = escalationScopeOf(actor);
    if (visibleToAuthority === undefined) return change.escalationIds;
    return this.timeTravel.read(momentOf(change), (db) =>
      escalationIdsVisibleTo(db, change.escalationIds, visibleToAuthority),
    );
  }

  @ResolveField(() => [ID], { description: 'The signals behind those escalations that the caller may read.' })
  @Roles(...EVERY_ROLE)
  signalIds(@CurrentActor() actor: Actor, @Parent() change: PolicyChangeRow): Promise<string[]> {
    return this.timeTravel.read(momentOf(change), (db) =>
      signalIdsOfPolicyChange(db, change, visibleToAuthorityOf(actor).visibleToAuthority),
    );
  }

  @ResolveField(() => PolicyEffect, {
    description:
      'Active signals naming one of its norms (with no norms: of its domain and authorities) in the windowDays before effectiveOn against the windowDays from it, judged today (or at the asOf of the query that found it).',
  })
  @Roles(...EVERY_ROLE)
  effect(
    @Parent() change: PolicyChangeRow,
    @Args('windowDays', { type: () => Int, defaultValue: 90, description: '1 to 3650 days.' })
    windowDays: number,
  ): Promise<Effect> {
    return this.timeTravel.read(momentOf(change), (db, now) =>
      policyChangeEffect(db, change, windowDays, now),
    );
  }
}
