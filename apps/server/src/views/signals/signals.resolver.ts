import { UseGuards } from '@nestjs/common';
import { Args, Context, ID, Info, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { FastifyRequest } from 'fastify';
import type { GraphQLResolveInfo } from 'graphql';
import { CurrentActor, Roles } from '@praktijklus/auth';
import type { Actor } from '@praktijklus/domain';
import {
  escalationIdsVisibleTo,
  getSignal,
  type SignalOrder,
  type SignalRow,
} from '@praktijklus/projections';
import { SignalOrderEnum } from '../views.enums';
import { InitiativePersonalData } from '@praktijklus/commands';
import { StructuredLog } from '../../logging/structured-log';
import { connectionOf, type Connection } from '../connection.model';
import {
  AfterArg,
  BeforeArg,
  ConnectionFirstArg,
  FilterArg,
  LastArg,
  pageWindowOf,
  BoundedListPipe,
  MAX_NORM_REF_LENGTH,
  MAX_NORM_REFS,
  SearchArg,
} from '../view-args';
import { AsOfArg } from '../time-travel/as-of.arg';
import { atMoment, momentOf, TimeTravel } from '../time-travel/time-travel';
import { escalationScopeOf, EVERY_ROLE, hiddenFrom, visibleToAuthorityOf } from '../viewer';
import { PersonalDataGuard } from './personal-data.guard';
import { SignalFilterInput, signalFilterOf } from './signal-filter.input';
import { Initiative, Signal, SignalConnection } from './signal.model';

/** View 1: signals. Officers see the signals their own authority reported; analysts and admins all. */
@Resolver(() => Signal)
export class SignalsResolver {
  constructor(
    private readonly timeTravel: TimeTravel,
    private readonly initiatives: InitiativePersonalData,
    private readonly securityLog: StructuredLog,
  ) {}

  @Query(() => SignalConnection, { description: 'Signals, newest first, with filters and full-text search.' })
  @Roles(...EVERY_ROLE)
  async signals(
    @CurrentActor() actor: Actor,
    @FilterArg(SignalFilterInput) filter: SignalFilterInput | null,
    @SearchArg() search: string | undefined,
    @Args(
      'norms',
      {
        type: () => [String],
        nullable: true,
        description: 'Signals naming every one of these norm refs (compared trimmed and case-folded).',
      },
      new BoundedListPipe('norms', MAX_NORM_REFS, MAX_NORM_REF_LENGTH),
    )
    norms: string[] | undefined,
    @Args('escalated', {
      type: () => Boolean,
      nullable: true,
      description: 'True: only signals in an escalation; false: only those in none.',
    })
    escalated: boolean | null,
    @Args('orderBy', {
      type: () => SignalOrderEnum,
      nullable: true,
      defaultValue: 'RECORDED',
      description: 'Ignored with a search, which ranks by relevance.',
    })
    orderBy: SignalOrder | null,
    @Args('descending', { type: () => Boolean, nullable: true, defaultValue: false })
    descending: boolean | null,
    @ConnectionFirstArg() first: number | undefined,
    @AfterArg() after: string | undefined,
    @LastArg() last: number | undefined,
    @BeforeArg() before: string | undefined,
    @AsOfArg() asOf: Date | undefined,
  ): Promise<Connection<SignalRow>> {
    const window = pageWindowOf({ first, after, last, before });
    const page = await this.timeTravel.ask(asOf, 'signals', {
      filter: {
        ...signalFilterOf(filter),
        ...(norms && norms.length > 0 ? { allNormRefs: norms } : {}),
        ...(typeof escalated === 'boolean' ? { escalated } : {}),
      },
      search: search ?? null,
      orderBy: orderBy ?? 'RECORDED',
      descending: descending === true,
      ...window,
      ...visibleToAuthorityOf(actor),
    });
    return connectionOf(page, (row) => atMoment(row, asOf));
  }

  @Query(() => Signal, {
    nullable: true,
    description: 'One signal; null when it does not exist or is not yours to see.',
  })
  @Roles(...EVERY_ROLE)
  async signal(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }) id: string,
    @Context('req') request: FastifyRequest,
    @Info() info: GraphQLResolveInfo,
    @AsOfArg() asOf: Date | undefined,
  ): Promise<SignalRow | null> {
    const row = await this.timeTravel.read(asOf, (db) => getSignal(db, id));
    if (row === null) return null;
    const { visibleToAuthority } = visibleToAuthorityOf(actor);
    return visibleToAuthority === undefined || visibleToAuthority === row.reportingAuthority
      ? atMoment(row, asOf)
      : hiddenFrom(this.securityLog, request, info, 'SIGNAL_NOT_FOUND');
  }

  @ResolveField(() => [ID])
  @Roles(...EVERY_ROLE)
  async escalationIds(@CurrentActor() actor: Actor, @Parent() signal: SignalRow): Promise<string[]> {
    const { visibleToAuthority } = escalationScopeOf(actor);
    if (visibleToAuthority === undefined) return signal.escalationIds;
    return this.timeTravel.read(momentOf(signal), (db) =>
      escalationIdsVisibleTo(db, signal.escalationIds, visibleToAuthority),
    );
  }

  @ResolveField(() => Initiative, {
    nullable: true,
    description:
      "Personal data: the reporting authority's officers and administrators only (others get FORBIDDEN); null when none.",
  })
  @Roles('officer', 'admin')
  @UseGuards(PersonalDataGuard)
  async initiative(@Parent() signal: SignalRow): Promise<Initiative | null> {
    if (signal.initiativeRef === null) return null;
    const view = await this.initiatives.view(signal.initiativeRef);
    if (view === null) return null;
    if ('erased' in view) return { name: null, contact: null, erasedAt: view.erasedAt };
    return { name: view.name, contact: view.contact ?? null, erasedAt: null };
  }
}
