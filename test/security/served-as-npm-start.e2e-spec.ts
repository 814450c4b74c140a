import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  npmStartCommand,
  readResponse,
  spawnServer,
  testToken,
  type SpawnedServer,
  type TestResponse,
} from '@praktijklus/testing';

// The server as `npm start` runs it (main.ts: the web app mounted, its own process, with the start
// script's environment and node options, which its worker threads must accept), in production.
jest.setTimeout(60_000);

const PROBLEM = 'application/problem+json';
const officer = { sub: 'officer-1', roles: ['officer' as const], authority: 'gm0344' };

describe('a production server started as npm start starts it', () => {
  let dataDir: string;
  let server: SpawnedServer;
  let url: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'praktijklus-npm-start-'));
    const start = npmStartCommand();
    server = await spawnServer({
      env: { ...start.env, DATA_DIR: dataDir, NODE_ENV: 'production' },
      nodeArgs: start.nodeArgs,
    });
    if (server.url === undefined) throw new Error(`server did not start:\n${server.output()}`);
    url = server.url;
  });

  afterAll(async () => {
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const send = async (
    method: string,
    path: string,
    init: { body?: string; headers?: Record<string, string> } = {},
  ): Promise<TestResponse<Record<string, unknown>>> =>
    readResponse(await fetch(`${url}${path}`, { method, headers: init.headers, body: init.body }));

  /** What a client can compare between two answers: everything but the per-request id. */
  const comparable = (response: TestResponse<Record<string, unknown>>) => {
    const headers = Object.fromEntries(
      [...response.headers.entries()].filter(([name]) => !['x-request-id', 'date'].includes(name)),
    );
    return { status: response.status, headers, text: response.text };
  };

  describe('development sign-in is as absent as any unknown route', () => {
    const bodies: Array<{ body?: string; headers?: Record<string, string> }> = [
      {
        body: JSON.stringify({ sub: 'admin-1', roles: ['admin'], authority: 'gm0344' }),
        headers: { 'content-type': 'application/json' },
      },
      { body: '{}', headers: { 'content-type': 'application/json' } },
      { body: '{"sub": ', headers: { 'content-type': 'application/json' } },
      { body: 'sub=admin-1', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
      {},
    ];

    it.each(bodies.map((init, index) => [index, init] as const))(
      'POST /api/v1/dev/token (body %i) answers as POST to a route that does not exist',
      async (_, init) => {
        const token = await send('POST', '/api/v1/dev/token', init);
        const missing = await send('POST', '/api/v1/dev/no-such-route', init);
        expect(comparable(token)).toEqual(comparable(missing));
        expect(token.text).not.toContain('eyJ');
      },
    );

    it('POST /api/v1/dev/token with a valid body is 404 ROUTE_NOT_FOUND', async () => {
      const token = await send('POST', '/api/v1/dev/token', bodies[0]);
      expect({ status: token.status, code: token.body.code }).toEqual({
        status: 404,
        code: 'ROUTE_NOT_FOUND',
      });
    });

    it('GET /api/v1/dev/authorities answers as a route that does not exist', async () => {
      const authorities = await send('GET', '/api/v1/dev/authorities');
      expect(comparable(authorities)).toEqual(comparable(await send('GET', '/api/v1/dev/no-such-route')));
    });

    it('is not in the OpenAPI document', async () => {
      const document = await send('GET', '/api/docs-json');
      expect(document.status).toBe(200);
      const paths = Object.keys(document.body.paths as Record<string, unknown>);
      expect(paths).toContain('/api/v1/auth/config');
      expect(paths.filter((path) => path.startsWith('/api/v1/dev'))).toEqual([]);
      expect(document.text).not.toContain('DevelopmentTokenDto');
    });
  });

  describe('URLs the router or the HTTP parser refuse are problem+json', () => {
    it('414 URI_TOO_LONG for a path parameter over 200 characters, as the in-process server answers', async () => {
      const token = await testToken(officer);
      for (const path of [
        `/api/v1/signals/${'a'.repeat(300)}`,
        `/api/v1/escalations/${'b'.repeat(201)}/history`,
      ]) {
        const response = await send('GET', path, { headers: { authorization: `Bearer ${token}` } });
        expect({ path, status: response.status, code: response.body?.code }).toEqual({
          path,
          status: 414,
          code: 'URI_TOO_LONG',
        });
        expect(response.headers.get('content-type')).toContain(PROBLEM);
        expect(response.text).not.toContain('a'.repeat(201));
      }
    });

    it('431 HEADERS_TOO_LARGE problem+json for a 100 KB query string, not Node’s plain JSON', async () => {
      const response = await send('GET', `/api/v1/signals?q=${'x'.repeat(100_000)}`);
      expect(response.status).toBe(431);
      expect(response.headers.get('content-type')).toContain(PROBLEM);
      expect(response.body).toEqual({
        type: 'urn:praktijklus:problem:headers-too-large',
        title: 'Request Header Fields Too Large',
        status: 431,
        detail: 'The request line and headers are too large (at most 16 KB together, the URL included).',
        code: 'HEADERS_TOO_LARGE',
      });
      expect(response.text).not.toContain('xxxx');
    });

    it('431 HEADERS_TOO_LARGE problem+json for headers over the limit', async () => {
      const response = await send('GET', '/health', { headers: { 'x-filler': 'y'.repeat(100_000) } });
      expect(response.status).toBe(431);
      expect(response.headers.get('content-type')).toContain(PROBLEM);
      expect(response.body).toMatchObject({ status: 431, code: 'HEADERS_TOO_LARGE' });
      expect(response.text).not.toContain('yyyy');
    });

    it('still serves requests after refusing those', async () => {
      expect((await send('GET', '/health')).status).toBe(200);
    });
  });
});
