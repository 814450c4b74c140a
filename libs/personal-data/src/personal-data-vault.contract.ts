import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { ErasedPersonalData, type PersonalDataVault } from './personal-data-vault';

export interface VaultFixture {
  vault: PersonalDataVault;
  cleanup(): Promise<void>;
}

/** The behaviour every vault implementation shares; each implementation's int-spec runs it. */
export function personalDataVaultContract(name: string, open: () => Promise<VaultFixture>): void {
  describe(`${name}: the personal-data vault contract`, () => {
    let fixture: VaultFixture;
    let vault: PersonalDataVault;

    beforeEach(async () => {
      fixture = await open();
      vault = fixture.vault;
    });
    afterEach(() => fixture.cleanup());

    it('returns what was stored under a reference, and absent for any other', async () => {
      await vault.put('signal-1', { name: 'Energiecoöperatie Zonnedak', contact: 'info@zonnedak.example' });
      expect(await vault.get('signal-1')).toEqual({
        status: 'present',
        data: { name: 'Energiecoöperatie Zonnedak', contact: 'info@zonnedak.example' },
      });
      expect(await vault.get('signal-2')).toEqual({ status: 'absent' });
    });

    it('replaces the data under a reference, a contact left out included', async () => {
      await vault.put('signal-1', { name: 'A', contact: 'a@example.org' });
      await vault.put('signal-1', { name: 'B' });
      expect(await vault.get('signal-1')).toEqual({ status: 'present', data: { name: 'B' } });
    });

    it('erases one reference: it reads as erased at the given time, the others stay', async () => {
      await vault.put('signal-1', { name: 'Buurtinitiatief Zwaluwstraat', contact: 'j.jansen@example.org' });
      await vault.put('signal-2', { name: 'Bewaard Initiatief' });

      expect(await vault.erase('signal-1', '2026-11-28T10:00:00.000Z')).toBe(true);

      expect(await vault.get('signal-1')).toEqual({ status: 'erased', erasedAt: '2026-11-28T10:00:00.000Z' });
      expect(await vault.get('signal-2')).toEqual({
        status: 'present',
        data: { name: 'Bewaard Initiatief' },
      });
    });

    it('erases a reference never written, so that it cannot be written later', async () => {
      expect(await vault.erase('signal-3', '2026-11-28T10:00:00.000Z')).toBe(true);
      expect(await vault.get('signal-3')).toEqual({ status: 'erased', erasedAt: '2026-11-28T10:00:00.000Z' });
      await expect(vault.put('signal-3', { name: 'Te laat' })).rejects.toBeInstanceOf(ErasedPersonalData);
    });

    it('refuses to write personal data again under an erased reference; a second erasure changes nothing', async () => {
      await vault.put('signal-1', { name: 'A' });
      await vault.erase('signal-1', '2026-11-28T10:00:00.000Z');
      await expect(vault.put('signal-1', { name: 'A' })).rejects.toThrow(/erased/);
      expect(await vault.erase('signal-1', '2026-11-29T10:00:00.000Z')).toBe(false);
      expect(await vault.get('signal-1')).toEqual({ status: 'erased', erasedAt: '2026-11-28T10:00:00.000Z' });
    });
  });
}
