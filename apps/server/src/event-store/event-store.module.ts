import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { SqliteEventStore, type EventStore } from '@praktijklus/event-store';
import { SETTINGS } from '../config/settings.module';
import { type Settings, openEventStore } from '@praktijklus/config';
import { StructuredLog } from '../logging/structured-log';
import { Metrics } from '../metrics/metrics';
import { projectorInThread } from '../projections/projector-thread';
import { traceAppends } from '../tracing/spans';
import { EVENT_STORE } from './event-store.tokens';

@Global()
@Module({
  providers: [
    {
      provide: EVENT_STORE,
      inject: [SETTINGS, StructuredLog, Metrics],
      useFactory: async (settings: Settings, log: StructuredLog, metrics: Metrics): Promise<EventStore> => {
        // With the projector in its thread, that thread checkpoints the WAL: no fsync of the main file in an append's commit.
        const store = await openEventStore(
          settings,
          (behindMs) => log.write('warn', 'store_clock_stepped_back', { behindMs }),
          {
            checkpointsElsewhere: projectorInThread(settings),
            onForeignEvents: (message) => log.write('warn', 'store_foreign_events_skipped', { message }),
          },
        );
        metrics.instrumentAppends(store);
        if (settings.tracing.endpoint !== undefined) traceAppends(store, settings.eventStore);
        if (store instanceof SqliteEventStore) metrics.observeGroupCommits(() => store.groupCommitStats());
        return store;
      },
    },
  ],
  exports: [EVENT_STORE],
})
export class EventStoreModule implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  // Shutdown hooks run after every onModuleDestroy (the projector stops there) and after the HTTP server closed.
  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
