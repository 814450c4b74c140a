import type { EventStore } from '@praktijklus/event-store';
import { EVENT_STORE } from '../apps/server/src/event-store/event-store.tokens';
import { startTestServer, type TestServer } from './support/test-server';

jest.setTimeout(30_000);

const officer = { sub: 'officer-1', roles: ['officer' as const], authority: 'gm0344' };
const PROBLEM = 'application/problem+json';

describe('platform (booted server over HTTP)', () => {
  let server: TestServer;
  const securityLog: string[] = [];

  beforeAll(async () => {
    server = await startTestServer({
      env: { BODY_LIMIT_BYTES: '2048', CONSISTENCY_TIMEOUT_MS: '300' },
      securityLogSink: (line) => securityLog.push(line),
    });
  });

  afterAll(async () => {
    await server.close();
  });

  describe('health', () => {
    it('answers /health without a token', async () => {
      const response = await server.request('GET', '/health');
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ status: 'ok' });
    });

    it('answers /ready with the store and every projection', async () => {
      const response = await server.request<{
        ready: boolean;
        store: { reachable: boolean };
        projections: Array<{ name: string; version: number; status: string; lag: number | null }>;
      }>('GET', '/ready');
      expect(response.status).toBe(200);
      expect(response.body.ready).toBe(true);
      expect(response.body.store.reachable).toBe(true);
      expect(response.body.projections.length).toBeGreaterThan(0);
      for (const projection of response.body.projections) {
        expect(projection).toEqual(
          expect.objectContaining({
            name: expect.any(String),
            version: expect.any(Number),
            status: expect.any(String),
          }),
        );
        expect(projection.status).not.toBe('halted');
      }
    });
  });

  describe('errors are problem+json', () => {
    it('404 ROUTE_NOT_FOUND for an unknown route', async () => {
      const response = await server.request('GET', '/api/v1/nothing-here', { token: officer });
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toContain(PROBLEM);
      expect(response.body).toEqual({
        type: 'urn:praktijklus:problem:route-not-found',
        title: 'Not Found',
        status: 404,
        detail: 'There is no such route.',
        code: 'ROUTE_NOT_FOUND',
      });
    });

    it('401 without a token on a route that needs one, and logs the refusal without personal data', async () => {
      const response = await server.graphql('{ policyDomains { code } }');
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] });
      const line = securityLog.map((l) => JSON.parse(l) as Record<string, unknown>).pop();
      expect(line).toMatchObject({ event: 'authorization_refused', status: 401 });
    });

    it('413 BODY_TOO_LARGE beyond BODY_LIMIT_BYTES', async () => {
      const response = await server.request('POST', '/graphql', {
        token: officer,
        body: { query: `{ policyDomains { code } }`, padding: 'x'.repeat(4096) },
      });
      expect(response.status).toBe(413);
      expect(response.headers.get('content-type')).toContain(PROBLEM);
      expect(response.body).toMatchObject({ status: 413, code: 'BODY_TOO_LARGE' });
    });

    it('415 UNSUPPORTED_MEDIA_TYPE for a body that is not JSON', async () => {
      for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/xml']) {
        const response = await server.request('POST', '/graphql', {
          token: officer,
          body: 'query={policyDomains{code}}',
          headers: { 'content-type': type },
        });
        expect(response.status).toBe(415);
        expect(response.body).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
      }
    });

    it('400 MALFORMED_JSON for a broken JSON body', async () => {
      const response = await server.request('POST', '/graphql', {
        token: officer,
        body: '{"query": ',
        headers: { 'content-type': 'application/json' },
      });
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toContain(PROBLEM);
      expect(response.body).toMatchObject({ code: 'MALFORMED_JSON' });
    });

    it('400 for __proto__ and constructor keys, also spelled with escapes', async () => {
      for (const body of [
        '{"query":"{ policyDomains { code } }","__proto__":{"admin":true}}',
        '{"query":"{ policyDomains { code } }","variables":{"constructor":{"prototype":{}}}}',
        '{"query":"{ policyDomains { code } }","\\u005f_proto__":{}}',
      ]) {
        const response = await server.request('POST', '/graphql', {
          token: officer,
          body,
          headers: { 'content-type': 'application/json' },
        });
        expect(response.status).toBe(400);
        expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED' });
      }
      expect(({} as Record<string, unknown>).admin).toBeUndefined();
    });

    it('never leaks a stack trace', async () => {
      const response = await server.request('POST', '/graphql', {
        token: officer,
        body: '{"query": ',
        headers: { 'content-type': 'application/json' },
      });
      expect(response.text).not.toMatch(/at .+\.(ts|js):\d+/);
      expect(response.text).not.toContain(server.dataDir);
    });
  });

  describe('URLs the router cannot take are problem+json too', () => {
    it('400 MALFORMED_URL for a %-escape that does not decode', async () => {
      for (const path of ['/api/v1/signals/%ff', '/api/v1/signals/%c0%ae', '/api/v1/escalations/%E0%A4%A']) {
        const response = await server.request('GET', path, { token: officer });
        expect(response.status).toBe(400);
        expect(response.headers.get('content-type')).toContain(PROBLEM);
        expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
        expect(response.body).toEqual({
          type: 'urn:praktijklus:problem:malformed-url',
          title: 'Bad Request',
          status: 400,
          detail: 'The URL is not valid: a %-escape in it does not decode.',
          code: 'MALFORMED_URL',
        });
      }
    });

    it('414 URI_TOO_LONG for a path parameter longer than 200 characters, without echoing it', async () => {
      const response = await server.request('GET', `/api/v1/signals/${'a'.repeat(300)}`, { token: officer });
      expect(response.status).toBe(414);
      expect(response.headers.get('content-type')).toContain(PROBLEM);
      expect(response.body).toMatchObject({ status: 414, code: 'URI_TOO_LONG' });
      expect(response.text).not.toContain('a'.repeat(201));
    });

    it('431 HEADERS_TOO_LARGE problem+json for a request line and headers over 16 KB', async () => {
      const response = await server.request('GET', `/api/v1/signals?q=${'x'.repeat(100_000)}`, {
        token: officer,
      });
      expect(response.status).toBe(431);
      expect(response.headers.get('content-type')).toContain(PROBLEM);
      expect(response.body).toMatchObject({ status: 431, code: 'HEADERS_TOO_LARGE' });
    });
  });

  describe('security defaults', () => {
    it('sends security headers', async () => {
      const response = await server.request('GET', '/health');
      expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('keeps CORS closed without CORS_ORIGINS', async () => {
      const response = await server.request('GET', '/health', {
        headers: { origin: 'https://evil.example' },
      });
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
      const preflight = await server.request('OPTIONS', '/graphql', {
        headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
      });
      expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    });
  });

  describe('GraphQL', () => {
    it('answers authorities of a layer to a signed-in user', async () => {
      const response = await server.graphql<{ data: { authorities: Array<{ id: string; layer: string }> } }>(
        'query ($layer: GovernmentLayer) { authorities(layer: $layer) { id name layer } }',
        { token: officer, variables: { layer: 'PROVINCE' } },
      );
      expect(response.status).toBe(200);
      const authorities = response.body.data.authorities;
      expect(authorities.map((a) => a.id)).toContain('pv26');
      expect(authorities.every((a) => a.layer === 'PROVINCE')).toBe(true);
    });

    it('refuses the same query without a token with UNAUTHENTICATED', async () => {
      const response = await server.graphql<{
        data: unknown;
        errors: Array<{ extensions: { code: string } }>;
      }>('{ authorities { id } }');
      expect(response.body.data).toBeNull();
      expect(response.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    });

    it('refuses a too deep query quickly with a clear error', async () => {
      const deep = `{ ${'a { '.repeat(12)}b${' }'.repeat(12)} }`;
      const started = Date.now();
      const response = await server.graphql<{
        errors: Array<{ message: string; extensions: { code: string } }>;
      }>(deep, {
        token: officer,
      });
      expect(Date.now() - started).toBeLessThan(2000);
      expect(response.body.errors[0].message).toMatch(/depth limit of 8 exceeded/i);
      expect(response.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    });

    it('counts every alias: refuses more than 15', async () => {
      const aliases = Array.from({ length: 20 }, (_, i) => `d${i}: policyDomains { code }`).join(' ');
      const response = await server.graphql<{ errors: Array<{ message: string }> }>(`{ ${aliases} }`, {
        token: officer,
      });
      expect(response.body.errors[0].message).toMatch(/aliases limit of 15 exceeded/i);
    });

    it('refuses batched operations', async () => {
      const response = await server.request('POST', '/graphql', {
        token: officer,
        body: [{ query: '{ policyDomains { code } }' }, { query: '{ policyDomains { code } }' }],
      });
      expect(response.status).toBe(400);
    });

    it('answers CONSISTENCY_TIMEOUT when the read models cannot reach the position in time', async () => {
      const started = Date.now();
      const response = await server.graphql<{
        data: unknown;
        errors: Array<{ extensions: { code: string } }>;
      }>('{ policyDomains { code } }', { token: officer, headers: { 'x-consistent-with': '999999999' } });
      expect(response.body.errors[0].extensions.code).toBe('CONSISTENCY_TIMEOUT');
      expect(response.body.data ?? null).toBeNull();
      expect(Date.now() - started).toBeGreaterThanOrEqual(250);
      // The condition the header states does not hold (yet), as for a failed If-Match; retry shortly.
      expect(response.status).toBe(412);
      expect(response.headers.get('retry-after')).toBe('1');
    });

    it('refuses an X-Consistent-With that is no position with 400 and BAD_USER_INPUT', async () => {
      for (const position of ['not a position!', 'abc']) {
        const response = await server.graphql<{
          data: unknown;
          errors: Array<{ extensions: { code: string } }>;
        }>('{ policyDomains { code } }', { token: officer, headers: { 'x-consistent-with': position } });
        expect(response.status).toBe(400);
        expect(response.body.data ?? null).toBeNull();
        expect(response.body.errors.map((error) => error.extensions.code)).toEqual(['BAD_USER_INPUT']);
      }
    });

    it('answers once the read models have processed a written position', async () => {
      const store = server.app.get<EventStore>(EVENT_STORE);
      const { position } = await store.append(
        'platform-probe-1',
        [
          {
            id: '4b6f0e36-2b8e-4d6a-9c59-1f5b8f0a7c21',
            type: 'PlatformProbed',
            data: {},
            metadata: {
              actor: { sub: 'e2e', authority: 'gm0344', roles: ['admin'] },
              correlationId: 'e2e',
              causationId: 'e2e',
              schemaVersion: 1,
            },
          },
        ],
        { expectedRevision: 'NO_STREAM' },
      );
      const response = await server.graphql<{ data: { policyDomains: unknown[] } }>(
        '{ policyDomains { code } }',
        {
          token: officer,
          headers: { 'x-consistent-with': position },
        },
      );
      expect(response.body.data.policyDomains.length).toBeGreaterThan(0);
    });
  });

  describe('OpenAPI', () => {
    it('serves the document with bearer auth declared', async () => {
      const response = await server.request<{
        info: { title: string };
        components: { securitySchemes: object };
      }>('GET', '/api/docs-json');
      expect(response.status).toBe(200);
      expect(response.body.info.title).toBe('Praktijklus API');
      expect(response.body.components.securitySchemes).toHaveProperty('bearer');
    });

    it('serves the UI', async () => {
      const response = await server.request('GET', '/api/docs');
      expect(response.status).toBe(200);
      expect(response.text).toContain('swagger');
    });
  });
});
