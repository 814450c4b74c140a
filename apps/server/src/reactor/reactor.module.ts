import { Global, Inject, Logger, Module, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { ScheduleModule, SchedulerRegistry } from '@nestjs/schedule';
import { join } from 'node:path';
import type { EventStore } from '@praktijklus/event-store';
import {
  createMailSender,
  postgresLeadership,
  Reactor,
  REACTOR_FILE,
  REACTOR_LOCK_FILE,
  type Leadership,
} from '@praktijklus/reactor';
import { ReferenceData } from '@praktijklus/reference';
import { sharedStateDatabase, type Settings } from '@praktijklus/config';
import { SETTINGS } from '../config/settings.module';
import { EVENT_STORE } from '../event-store/event-store.tokens';
import { Metrics } from '../metrics/metrics';
import { createTimeCommandIssuer } from './time-commands';

export const REACTOR = Symbol('REACTOR');
const MAIL_SENDER = Symbol('MAIL_SENDER');
type MailSender = ReturnType<typeof createMailSender> | undefined;
const DEADLINE_SCAN = 'deadline-scan';
const DELIVERY = 'webhook-delivery';
// Deliveries go out within a second of their event (or of their retry time), whatever the scan interval.
const DELIVERY_INTERVAL_MS = 1000;
const logger = new Logger('Reactor');

/** With PostgreSQL for shared state, reactors on every machine take turns on its advisory lock. */
function leadershipOf(settings: Settings): { leadership?: Leadership } {
  const database = sharedStateDatabase(settings);
  return database === undefined ? {} : { leadership: postgresLeadership(database.url) };
}

/**
 * With ROLES including `reactor`: the process manager of time, leading when it holds the lock of
 * `DATA_DIR/reactor.sqlite` (or PostgreSQL's advisory lock, when shared state lives there) and
 * standing by otherwise, driven by one interval of the scheduler.
 */
@Global()
@Module({
  imports: [ScheduleModule.forRoot()],
  providers: [
    {
      provide: MAIL_SENDER,
      inject: [SETTINGS],
      useFactory: (settings: Settings): MailSender =>
        settings.smtpUrl === undefined
          ? undefined
          : createMailSender({
              smtpUrl: settings.smtpUrl,
              from: settings.mailFrom,
              publicUrl: settings.publicUrl,
              timeoutMs: 10_000,
            }),
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
      ): Reactor =>
        new Reactor({
          store,
          file: join(settings.dataDir, REACTOR_FILE),
          lockFile: join(settings.dataDir, REACTOR_LOCK_FILE),
          ...leadershipOf(settings),
          rules: { nonResponseAfterWorkingDays: settings.nonResponseAfterWorkingDays },
          issue: createTimeCommandIssuer(store, reference, settings),
          synchronous: settings.sqliteSynchronous,
          notifications: {
            allowPrivateNetworks: settings.webhooks.allowPrivateNetworks,
            maxAttempts: settings.webhooks.maxAttempts,
            retryBaseMs: settings.webhooks.retryBaseMs,
            publicUrl: settings.publicUrl,
            ...(mail === undefined ? {} : { sendMail: mail.send, digestHour: settings.digestHour }),
            onAttempt: (result) => metrics.webhookDeliveries.inc({ result }),
          },
          logger: {
            log: (message) => logger.log(message),
            warn: (message) => logger.warn(message),
            error: (message) => logger.error(message),
          },
        }),
    },
  ],
  exports: [REACTOR],
})
export class ReactorModule implements OnApplicationBootstrap, OnModuleDestroy {
  constructor(
    @Inject(SETTINGS) private readonly settings: Settings,
    @Inject(REACTOR) private readonly reactor: Reactor,
    @Inject(MAIL_SENDER) private readonly mail: MailSender,
    private readonly scheduler: SchedulerRegistry,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.settings.roles.includes('reactor')) return;
    this.reactor.start();
    const beat = (): void => {
      this.reactor.tick().catch((error: unknown) => logger.error(`scan failed: ${String(error)}`));
    };
    this.scheduler.addInterval(DEADLINE_SCAN, setInterval(beat, this.settings.deadlineScanIntervalMs));
    this.scheduler.addInterval(
      DELIVERY,
      setInterval(
        () => this.reactor.deliverDue(),
        Math.min(DELIVERY_INTERVAL_MS, this.settings.deadlineScanIntervalMs),
      ),
    );
    beat();
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
