import { base64url, generateKeyPair, type JWTPayload, SignJWT } from 'jose';
import { AuthenticationFailed, type AuthenticationFailureCode } from './auth-errors';
import { issueDevelopmentToken } from './token-issuer';
import { TokenVerifier } from './token-verifier';

const SECRET = 'praktijklus-unit-test-secret-0123456789-abcdef';
const KEY = new TextEncoder().encode(SECRET);
const now = () => Math.floor(Date.now() / 1000);
const claims = (): JWTPayload => ({
  sub: 'officer-1',
  authority: 'gm0344',
  roles: ['officer'],
  iat: now(),
  exp: now() + 600,
});
const sign = (payload: JWTPayload, key: Uint8Array = KEY) =>
  new SignJWT(payload).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(key);

const encodeJson = (value: unknown) => base64url.encode(JSON.stringify(value));

async function refusal(verifier: TokenVerifier, token: string): Promise<AuthenticationFailed> {
  try {
    await verifier.verify(token);
  } catch (error) {
    expect(error).toBeInstanceOf(AuthenticationFailed);
    return error as AuthenticationFailed;
  }
  throw new Error('expected the token to be refused');
}

const expectRefused = async (verifier: TokenVerifier, token: string, code: AuthenticationFailureCode) => {
  const error = await refusal(verifier, token);
  expect(error.code).toBe(code);
  expect(error.status).toBe(401);
};

describe('TokenVerifier (HS256)', () => {
  const verifier = new TokenVerifier({ secret: SECRET });

  it('turns a valid token into an actor', async () => {
    const token = await issueDevelopmentToken({
      secret: SECRET,
      sub: 'officer-1',
      roles: ['officer', 'admin'],
      authority: 'gm0344',
      name: 'Fatima de Vries',
    });
    await expect(verifier.verify(token)).resolves.toEqual({
      sub: 'officer-1',
      authority: 'gm0344',
      roles: ['officer', 'admin'],
      name: 'Fatima de Vries',
    });
  });

  it('leaves out an absent name and repeats no role', async () => {
    const token = await sign({ ...claims(), roles: ['analyst', 'analyst'] });
    await expect(verifier.verify(token)).resolves.toEqual({
      sub: 'officer-1',
      authority: 'gm0344',
      roles: ['analyst'],
    });
  });

  it('refuses an expired token', async () => {
    await expectRefused(verifier, await sign({ ...claims(), exp: now() - 60 }), 'TOKEN_EXPIRED');
  });

  it('tolerates a few seconds of clock skew, no more', async () => {
    await expect(verifier.verify(await sign({ ...claims(), exp: now() - 2 }))).resolves.toBeDefined();
    await expectRefused(verifier, await sign({ ...claims(), exp: now() - 30 }), 'TOKEN_EXPIRED');
  });

  it('refuses a token that is not valid yet (nbf)', async () => {
    await expectRefused(verifier, await sign({ ...claims(), nbf: now() + 120 }), 'TOKEN_NOT_YET_VALID');
  });

  it('refuses a token without an expiry', async () => {
    const { exp: _exp, ...withoutExpiry } = claims();
    await expectRefused(verifier, await sign(withoutExpiry), 'TOKEN_CLAIMS_INVALID');
  });

  it('refuses a token from another issuer or for another audience when they are configured', async () => {
    const strict = new TokenVerifier({
      secret: SECRET,
      issuer: 'https://praktijklus.nl',
      audience: 'praktijklus-api',
    });
    const good = { ...claims(), iss: 'https://praktijklus.nl', aud: 'praktijklus-api' };
    await expect(strict.verify(await sign(good))).resolves.toMatchObject({ sub: 'officer-1' });
    await expectRefused(strict, await sign({ ...good, iss: 'https://elders.example' }), 'TOKEN_WRONG_ISSUER');
    const { iss: _iss, ...noIssuer } = good;
    await expectRefused(strict, await sign(noIssuer), 'TOKEN_WRONG_ISSUER');
    await expectRefused(strict, await sign({ ...good, aud: 'another-api' }), 'TOKEN_WRONG_AUDIENCE');
    await expectRefused(
      strict,
      await sign({ ...good, aud: ['another-api', 'third-api'] }),
      'TOKEN_WRONG_AUDIENCE',
    );
  });

  it('refuses an unsigned token (alg: none)', async () => {
    const header = encodeJson({ alg: 'none', typ: 'JWT' });
    const payload = encodeJson(claims());
    await expectRefused(verifier, `${header}.${payload}.`, 'TOKEN_INVALID');
    await expectRefused(verifier, `${encodeJson({ alg: 'NONE' })}.${payload}.`, 'TOKEN_INVALID');
  });

  it('refuses an RS256 token, whoever signed it', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const token = await new SignJWT(claims()).setProtectedHeader({ alg: 'RS256' }).sign(privateKey);
    const error = await refusal(verifier, token);
    expect(error.code).toBe('TOKEN_INVALID');
    expect(error.reason).toBe('algorithm not allowed');
  });

  it('refuses an HS512 token signed with the right secret', async () => {
    const token = await new SignJWT(claims()).setProtectedHeader({ alg: 'HS512' }).sign(KEY);
    await expectRefused(verifier, token, 'TOKEN_INVALID');
  });

  it('refuses a token signed with another secret', async () => {
    const other = new TextEncoder().encode('another-secret-of-sufficient-length-0123456789');
    await expectRefused(verifier, await sign(claims(), other), 'TOKEN_INVALID');
  });

  it('refuses a token whose payload was changed after signing', async () => {
    const [header, , signature] = (await sign(claims())).split('.');
    const forged = encodeJson({ ...claims(), roles: ['admin'], authority: 'pv26' });
    const error = await refusal(verifier, `${header}.${forged}.${signature}`);
    expect(error.code).toBe('TOKEN_INVALID');
    expect(error.reason).toBe('signature does not verify');
  });

  it('refuses a token whose signature was changed', async () => {
    const [header, payload, signature] = (await sign(claims())).split('.');
    const flipped = signature.startsWith('A') ? `B${signature.slice(1)}` : `A${signature.slice(1)}`;
    await expectRefused(verifier, `${header}.${payload}.${flipped}`, 'TOKEN_INVALID');
  });

  it.each(['', 'garbage', 'a.b.c', 'a.b', `${'x'.repeat(9000)}.y.z`])(
    'refuses the malformed token %#',
    async (token) => {
      await expectRefused(verifier, token, 'TOKEN_INVALID');
    },
  );

  it.each<[string, JWTPayload]>([
    ['no sub', { sub: undefined }],
    ['a blank sub', { sub: '  ' }],
    ['no authority', { authority: undefined }],
    ['a numeric authority', { authority: 344 }],
    ['no roles', { roles: undefined }],
    ['an empty role list', { roles: [] }],
    ['roles as a string', { roles: 'admin' }],
    ['an unknown role', { roles: ['officer', 'superuser'] }],
    ['a role in capitals', { roles: ['ADMIN'] }],
    ['a name that is not text', { name: { first: 'Jan' } }],
  ])('refuses a token with %s', async (_, change) => {
    const payload = { ...claims(), ...change };
    for (const key of Object.keys(change)) if (change[key] === undefined) delete payload[key];
    await expectRefused(verifier, await sign(payload), 'TOKEN_CLAIMS_INVALID');
  });

  it('refuses an authority the registry does not know, when given the registry', async () => {
    const known = new TokenVerifier({ secret: SECRET, isAuthority: (id) => id === 'gm0344' });
    await expect(known.verify(await sign(claims()))).resolves.toMatchObject({ authority: 'gm0344' });
    await expectRefused(known, await sign({ ...claims(), authority: 'gm9999' }), 'TOKEN_CLAIMS_INVALID');
  });

  it('says why in a WWW-Authenticate challenge', async () => {
    const error = await refusal(verifier, await sign({ ...claims(), exp: now() - 60 }));
    expect(error.headers['www-authenticate']).toBe(
      'Bearer realm="praktijklus", error="invalid_token", error_description="The token has expired."',
    );
  });
});

describe('TokenVerifier remembering verified tokens', () => {
  // Only the clock is faked: jose's WebCrypto and the promise machinery keep running.
  const onlyTheClock: Parameters<typeof jest.useFakeTimers>[0] = {
    doNotFake: [
      'hrtime',
      'nextTick',
      'performance',
      'queueMicrotask',
      'setImmediate',
      'clearImmediate',
      'setInterval',
      'clearInterval',
      'setTimeout',
      'clearTimeout',
    ],
  };
  const strict = () => new TokenVerifier({ secret: SECRET, clockToleranceSeconds: 0 });

  afterEach(() => jest.useRealTimers());

  it('remembers a token that verified and answers the same actor again, frozen', async () => {
    const verify = strict();
    const token = await sign(claims());
    const first = await verify.verify(token);
    expect(verify.cachedTokens).toBe(1);
    await expect(verify.verify(token)).resolves.toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(first.roles)).toBe(true);
  });

  it('never remembers a refusal', async () => {
    const verify = strict();
    await expectRefused(verify, await sign({ ...claims(), exp: now() - 60 }), 'TOKEN_EXPIRED');
    await expectRefused(
      verify,
      await sign(claims(), new TextEncoder().encode(`${SECRET}-other`)),
      'TOKEN_INVALID',
    );
    expect(verify.cachedTokens).toBe(0);
  });

  it('refuses a remembered token as soon as it expires', async () => {
    const start = Date.now();
    jest.useFakeTimers({ ...onlyTheClock, now: start });
    const verify = strict();
    const token = await sign({ ...claims(), exp: Math.floor(start / 1000) + 10 });
    await expect(verify.verify(token)).resolves.toBeDefined();
    jest.setSystemTime(start + 11_000);
    await expectRefused(verify, token, 'TOKEN_EXPIRED');
    expect(verify.cachedTokens).toBe(0);
  });

  it('refuses a remembered token when the clock is set back before its nbf', async () => {
    const start = Date.now();
    jest.useFakeTimers({ ...onlyTheClock, now: start });
    const verify = strict();
    const token = await sign({ ...claims(), nbf: Math.floor(start / 1000) - 1 });
    await expect(verify.verify(token)).resolves.toBeDefined();
    jest.setSystemTime(start - 60_000);
    await expectRefused(verify, token, 'TOKEN_NOT_YET_VALID');
  });

  it('remembers at most maxCachedTokens tokens, or none with 0', async () => {
    const small = new TokenVerifier({ secret: SECRET, maxCachedTokens: 2 });
    const none = new TokenVerifier({ secret: SECRET, maxCachedTokens: 0 });
    for (const sub of ['officer-1', 'officer-2', 'officer-3']) {
      const token = await sign({ ...claims(), sub });
      await small.verify(token);
      await none.verify(token);
    }
    expect(small.cachedTokens).toBe(2);
    expect(none.cachedTokens).toBe(0);
    expect(() => new TokenVerifier({ secret: SECRET, maxCachedTokens: -1 })).toThrow('maxCachedTokens');
  });
});

describe('TokenVerifier configuration', () => {
  it('needs exactly one of a secret and a JWKS URL', () => {
    expect(() => new TokenVerifier({} as never)).toThrow('exactly one of secret or jwksUrl');
    expect(() => new TokenVerifier({ secret: SECRET, jwksUrl: 'https://idp.example/jwks' } as never)).toThrow(
      'exactly one of secret or jwksUrl',
    );
  });

  it('refuses a short secret', () => {
    expect(() => new TokenVerifier({ secret: 'too-short' })).toThrow('at least 32 bytes');
  });

  it('fetches keys over https, or plain http only from this machine', () => {
    expect(() => new TokenVerifier({ jwksUrl: 'http://idp.example/jwks' })).toThrow('must use https');
    expect(() => new TokenVerifier({ jwksUrl: 'not a url' })).toThrow('not a valid URL');
    expect(new TokenVerifier({ jwksUrl: 'https://idp.example/jwks' }).mode).toBe('jwks');
    expect(new TokenVerifier({ jwksUrl: 'http://127.0.0.1:8080/jwks' }).mode).toBe('jwks');
  });
});
