export { DUE_KINDS, dueChangesOf } from './due-dates';
export type { Due, DueChange, DueDateRules, DueKind } from './due-dates';
export {
  acquireReactorLock,
  REACTOR_FILE,
  REACTOR_LOCK_FILE,
  ReactorBusy,
  ReactorStore,
} from './reactor-store';
export { Reactor } from './reactor';
export { postgresLeadership } from './leadership';
export type { LeaderLock, Leadership } from './leadership';
export type { ReactorLogger, ReactorOptions, ReactorStatus, TimeCommandIssuer } from './reactor';
export type { NotificationOptions } from './reactor';
export { CLOUD_EVENT_SOURCE, cloudEventOf, NOTIFICATION_TYPES } from './notifications/cloud-events';
export { checkWebhookHost, isPrivateAddress, PrivateAddressRefused } from './notifications/address-guard';
export { NotificationStore } from './notifications/notification-store';
export type {
  Channel,
  Delivery,
  DeliveryStatus,
  PendingDelivery,
  Subscription,
} from './notifications/notification-store';
export { nextAttemptAt, sendWebhook } from './notifications/webhook-sender';
export type { SendOutcome } from './notifications/webhook-sender';
export { createMailSender } from './notifications/mail-sender';
export type { MailSenderOptions } from './notifications/mail-sender';
export { DIGEST_TYPE, digestMail, notificationMail } from './notifications/mail';
export type { DigestBody, MailMessage, OverdueItem } from './notifications/mail';
export { amsterdamDayAndHour } from './notifications/digest';
export { pageLinkOf, pagePathOf } from './notifications/links';
export { PAGE_LINK_ATTRIBUTE } from './notifications/cloud-events';
