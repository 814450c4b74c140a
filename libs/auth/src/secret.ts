import { randomBytes } from 'node:crypto';
import { chmodSync, linkSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const SECRET_FILE_NAME = 'auth-secret';
const MIN_SECRET_BYTES = 32;

/**
 * The HS256 secret: `configured` (AUTH_JWT_SECRET) when given, else the one in
 * `<dataDir>/auth-secret`, generated once (48 random bytes, base64url, mode 0600) and reused.
 */
export function loadOrCreateSecret(dataDir: string, configured?: string): string {
  if (configured !== undefined && configured !== '') {
    if (Buffer.byteLength(configured, 'utf8') < MIN_SECRET_BYTES) {
      throw new Error(`AUTH_JWT_SECRET must be at least ${MIN_SECRET_BYTES} bytes`);
    }
    return configured;
  }
  const file = join(dataDir, SECRET_FILE_NAME);
  const existing = readSecret(file);
  if (existing !== undefined) return existing;

  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  // Written whole under a temporary name, then linked into place: two processes starting together
  // agree on one secret, and nobody ever reads a half-written file.
  const temporary = join(dataDir, `.${SECRET_FILE_NAME}.${process.pid}.${randomBytes(6).toString('hex')}`);
  writeFileSync(temporary, `${randomBytes(48).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
  try {
    linkSync(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    rmSync(temporary, { force: true });
  }
  const created = readSecret(file);
  if (created === undefined) throw new Error(`The secret in ${file} could not be read back`);
  return created;
}

function readSecret(file: string): string | undefined {
  let content: string;
  try {
    content = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(
      `The secret file ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
  // A secret written by hand or by an older version may be readable by others.
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  const secret = content.trim();
  if (Buffer.byteLength(secret, 'utf8') < MIN_SECRET_BYTES) {
    throw new Error(
      `The secret file ${file} holds fewer than ${MIN_SECRET_BYTES} bytes; delete it to generate a new one`,
    );
  }
  return secret;
}
