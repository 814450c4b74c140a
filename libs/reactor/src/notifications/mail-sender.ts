import { createTransport } from 'nodemailer';
import { digestMail, type DigestBody, DIGEST_TYPE, notificationMail } from './mail';
import type { PendingDelivery } from './notification-store';
import type { SendOutcome } from './webhook-sender';

export interface MailSenderOptions {
  /** SMTP_URL. */
  smtpUrl: string;
  /** MAIL_FROM. */
  from: string;
  /** PUBLIC_URL, for the links. */
  publicUrl: string | undefined;
  /** One attempt's time limit per SMTP step. */
  timeoutMs: number;
}

const smtpCodeOf = (value: unknown): number | null => {
  const code = typeof value === 'string' ? Number.parseInt(value, 10) : Number.NaN;
  return Number.isInteger(code) ? code : null;
};

/**
 * Sends e-mail deliveries over one pooled SMTP transport. The Message-ID is the delivery's id, the
 * same on every attempt, so a mail system can drop a repeat after an attempt whose answer was lost.
 */
export function createMailSender(options: MailSenderOptions): {
  send(delivery: PendingDelivery): Promise<SendOutcome>;
  close(): void;
} {
  const transport = createTransport({
    url: options.smtpUrl,
    connectionTimeout: options.timeoutMs,
    greetingTimeout: options.timeoutMs,
    socketTimeout: options.timeoutMs,
  });
  return {
    async send(delivery) {
      const message =
        delivery.type === DIGEST_TYPE
          ? digestMail(JSON.parse(delivery.body) as DigestBody, options.publicUrl)
          : notificationMail(delivery.type, delivery.body, options.publicUrl);
      try {
        const info = (await transport.sendMail({
          from: options.from,
          to: delivery.target,
          messageId: `<${delivery.id}@praktijklus>`,
          ...message,
        })) as { response?: unknown };
        return { ok: true, status: smtpCodeOf(info.response) ?? 250, error: null };
      } catch (error) {
        const code =
          typeof error === 'object' && error !== null && 'responseCode' in error
            ? smtpCodeOf(String(error.responseCode))
            : null;
        // The operator's mail server stays out of what an authority's administrator reads.
        const reason =
          code === null
            ? 'the mail server could not be reached or did not answer'
            : `the mail server answered ${code}`;
        return { ok: false, status: code, error: reason };
      }
    },
    close: () => transport.close(),
  };
}
