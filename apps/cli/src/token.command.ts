import { parseArgs } from 'node:util';
import { issueDevelopmentToken, isRole, loadOrCreateSecret, USER_ROLES } from '@praktijklus/auth';
import type { Role } from '@praktijklus/domain';
import { parseSettings, type Environment, loadReferenceData } from '@praktijklus/config';
import { CliError, type CliOutput } from './cli-error';

export const TOKEN_USAGE = `token --sub <user id> --role <officer|analyst|admin> [--role ...] --authority <authority id>
      [--name <display name>] [--expires <8h|30m|3600>]
  Prints a development token signed with the server's secret (AUTH_JWT_SECRET or DATA_DIR/auth-secret).`;

/** `token`: a development token the server on the same DATA_DIR (or AUTH_JWT_SECRET) accepts. */
export async function tokenCommand(args: string[], env: Environment, output: CliOutput): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      sub: { type: 'string' },
      role: { type: 'string', multiple: true },
      authority: { type: 'string' },
      name: { type: 'string' },
      expires: { type: 'string', default: '8h' },
    },
    strict: true,
    allowPositionals: false,
  });

  const settings = parseSettings(env);
  if (settings.production) {
    throw new CliError(
      'Development tokens are refused when NODE_ENV=production; sign in through your identity provider.',
    );
  }
  if (settings.auth.jwksUrl !== undefined) {
    throw new CliError('AUTH_JWKS_URL is set: the server accepts only tokens of that identity provider.');
  }
  if (!values.sub || values.sub.trim() === '') throw new CliError(`--sub is required\n${TOKEN_USAGE}`, 2);
  if (!values.authority) throw new CliError(`--authority is required\n${TOKEN_USAGE}`, 2);
  const roles = values.role ?? [];
  if (roles.length === 0) throw new CliError(`--role is required\n${TOKEN_USAGE}`, 2);
  const unknownRole = roles.find((role) => !isRole(role));
  if (unknownRole !== undefined) {
    throw new CliError(`Unknown role "${unknownRole}": use ${USER_ROLES.join(', ')}`, 2);
  }
  const reference = loadReferenceData(settings);
  if (!reference.isAuthority(values.authority)) {
    throw new CliError(
      `Unknown authority "${values.authority}": not in the reference data (e.g. gm0344, pv26)`,
      2,
    );
  }
  const expires = values.expires ?? '8h';
  if (!/^\d+$/.test(expires) && !/^\d+\s*(s|m|h|d)$/.test(expires)) {
    throw new CliError(`--expires "${expires}": use seconds or a span like 30m, 8h, 1d`, 2);
  }

  const token = await issueDevelopmentToken({
    secret: loadOrCreateSecret(settings.dataDir, settings.auth.jwtSecret),
    sub: values.sub,
    roles: [...new Set(roles)] as Role[],
    authority: values.authority,
    ...(values.name !== undefined ? { name: values.name } : {}),
    expiresIn: /^\d+$/.test(expires) ? Number(expires) : expires,
    ...(settings.auth.issuer !== undefined ? { issuer: settings.auth.issuer } : {}),
    ...(settings.auth.audience !== undefined ? { audience: settings.auth.audience } : {}),
  });
  output.out(`${token}\n`);
}
