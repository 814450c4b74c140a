import { Inject } from '@nestjs/common';
import { Args, Context, ID, Info, Query, Resolver } from '@nestjs/graphql';
import type { Database } from 'better-sqlite3';
import type { FastifyRequest } from 'fastify';
import type { GraphQLResolveInfo } from 'graphql';
import { CurrentActor, Roles } from '@praktijklus/auth';
import type { Actor } from '@praktijklus/domain';
import {
  escalationBoardSummary,
  getEscalation,
  listEscalations,
  type EscalationOrder,
  type EscalationRow,
} from '@praktijklus/projections';
import { ReferenceData } from '@praktijklus/reference';
import { StructuredLog } from '../../logging/structured-log';
import { READ_MODELS } from '../../projections/projections.tokens';
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
    @Inject(READ_MODELS) private readonly db: Database,
    private readonly reference: ReferenceData,
    private readonly securityLog: StructuredLog,
  ) {}

  @Query(() => EscalationConnection, {
    description:
      'Escalations, earliest deadline first unless orderBy says otherwise; yours only (see API.md).',
  })
  @Roles(...EVERY_ROLE)
  escalations(
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
  ): Connection<Escalation> {
    const page = listEscalations(this.db, {
      filter: escalationFilterOf(filter),
      ...(search !== undefined ? { search } : {}),
      orderBy: orderBy ?? 'RESPOND_BY',
      descending: descending === true,
      ...pageWindowOf({ first, after, last, before }),
      now: new Date(),
      ...escalationScopeOf(actor),
    });
    return connectionOf(page, (row) => this.toEscalation(row));
  }

  @Query(() => Escalation, {
    nullable: true,
    description: 'One escalation; null when absent or not yours to see.',
  })
  @Roles(...EVERY_ROLE)
  escalation(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }) id: string,
    @Context('req') request: FastifyRequest,
    @Info() info: GraphQLResolveInfo,
  ): Escalation | null {
    const row = getEscalation(this.db, id, new Date());
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
  ): EscalationBoardSummary {
    return escalationBoardSummary(this.db, {
      ...(authority ? { authority } : {}),
      ...(raisedBy ? { raisedBy } : {}),
      ...escalationScopeOf(actor),
      now: new Date(),
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
