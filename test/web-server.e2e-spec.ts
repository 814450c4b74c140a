import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebModule } from '../apps/server/src/web/web.module';
import { startTestServer, type TestServer } from './support/test-server';

// The server side of the web app: the SPA at / without shadowing the API, the sign-in
// configuration, and development tokens that the API accepts (and that production refuses).

const INDEX = '<!doctype html><html lang="nl"><body><div id="root"></div></body></html>';

function fakeDist(): string {
  const dir = mkdtempSync(join(tmpdir(), 'praktijklus-web-dist-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), INDEX);
  writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.log("app");');
  writeFileSync(join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  return dir;
}

interface Problem {
  code: string;
  errors?: { field: string; message: string }[];
}

describe('web app hosting and development sign-in', () => {
  let server: TestServer;
  let dist: string;

  beforeAll(async () => {
    dist = fakeDist();
    server = await startTestServer({
      modules: [WebModule.forRoot({ distDir: dist, oidcClientId: 'praktijklus-web' })],
    });
  }, 60_000);

  afterAll(async () => {
    await server?.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('serves index.html at / and for deep links, not cached', async () => {
    for (const path of [
      '/',
      '/signals/0d9e1c52-7f43-4a3e-9b7e-1c2d3e4f5a6b',
      '/escalations',
      '/auth/callback?code=x',
    ]) {
      const response = await server.request('GET', path);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(response.text).toBe(INDEX);
      expect(response.headers.get('cache-control')).toBe('no-cache');
    }
  });

  it('serves built files as they are, hashed assets cached for a year', async () => {
    const asset = await server.request('GET', '/assets/index-abc123.js');
    expect(asset.status).toBe(200);
    expect(asset.text).toBe('console.log("app");');
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect((await server.request('GET', '/favicon.svg')).headers.get('content-type')).toMatch(/svg/);
  });

  it('answers a missing file with 404 rather than the app', async () => {
    const response = await server.request<Problem>('GET', '/assets/missing-123.js');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/problem\+json/);
  });

  it('never answers API, GraphQL or probe paths with the app', async () => {
    for (const path of ['/api/v1/no-such-thing', '/api', '/graphql/x', '/health/x', '/ready/x']) {
      const response = await server.request<Problem>('GET', path);
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toMatch(/problem\+json/);
    }
    expect((await server.request('GET', '/health')).body).toEqual({ status: 'ok' });
  });

  it('answers only browser routes with the app: any other path is a problem+json 404 (issue 21)', async () => {
    for (const path of [
      '/metrics',
      '//api/v1/signals',
      '/API/v1/signals',
      '/api%2Fv1%2Fsignals',
      '/graphql;x',
      '/actuator/health',
      '/admin',
      '/signals/0d9e1c52-7f43-4a3e-9b7e-1c2d3e4f5a6b/history',
      '/dashboard/x',
      '/sign-in/x',
    ]) {
      const response = await server.request<Problem>('GET', path);
      expect({ path, status: response.status }).toEqual({ path, status: 404 });
      expect(response.headers.get('content-type')).toMatch(/problem\+json/);
      expect(response.text).not.toContain('<div id="root">');
    }
    for (const path of [
      '/sign-in?returnTo=%2Fsignals',
      '/signals/new',
      '/escalations/new?signals=a,b',
      '/escalations/0d9e1c52-7f43-4a3e-9b7e-1c2d3e4f5a6b',
      '/agreements',
      '/experiments',
      '/dashboard',
    ]) {
      const response = await server.request('GET', path);
      expect({ path, status: response.status }).toEqual({ path, status: 200 });
      expect(response.text).toBe(INDEX);
    }
  });

  it('does not serve files outside the build folder', async () => {
    for (const path of ['/../package.json', '/assets/../../package.json', '/%2e%2e/package.json']) {
      const response = await server.request('GET', path);
      expect(response.text).not.toContain('"name": "praktijklus"');
    }
  });

  it('tells the web app how to sign in', async () => {
    const response = await server.request('GET', '/api/v1/auth/config');
    expect(response.status).toBe(200);
    // No AUTH_ISSUER: no OIDC provider, development sign-in on.
    expect(response.body).toEqual({ developmentTokens: true, oidc: null });
  });

  it('lists the authorities for the development sign-in page without a token', async () => {
    const response = await server.request<{ id: string; name: string; layer: string }[]>(
      'GET',
      '/api/v1/dev/authorities',
    );
    expect(response.status).toBe(200);
    expect(response.body).toContainEqual({
      id: 'gm0344',
      name: 'Gemeente Utrecht',
      layer: 'MUNICIPALITY',
      province: 'pv26',
    });
  });

  it('issues a development token the API accepts, with the chosen claims', async () => {
    const issued = await server.request<{ token: string; expiresAt: string }>('POST', '/api/v1/dev/token', {
      body: { sub: 'officer-7', roles: ['officer'], authority: 'gm0363', name: 'Sanne Bakker' },
    });
    expect(issued.status).toBe(201);
    const claims = JSON.parse(Buffer.from(issued.body.token.split('.')[1], 'base64url').toString('utf8'));
    expect(claims).toMatchObject({
      sub: 'officer-7',
      roles: ['officer'],
      authority: 'gm0363',
      name: 'Sanne Bakker',
    });
    expect(new Date(issued.body.expiresAt).getTime()).toBeGreaterThan(Date.now());

    const read = await server.graphql<{ data: { policyDomains: { code: string }[] } }>(
      '{ policyDomains { code } }',
      {
        token: issued.body.token,
      },
    );
    expect(read.status).toBe(200);
    expect(read.body.data.policyDomains.map((d) => d.code)).toContain('building');
  });

  it('refuses a bad token request with field errors', async () => {
    const response = await server.request<Problem>('POST', '/api/v1/dev/token', {
      body: { sub: 'a b', roles: ['boss'], authority: 'gm0344', actor: 'x' },
    });
    expect(response.status).toBe(400);
    expect(response.body.errors?.map((e) => e.field).sort()).toEqual(['actor', 'roles', 'sub']);

    const unknown = await server.request<Problem>('POST', '/api/v1/dev/token', {
      body: { sub: 'officer-1', roles: ['officer'], authority: 'gm9999' },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([{ field: 'authority', message: expect.stringContaining('gm9999') }]);
  });
});

describe('web app sign-in in production', () => {
  let server: TestServer;
  let dist: string;

  beforeAll(async () => {
    dist = fakeDist();
    server = await startTestServer({
      env: { NODE_ENV: 'production', AUTH_ISSUER: 'https://login.example.nl/realms/praktijklus' },
      modules: [WebModule.forRoot({ distDir: dist, oidcClientId: 'praktijklus-web' })],
    });
  }, 60_000);

  afterAll(async () => {
    await server?.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('points the web app to the OIDC provider and turns development sign-in off', async () => {
    const response = await server.request('GET', '/api/v1/auth/config');
    expect(response.body).toEqual({
      developmentTokens: false,
      oidc: {
        issuer: 'https://login.example.nl/realms/praktijklus',
        clientId: 'praktijklus-web',
        scope: 'openid profile',
      },
    });
  });

  it('answers the development endpoints with 404', async () => {
    const token = await server.request<Problem>('POST', '/api/v1/dev/token', {
      body: { sub: 'officer-1', roles: ['officer'], authority: 'gm0344' },
    });
    expect(token.status).toBe(404);
    expect(token.text).not.toContain('eyJ');
    expect((await server.request('GET', '/api/v1/dev/authorities')).status).toBe(404);
  });
});

describe('development sign-in on a server others can reach', () => {
  let server: TestServer;
  let dist: string;

  beforeAll(async () => {
    dist = fakeDist();
    // Settings as a server bound to every interface would have them (the harness still listens on loopback).
    server = await startTestServer({
      env: { HOST: '0.0.0.0' },
      modules: [WebModule.forRoot({ distDir: dist })],
    });
  }, 60_000);

  afterAll(async () => {
    await server?.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('is off without NODE_ENV=production: no development tokens unless HOST is a loopback address', async () => {
    expect((await server.request('GET', '/api/v1/auth/config')).body).toEqual({
      developmentTokens: false,
      oidc: null,
    });
    const token = await server.request<Problem>('POST', '/api/v1/dev/token', {
      body: { sub: 'admin-1', roles: ['admin'], authority: 'gm0344' },
    });
    expect(token.status).toBe(404);
    expect(token.text).not.toContain('eyJ');
    expect((await server.request('GET', '/api/v1/dev/authorities')).status).toBe(404);
  });
});
