import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { Roles } from '@praktijklus/auth';
import type { GovernmentLayer } from '@praktijklus/domain';
import type { AuthorityAccountabilityRow } from '@praktijklus/projections';
import { GovernmentLayerEnum } from '../../reference/government-layer.enum';
import { EVERY_ROLE } from '../viewer';
import { AuthorityAccountability } from './authority-accountability.model';
import { AsOfArg } from '../time-travel/as-of.arg';
import { TimeTravel } from '../time-travel/time-travel';

/**
 * View 5: accountability per authority. Public accountability between governments, so open to
 * every role. Every authority of the registry gets a row (zeros when nothing happened to it), so
 * an authority that never answers is as visible as one that does.
 */
@Resolver()
export class AccountabilityResolver {
  constructor(private readonly timeTravel: TimeTravel) {}

  @Query(() => [AuthorityAccountability], {
    description: 'Per authority, ordered by id; overdue judged now (or at asOf).',
  })
  @Roles(...EVERY_ROLE)
  accountability(
    @Args('authority', { type: () => ID, nullable: true }) authority: string | null,
    @Args('layer', { type: () => GovernmentLayerEnum, nullable: true }) layer: GovernmentLayer | null,
    @AsOfArg() asOf: Date | undefined,
  ): Promise<AuthorityAccountabilityRow[]> {
    return this.timeTravel.ask(asOf, 'accountability', { authority, layer });
  }
}
