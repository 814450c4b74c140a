import { Args, Query, Resolver } from '@nestjs/graphql';
import { CurrentActor, Roles } from '@praktijklus/auth';
import type { Actor } from '@praktijklus/domain';
import { signalStatsSource, type SignalDimension, type TimeBucket } from '@praktijklus/projections';
import { SignalFilterInput, signalFilterOf } from '../signals/signal-filter.input';
import { FilterArg } from '../view-args';
import { EVERY_ROLE, visibleToAuthorityOf } from '../viewer';
import { SignalDimensionEnum, TimeBucketEnum } from '../views.enums';
import { SignalStatRow } from './signal-stat.model';
import { AsOfArg } from '../time-travel/as-of.arg';
import { TimeTravel } from '../time-travel/time-travel';

/**
 * What a statistics question no pre-aggregated table holds adds to the request's weight: it scans
 * every signal (about a second at 300,000), so two fit in a request where five others do.
 */
export const SCAN_WEIGHT = 1500;

export function signalStatsWeight(args: Record<string, unknown>): number {
  try {
    const source = signalStatsSource({
      groupBy: Array.isArray(args.groupBy) ? (args.groupBy as SignalDimension[]) : [],
      filter: signalFilterOf((args.filter ?? null) as SignalFilterInput | null),
      bucket: (args.bucket ?? null) as TimeBucket | null,
    });
    return source === 'signals' ? SCAN_WEIGHT : 0;
  } catch {
    // A question the planner refuses is refused again, with its reason, when it runs.
    return 0;
  }
}

/**
 * View 2: signal statistics. Every role may ask for counts across all authorities: seeing the
 * pattern beyond one's own desk is what the view is for. A small group finer than a month would
 * single out a signal an officer may not read, so officers get those only from MIN_GROUP_SIZE on.
 */
@Resolver()
export class SignalStatsResolver {
  constructor(private readonly timeTravel: TimeTravel) {}

  @Query(() => [SignalStatRow], {
    description:
      'Signal counts grouped by up to 4 dimensions; an answer of more than 10,000 groups is refused (BAD_USER_INPUT).',
  })
  @Roles(...EVERY_ROLE)
  signalStats(
    @CurrentActor() actor: Actor,
    @Args('groupBy', { type: () => [SignalDimensionEnum] }) groupBy: SignalDimension[],
    @FilterArg(SignalFilterInput) filter: SignalFilterInput | null,
    @Args('bucket', { type: () => TimeBucketEnum, nullable: true, description: 'Default MONTH.' })
    bucket: TimeBucket | null,
    @AsOfArg() asOf: Date | undefined,
  ): Promise<SignalStatRow[]> {
    return this.timeTravel.ask(asOf, 'signalStats', {
      groupBy,
      filter: signalFilterOf(filter),
      bucket,
      ...visibleToAuthorityOf(actor),
    });
  }
}
