import { Args, Context, ID, Info, Query, Resolver } from '@nestjs/graphql';
import type { FastifyRequest } from 'fastify';
import type { GraphQLResolveInfo } from 'graphql';
import { CurrentActor, Roles } from '@praktijklus/auth';
import type { Actor } from '@praktijklus/domain';
import { getEscalation, type EscalationOrder, type EscalationRow } from '@praktijklus/projections';
import { ReferenceData } from '@praktijklus/reference';
import { StructuredLog } from '../../logging/structured-log';
import { connectionOf, type Connection } from '../connection.model';
import {
  AfterArg,
  BeforeArg,
  ConnectionFirstArg,
  FilterArg,
  LastArg,
  pageWindowOf,
  TitleSearchArg,
} from '../view-args';
import { EscalationOrderEnum } from '../views.enums';
import { AsOfArg } from '../time-travel/as-of.arg';
import { TimeTravel } from '../time-travel/time-travel';
import { escalationScopeOf, EVERY_ROLE, hiddenFrom } from '../viewer';
import { EscalationFilterInput, escalationFilterOf } from './escalation-filter.input';
import { Escalation, EscalationBoardSummary, EscalationConnection } from './escalation.model';

/**
 * View 4: the escalation board. Officers and administrators see the escalations their authority
 * raised, is addressed or is involved in — alone, in the list and in the summary counts alike;
 * analysts see every escalation. Overdue and age are judged against the clock at query time.
 */
@Resolver(() => Escalation)
export class EscalationsResolver {
  constructor(
    private readonly timeTravel: TimeTravel,
    private readonly reference: ReferenceData,
    private readonly securityLog: StructuredLog,
  ) {}

  @Query(() => EscalationConnection, {
    description:
      'Escalations, earliest deadline first unless orderBy says otherwise; yours only (see API.md).',
  })
  @Roles(...EVERY_ROLE)
  async escalations(
    @CurrentActor() actor: Actor,
    @FilterArg(EscalationFilterInput)
    filter: EscalationFilterInput | null,
    @TitleSearchArg() search: string | undefined,
    @Args('orderBy', { type: () => EscalationOrderEnum, nullable: true, defaultValue: 'RESPOND_BY' })
    orderBy: EscalationOrder | null,
    @Args('descending', { type: () => Boolean, nullable: true, defaultValue: false })
    descending: boolean | null,
    @ConnectionFirstArg() first: number | undefined,
    @AfterArg() after: string | undefined,
    @LastArg() last: number | undefined,
    @BeforeArg() before: string | undefined,
    @AsOfArg() asOf: Date | undefined,
  ): Promise<Connection<Escalation>> {
    const window = pageWindowOf({ first, after, last, before });
    const page = await this.timeTravel.ask(asOf, 'escalations', {
      filter: escalationFilterOf(filter),
      ...(search !== undefined ? { search } : {}),
      orderBy: orderBy ?? 'RESPOND_BY',
      descending: descending === true,
      ...window,
      ...escalationScopeOf(actor),
    });
    return connectionOf(page, (row) => this.toEscalation(row));
  }

  @Query(() => Escalation, {
    nullable: true,
    description: 'One escalation; null when absent or not yours to see.',
  })
  @Roles(...EVERY_ROLE)
  async escalation(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }) id: string,
    @Context('req') request: FastifyRequest,
    @Info() info: GraphQLResolveInfo,
    @AsOfArg() asOf: Date | undefined,
  ): Promise<Escalation | null> {
    const row = await this.timeTravel.read(asOf, (db, now) => getEscalation(db, id, now));
    if (row === null) return null;
    const { visibleToAuthority } = escalationScopeOf(actor);
    const parties = [row.raisedBy, row.addressedTo, ...row.involvedAuthorities];
    return visibleToAuthority === undefined || parties.includes(visibleToAuthority)
      ? this.toEscalation(row)
      : hiddenFrom(this.securityLog, request, info, 'ESCALATION_NOT_FOUND');
  }

  @Query(() => EscalationBoardSummary, {
    description:
      'Counts over unresolved escalations, of those addressed to `authority` and raised by `raisedBy` when given.',
  })
  @Roles(...EVERY_ROLE)
  escalationBoard(
    @CurrentActor() actor: Actor,
    @Args('authority', { type: () => ID, nullable: true }) authority: string | null,
    @Args('raisedBy', { type: () => ID, nullable: true, description: 'The raising authority.' })
    raisedBy: string | null,
    @AsOfArg() asOf: Date | undefined,
  ): Promise<EscalationBoardSummary> {
    return this.timeTravel.ask(asOf, 'escalationBoard', {
      ...(authority ? { authority } : {}),
      ...(raisedBy ? { raisedBy } : {}),
      ...escalationScopeOf(actor),
    });
  }

  private toEscalation(row: EscalationRow): Escalation {
    return {
      ...row,
      addressedToAuthority: this.reference.authority(row.addressedTo) ?? null,
      raisedByAuthority: this.reference.authority(row.raisedBy) ?? null,
    };
  }
}
