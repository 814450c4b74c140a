import { decodeJwt, decodeProtectedHeader } from 'jose';
import { issueDevelopmentToken } from './token-issuer';
import { TokenVerifier } from './token-verifier';

const SECRET = 'praktijklus-unit-test-secret-0123456789-abcdef';

describe('issueDevelopmentToken', () => {
  it('signs an HS256 token with the claims the verifier reads', async () => {
    const token = await issueDevelopmentToken({
      secret: SECRET,
      sub: 'admin-1',
      roles: ['admin'],
      authority: 'pv26',
      issuer: 'praktijklus-dev',
      audience: 'praktijklus-api',
    });
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'HS256', typ: 'JWT' });
    const verifier = new TokenVerifier({
      secret: SECRET,
      issuer: 'praktijklus-dev',
      audience: 'praktijklus-api',
    });
    await expect(verifier.verify(token)).resolves.toEqual({
      sub: 'admin-1',
      authority: 'pv26',
      roles: ['admin'],
    });
  });

  it('expires after eight hours unless told otherwise', async () => {
    const before = Math.floor(Date.now() / 1000);
    const standard = decodeJwt(
      await issueDevelopmentToken({ secret: SECRET, sub: 'a', roles: ['officer'], authority: 'gm0344' }),
    );
    expect(standard.exp! - standard.iat!).toBe(8 * 3600);
    expect(standard.iat!).toBeGreaterThanOrEqual(before);
    const short = decodeJwt(
      await issueDevelopmentToken({
        secret: SECRET,
        sub: 'a',
        roles: ['officer'],
        authority: 'gm0344',
        expiresIn: '30m',
      }),
    );
    expect(short.exp! - short.iat!).toBe(1800);
    const seconds = decodeJwt(
      await issueDevelopmentToken({
        secret: SECRET,
        sub: 'a',
        roles: ['officer'],
        authority: 'gm0344',
        expiresIn: 60,
      }),
    );
    expect(seconds.exp! - seconds.iat!).toBeLessThanOrEqual(61);
  });

  it('refuses what the verifier would refuse', async () => {
    const base = { secret: SECRET, sub: 'a', roles: ['officer' as const], authority: 'gm0344' };
    await expect(issueDevelopmentToken({ ...base, secret: 'short' })).rejects.toThrow('at least 32 bytes');
    await expect(issueDevelopmentToken({ ...base, sub: ' ' })).rejects.toThrow('sub must not be blank');
    await expect(issueDevelopmentToken({ ...base, authority: '' })).rejects.toThrow(
      'authority must not be blank',
    );
    await expect(issueDevelopmentToken({ ...base, roles: [] })).rejects.toThrow('roles must name');
    await expect(issueDevelopmentToken({ ...base, roles: ['root' as never] })).rejects.toThrow(
      'roles must name',
    );
  });
});
