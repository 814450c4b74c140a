import { connect, type Socket } from 'node:net';
import { startTestServer, type TestServer } from '../support/test-server';
import type { TestResponse } from '../../libs/testing/src/http-response';
import type { TokenClaims } from '../../libs/testing/src/test-token';
import { expectProblemJson, unknownId, userOf } from './security.fixtures';

jest.setTimeout(60_000);

const officer = userOf('officer', 'gm0344');
const admin = userOf('admin', 'gm0599');

function expectTooMany(response: TestResponse<unknown>): void {
  expect(expectProblemJson(response, 429).code).toBe('TOO_MANY_REQUESTS');
  const retryAfter = Number(response.headers.get('retry-after'));
  expect(Number.isInteger(retryAfter)).toBe(true);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(60);
}

describe('abuse limits', () => {
  describe('rate limiting (RATE_LIMIT_PER_MINUTE=5, no trusted proxy)', () => {
    let server: TestServer;
    const read = (token?: TokenClaims | string, headers: Record<string, string> = {}) =>
      server.request('GET', `/api/v1/signals/${unknownId()}`, {
        ...(token === undefined ? {} : { token }),
        headers,
      });

    beforeAll(async () => {
      server = await startTestServer({ env: { RATE_LIMIT_PER_MINUTE: '5' } });
    });

    afterAll(async () => {
      await server.close();
    });

    it('limits each signed-in user on their own: the sixth request in a minute is 429 problem+json with Retry-After', async () => {
      const first = userOf('analyst', 'gm0344');
      for (let i = 0; i < 5; i++) expect((await read(first)).status).toBe(404);
      expectTooMany(await read(first));
      // The same address, another user: a fresh allowance.
      expect((await read(userOf('analyst', 'gm0363'))).status).toBe(404);
    });

    it('counts REST and GraphQL requests against the same allowance', async () => {
      const user = userOf('analyst', 'pv26');
      for (let i = 0; i < 3; i++) expect((await read(user)).status).toBe(404);
      for (let i = 0; i < 2; i++) {
        expect((await server.graphql('{ policyDomains { code } }', { token: user })).status).toBe(200);
      }
      expectTooMany(await server.graphql('{ policyDomains { code } }', { token: user }));
    });

    it('never limits /health and /ready', async () => {
      for (let i = 0; i < 12; i++) {
        expect((await server.request('GET', '/health')).status).toBe(200);
        expect((await server.request('GET', '/ready')).status).toBe(200);
      }
    });

    it('limits anonymous requests per client address; a forged X-Forwarded-For or a bad token buys no new allowance', async () => {
      for (let i = 0; i < 5; i++) expect((await read()).status).toBe(401);
      expectTooMany(await read());
      expectTooMany(await read(undefined, { 'x-forwarded-for': '198.51.100.23' }));
      expectTooMany(await read('not-a-token'));
      expectTooMany(await read(`${await server.token(officer)}x`));
      // A signed-in user at the same address keeps their own allowance.
      expect((await read(officer)).status).toBe(404);
    });
  });

  describe('rate limiting behind a trusted proxy (TRUST_PROXY=127.0.0.1, RATE_LIMIT_PER_MINUTE=3)', () => {
    let server: TestServer;
    const fromClient = (forwardedFor: string) =>
      server.request('GET', `/api/v1/signals/${unknownId()}`, {
        headers: { 'x-forwarded-for': forwardedFor },
      });

    beforeAll(async () => {
      // The test connects from 127.0.0.1: it plays the reverse proxy.
      server = await startTestServer({ env: { RATE_LIMIT_PER_MINUTE: '3', TRUST_PROXY: '127.0.0.1' } });
    });

    afterAll(async () => {
      await server.close();
    });

    it('keys anonymous requests by the client address the proxy reports', async () => {
      for (let i = 0; i < 3; i++) expect((await fromClient('203.0.113.10')).status).toBe(401);
      expectTooMany(await fromClient('203.0.113.10'));
      expect((await fromClient('203.0.113.11')).status).toBe(401);
    });

    it('takes the address the trusted proxy saw, not one the client put in front of it', async () => {
      for (let i = 0; i < 3; i++) expect((await fromClient('203.0.113.20')).status).toBe(401);
      // The client forged 198.51.100.1; the proxy appended the address it really saw.
      expectTooMany(await fromClient('198.51.100.1, 203.0.113.20'));
      expect((await fromClient('203.0.113.20, 198.51.100.2')).status).toBe(401);
    });
  });

  describe('security headers, CORS, GraphQL limits and timeouts (development settings)', () => {
    let server: TestServer;

    beforeAll(async () => {
      server = await startTestServer({ env: { REQUEST_TIMEOUT_MS: '1000' } });
    });

    afterAll(async () => {
      await server.close();
    });

    it('sends helmet security headers on every kind of answer, without HSTS outside production', async () => {
      const answers = [
        await server.request('GET', '/health'),
        await server.request('GET', `/api/v1/signals/${unknownId()}`),
        await server.request('GET', '/api/v1/no-such-route', { token: officer }),
        await server.graphql('{ policyDomains { code } }', { token: officer }),
        // Refused by the JSON-only body hook before any route runs.
        await server.request('POST', '/api/v1/signals', {
          token: officer,
          body: 'title=x',
          headers: { 'content-type': 'text/plain' },
        }),
      ];
      for (const response of answers) {
        const csp = response.headers.get('content-security-policy') ?? '';
        expect(csp).toContain("default-src 'self'");
        expect(csp).toContain("frame-ancestors 'none'");
        expect(csp).toContain("object-src 'none'");
        expect(response.headers.get('x-content-type-options')).toBe('nosniff');
        expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
        expect(response.headers.get('referrer-policy')).toBe('no-referrer');
        expect(response.headers.get('cross-origin-opener-policy')).toBe('same-origin');
        expect(response.headers.get('cross-origin-resource-policy')).toBe('same-origin');
        expect(response.headers.get('x-powered-by')).toBeNull();
        expect(response.headers.get('strict-transport-security')).toBeNull();
      }
    });

    it('keeps CORS closed without CORS_ORIGINS: no Access-Control-Allow-Origin for any origin', async () => {
      for (const origin of ['https://evil.example', 'null', server.url]) {
        const preflight = await server.request('OPTIONS', '/api/v1/signals', {
          headers: {
            origin,
            'access-control-request-method': 'POST',
            'access-control-request-headers': 'authorization,content-type',
          },
        });
        expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
        const simple = await server.request('GET', '/health', { headers: { origin } });
        expect(simple.headers.get('access-control-allow-origin')).toBeNull();
      }
    });

    describe('GraphQL limits', () => {
      const aliased = (count: number, field = 'policyDomains { code }') =>
        Array.from({ length: count }, (_, i) => `a${i}: ${field}`).join(' ');
      const errorsOf = (response: TestResponse<unknown>) =>
        (response.body as { errors?: Array<{ message: string; extensions?: { code?: string } }> }).errors ??
        [];

      it('counts every alias: 15 pass, 16 are refused', async () => {
        expect(errorsOf(await server.graphql(`{ ${aliased(15)} }`, { token: officer }))).toEqual([]);
        const refused = await server.graphql(`{ ${aliased(16)} }`, { token: officer });
        expect(refused.status).toBe(400);
        expect(errorsOf(refused)[0].message).toMatch(/aliases limit of 15 exceeded, found 16/i);
      });

      it('counts aliases inside fragments each time the fragment is spread, and inside inline fragments', async () => {
        const eight = `fragment Eight on Query { ${aliased(8)} }`;
        const inline = `... on Query { ${aliased(8, 'authorities { id }').replace(/a(\d+):/g, 'b$1:')} }`;
        for (const document of [`{ ...Eight ...Eight } ${eight}`, `{ ...Eight ${inline} } ${eight}`]) {
          const refused = await server.graphql(document, { token: officer });
          expect(refused.status).toBe(400);
          expect(errorsOf(refused)[0]?.message).toMatch(/aliases limit of 15 exceeded, found 16/i);
        }
      });

      it('adds up the cost of every aliased copy: three large pages pass, four exceed the cost limit', async () => {
        const page = 'signals(first: 100) { edges { node { id title } } }';
        expect(errorsOf(await server.graphql(`{ ${aliased(3, page)} }`, { token: officer }))).toEqual([]);
        const refused = await server.graphql(`{ ${aliased(4, page)} }`, { token: officer });
        expect(refused.status).toBe(400);
        expect(errorsOf(refused)[0].message).toMatch(/cost limit of 5000 exceeded/i);
      });

      it('refuses batched requests (an array of operations), even of one, with 400 and runs none of them', async () => {
        for (const batch of [
          [{ query: '{ policyDomains { code } }' }],
          [{ query: '{ policyDomains { code } }' }, { query: '{ authorities { id } }' }],
        ]) {
          const response = await server.request('POST', '/graphql', { token: officer, body: batch });
          expect(response.status).toBe(400);
          expect(response.text).not.toContain('"data"');
          expect(errorsOf(response)[0].message).toMatch(/batching disabled/i);
        }
      });

      it('refuses fragment cycles and over-deep documents quickly', async () => {
        const started = Date.now();
        const cycle = await server.graphql(
          '{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }',
          { token: officer },
        );
        expect(cycle.status).toBe(400);
        const deep = await server.graphql(
          `{ ${'signals { edges { node { '.repeat(5)}id${' } } }'.repeat(5)} }`,
          {
            token: officer,
          },
        );
        expect(deep.status).toBe(400);
        expect(
          errorsOf(deep)
            .map((error) => error.message)
            .join(' '),
        ).toMatch(/depth limit of 8 exceeded/i);
        expect(Date.now() - started).toBeLessThan(2000);
      });
    });

    describe('request timeouts', () => {
      const openSocket = (): Promise<Socket> =>
        new Promise((resolve, reject) => {
          const { hostname, port } = new URL(server.url);
          const socket = connect({ host: hostname, port: Number(port) }, () => resolve(socket));
          socket.on('error', reject);
        });
      const closed = (socket: Socket): Promise<string> =>
        new Promise((resolve) => {
          let received = '';
          socket.on('data', (chunk: Buffer) => {
            received += chunk.toString('latin1');
          });
          socket.on('close', () => resolve(received));
        });

      it('cuts a client that stops sending halfway through a request body', async () => {
        const socket = await openSocket();
        const done = closed(socket);
        const started = Date.now();
        socket.write(
          'POST /api/v1/signals HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n' +
            'Content-Length: 1000\r\n\r\n{"type":',
        );
        await done;
        // REQUEST_TIMEOUT_MS=1000: an idle connection is cut after twice that.
        expect(Date.now() - started).toBeLessThan(5000);
      });

      it.each([
        [
          'a body',
          'POST /api/v1/signals HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n',
          ' ',
        ],
        ['its headers', 'GET /health HTTP/1.1\r\nHost: localhost\r\n', 'X-Drip: 1\r\n'],
      ])(
        'answers 408 and closes when a client drips %s too slowly to finish within REQUEST_TIMEOUT_MS',
        async (_what, start, drip) => {
          const socket = await openSocket();
          const done = closed(socket);
          const started = Date.now();
          socket.write(start);
          // Never idle long enough for the idle-socket cut: only the request deadline can end this.
          const dripping = setInterval(() => socket.write(drip), 200);
          try {
            const answer = await done;
            expect(answer).toMatch(/^HTTP\/1\.1 408 /);
            expect(Date.now() - started).toBeLessThan(4000);
          } finally {
            clearInterval(dripping);
          }
        },
      );

      it('cuts a client that never finishes its headers, and keeps answering others meanwhile', async () => {
        const sockets = await Promise.all(Array.from({ length: 10 }, () => openSocket()));
        const done = Promise.all(sockets.map(closed));
        const started = Date.now();
        for (const socket of sockets) socket.write('GET /health HTTP/1.1\r\nHost: localhost\r\nX-Slow: ');
        const healthy = await server.request('GET', '/health');
        expect(healthy.status).toBe(200);
        await done;
        expect(Date.now() - started).toBeLessThan(5000);
      });
    });
  });

  describe('production settings (NODE_ENV=production, CORS_ORIGINS set)', () => {
    let server: TestServer;
    const app = 'https://praktijklus.example.nl';

    beforeAll(async () => {
      server = await startTestServer({ env: { NODE_ENV: 'production', CORS_ORIGINS: app } });
    });

    afterAll(async () => {
      await server.close();
    });

    it('sends HSTS and asks browsers to upgrade insecure requests', async () => {
      const response = await server.request('GET', '/health');
      expect(response.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
      expect(response.headers.get('content-security-policy')).toContain('upgrade-insecure-requests');
    });

    it('answers a preflight from the configured origin, without credentials, and nobody else', async () => {
      const preflight = (origin: string) =>
        server.request('OPTIONS', '/graphql', {
          headers: {
            origin,
            'access-control-request-method': 'POST',
            'access-control-request-headers': 'authorization,content-type,x-consistent-with',
          },
        });
      const allowed = await preflight(app);
      expect(allowed.headers.get('access-control-allow-origin')).toBe(app);
      expect(allowed.headers.get('access-control-allow-credentials')).toBeNull();
      expect((allowed.headers.get('access-control-allow-headers') ?? '').toLowerCase()).toContain(
        'authorization',
      );
      for (const origin of [
        'https://evil.example',
        `${app}.evil.example`,
        'http://praktijklus.example.nl',
        'null',
      ]) {
        expect((await preflight(origin)).headers.get('access-control-allow-origin')).toBeNull();
      }
      const simple = await server.request('GET', '/health', { headers: { origin: 'https://evil.example' } });
      expect(simple.headers.get('access-control-allow-origin')).toBeNull();
    });

    it('turns off GraphQL introspection and field suggestions', async () => {
      const introspection = await server.graphql('{ __schema { types { name } } }', { token: admin });
      expect(introspection.status).toBe(400);
      expect(introspection.text).not.toContain('SignalConnection');
      const typo = await server.graphql('{ signalz { totalCount } }', { token: admin });
      expect(typo.status).toBe(400);
      expect(typo.text).not.toMatch(/did you mean/i);
      expect(typo.text).not.toContain('"signals"');
    });
  });
});
