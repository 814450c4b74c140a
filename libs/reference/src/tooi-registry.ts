import type { Authority } from './reference-data';

/** The TOOI register files kept in libs/reference/data/tooi (see the README there). */
export const TOOI_REGISTERS = {
  municipalities: 'rwc_gemeenten_compleet_5.json',
  provinces: 'rwc_provincies_compleet_1.json',
  waterBoards: 'rwc_waterschappen_compleet_2.json',
  cooperations: 'rwc_samenwerkingsorganisaties_compleet_3.json',
} as const;

export type TooiRegisters = Record<keyof typeof TOOI_REGISTERS, unknown>;

const ONT = 'https://identifier.overheid.nl/tooi/def/ont/';
const WL = 'https://identifier.overheid.nl/tooi/def/wl/';

type JsonLdValue = { '@value'?: string; '@id'?: string };
type JsonLdNode = Record<string, unknown> & { '@type'?: string[] };

const nodesOf = (register: unknown): JsonLdNode[] =>
  Array.isArray(register) ? register.filter((node): node is JsonLdNode => typeof node === 'object') : [];

const property = (node: JsonLdNode, name: string): string | undefined => {
  const values = node[`${ONT}${name}`];
  if (!Array.isArray(values) || values.length === 0) return undefined;
  const first = values[0] as JsonLdValue;
  return first['@value'] ?? first['@id'];
};

const isA = (node: JsonLdNode, type: string): boolean => node['@type']?.includes(type) ?? false;

/** The date the register describes (its `zichtdatum`). */
const dateOf = (register: unknown): string => {
  const header = nodesOf(register).find((node) => isA(node, `${WL}RegisterwaardelijstCompleet`));
  const date = header && property(header, 'zichtdatum');
  if (date === undefined) throw new Error('a TOOI register without a zichtdatum');
  return date;
};

/**
 * The organisations of one class that exist on `asOf`: not a historical version, begun by then and
 * not ended before it (`einddatum` is the last day).
 */
const existing = (register: unknown, type: string, asOf: string): JsonLdNode[] =>
  nodesOf(register).filter((node) => {
    if (!isA(node, `${ONT}${type}`) || isA(node, `${ONT}HistorischeVersie`)) return false;
    const begins = property(node, 'begindatum');
    const ends = property(node, 'einddatum');
    return (begins === undefined || begins <= asOf) && (ends === undefined || ends >= asOf);
  });

const codeOf = (node: JsonLdNode): string => {
  const code = property(node, 'organisatiecode');
  if (code === undefined) throw new Error(`no organisatiecode on ${String(node['@id'])}`);
  return code;
};

const nameOf = (node: JsonLdNode): string => property(node, 'officieleNaamExclSoort') ?? codeOf(node);

// TOOI has no class for omgevingsdiensten: they are the cooperations named as one.
const OMGEVINGSDIENST =
  /^(Omgevingsdienst|Regionale uitvoeringsdienst|DCMR Milieudienst|Fryske Utfieringstsjinst)\b/i;
const WATER_BOARD_NAME = /^(Waterschap|Hoogheemraadschap|Wetterskip)\b/;

const byId = (a: Authority, b: Authority): number => a.id.localeCompare(b.id);

/**
 * The registry of authorities from the TOOI registers: every municipality (with its province),
 * province, water board and omgevingsdienst that exists on the newest register's date, plus the
 * given national authorities. Provinces first, then municipalities, water boards, national
 * authorities and omgevingsdiensten, each by id.
 */
export function authoritiesFromTooi(
  registers: TooiRegisters,
  national: readonly Authority[],
  /** Water boards and omgevingsdiensten by id: the province non-response climbs to (TOOI names none). */
  chainProvinces: Readonly<Record<string, string>> = {},
): Authority[] {
  const withProvince = (authority: Authority): Authority => {
    const province = chainProvinces[authority.id];
    return province === undefined ? authority : { ...authority, province };
  };
  const asOf = Object.values(registers).map(dateOf).sort().at(-1) ?? '';
  const provinces = existing(registers.provinces, 'Provincie', asOf).map((node): Authority => ({
    id: codeOf(node),
    name: `Provincie ${nameOf(node)}`,
    layer: 'PROVINCE',
  }));
  const provinceIds = new Set(provinces.map((province) => province.id));
  const municipalities = existing(registers.municipalities, 'Gemeente', asOf).map((node): Authority => {
    const province = property(node, 'ligtInProvincie')?.split('/').at(-1);
    if (province === undefined || !provinceIds.has(province)) {
      throw new Error(`municipality ${codeOf(node)} lies in no known province`);
    }
    return { id: codeOf(node), name: `Gemeente ${nameOf(node)}`, layer: 'MUNICIPALITY', province };
  });
  const waterBoards = existing(registers.waterBoards, 'Waterschap', asOf).map((node): Authority => {
    const name = nameOf(node);
    return withProvince({
      id: codeOf(node),
      name: WATER_BOARD_NAME.test(name) ? name : `Waterschap ${name}`,
      layer: 'WATER_BOARD',
    });
  });
  const omgevingsdiensten = existing(registers.cooperations, 'Samenwerkingsorganisatie', asOf)
    .filter((node) => OMGEVINGSDIENST.test(nameOf(node)))
    .map((node): Authority => withProvince({ id: codeOf(node), name: nameOf(node), layer: 'AGENCY' }));
  return [
    ...provinces.sort(byId),
    ...municipalities.sort(byId),
    ...waterBoards.sort(byId),
    ...[...national].sort(byId),
    ...omgevingsdiensten.sort(byId),
  ];
}
