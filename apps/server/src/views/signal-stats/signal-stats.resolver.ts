import { Inject } from '@nestjs/common';
import { Args, Query, Resolver } from '@nestjs/graphql';
import type { Database } from 'better-sqlite3';
import { Roles } from '@praktijklus/auth';
import { signalStats, type SignalDimension, type TimeBucket } from '@praktijklus/projections';
import { READ_MODELS } from '../../projections/projections.tokens';
import { SignalFilterInput, signalFilterOf } from '../signals/signal-filter.input';
import { FilterArg } from '../view-args';
import { EVERY_ROLE } from '../viewer';
import { SignalDimensionEnum, TimeBucketEnum } from '../views.enums';
import { SignalStatRow } from './signal-stat.model';

/**
 * View 2: signal statistics. Counts reveal no signal's content, so every role may ask for them
 * across all authorities: seeing the pattern beyond one's own desk is what the view is for.
 */
@Resolver()
export class SignalStatsResolver {
  constructor(@Inject(READ_MODELS) private readonly db: Database) {}

  @Query(() => [SignalStatRow], { description: 'Signal counts grouped by any combination of dimensions.' })
  @Roles(...EVERY_ROLE)
  signalStats(
    @Args('groupBy', { type: () => [SignalDimensionEnum] }) groupBy: SignalDimension[],
    @FilterArg(SignalFilterInput) filter: SignalFilterInput | null,
    @Args('bucket', { type: () => TimeBucketEnum, nullable: true, description: 'Default MONTH.' })
    bucket: TimeBucket | null,
  ): SignalStatRow[] {
    return signalStats(this.db, { groupBy, filter: signalFilterOf(filter), bucket });
  }
}
