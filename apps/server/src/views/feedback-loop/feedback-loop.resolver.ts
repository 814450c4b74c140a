import { Query, Resolver } from '@nestjs/graphql';
import { Roles } from '@praktijklus/auth';
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
    return this.timeTravel.ask(asOf, 'feedbackLoop', signalFilterOf(filter));
  }
}
