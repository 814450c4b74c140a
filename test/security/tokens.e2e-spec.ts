import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  base64url,
  exportJWK,
  exportSPKI,
  generateKeyPair,
  type JWK,
  type JWTPayload,
  SignJWT,
  type CryptoKey,
} from 'jose';
import { TEST_JWT_SECRET } from '@praktijklus/testing';
import { startTestServer, type TestServer } from '../support/test-server';
import { signalBody } from '../signals.fixtures';
import { CapturedLog, eventLogHead, expectProblemJson, unknownId } from './security.fixtures';

jest.setTimeout(60_000);

const ISSUER = 'https://idp.praktijklus.test/realms/overheid';
const AUDIENCE = 'praktijklus-api';
const SECONDS = () => Math.floor(Date.now() / 1000);

type KeyPair = Awaited<ReturnType<typeof generateKeyPair>>;
interface SigningKey {
  kid: string;
  alg: 'RS256' | 'ES256' | 'HS256';
  key: CryptoKey | Uint8Array;
}

const claims = (overrides: JWTPayload = {}): JWTPayload => ({
  sub: 'officer-gm0344',
  authority: 'gm0344',
  roles: ['officer'],
  iss: ISSUER,
  aud: AUDIENCE,
  iat: SECONDS(),
  exp: SECONDS() + 600,
  ...overrides,
});

const sign = (
  signer: SigningKey,
  payload: JWTPayload,
  header: Record<string, unknown> = {},
): Promise<string> =>
  new SignJWT(payload)
    .setProtectedHeader({
      alg: signer.alg,
      typ: 'JWT',
      ...(signer.kid ? { kid: signer.kid } : {}),
      ...header,
    })
    .sign(signer.key);

const encode = (value: unknown): string => base64url.encode(JSON.stringify(value));

/** `alg: none`: no signature at all. */
const unsigned = (payload: JWTPayload): string =>
  `${encode({ alg: 'none', typ: 'JWT' })}.${encode(payload)}.`;

/** A valid token whose payload was changed afterwards (officer made admin), signature kept. */
const tampered = (token: string): string => {
  const [header, payload, signature] = token.split('.');
  const changed = {
    ...(JSON.parse(new TextDecoder().decode(base64url.decode(payload))) as JWTPayload),
    roles: ['admin'],
  };
  return `${header}.${encode(changed)}.${signature}`;
};

/** Asks a route behind @Roles: 404 for the unknown id means the token was accepted. */
async function probe(server: TestServer, token: string) {
  return server.request('GET', `/api/v1/signals/${unknownId()}`, { token });
}

async function expectRefused(server: TestServer, token: string, code: string): Promise<void> {
  const response = await probe(server, token);
  const problem = expectProblemJson(response, 401);
  expect(problem.code).toBe(code);
  expect(response.headers.get('www-authenticate')).toMatch(
    /^Bearer realm="praktijklus", error="invalid_token"/,
  );
  const graphql = await server.graphql<{ errors?: Array<{ extensions?: { code?: string } }> }>(
    '{ policyDomains { code } }',
    { token },
  );
  expect(graphql.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
}

describe('tokens over HTTP', () => {
  describe('embedded HS256 (AUTH_JWT_SECRET) with issuer and audience set', () => {
    let server: TestServer;
    const log = new CapturedLog();
    const secret: SigningKey = { kid: '', alg: 'HS256', key: new TextEncoder().encode(TEST_JWT_SECRET) };
    let rsa: KeyPair;

    beforeAll(async () => {
      server = await startTestServer({
        env: { AUTH_ISSUER: ISSUER, AUTH_AUDIENCE: AUDIENCE },
        securityLogSink: log.sink,
      });
      rsa = await generateKeyPair('RS256');
    });

    afterAll(async () => {
      await server.close();
    });

    it('accepts a valid token (the baseline the refusals below differ from)', async () => {
      const response = await probe(server, await sign(secret, claims()));
      expect(response.status).toBe(404);
    });

    it.each([
      ['expired', () => sign(secret, claims({ exp: SECONDS() - 60 })), 'TOKEN_EXPIRED'],
      ['not yet valid', () => sign(secret, claims({ nbf: SECONDS() + 600 })), 'TOKEN_NOT_YET_VALID'],
      [
        'from another issuer',
        () => sign(secret, claims({ iss: 'https://evil.example' })),
        'TOKEN_WRONG_ISSUER',
      ],
      ['for another audience', () => sign(secret, claims({ aud: 'another-api' })), 'TOKEN_WRONG_AUDIENCE'],
      ['without an expiry', () => sign(secret, { ...claims(), exp: undefined }), 'TOKEN_CLAIMS_INVALID'],
      ['with alg none', async () => unsigned(claims()), 'TOKEN_INVALID'],
      [
        'with alg none, spelled NoNe',
        async () => `${encode({ alg: 'NoNe' })}.${encode(claims())}.`,
        'TOKEN_INVALID',
      ],
      ['tampered (role raised)', async () => tampered(await sign(secret, claims())), 'TOKEN_INVALID'],
      [
        'signed RS256 with a key of its own (HS/RS confusion)',
        () => sign({ kid: 'k1', alg: 'RS256', key: rsa.privateKey }, claims()),
        'TOKEN_INVALID',
      ],
      [
        'signed with another HS256 secret',
        () => sign({ kid: '', alg: 'HS256', key: new TextEncoder().encode('x'.repeat(48)) }, claims()),
        'TOKEN_INVALID',
      ],
      [
        'naming an unknown authority',
        () => sign(secret, claims({ authority: 'gm9999' })),
        'TOKEN_CLAIMS_INVALID',
      ],
      [
        'naming an unknown role',
        () => sign(secret, claims({ roles: ['superuser'] })),
        'TOKEN_CLAIMS_INVALID',
      ],
      ['with an empty role list', () => sign(secret, claims({ roles: [] })), 'TOKEN_CLAIMS_INVALID'],
      ['without a subject', () => sign(secret, { ...claims(), sub: undefined }), 'TOKEN_CLAIMS_INVALID'],
      ['that is no JWT at all', async () => 'bm90LWEtand0', 'TOKEN_INVALID'],
    ])('refuses a token %s with 401 problem+json', async (_name, token, code) => {
      await expectRefused(server, await token(), code);
    });

    it('refuses other schemes and malformed headers as TOKEN_INVALID', async () => {
      const valid = await sign(secret, claims());
      for (const authorization of [
        'Basic b2ZmaWNlcjpzZWNyZXQ=',
        `Bearer ${valid} ${valid}`,
        'Bearer',
        `Token ${valid}`,
      ]) {
        const response = await server.request('GET', `/api/v1/signals/${unknownId()}`, {
          headers: { authorization },
        });
        expect(expectProblemJson(response, 401).code).toBe('TOKEN_INVALID');
      }
    });

    it('writes nothing for a refused token and logs the refusal without the token or who it named', async () => {
      const before = eventLogHead(server);
      const since = log.mark();
      const token = await sign(secret, claims({ exp: SECONDS() - 60, name: 'Jan de Vries' }));
      const response = await server.request('POST', '/api/v1/signals', { token, body: signalBody() });
      expectProblemJson(response, 401);
      expect(eventLogHead(server)).toEqual(before);
      const lines = since();
      expect(lines).toContainEqual(
        expect.objectContaining({
          level: 'warn',
          event: 'authorization_refused',
          status: 401,
          code: 'TOKEN_EXPIRED',
          method: 'POST',
          route: '/api/v1/signals',
          requestId: expect.any(String),
        }),
      );
      const text = JSON.stringify(lines);
      for (const secretPart of [token, token.split('.')[2], 'officer-gm0344', 'Jan de Vries', '127.0.0.1']) {
        expect(text).not.toContain(secretPart);
      }
    });
  });

  describe('OIDC: RS256/ES256 keys from a JWKS endpoint (AUTH_JWKS_URL, AUTH_ISSUER, AUTH_AUDIENCE)', () => {
    let server: TestServer;
    let jwks: Server;
    let served: JWK[] = [];
    let jwksStatus = 200;
    let fetches = 0;
    let rsa1: SigningKey;
    let rsa2: SigningKey;
    let ec: SigningKey;
    let rsa1Public: JWK;
    let rsa2Jwk: JWK;
    let rsa1Pem: string;
    const realNow = Date.now.bind(Date);
    let clockOffsetMs = 0;

    const publicJwk = async (signer: SigningKey, pair: KeyPair): Promise<JWK> => ({
      ...(await exportJWK(pair.publicKey)),
      kid: signer.kid,
      alg: signer.alg,
      use: 'sig',
    });

    beforeAll(async () => {
      const [pair1, pair2, pairEc] = await Promise.all([
        generateKeyPair('RS256'),
        generateKeyPair('RS256'),
        generateKeyPair('ES256'),
      ]);
      rsa1 = { kid: 'rsa-2025', alg: 'RS256', key: pair1.privateKey };
      rsa2 = { kid: 'rsa-2026', alg: 'RS256', key: pair2.privateKey };
      ec = { kid: 'ec-2025', alg: 'ES256', key: pairEc.privateKey };
      rsa1Public = await publicJwk(rsa1, pair1);
      served = [rsa1Public, await publicJwk(ec, pairEc)];
      rsa2Jwk = await publicJwk(rsa2, pair2);
      rsa1Pem = await exportSPKI(pair1.publicKey);

      jwks = createServer((request, response) => {
        fetches += 1;
        if (request.url !== '/protocol/openid-connect/certs' || jwksStatus !== 200) {
          response.writeHead(jwksStatus === 200 ? 404 : jwksStatus).end();
          return;
        }
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: served }));
      });
      await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
      const { port } = jwks.address() as AddressInfo;

      // jose times its JWKS cooldown and cache with Date.now; the test moves that clock, not the token clock.
      jest.spyOn(Date, 'now').mockImplementation(() => realNow() + clockOffsetMs);
      server = await startTestServer({
        env: {
          AUTH_JWKS_URL: `http://127.0.0.1:${port}/protocol/openid-connect/certs`,
          AUTH_ISSUER: ISSUER,
          AUTH_AUDIENCE: AUDIENCE,
        },
      });
    });

    afterAll(async () => {
      jest.restoreAllMocks();
      await server.close();
      await new Promise<void>((resolve) => jwks.close(() => resolve()));
    });

    it('accepts RS256 and ES256 tokens of the provider, and the actor comes from the token', async () => {
      expect((await probe(server, await sign(rsa1, claims()))).status).toBe(404);
      expect((await probe(server, await sign(ec, claims()))).status).toBe(404);

      const token = await sign(rsa1, claims({ sub: 'oidc-user-42' }));
      const written = await server.request<{ id: string }>('POST', '/api/v1/signals', {
        token,
        body: signalBody(),
      });
      expect(written.status).toBe(201);
      const history = await server.request<Array<{ actor: { sub: string; authority: string } }>>(
        'GET',
        `/api/v1/signals/${written.body.id}/history`,
        { token },
      );
      expect(history.body[0].actor).toEqual({ sub: 'oidc-user-42', authority: 'gm0344', roles: ['officer'] });
    });

    it.each([
      ['expired', () => sign(rsa1, claims({ exp: SECONDS() - 60 })), 'TOKEN_EXPIRED'],
      ['not yet valid', () => sign(rsa1, claims({ nbf: SECONDS() + 600 })), 'TOKEN_NOT_YET_VALID'],
      [
        'from another issuer',
        () => sign(rsa1, claims({ iss: 'https://evil.example' })),
        'TOKEN_WRONG_ISSUER',
      ],
      ['for another audience', () => sign(rsa1, claims({ aud: 'another-api' })), 'TOKEN_WRONG_AUDIENCE'],
      ['with alg none', async () => unsigned(claims()), 'TOKEN_INVALID'],
      ['tampered (role raised)', async () => tampered(await sign(rsa1, claims())), 'TOKEN_INVALID'],
      [
        'signed HS256 with the development secret (development tokens do not pass OIDC)',
        () => sign({ kid: '', alg: 'HS256', key: new TextEncoder().encode(TEST_JWT_SECRET) }, claims()),
        'TOKEN_INVALID',
      ],
      [
        "signed HS256 with the provider's public key as secret (HS/RS confusion, PEM)",
        () => sign({ kid: 'rsa-2025', alg: 'HS256', key: new TextEncoder().encode(rsa1Pem) }, claims()),
        'TOKEN_INVALID',
      ],
      [
        "signed HS256 with the provider's public JWK as secret (HS/RS confusion, JWK)",
        () =>
          sign(
            { kid: 'rsa-2025', alg: 'HS256', key: new TextEncoder().encode(JSON.stringify(rsa1Public)) },
            claims(),
          ),
        'TOKEN_INVALID',
      ],
      [
        'signed by a key of its own that it embeds in the header (jwk header injection)',
        async () => {
          const attacker = await generateKeyPair('RS256', { extractable: true });
          return sign({ kid: 'rsa-2025', alg: 'RS256', key: attacker.privateKey }, claims(), {
            jwk: await exportJWK(attacker.publicKey),
          });
        },
        'TOKEN_INVALID',
      ],
      [
        'pointing at a key set of its own (jku header)',
        async () => {
          const attacker = await generateKeyPair('RS256');
          return sign({ kid: 'attacker', alg: 'RS256', key: attacker.privateKey }, claims(), {
            jku: 'http://127.0.0.1:1/keys',
          });
        },
        'TOKEN_INVALID',
      ],
    ])('refuses a token %s with 401 problem+json', async (_name, token, code) => {
      await expectRefused(server, await token(), code);
    });

    it('follows key rotation: a new key once published (after the refetch cooldown), an old key once retired (after the cache age)', async () => {
      // Signed with a key the provider has not published yet: refused.
      await expectRefused(server, await sign(rsa2, claims()), 'TOKEN_INVALID');

      // The provider publishes the new key next to the old one; past jose's 30 s cooldown an unknown kid refetches.
      served = [rsa1Public, rsa2Jwk];
      clockOffsetMs += 31_000;
      const fetchesBefore = fetches;
      expect((await probe(server, await sign(rsa2, claims()))).status).toBe(404);
      expect(fetches).toBe(fetchesBefore + 1);
      expect((await probe(server, await sign(rsa1, claims()))).status).toBe(404);

      // The old key is retired; once the cached key set is older than 10 minutes it is fetched again.
      served = [rsa2Jwk];
      clockOffsetMs += 11 * 60_000;
      await expectRefused(server, await sign(rsa1, claims()), 'TOKEN_INVALID');
      expect((await probe(server, await sign(rsa2, claims()))).status).toBe(404);
    });

    it('answers 503 with Retry-After, not 401, while the key set cannot be fetched', async () => {
      jwksStatus = 500;
      clockOffsetMs += 11 * 60_000;
      try {
        const response = await probe(server, await sign(rsa2, claims()));
        expect(expectProblemJson(response, 503).code).toBe('AUTHENTICATION_UNAVAILABLE');
        expect(response.headers.get('retry-after')).toBe('5');
        // A public route does not depend on the identity provider.
        expect((await server.request('GET', '/health')).status).toBe(200);
      } finally {
        jwksStatus = 200;
      }
      clockOffsetMs += 31_000;
      expect((await probe(server, await sign(rsa2, claims()))).status).toBe(404);
    });
  });
});
