import { Global, Inject, Logger, Module, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { ScheduleModule, SchedulerRegistry } from '@nestjs/schedule';
import type { EventStore } from '@praktijklus/event-store';
import { postgresLeadership, type Leadership, type Reactor, type ReactorLogger } from '@praktijklus/reactor';
import { ReferenceData } from '@praktijklus/reference';
import { sharedStateDatabase, type Settings } from '@praktijklus/config';
import { SETTINGS } from '../config/settings.module';
import { EVENT_STORE } from '../event-store/event-store.tokens';
import { Metrics } from '../metrics/metrics';
import { ReactorThread } from './reactor-thread';
import { createTimeCommandIssuer } from './time-commands';
import { beatReactor, createServerReactor, type MailSender, serverMailSender } from './server-reactor';

export const REACTOR = Symbol('REACTOR');
const MAIL_SENDER = Symbol('MAIL_SENDER');
const DEADLINE_SCAN = 'deadline-scan';
const DELIVERY = 'webhook-delivery';
const logger = new Logger('Reactor');
const reactorLogger: ReactorLogger = {
  log: (message) => logger.log(message),
  warn: (message) => logger.warn(message),
  error: (message) => logger.error(message),
};

/**
 * In a thread of its own with ROLES including `reactor`, BACKGROUND_THREAD=worker and the embedded
 * store; with PostgreSQL on the request loop (its leadership and log need connections of their own).
 */
const inThread = (settings: Settings): boolean =>
  settings.roles.includes('reactor') &&
  settings.backgroundThread === 'worker' &&
  settings.eventStore === 'sqlite';

/** With PostgreSQL for shared state, reactors on every machine take turns on its advisory lock. */
function leadershipOf(settings: Settings): { leadership?: Leadership } {
  const database = sharedStateDatabase(settings);
  return database === undefined ? {} : { leadership: postgresLeadership(database.url) };
}

/**
 * With ROLES including `reactor`: the process manager of time, leading when it holds the lock of
 * `DATA_DIR/reactor.sqlite` (or PostgreSQL's advisory lock, when shared state lives there) and
 * standing by otherwise, driven by one interval of the scheduler; in a worker thread of its own
 * (BACKGROUND_THREAD=worker, with SQLite) or on the request loop.
 */
@Global()
@Module({
  imports: [ScheduleModule.forRoot()],
  providers: [
    {
      provide: MAIL_SENDER,
      inject: [SETTINGS],
      useFactory: (settings: Settings): MailSender =>
        inThread(settings) ? undefined : serverMailSender(settings),
    },
    {
      provide: REACTOR,
      inject: [SETTINGS, EVENT_STORE, ReferenceData, MAIL_SENDER, Metrics],
      useFactory: (
        settings: Settings,
        store: EventStore,
        reference: ReferenceData,
        mail: MailSender,
        metrics: Metrics,
      ): Reactor | ReactorThread => {
        const onAttempt = (result: 'delivered' | 'retry' | 'dead'): void =>
          metrics.webhookDeliveries.inc({ result });
        const issue = createTimeCommandIssuer(store, reference, settings);
        if (!inThread(settings))
          return createServerReactor(
            settings,
            store,
            issue,
            mail,
            onAttempt,
            reactorLogger,
            leadershipOf(settings),
          );
        // Loading its modules overlaps the rest of the start-up; bootstrap waits for it.
        const thread = new ReactorThread(settings, reactorLogger, onAttempt, issue);
        thread.launch();
        return thread;
      },
    },
  ],
  exports: [REACTOR],
})
export class ReactorModule implements OnApplicationBootstrap, OnModuleDestroy {
  constructor(
    @Inject(SETTINGS) private readonly settings: Settings,
    @Inject(REACTOR) private readonly reactor: Reactor | ReactorThread,
    @Inject(MAIL_SENDER) private readonly mail: MailSender,
    private readonly scheduler: SchedulerRegistry,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.settings.roles.includes('reactor')) return;
    if (this.reactor instanceof ReactorThread) return this.reactor.start();
    const beats = beatReactor(this.reactor, this.settings, logger);
    this.scheduler.addInterval(DEADLINE_SCAN, beats.scan);
    this.scheduler.addInterval(DELIVERY, beats.delivery);
  }

  async onModuleDestroy(): Promise<void> {
    if (!this.settings.roles.includes('reactor')) return;
    for (const name of [DEADLINE_SCAN, DELIVERY]) {
      if (this.scheduler.doesExist('interval', name)) this.scheduler.deleteInterval(name);
    }
    await this.reactor.stop();
    this.mail?.close();
  }
}
