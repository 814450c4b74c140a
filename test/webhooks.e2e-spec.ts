import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { startTestServer, type TestServer } from './support/test-server';
import { AdministrationClient, provinceAdmin, utrechtOfficer } from './escalations.fixtures';
import type { TokenClaims } from '@praktijklus/testing';

const utrechtAdmin: TokenClaims = { sub: 'admin-utrecht', roles: ['admin'], authority: 'gm0344' };
const amsterdamAdmin: TokenClaims = { sub: 'admin-amsterdam', roles: ['admin'], authority: 'gm0363' };
const utrechtAnalyst: TokenClaims = { sub: 'analyst-utrecht', roles: ['analyst'], authority: 'gm0344' };

interface Received {
  headers: IncomingMessage['headers'];
  body: string;
}

/** A real receiver on loopback that answers with the statuses it is given, then 204. */
async function receiver(
  statuses: number[] = [],
): Promise<{ url: string; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      received.push({ headers: request.headers, body });
      response.statusCode = statuses.shift() ?? 204;
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
async function until(check: () => boolean, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`not reached within ${ms} ms`);
    await sleep(50);
  }
}

const WEBHOOK_METRICS_TOKEN = 'webhook-metrics-token-0123456789abcdef';

describe('webhooks: signed CloudEvents to subscribers (booted server, real receiver on loopback)', () => {
  let server: TestServer;
  let api: AdministrationClient;

  beforeAll(async () => {
    server = await startTestServer({
      env: {
        DEADLINE_SCAN_INTERVAL_MS: '100',
        WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
        WEBHOOK_RETRY_BASE_MS: '200',
        WEBHOOK_MAX_ATTEMPTS: '3',
        METRICS_TOKEN: WEBHOOK_METRICS_TOKEN,
      },
    });
    api = new AdministrationClient(server);
  });

  afterAll(async () => {
    await server.close();
  });

  const subscribe = (token: TokenClaims, body: unknown) =>
    server.request<{ id: string; secret: string }>('POST', '/api/v1/subscriptions', { token, body });

  it('delivers a CloudEvent signed after Standard Webhooks, only of entities its authority takes part in', async () => {
    const hook = await receiver();
    const created = await subscribe(utrechtAdmin, {
      url: hook.url,
      types: ['nl.praktijklus.signal.recorded', 'nl.praktijklus.escalation.raised'],
    });
    expect(created.status).toBe(201);
    expect(created.body.secret).toMatch(/^whsec_/);

    const own = await api.recordSignal(utrechtOfficer);
    await api.recordSignal({ sub: 'officer-amsterdam', roles: ['officer'], authority: 'gm0363' });
    await until(() => hook.received.length >= 1);
    await sleep(500);
    expect(hook.received).toHaveLength(1);

    const [delivery] = hook.received;
    expect(delivery.headers['content-type']).toMatch(/^application\/cloudevents\+json/);
    // The receiver verifies with the published library: a wrong secret or a changed body would throw.
    const verified = new Webhook(created.body.secret).verify(delivery.body, {
      'webhook-id': String(delivery.headers['webhook-id']),
      'webhook-timestamp': String(delivery.headers['webhook-timestamp']),
      'webhook-signature': String(delivery.headers['webhook-signature']),
    }) as Record<string, unknown>;
    expect(verified).toMatchObject({
      specversion: '1.0',
      type: 'nl.praktijklus.signal.recorded',
      source: 'urn:nld:praktijklus',
      subject: own,
      datacontenttype: 'application/json',
    });
    expect(verified.data).not.toHaveProperty('initiative');
    expect(verified.data).not.toHaveProperty('reportedBy');
    expect(verified.data).not.toHaveProperty('description');
    expect(JSON.stringify(verified)).not.toMatch(/officer-gm0344|@example/);
    await hook.close();
  });

  it('retries a failing receiver with the same webhook-id, and lists the attempts', async () => {
    const hook = await receiver([500, 503]);
    const created = await subscribe(provinceAdmin, {
      url: hook.url,
      types: ['nl.praktijklus.escalation.raised'],
    });
    await api.raised();
    await until(() => hook.received.length >= 3);
    const ids = new Set(hook.received.map((r) => r.headers['webhook-id']));
    expect(ids.size).toBe(1);
    const deliveries = await server.request<Array<{ status: string; attempts: number; lastStatus: number }>>(
      'GET',
      `/api/v1/subscriptions/${created.body.id}/deliveries`,
      { token: provinceAdmin },
    );
    await until(() => true);
    expect(deliveries.status).toBe(200);
    expect(deliveries.body[0]).toMatchObject({ status: 'DELIVERED', attempts: 3, lastStatus: 204 });
    await hook.close();
  });

  it('dead-letters a delivery after WEBHOOK_MAX_ATTEMPTS', async () => {
    const hook = await receiver([500, 500, 500, 500]);
    const created = await subscribe(provinceAdmin, {
      url: hook.url,
      types: ['nl.praktijklus.escalation.raised'],
    });
    await api.raised();
    const deliveries = () =>
      server
        .request<Array<{ status: string; attempts: number }>>(
          'GET',
          `/api/v1/subscriptions/${created.body.id}/deliveries`,
          {
            token: provinceAdmin,
          },
        )
        .then((r) => r.body);
    let last = await deliveries();
    for (let i = 0; i < 200 && last[0]?.status !== 'DEAD'; i++) {
      await sleep(100);
      last = await deliveries();
    }
    expect(last[0]).toMatchObject({ status: 'DEAD', attempts: 3 });
    expect(hook.received).toHaveLength(3);
    await hook.close();
  });

  it('shows a delivery waiting for its retry in the outbox depth on /metrics, and none once it is dead', async () => {
    const depth = async (): Promise<number> => {
      const scrape = await server.request('GET', '/metrics', { token: WEBHOOK_METRICS_TOKEN });
      return Number(/^praktijklus_reactor_outbox_depth (\d+)$/m.exec(String(scrape.text))?.[1] ?? NaN);
    };
    // Whatever earlier tests left pending has gone out or died first.
    for (let i = 0; i < 300 && (await depth()) !== 0; i++) await sleep(50);
    expect(await depth()).toBe(0);

    const hook = await receiver([500, 500, 500]);
    try {
      await subscribe(provinceAdmin, { url: hook.url, types: ['nl.praktijklus.escalation.raised'] });
      await api.raised();
      await until(() => hook.received.length >= 1);
      // Between the first refusal and the retry, about WEBHOOK_RETRY_BASE_MS later, it waits in the
      // outbox (with the deliveries to the earlier tests' closed receivers of the same event type).
      expect(await depth()).toBeGreaterThanOrEqual(1);
      await until(() => hook.received.length >= 3);
      let after = await depth();
      for (let i = 0; i < 100 && after !== 0; i++) {
        await sleep(50);
        after = await depth();
      }
      expect(after).toBe(0);
    } finally {
      await hook.close();
    }
  });

  it('counts the attempts above by result on /metrics', async () => {
    const scrape = await server.request('GET', '/metrics', { token: WEBHOOK_METRICS_TOKEN });
    const count = (result: string): number =>
      Number(
        new RegExp(`^praktijklus_webhook_deliveries_total\\{result="${result}"\\} (\\d+)$`, 'm').exec(
          scrape.text,
        )?.[1] ?? 0,
      );
    expect(count('delivered')).toBeGreaterThan(0);
    expect(count('retry')).toBeGreaterThan(0);
    expect(count('dead')).toBeGreaterThan(0);
  });

  it('keeps subscriptions to their authority, without secrets, and ends them', async () => {
    const hook = await receiver();
    const created = await subscribe(utrechtAnalyst, {
      url: hook.url,
      types: ['nl.praktijklus.escalation.decided'],
    });
    const mine = await server.request<Array<Record<string, unknown>>>('GET', '/api/v1/subscriptions', {
      token: utrechtAdmin,
    });
    expect(mine.body.map((s) => s.id)).toContain(created.body.id);
    expect(JSON.stringify(mine.body)).not.toContain('whsec_');
    const theirs = await server.request('GET', `/api/v1/subscriptions/${created.body.id}/deliveries`, {
      token: amsterdamAdmin,
    });
    expect(theirs.status).toBe(404);
    expect(
      (await server.request('DELETE', `/api/v1/subscriptions/${created.body.id}`, { token: amsterdamAdmin }))
        .status,
    ).toBe(404);
    expect(
      (await server.request('DELETE', `/api/v1/subscriptions/${created.body.id}`, { token: utrechtAdmin }))
        .status,
    ).toBe(204);
    expect(
      (
        await server.request('GET', `/api/v1/subscriptions/${created.body.id}/deliveries`, {
          token: utrechtAdmin,
        })
      ).status,
    ).toBe(404);
    await hook.close();
  });

  it('refuses officers, unknown types, and neither or both of url and email', async () => {
    expect(
      (
        await subscribe(utrechtOfficer, {
          url: 'https://example.org/h',
          types: ['nl.praktijklus.escalation.raised'],
        })
      ).status,
    ).toBe(403);
    const badType = await subscribe(utrechtAdmin, {
      url: 'https://example.org/h',
      types: ['nl.praktijklus.nope'],
    });
    expect(badType.status).toBe(400);
    const neither = await subscribe(utrechtAdmin, { types: ['nl.praktijklus.escalation.raised'] });
    expect(neither.status).toBe(400);
    const ftp = await subscribe(utrechtAdmin, {
      url: 'ftp://example.org/h',
      types: ['nl.praktijklus.escalation.raised'],
    });
    expect(ftp.status).toBe(400);
  });
});

describe('webhooks: private networks refused by default', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });

  afterAll(async () => {
    await server.close();
  });

  it.each([
    'http://127.0.0.1:8080/hook',
    'http://localhost/hook',
    'http://10.1.2.3/hook',
    'http://192.168.1.1/hook',
    'http://169.254.169.254/latest/meta-data',
    'http://[::1]/hook',
    'http://[::ffff:127.0.0.1]/hook',
  ])('refuses %s with 400 WEBHOOK_URL_REFUSED', async (url) => {
    const answer = await server.request<{ code: string }>('POST', '/api/v1/subscriptions', {
      token: utrechtAdmin,
      body: { url, types: ['nl.praktijklus.escalation.raised'] },
    });
    expect(answer.status).toBe(400);
    expect(answer.body.code).toBe('WEBHOOK_URL_REFUSED');
  });
});
