import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { guardedLookup, isPrivateAddress, PrivateAddressRefused } from './address-guard';
import type { PendingDelivery } from './notification-store';

export interface SendOutcome {
  ok: boolean;
  status: number | null;
  error: string | null;
}

export interface WebhookSenderOptions {
  allowPrivateNetworks: boolean;
  timeoutMs: number;
}

/**
 * One attempt: the CloudEvent as the body, signed after Standard Webhooks (`webhook-id` stays the
 * same on every retry, `webhook-timestamp` is this attempt's). Redirects are not followed: a 3xx is
 * a failed attempt, so a receiver cannot send the platform on to an address it would refuse.
 */
export function sendWebhook(
  delivery: PendingDelivery,
  now: Date,
  options: WebhookSenderOptions,
): Promise<SendOutcome> {
  const url = new URL(delivery.target);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!options.allowPrivateNetworks && isIP(host) !== 0 && isPrivateAddress(host)) {
    return Promise.resolve({ ok: false, status: null, error: new PrivateAddressRefused(host).message });
  }
  const signature = new Webhook(delivery.secret).sign(delivery.id, now, delivery.body);
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    const request = send(
      url,
      {
        method: 'POST',
        lookup: guardedLookup(options.allowPrivateNetworks),
        timeout: options.timeoutMs,
        headers: {
          'content-type': 'application/cloudevents+json; charset=utf-8',
          'content-length': Buffer.byteLength(delivery.body),
          'user-agent': 'Praktijklus-Webhooks/1',
          'webhook-id': delivery.id,
          'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
          'webhook-signature': signature,
        },
      },
      (response) => {
        response.resume();
        const status = response.statusCode ?? null;
        const ok = status !== null && status >= 200 && status < 300;
        resolve({ ok, status, error: ok ? null : `answered ${status}` });
      },
    );
    request.on('timeout', () => request.destroy(new Error(`no answer within ${options.timeoutMs} ms`)));
    request.on('error', (error) => resolve({ ok: false, status: null, error: error.message }));
    request.end(delivery.body);
  });
}

/** Exponential backoff with full jitter: 30 s, 60 s, 2 min, ... capped at 6 h, times a random 0.5–1. */
export function nextAttemptAt(attemptsSoFar: number, now: Date, baseMs: number, random = Math.random): Date {
  const ceiling = Math.min(baseMs * 2 ** attemptsSoFar, 6 * 3_600_000);
  return new Date(now.getTime() + Math.round(ceiling * (0.5 + random() / 2)));
}
