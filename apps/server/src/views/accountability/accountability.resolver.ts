import { Inject } from '@nestjs/common';
import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import type { Database } from 'better-sqlite3';
import { Roles } from '@praktijklus/auth';
import type { GovernmentLayer } from '@praktijklus/domain';
import type { AuthorityAccountabilityRow } from '@praktijklus/projections';
import { ReferenceData } from '@praktijklus/reference';
import { READ_MODELS } from '../../projections/projections.tokens';
import { GovernmentLayerEnum } from '../../reference/government-layer.enum';
import { EVERY_ROLE } from '../viewer';
import { accountabilityRows } from './accountability-rows';
import { AuthorityAccountability } from './authority-accountability.model';

/**
 * View 5: accountability per authority. Public accountability between governments, so open to
 * every role. Every authority of the registry gets a row (zeros when nothing happened to it), so
 * an authority that never answers is as visible as one that does.
 */
@Resolver()
export class AccountabilityResolver {
  constructor(
    @Inject(READ_MODELS) private readonly db: Database,
    private readonly reference: ReferenceData,
  ) {}

  @Query(() => [AuthorityAccountability], {
    description: 'Per authority, ordered by id; overdue judged now.',
  })
  @Roles(...EVERY_ROLE)
  accountability(
    @Args('authority', { type: () => ID, nullable: true }) authority: string | null,
    @Args('layer', { type: () => GovernmentLayerEnum, nullable: true }) layer: GovernmentLayer | null,
  ): AuthorityAccountabilityRow[] {
    return accountabilityRows(this.db, this.reference, { authority, layer }, new Date());
  }
}
