import { Query, Resolver } from '@nestjs/graphql';
import { Roles } from '@praktijklus/auth';
import { feedbackLoop, policyChangeFunnel } from '@praktijklus/projections';
import { SignalFilterInput, signalFilterOf } from '../signals/signal-filter.input';
import { FilterArg } from '../view-args';
import { EVERY_ROLE } from '../viewer';
import { FeedbackLoopRow } from './feedback-loop-row.model';
import { AsOfArg } from '../time-travel/as-of.arg';
import { TimeTravel } from '../time-travel/time-travel';

/** View 6: the feedback loop per policy domain. Aggregated, so open to every role. */
@Resolver()
export class FeedbackLoopResolver {
  constructor(private readonly timeTravel: TimeTravel) {}

  @Query(() => [FeedbackLoopRow], {
    description: 'Per policy domain, the funnel and the lead time to decision.',
  })
  @Roles(...EVERY_ROLE)
  feedbackLoop(
    @FilterArg(SignalFilterInput) filter: SignalFilterInput | null,
    @AsOfArg() asOf: Date | undefined,
  ): Promise<FeedbackLoopRow[]> {
    const signalFilter = signalFilterOf(filter);
    return this.timeTravel.read(asOf, (db) => {
      const policyChanges = policyChangeFunnel(db, signalFilter);
      return feedbackLoop(db, signalFilter).map((row) => ({
        ...row,
        policyChanged: policyChanges.get(row.policyDomain)?.policyChanged ?? 0,
        medianDaysToPolicyChange: policyChanges.get(row.policyDomain)?.medianDaysToPolicyChange ?? null,
      }));
    });
  }
}
