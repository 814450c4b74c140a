import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { testToken, type SpawnedServer, type TokenClaims } from '@praktijklus/testing';
import { signalBody } from '../signals.fixtures';
import { eventually, startServer, temporaryDataDir } from './support/fault-server';

const SIGNALS = 8;
const officer: TokenClaims = { sub: 'officer-utrecht', roles: ['officer'], authority: 'gm0344' };
const admin: TokenClaims = { sub: 'admin-utrecht', roles: ['admin'], authority: 'gm0344' };

interface Delivery {
  id: string;
  status: 'PENDING' | 'DELIVERED' | 'DEAD';
  attempts: number;
}

async function call<T>(url: string, method: string, path: string, token: TokenClaims, body?: unknown) {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${await testToken(token)}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(10_000),
  });
  if (response.status >= 300)
    throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** A receiver on a fixed loopback port, so it can be down first and up later at the same URL. */
async function receiverOn(
  port: number,
  received: Array<{ headers: IncomingMessage['headers']; body: string }>,
) {
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      received.push({ headers: request.headers, body });
      response.statusCode = 204;
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe('webhook deliveries pending when the server is killed (kill -9)', () => {
  const data = temporaryDataDir('webhook-crash');
  let server: SpawnedServer | undefined;
  let receiver: { close(): Promise<void> } | undefined;
  const env = {
    ROLES: 'commands,queries,projector,reactor',
    DEADLINE_SCAN_INTERVAL_MS: '100',
    WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
    WEBHOOK_RETRY_BASE_MS: '200',
    WEBHOOK_MAX_ATTEMPTS: '100',
  };

  afterAll(async () => {
    await server?.kill();
    await receiver?.close();
    data.remove();
  });

  it('makes every delivery after the restart, with the webhook-id of its first attempt, none lost', async () => {
    const port = await freePort();
    let running = await startServer(data.dir, env);
    server = running;
    const subscription = await call<{ id: string; secret: string }>(
      running.url,
      'POST',
      '/api/v1/subscriptions',
      admin,
      {
        url: `http://127.0.0.1:${port}/hook`,
        types: ['nl.praktijklus.signal.recorded'],
      },
    );
    for (let i = 0; i < SIGNALS; i++) {
      await call(
        running.url,
        'POST',
        '/api/v1/signals',
        officer,
        signalBody({ title: `Signaal ${i} bij een dode ontvanger` }),
      );
    }
    const deliveries = (url: string) =>
      call<Delivery[]>(url, 'GET', `/api/v1/subscriptions/${subscription.id}/deliveries`, admin);
    // Every delivery tried at least once against the receiver that is down, none made.
    const attempted = await eventually('every delivery to be attempted', async () => {
      const list = await deliveries(running.url);
      return list.length === SIGNALS && list.every((d) => d.attempts >= 1 && d.status === 'PENDING')
        ? list
        : undefined;
    });

    await running.kill();
    expect((await running.exited).signal).toBe('SIGKILL');
    server = undefined;

    const received: Array<{ headers: IncomingMessage['headers']; body: string }> = [];
    receiver = await receiverOn(port, received);
    running = await startServer(data.dir, env);
    server = running;
    await eventually(
      'every delivery to arrive',
      () => (new Set(received.map((r) => r.headers['webhook-id'])).size >= SIGNALS ? true : undefined),
      90_000,
    );

    const arrived = new Set(received.map((r) => String(r.headers['webhook-id'])));
    expect([...arrived].sort()).toEqual(attempted.map((d) => d.id).sort());
    const webhook = new Webhook(subscription.secret);
    const titles = received.map((r) => {
      const event = webhook.verify(r.body, {
        'webhook-id': String(r.headers['webhook-id']),
        'webhook-timestamp': String(r.headers['webhook-timestamp']),
        'webhook-signature': String(r.headers['webhook-signature']),
      }) as { data: { title: string } };
      return event.data.title;
    });
    expect(new Set(titles).size).toBe(SIGNALS);
    const after = await eventually('the outbox to record them delivered', async () => {
      const list = await deliveries(running.url);
      return list.every((d) => d.status === 'DELIVERED') ? list : undefined;
    });
    expect(after).toHaveLength(SIGNALS);
  });
});
