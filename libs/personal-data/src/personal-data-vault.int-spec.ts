import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PersonalDataVault } from './personal-data-vault';

describe('PersonalDataVault', () => {
  let dir: string;
  let vault: PersonalDataVault;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'vault-'));
    vault = PersonalDataVault.open(join(dir, 'personal-data.sqlite'));
  });
  afterEach(() => {
    vault.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const filesContain = (text: string): boolean =>
    readdirSync(dir).some((file) => readFileSync(join(dir, file)).includes(Buffer.from(text, 'utf8')));

  it('returns what was stored under a reference', () => {
    vault.put('signal-1', { name: 'Energiecoöperatie Zonnedak', contact: 'info@zonnedak.example' });
    expect(vault.get('signal-1')).toEqual({
      status: 'present',
      data: { name: 'Energiecoöperatie Zonnedak', contact: 'info@zonnedak.example' },
    });
    expect(vault.get('signal-2')).toEqual({ status: 'absent' });
  });

  it('erases so that the plaintext is in none of the files on disk', () => {
    vault.put('signal-1', { name: 'Buurtinitiatief Zwaluwstraat', contact: 'j.jansen@example.org' });
    vault.put('signal-2', { name: 'Bewaard Initiatief' });
    expect(filesContain('Buurtinitiatief Zwaluwstraat')).toBe(true);

    expect(vault.erase('signal-1', '2026-11-28T10:00:00.000Z')).toBe(true);

    expect(vault.get('signal-1')).toEqual({ status: 'erased', erasedAt: '2026-11-28T10:00:00.000Z' });
    expect(filesContain('Buurtinitiatief Zwaluwstraat')).toBe(false);
    expect(filesContain('j.jansen@example.org')).toBe(false);
    expect(vault.get('signal-2')).toEqual({ status: 'present', data: { name: 'Bewaard Initiatief' } });
  });

  it('refuses to write personal data again under an erased reference', () => {
    vault.put('signal-1', { name: 'A' });
    vault.erase('signal-1', '2026-11-28T10:00:00.000Z');
    expect(() => vault.put('signal-1', { name: 'A' })).toThrow(/erased/);
    expect(vault.erase('signal-1', '2026-11-29T10:00:00.000Z')).toBe(false);
  });
});
