import { GOVERNMENT_LAYERS } from '@praktijklus/domain';
import { InvalidReferenceData, ReferenceData } from './reference-data';

const shipped = ReferenceData.load();

const valid = () => ({
  authorities: [
    { id: 'gm0344', name: 'Gemeente Utrecht', layer: 'MUNICIPALITY' },
    { id: 'pv26', name: 'Provincie Utrecht', layer: 'PROVINCE' },
  ],
  policyDomains: [{ code: 'water', labelNl: 'Water', labelEn: 'Water' }],
});

const problemOf = (data: unknown): string => {
  try {
    ReferenceData.fromData(data, 'test.json');
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidReferenceData);
    return (error as Error).message;
  }
  throw new Error('expected the data to be refused');
};

describe('ReferenceData (shipped)', () => {
  it('has every province, water board, omgevingsdienst and municipality of the TOOI registers', () => {
    expect(shipped.authorities('PROVINCE')).toHaveLength(12);
    expect(shipped.authorities('WATER_BOARD')).toHaveLength(21);
    // As the register of 2026-01-29 has them: ODRU and RUDU beside the new Omgevingsdienst Utrecht.
    expect(shipped.authorities('AGENCY')).toHaveLength(28);
    expect(shipped.authorities('MUNICIPALITY')).toHaveLength(342);
    expect(shipped.authorities('NATIONAL').length).toBeGreaterThanOrEqual(6);
    const total = GOVERNMENT_LAYERS.reduce((sum, layer) => sum + shipped.authorities(layer).length, 0);
    expect(shipped.authorities()).toHaveLength(total);
  });

  it('uses TOOI ids with CBS codes', () => {
    expect(shipped.authority('gm0363')).toEqual({
      id: 'gm0363',
      name: 'Gemeente Amsterdam',
      layer: 'MUNICIPALITY',
      province: 'pv27',
    });
    expect(shipped.authority('gm0599')?.name).toBe('Gemeente Rotterdam');
    expect(shipped.authority('gm0518')?.name).toBe("Gemeente 's-Gravenhage");
    expect(shipped.authority('gm0344')?.name).toBe('Gemeente Utrecht');
    expect(shipped.authority('gm0772')?.name).toBe('Gemeente Eindhoven');
    expect(shipped.authority('pv20')?.name).toBe('Provincie Groningen');
    expect(shipped.authority('pv26')?.name).toBe('Provincie Utrecht');
    expect(shipped.authority('pv31')?.name).toBe('Provincie Limburg');
    expect(shipped.authority('ws0616')?.name).toBe('Hoogheemraadschap van Rijnland');
    expect(shipped.authority('mnre1034')?.layer).toBe('NATIONAL');
    expect(shipped.authority('mnre1130')?.name).toBe('Ministerie van Infrastructuur en Waterstaat');
    expect(shipped.authority('so0789')?.layer).toBe('AGENCY');
  });

  it('knows the government layer of an authority and nothing of unknown ids', () => {
    expect(shipped.layerOf('gm0344')).toBe('MUNICIPALITY');
    expect(shipped.layerOf('ws0155')).toBe('WATER_BOARD');
    expect(shipped.layerOf('gm9999')).toBeUndefined();
    expect(shipped.isAuthority('pv27')).toBe(true);
    expect(shipped.isAuthority('pv99')).toBe(false);
    expect(shipped.isAuthority('PV27')).toBe(false);
    expect(shipped.isAuthority(27)).toBe(false);
    expect(shipped.authority('__proto__')).toBeUndefined();
    expect(shipped.isAuthority('constructor')).toBe(false);
  });

  it('covers the fields of the Omgevingswet with Dutch and English labels', () => {
    const codes = shipped.policyDomains().map((domain) => domain.code);
    expect(codes).toEqual(
      expect.arrayContaining([
        'building',
        'environment',
        'water',
        'nature',
        'heritage',
        'spatial-planning',
        'energy',
        'circular-economy',
        'soil',
        'mobility',
        'noise',
        'air-quality',
        'external-safety',
        'agriculture',
        'infrastructure',
        'housing',
        'public-health',
        'climate-adaptation',
        'mining',
        'cultural-landscape',
      ]),
    );
    expect(shipped.policyDomain('spatial-planning')).toEqual({
      code: 'spatial-planning',
      labelNl: 'Ruimtelijke ordening',
      ministry: 'mnre1171',
      labelEn: 'Spatial planning',
    });
    expect(shipped.isPolicyDomain('soil')).toBe(true);
    expect(shipped.isPolicyDomain('Soil')).toBe(false);
    expect(shipped.isPolicyDomain('toString')).toBe(false);
    expect(shipped.policyDomain('cooking')).toBeUndefined();
  });

  it('cannot be changed through what it returns', () => {
    expect(Object.isFrozen(shipped.authorities())).toBe(true);
    expect(Object.isFrozen(shipped.authority('gm0344'))).toBe(true);
    expect(Object.isFrozen(shipped.policyDomains())).toBe(true);
    expect(Object.isFrozen(shipped.policyDomain('water'))).toBe(true);
  });

  it('has a fingerprint that changes with the content', () => {
    expect(ReferenceData.load().fingerprint).toBe(shipped.fingerprint);
    expect(ReferenceData.fromData(valid()).fingerprint).not.toBe(shipped.fingerprint);
  });
});

describe('ReferenceData.fromData', () => {
  it('replaces the shipped set entirely', () => {
    const data = ReferenceData.fromData(valid());
    expect(data.authorities().map((authority) => authority.id)).toEqual(['gm0344', 'pv26']);
    expect(data.isAuthority('gm0363')).toBe(false);
    expect(data.isPolicyDomain('building')).toBe(false);
  });

  it("keeps a municipality's province when it names a province of the file", () => {
    const data = valid();
    const withProvince = {
      ...data,
      authorities: [{ ...data.authorities[0], province: 'pv26' }, data.authorities[1]],
    };
    expect(ReferenceData.fromData(withProvince).authority('gm0344')?.province).toBe('pv26');
    const unknown = {
      ...data,
      authorities: [{ ...data.authorities[0], province: 'pv99' }, data.authorities[1]],
    };
    expect(problemOf(unknown)).toContain('authorities[0].province must be the id of a PROVINCE in the file');
  });

  it.each<[string, (data: ReturnType<typeof valid>) => unknown, string]>([
    ['not an object', () => [], 'expected an object'],
    ['an unknown top-level field', (d) => ({ ...d, extra: 1 }), 'the top level has an unknown field "extra"'],
    ['missing authorities', (d) => ({ policyDomains: d.policyDomains }), 'authorities must be an array'],
    ['no authorities', (d) => ({ ...d, authorities: [] }), 'authorities must not be empty'],
    [
      'an authority that is not an object',
      (d) => ({ ...d, authorities: ['gm0344'] }),
      'authorities[0] must be an object',
    ],
    [
      'an unknown layer',
      (d) => ({ ...d, authorities: [{ id: 'gm0344', name: 'Utrecht', layer: 'CITY' }] }),
      'authorities[0].layer must be one of MUNICIPALITY, PROVINCE, WATER_BOARD, NATIONAL, AGENCY (got "CITY")',
    ],
    [
      'a badly formed id',
      (d) => ({ ...d, authorities: [{ id: 'GM 0344', name: 'Utrecht', layer: 'MUNICIPALITY' }] }),
      'authorities[0].id must be a TOOI-style id',
    ],
    [
      'a blank name',
      (d) => ({ ...d, authorities: [{ id: 'gm0344', name: '  ', layer: 'MUNICIPALITY' }] }),
      'authorities[0].name must be a non-blank string',
    ],
    [
      'an unknown authority field',
      (d) => ({ ...d, authorities: [{ id: 'gm0344', name: 'Utrecht', layer: 'MUNICIPALITY', size: 3 }] }),
      'authorities[0] has an unknown field "size"',
    ],
    [
      'a duplicate authority id',
      (d) => ({ ...d, authorities: [...d.authorities, { id: 'pv26', name: 'Utrecht', layer: 'PROVINCE' }] }),
      'authority id "pv26" appears more than once',
    ],
    ['no policy domains', (d) => ({ ...d, policyDomains: [] }), 'policyDomains must not be empty'],
    [
      'a policy domain code with capitals',
      (d) => ({ ...d, policyDomains: [{ code: 'Water', labelNl: 'Water', labelEn: 'Water' }] }),
      'policyDomains[0].code must be lower-case words joined by hyphens (got "Water")',
    ],
    [
      'a missing label',
      (d) => ({ ...d, policyDomains: [{ code: 'water', labelNl: 'Water' }] }),
      'policyDomains[0].labelEn must be a non-blank string',
    ],
    [
      'a duplicate policy domain code',
      (d) => ({ ...d, policyDomains: [...d.policyDomains, ...d.policyDomains] }),
      'policy domain code "water" appears more than once',
    ],
  ])('refuses %s with one message naming the source and the problem', (_, mutate, problem) => {
    const message = problemOf(mutate(valid()));
    expect(message).toContain('test.json');
    expect(message).toContain(problem);
    expect(message).not.toContain('\n');
  });
});

describe('ReferenceData.nextInChain (where non-response climbs)', () => {
  it('climbs municipality → province → the domain’s ministry → nobody', () => {
    expect(shipped.nextInChain('gm0344', 'noise')).toBe('pv26');
    expect(shipped.nextInChain('pv26', 'noise')).toBe('mnre1130');
    expect(shipped.nextInChain('pv26', 'housing')).toBe('mnre1171');
    expect(shipped.nextInChain('mnre1130', 'noise')).toBeNull();
  });

  it('takes water boards and omgevingsdiensten to their province', () => {
    expect(shipped.nextInChain('ws0155', 'water')).toBe('pv27');
    expect(shipped.nextInChain('so0335', 'external-safety')).toBe('pv28');
  });

  it('ends the chain where the registry names nobody above', () => {
    expect(shipped.nextInChain('pv26', undefined)).toBeNull();
    expect(shipped.nextInChain('gm9999', 'noise')).toBeNull();
  });

  it('gives every shipped municipality, water board and agency a province, and every domain a ministry', () => {
    const below = shipped.authorities().filter((a) => a.layer !== 'PROVINCE' && a.layer !== 'NATIONAL');
    expect(below.filter((a) => shipped.layerOf(a.province ?? '') !== 'PROVINCE')).toEqual([]);
    expect(shipped.policyDomains().filter((d) => shipped.layerOf(d.ministry ?? '') !== 'NATIONAL')).toEqual(
      [],
    );
  });

  it.each([
    [
      'a province that is not a province',
      (d: ReturnType<typeof valid>) => ({
        ...d,
        authorities: [
          ...d.authorities,
          { id: 'gm0014', name: 'Groningen', layer: 'MUNICIPALITY', province: 'gm0344' },
        ],
      }),
      'must be the id of a PROVINCE',
    ],
    [
      'a ministry that is not registered',
      (d: ReturnType<typeof valid>) => ({
        ...d,
        policyDomains: [{ code: 'water', labelNl: 'Water', labelEn: 'Water', ministry: 'mnre0000' }],
      }),
      'must name a registered ministry',
    ],
  ])('refuses %s', (_, mutate, problem) => {
    expect(problemOf(mutate(valid()))).toContain(problem);
  });
});
