import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { personalDataVaultContract } from './personal-data-vault.contract';
import { SqlitePersonalDataVault } from './sqlite-personal-data-vault';

personalDataVaultContract('SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vault-'));
  const vault = SqlitePersonalDataVault.open(join(dir, 'personal-data.sqlite'));
  return {
    vault,
    cleanup: async () => {
      await vault.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

describe('SqlitePersonalDataVault', () => {
  let dir: string;
  let vault: SqlitePersonalDataVault;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'vault-'));
    vault = SqlitePersonalDataVault.open(join(dir, 'personal-data.sqlite'));
  });
  afterEach(async () => {
    await vault.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const filesContain = (text: string): boolean =>
    readdirSync(dir).some((file) => readFileSync(join(dir, file)).includes(Buffer.from(text, 'utf8')));

  it('erases so that the plaintext is in none of the files on disk', async () => {
    await vault.put('signal-1', { name: 'Buurtinitiatief Zwaluwstraat', contact: 'j.jansen@example.org' });
    await vault.put('signal-2', { name: 'Bewaard Initiatief' });
    expect(filesContain('Buurtinitiatief Zwaluwstraat')).toBe(true);

    expect(await vault.erase('signal-1', '2026-11-28T10:00:00.000Z')).toBe(true);

    expect(await vault.get('signal-1')).toEqual({ status: 'erased', erasedAt: '2026-11-28T10:00:00.000Z' });
    expect(filesContain('Buurtinitiatief Zwaluwstraat')).toBe(false);
    expect(filesContain('j.jansen@example.org')).toBe(false);
  });
});
