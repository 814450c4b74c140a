import { join } from 'node:path';
import type { EventStore } from '@praktijklus/event-store';
import {
  createMailSender,
  Reactor,
  REACTOR_FILE,
  REACTOR_LOCK_FILE,
  type Leadership,
  type ReactorLogger,
  type TimeCommandIssuer,
} from '@praktijklus/reactor';
import type { Settings } from '@praktijklus/config';

export type MailSender = ReturnType<typeof createMailSender> | undefined;
export type DeliveryResult = 'delivered' | 'retry' | 'dead';

/** Deliveries go out within a second of their event (or of their retry time), whatever the scan interval. */
const DELIVERY_INTERVAL_MS = 1000;

/** The mail sender of SMTP_URL, if set. */
export function serverMailSender(settings: Settings): MailSender {
  return settings.smtpUrl === undefined
    ? undefined
    : createMailSender({
        smtpUrl: settings.smtpUrl,
        from: settings.mailFrom,
        publicUrl: settings.publicUrl,
        timeoutMs: 10_000,
      });
}

/**
 * The reactor as the server runs it, on the request loop or in a thread of its own. `store` is
 * what it follows; `issue` records what fell due (in a thread: through the request loop's store,
 * so the log keeps one writer and its group commit).
 */
export function createServerReactor(
  settings: Settings,
  store: EventStore,
  issue: TimeCommandIssuer,
  mail: MailSender,
  onAttempt: (result: DeliveryResult) => void,
  logger: ReactorLogger,
  /** PostgreSQL's advisory lock when shared state lives there; the lock file otherwise. */
  turns: { leadership?: Leadership } = {},
): Reactor {
  return new Reactor({
    store,
    file: join(settings.dataDir, REACTOR_FILE),
    lockFile: join(settings.dataDir, REACTOR_LOCK_FILE),
    ...turns,
    rules: { nonResponseAfterWorkingDays: settings.nonResponseAfterWorkingDays },
    issue,
    synchronous: settings.sqliteSynchronous,
    notifications: {
      allowPrivateNetworks: settings.webhooks.allowPrivateNetworks,
      maxAttempts: settings.webhooks.maxAttempts,
      retryBaseMs: settings.webhooks.retryBaseMs,
      publicUrl: settings.publicUrl,
      ...(mail === undefined ? {} : { sendMail: mail.send, digestHour: settings.digestHour }),
      onAttempt,
    },
    logger,
  });
}

/**
 * Starts the reactor and its two beats: the deadline scan every DEADLINE_SCAN_INTERVAL and the
 * webhook deliveries every second (or the scan interval, when shorter). Returns what stops the beats.
 */
export function beatReactor(
  reactor: Reactor,
  settings: Settings,
  logger: Pick<ReactorLogger, 'error'>,
): { scan: NodeJS.Timeout; delivery: NodeJS.Timeout } {
  reactor.start();
  const beat = (): void => {
    reactor.tick().catch((error: unknown) => logger.error(`scan failed: ${String(error)}`));
  };
  const scan = setInterval(beat, settings.deadlineScanIntervalMs);
  const delivery = setInterval(
    () => reactor.deliverDue(),
    Math.min(DELIVERY_INTERVAL_MS, settings.deadlineScanIntervalMs),
  );
  beat();
  return { scan, delivery };
}
