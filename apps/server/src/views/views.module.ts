import { Module } from '@nestjs/common';
import type { EventStore } from '@praktijklus/event-store';
import { allProjections, AsOfReadModels, HistoryReadModels, snapshotStoreOf } from '@praktijklus/projections';
import { ReferenceData } from '@praktijklus/reference';
import { historyKept, type Settings } from '@praktijklus/config';
import { SETTINGS } from '../config/settings.module';
import { EVENT_STORE } from '../event-store/event-store.tokens';
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
import { AS_OF_READ_MODELS, AS_OF_THREAD, TimeTravel } from './time-travel/time-travel';
import { AsOfThread } from './time-travel/as-of-thread';
import { historyReadModelsOf } from './time-travel/history-of';
import { Metrics } from '../metrics/metrics';

const historyOf = (settings: Settings, reference: ReferenceData): { history?: HistoryReadModels } => {
  const history = historyReadModelsOf(settings, reference);
  return history ? { history } : {};
};

/**
 * The policy views (PRODUCT.md views 1–7) on GraphQL: thin resolvers over the read-model queries,
 * with time-dependent fields judged against the clock of each request — or, with `asOf`, against
 * that moment, on the read models as they stood then (TimeTravel).
 */
@Module({
  imports: [PersonalDataModule],
  providers: [
    {
      provide: AS_OF_READ_MODELS,
      inject: [SETTINGS, EVENT_STORE, ReferenceData, Metrics],
      useFactory: (
        settings: Settings,
        store: EventStore,
        reference: ReferenceData,
        metrics: Metrics,
      ): AsOfReadModels =>
        new AsOfReadModels({
          store,
          ...historyOf(settings, reference),
          onHistoryAnswer: () => metrics.asOfHistoryAnswers.inc({ reader: 'request-loop' }),
          snapshots: snapshotStoreOf(settings.readModelsDir),
          projections: () => allProjections({ layerOf: (authority) => reference.layerOf(authority) }),
          openCuts: settings.timeTravel.openCuts,
          cacheMiB: Math.max(2, Math.floor(settings.timeTravel.cacheMiB / settings.timeTravel.openCuts)),
          onReplay: ({ events, seconds }) => {
            metrics.asOfReplayDuration.observe(seconds);
            metrics.asOfEventsReplayed.inc(events);
          },
        }),
    },
    {
      provide: AS_OF_THREAD,
      inject: [SETTINGS],
      useFactory: (settings: Settings): AsOfThread | undefined =>
        historyKept(settings) ? new AsOfThread(settings, settings.backgroundThreadYoungMiB) : undefined,
    },
    TimeTravel,
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
