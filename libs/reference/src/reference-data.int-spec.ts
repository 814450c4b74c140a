import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidReferenceData, ReferenceData } from './reference-data';

describe('ReferenceData.load(file)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'praktijklus-reference-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const write = (name: string, content: string): string => {
    const file = join(dir, name);
    writeFileSync(file, content);
    return file;
  };

  it('replaces the shipped set by the file’s content', () => {
    const file = write(
      'small.json',
      JSON.stringify({
        authorities: [{ id: 'gm0014', name: 'Gemeente Groningen', layer: 'MUNICIPALITY' }],
        policyDomains: [{ code: 'soil', labelNl: 'Bodem', labelEn: 'Soil' }],
      }),
    );
    const data = ReferenceData.load(file);
    expect(data.authorities()).toEqual([{ id: 'gm0014', name: 'Gemeente Groningen', layer: 'MUNICIPALITY' }]);
    expect(data.isAuthority('gm0344')).toBe(false);
    expect(data.policyDomains().map((domain) => domain.code)).toEqual(['soil']);
  });

  it('names the file and the problem when the file is missing', () => {
    const file = join(dir, 'absent.json');
    expect(() => ReferenceData.load(file)).toThrow(InvalidReferenceData);
    expect(() => ReferenceData.load(file)).toThrow(
      `Invalid reference data in ${file}: cannot read the file (ENOENT)`,
    );
  });

  it('names the file and the problem when the file is not JSON', () => {
    const file = write('broken.json', '{ "authorities": [');
    expect(() => ReferenceData.load(file)).toThrow(`Invalid reference data in ${file}: not valid JSON`);
  });

  it('names the file and the problem when the content is wrong', () => {
    const file = write('wrong.json', JSON.stringify({ authorities: [], policyDomains: [] }));
    expect(() => ReferenceData.load(file)).toThrow(
      `Invalid reference data in ${file}: authorities must not be empty`,
    );
  });
});
