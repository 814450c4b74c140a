import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOrCreateSecret, SECRET_FILE_NAME } from './secret';

describe('loadOrCreateSecret', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'praktijklus-secret-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('generates a long random secret once, readable by the owner only, and reuses it', () => {
    const dir = join(dataDir, 'nested', 'data');
    const first = loadOrCreateSecret(dir);
    expect(Buffer.byteLength(first)).toBeGreaterThanOrEqual(32);
    const file = join(dir, SECRET_FILE_NAME);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8').trim()).toBe(first);
    expect(loadOrCreateSecret(dir)).toBe(first);
    expect(readdirSync(dir)).toEqual([SECRET_FILE_NAME]);
  });

  it('gives every data directory its own secret', () => {
    const other = mkdtempSync(join(tmpdir(), 'praktijklus-secret-'));
    try {
      expect(loadOrCreateSecret(dataDir)).not.toBe(loadOrCreateSecret(other));
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it('uses a configured secret and writes nothing', () => {
    const configured = 'configured-secret-of-enough-length-0123456789';
    expect(loadOrCreateSecret(dataDir, configured)).toBe(configured);
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it('refuses a configured secret shorter than 32 bytes', () => {
    expect(() => loadOrCreateSecret(dataDir, 'short')).toThrow('AUTH_JWT_SECRET must be at least 32 bytes');
  });

  it('refuses a secret file that holds too little, naming the file', () => {
    writeFileSync(join(dataDir, SECRET_FILE_NAME), 'tiny\n', { mode: 0o600 });
    expect(() => loadOrCreateSecret(dataDir)).toThrow(
      `The secret file ${join(dataDir, SECRET_FILE_NAME)} holds fewer`,
    );
  });
});
