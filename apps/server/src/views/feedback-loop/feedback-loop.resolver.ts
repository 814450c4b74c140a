import { Inject } from '@nestjs/common';
import { Query, Resolver } from '@nestjs/graphql';
import type { Database } from 'better-sqlite3';
import { Roles } from '@praktijklus/auth';
import { feedbackLoop, policyChangeFunnel } from '@praktijklus/projections';
import { READ_MODELS } from '../../projections/projections.tokens';
import { SignalFilterInput, signalFilterOf } from '../signals/signal-filter.input';
import { FilterArg } from '../view-args';
import { EVERY_ROLE } from '../viewer';
import { FeedbackLoopRow } from './feedback-loop-row.model';

/** View 6: the feedback loop per policy domain. Aggregated, so open to every role. */
@Resolver()
export class FeedbackLoopResolver {
  constructor(@Inject(READ_MODELS) private readonly db: Database) {}

  @Query(() => [FeedbackLoopRow], {
    description: 'Per policy domain, the funnel and the lead time to decision.',
  })
  @Roles(...EVERY_ROLE)
  feedbackLoop(@FilterArg(SignalFilterInput) filter: SignalFilterInput | null): FeedbackLoopRow[] {
    const signalFilter = signalFilterOf(filter);
    const policyChanges = policyChangeFunnel(this.db, signalFilter);
    return feedbackLoop(this.db, signalFilter).map((row) => ({
      ...row,
      policyChanged: policyChanges.get(row.policyDomain)?.policyChanged ?? 0,
      medianDaysToPolicyChange: policyChanges.get(row.policyDomain)?.medianDaysToPolicyChange ?? null,
    }));
  }
}
