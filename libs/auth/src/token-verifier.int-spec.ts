import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { base64url, exportJWK, exportSPKI, generateKeyPair, type JWK, type JWTPayload, SignJWT } from 'jose';
import { AuthenticationFailed, AuthenticationUnavailable } from './auth-errors';
import { TokenVerifier } from './token-verifier';

const ISSUER = 'https://idp.praktijklus.test';
const AUDIENCE = 'praktijklus-api';
const COOLDOWN_MS = 100;
const CACHE_MAX_AGE_MS = 400;

type KeyPair = Awaited<ReturnType<typeof generateKeyPair>>;
interface SigningKey {
  kid: string;
  alg: 'RS256' | 'ES256';
  pair: KeyPair;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const now = () => Math.floor(Date.now() / 1000);
const claims = (): JWTPayload => ({
  sub: 'analyst-1',
  authority: 'mnre1130',
  roles: ['analyst'],
  iss: ISSUER,
  aud: AUDIENCE,
  exp: now() + 600,
});

async function signingKey(kid: string, alg: SigningKey['alg']): Promise<SigningKey> {
  return { kid, alg, pair: await generateKeyPair(alg) };
}

const signWith = (key: SigningKey, payload: JWTPayload = claims()) =>
  new SignJWT(payload)
    .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'JWT' })
    .sign(key.pair.privateKey);

async function publicJwk(key: SigningKey): Promise<JWK> {
  return { ...(await exportJWK(key.pair.publicKey)), kid: key.kid, alg: key.alg, use: 'sig' };
}

async function refusal(verifier: TokenVerifier, token: string): Promise<AuthenticationFailed> {
  try {
    await verifier.verify(token);
  } catch (error) {
    expect(error).toBeInstanceOf(AuthenticationFailed);
    return error as AuthenticationFailed;
  }
  throw new Error('expected the token to be refused');
}

describe('TokenVerifier with a JWKS endpoint (RS256 / ES256)', () => {
  let server: Server;
  let jwksUrl: string;
  let served: JWK[] = [];
  let fetches = 0;
  let rsa1: SigningKey;
  let rsa2: SigningKey;
  let ec1: SigningKey;

  const verifier = () =>
    new TokenVerifier({
      jwksUrl,
      issuer: ISSUER,
      audience: AUDIENCE,
      jwksCooldownMs: COOLDOWN_MS,
      jwksCacheMaxAgeMs: CACHE_MAX_AGE_MS,
    });

  beforeAll(async () => {
    [rsa1, rsa2, ec1] = await Promise.all([
      signingKey('rsa-1', 'RS256'),
      signingKey('rsa-2', 'RS256'),
      signingKey('ec-1', 'ES256'),
    ]);
    server = createServer((request, response) => {
      if (request.url !== '/.well-known/jwks.json') {
        response.writeHead(404).end();
        return;
      }
      fetches += 1;
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: served }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  beforeEach(async () => {
    served = [await publicJwk(rsa1), await publicJwk(ec1)];
    fetches = 0;
  });

  it('accepts RS256 and ES256 tokens signed by a published key', async () => {
    const verify = verifier();
    await expect(verify.verify(await signWith(rsa1))).resolves.toEqual({
      sub: 'analyst-1',
      authority: 'mnre1130',
      roles: ['analyst'],
    });
    await expect(verify.verify(await signWith(ec1))).resolves.toMatchObject({ sub: 'analyst-1' });
    expect(fetches).toBe(1);
  });

  it('refuses a wrong issuer, a wrong audience, an expired and a not-yet-valid token', async () => {
    const verify = verifier();
    const codeOf = async (payload: JWTPayload) => (await refusal(verify, await signWith(rsa1, payload))).code;
    expect(await codeOf({ ...claims(), iss: 'https://other-idp.test' })).toBe('TOKEN_WRONG_ISSUER');
    expect(await codeOf({ ...claims(), aud: 'another-api' })).toBe('TOKEN_WRONG_AUDIENCE');
    expect(await codeOf({ ...claims(), exp: now() - 60 })).toBe('TOKEN_EXPIRED');
    expect(await codeOf({ ...claims(), nbf: now() + 120 })).toBe('TOKEN_NOT_YET_VALID');
  });

  it('refuses an HS256 token signed with the RSA public key as the HMAC secret', async () => {
    const pem = await exportSPKI(rsa1.pair.publicKey);
    const token = await new SignJWT(claims())
      .setProtectedHeader({ alg: 'HS256', kid: rsa1.kid })
      .sign(new TextEncoder().encode(pem));
    const error = await refusal(verifier(), token);
    expect(error.code).toBe('TOKEN_INVALID');
    expect(error.reason).toBe('algorithm not allowed');
  });

  it('refuses an unsigned token (alg: none)', async () => {
    const header = base64url.encode(JSON.stringify({ alg: 'none', kid: rsa1.kid }));
    const payload = base64url.encode(JSON.stringify(claims()));
    expect((await refusal(verifier(), `${header}.${payload}.`)).code).toBe('TOKEN_INVALID');
  });

  it('refuses a token whose payload was changed after signing', async () => {
    const [header, , signature] = (await signWith(rsa1)).split('.');
    const forged = base64url.encode(JSON.stringify({ ...claims(), roles: ['admin'] }));
    expect((await refusal(verifier(), `${header}.${forged}.${signature}`)).reason).toBe(
      'signature does not verify',
    );
  });

  it('refuses a token signed by a key the JWKS does not publish', async () => {
    const stranger = await signingKey('stranger', 'RS256');
    const error = await refusal(verifier(), await signWith(stranger));
    expect(error.code).toBe('TOKEN_INVALID');
    expect(error.reason).toBe('no key with this kid');
  });

  it('refuses a token that names a published kid but was signed by another key', async () => {
    const impostor = await signingKey(rsa1.kid, 'RS256');
    expect((await refusal(verifier(), await signWith(impostor))).reason).toBe('signature does not verify');
  });

  describe('key rotation', () => {
    it('accepts a token signed with a new key once the JWKS publishes it', async () => {
      const verify = verifier();
      await verify.verify(await signWith(rsa1));
      served = [await publicJwk(rsa1), await publicJwk(rsa2)];
      await sleep(COOLDOWN_MS + 50);
      await expect(verify.verify(await signWith(rsa2))).resolves.toMatchObject({ sub: 'analyst-1' });
      expect(fetches).toBe(2);
    });

    it('does not refetch for unknown keys within the cooldown', async () => {
      const verify = verifier();
      await verify.verify(await signWith(rsa1));
      served = [await publicJwk(rsa1), await publicJwk(rsa2)];
      expect((await refusal(verify, await signWith(rsa2))).reason).toBe('no key with this kid');
      expect(fetches).toBe(1);
    });

    it('refuses tokens of a removed key after the cache refresh', async () => {
      const verify = verifier();
      const oldToken = await signWith(rsa1);
      await expect(verify.verify(oldToken)).resolves.toBeDefined();
      served = [await publicJwk(rsa2)];
      await sleep(CACHE_MAX_AGE_MS + 50);
      expect((await refusal(verify, oldToken)).reason).toBe('no key with this kid');
      await expect(verify.verify(await signWith(rsa2))).resolves.toMatchObject({ sub: 'analyst-1' });
      expect(fetches).toBeGreaterThanOrEqual(2);
    });

    it('refuses a remembered token once the refreshed key set holds another key under its kid', async () => {
      const verify = verifier();
      const oldToken = await signWith(rsa1);
      await expect(verify.verify(oldToken)).resolves.toBeDefined();
      expect(verify.cachedTokens).toBe(1);
      const replacement = await signingKey(rsa1.kid, 'RS256');
      served = [await publicJwk(replacement)];
      await sleep(CACHE_MAX_AGE_MS + 50);
      expect((await refusal(verify, oldToken)).reason).toBe('signature does not verify');
      await expect(verify.verify(await signWith(replacement))).resolves.toMatchObject({ sub: 'analyst-1' });
    });

    it('answers a remembered token without fetching keys again while they are fresh', async () => {
      const verify = verifier();
      const token = await signWith(rsa1);
      await verify.verify(token);
      await expect(verify.verify(token)).resolves.toMatchObject({ sub: 'analyst-1' });
      expect(verify.cachedTokens).toBe(1);
      expect(fetches).toBe(1);
    });
  });

  describe('an unreachable identity provider', () => {
    it('answers AuthenticationUnavailable when the JWKS endpoint fails', async () => {
      const broken = new TokenVerifier({ jwksUrl: jwksUrl.replace('jwks.json', 'missing.json') });
      await expect(broken.verify(await signWith(rsa1))).rejects.toBeInstanceOf(AuthenticationUnavailable);
    });

    it('answers AuthenticationUnavailable when nothing listens', async () => {
      const closed = createServer();
      await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
      const port = (closed.address() as AddressInfo).port;
      await new Promise<void>((resolve) => closed.close(() => resolve()));
      const unreachable = new TokenVerifier({
        jwksUrl: `http://127.0.0.1:${port}/jwks.json`,
        jwksTimeoutMs: 1000,
      });
      const error = await unreachable.verify(await signWith(rsa1)).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(AuthenticationUnavailable);
      expect((error as AuthenticationUnavailable).status).toBe(503);
    });
  });
});
