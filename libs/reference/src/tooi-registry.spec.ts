import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ReferenceData, type Authority } from './reference-data';
import { authoritiesFromTooi, TOOI_REGISTERS, type TooiRegisters } from './tooi-registry';

const SHIPPED = join(__dirname, 'data', 'authorities.json');
const DATA = join(__dirname, '..', 'data');
const SOURCES = join(DATA, 'tooi');

const readRegisters = (): TooiRegisters =>
  Object.fromEntries(
    Object.entries(TOOI_REGISTERS).map(([kind, file]) => [
      kind,
      JSON.parse(readFileSync(join(SOURCES, file), 'utf8')) as unknown,
    ]),
  ) as TooiRegisters;

describe('the shipped authorities, generated from the TOOI registers kept in libs/reference/data/tooi', () => {
  const shipped = ReferenceData.load();
  const ofLayer = (layer: Parameters<ReferenceData['authorities']>[0]) => shipped.authorities(layer);

  it('are exactly what the registers give (UPDATE_REFERENCE_DATA=1 regenerates the file)', () => {
    const ministries = JSON.parse(readFileSync(join(DATA, 'ministries.json'), 'utf8')) as Authority[];
    const chain = JSON.parse(readFileSync(join(DATA, 'chain-provinces.json'), 'utf8')) as Record<
      string,
      Record<string, string>
    >;
    const chainProvinces = { ...chain.waterBoards, ...chain.omgevingsdiensten };
    const generated = `${JSON.stringify(authoritiesFromTooi(readRegisters(), ministries, chainProvinces), null, 2)}\n`;
    if (process.env.UPDATE_REFERENCE_DATA === '1') writeFileSync(SHIPPED, generated);
    expect(readFileSync(SHIPPED, 'utf8')).toBe(generated);
  });

  it('hold every current municipality, province, water board and omgevingsdienst with its official code', () => {
    expect(ofLayer('MUNICIPALITY')).toHaveLength(342);
    expect(ofLayer('PROVINCE').map((a) => a.id)).toEqual([
      'pv20',
      'pv21',
      'pv22',
      'pv23',
      'pv24',
      'pv25',
      'pv26',
      'pv27',
      'pv28',
      'pv29',
      'pv30',
      'pv31',
    ]);
    expect(ofLayer('WATER_BOARD')).toHaveLength(21);
    expect(ofLayer('AGENCY').every((a) => /^so\d{4}$/.test(a.id))).toBe(true);
    expect(shipped.authority('gm0344')).toEqual({
      id: 'gm0344',
      name: 'Gemeente Utrecht',
      layer: 'MUNICIPALITY',
      province: 'pv26',
    });
    expect(shipped.authority('so0697')).toMatchObject({
      name: 'Omgevingsdienst regio Utrecht',
      layer: 'AGENCY',
    });
    expect(shipped.authority('ws0155')?.name).toBe('Waterschap Amstel, Gooi en Vecht');
    // Ended before the registers' date: merged away.
    expect(shipped.authority('gm0003')).toBeUndefined();
    expect(shipped.authority('so0781')).toBeUndefined();
  });

  it('record the province of every municipality', () => {
    const provinces = new Set(ofLayer('PROVINCE').map((a) => a.id));
    expect(ofLayer('MUNICIPALITY').filter((a) => !provinces.has(a.province ?? ''))).toEqual([]);
  });
});
