import { Module } from '@nestjs/common';
import { PersonalDataModule } from '../personal-data/personal-data.module';
import { AccountabilityResolver } from './accountability/accountability.resolver';
import { AgreementsResolver } from './agreements/agreements.resolver';
import { EscalationsResolver } from './escalations/escalations.resolver';
import { ExperimentsResolver } from './experiments/experiments.resolver';
import { KnowledgeResolver } from './knowledge/knowledge.resolver';
import { FeedbackLoopResolver } from './feedback-loop/feedback-loop.resolver';
import { NormConflictsResolver } from './norm-conflicts/norm-conflicts.resolver';
import { SignalStatsResolver } from './signal-stats/signal-stats.resolver';
import { PolicyChangesResolver } from './policy-changes/policy-changes.resolver';
import { SignalPolicyChangesResolver } from './policy-changes/signal-policy-changes.resolver';
import { PersonalDataGuard } from './signals/personal-data.guard';
import { SignalsResolver } from './signals/signals.resolver';
import { TasksResolver } from './tasks/tasks.resolver';

/**
 * The policy views (PRODUCT.md views 1–7) on GraphQL: thin resolvers over the read-model queries,
 * with time-dependent fields judged against the clock of each request.
 */
@Module({
  imports: [PersonalDataModule],
  providers: [
    PersonalDataGuard,
    SignalsResolver,
    SignalStatsResolver,
    NormConflictsResolver,
    EscalationsResolver,
    AccountabilityResolver,
    FeedbackLoopResolver,
    AgreementsResolver,
    ExperimentsResolver,
    PolicyChangesResolver,
    SignalPolicyChangesResolver,
    KnowledgeResolver,
    TasksResolver,
  ],
})
export class ViewsModule {}
