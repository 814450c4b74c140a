import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { GOVERNMENT_LAYERS, GovernmentLayer } from '@praktijklus/domain';
import shippedAuthorities from './data/authorities.json';
import shippedPolicyDomains from './data/policy-domains.json';

/**
 * A competent authority. Ids are TOOI organisation codes: `gm` + CBS code (municipalities), `pv` +
 * CBS code (provinces), `ws` + water board code, `mnre` + ministry number, `so` + the code of the
 * samenwerkingsorganisatie (omgevingsdiensten). The shipped file is generated from the TOOI
 * registers in libs/reference/data/tooi (tooi-registry.ts).
 */
export interface Authority {
  readonly id: string;
  readonly name: string;
  readonly layer: GovernmentLayer;
  /**
   * The province above it in the chain of non-response: a municipality's own, the province a water
   * board (or an omgevingsdienst) mainly works in. Absent for provinces and ministries.
   */
  readonly province?: string;
}

/** A policy domain (beleidsterrein): a lower-case English code with Dutch and English labels. */
export interface PolicyDomain {
  readonly code: string;
  readonly labelNl: string;
  readonly labelEn: string;
  /** The ministry responsible for it: where non-response climbs to from a province. */
  readonly ministry?: string;
}

/** The shape of a replacement reference data file. */
export interface ReferenceDataFile {
  authorities: Authority[];
  policyDomains: PolicyDomain[];
}

/** A reference data file that cannot be used; the message names the file and the first problem. */
export class InvalidReferenceData extends Error {
  constructor(
    readonly source: string,
    problem: string,
  ) {
    super(`Invalid reference data in ${source}: ${problem}`);
    this.name = 'InvalidReferenceData';
  }
}

const AUTHORITY_ID = /^[a-z]{2,4}[a-z0-9]{1,12}$/;
const DOMAIN_CODE = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const MAX_CODE_LENGTH = 64;
const MAX_TEXT_LENGTH = 200;
const SHIPPED_SOURCE = 'the shipped reference data';

/**
 * The registry of authorities and policy domains: shipped with the product, replaceable by a file
 * (REFERENCE_DATA_FILE). Immutable once loaded; every lookup is a map access.
 */
export class ReferenceData {
  private readonly authorityById: ReadonlyMap<string, Authority>;
  private readonly domainByCode: ReadonlyMap<string, PolicyDomain>;

  private constructor(
    private readonly authorityList: readonly Authority[],
    private readonly domainList: readonly PolicyDomain[],
    /** A hash of the content: a projection denormalising it can tell when the registry changed. */
    readonly fingerprint: string,
  ) {
    this.authorityById = new Map(authorityList.map((authority) => [authority.id, authority]));
    this.domainByCode = new Map(domainList.map((domain) => [domain.code, domain]));
  }

  /** The shipped data, or the file's content instead of it; a bad file throws InvalidReferenceData. */
  static load(file?: string): ReferenceData {
    if (file === undefined) {
      return ReferenceData.fromData(
        { authorities: shippedAuthorities, policyDomains: shippedPolicyDomains },
        SHIPPED_SOURCE,
      );
    }
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw new InvalidReferenceData(file, `cannot read the file (${errorCode(error)})`);
    }
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (error) {
      throw new InvalidReferenceData(
        file,
        `not valid JSON (${error instanceof Error ? error.message : String(error)})`,
      );
    }
    return ReferenceData.fromData(data, file);
  }

  /** Validated reference data from an already parsed value (`source` names it in errors). */
  static fromData(data: unknown, source = 'reference data'): ReferenceData {
    const fail = (problem: string): never => {
      throw new InvalidReferenceData(source, problem);
    };
    if (!isRecord(data)) return fail('expected an object { "authorities": [...], "policyDomains": [...] }');
    onlyKeys(data, ['authorities', 'policyDomains'], '', fail);

    const authorities = nonEmptyArray(data.authorities, 'authorities', fail).map((item, index) => {
      const at = `authorities[${index}]`;
      if (!isRecord(item)) return fail(`${at} must be an object { "id", "name", "layer" }`);
      onlyKeys(item, ['id', 'name', 'layer', 'province'], at, fail);
      const id = text(item.id, `${at}.id`, fail, MAX_CODE_LENGTH);
      if (!AUTHORITY_ID.test(id)) {
        fail(`${at}.id must be a TOOI-style id such as gm0344 or pv26 (got ${JSON.stringify(id)})`);
      }
      const layer = GOVERNMENT_LAYERS.find((known) => known === item.layer);
      if (layer === undefined) {
        fail(
          `${at}.layer must be one of ${GOVERNMENT_LAYERS.join(', ')} (got ${JSON.stringify(item.layer)})`,
        );
      }
      const authority: Authority = {
        id,
        name: text(item.name, `${at}.name`, fail, MAX_TEXT_LENGTH),
        layer: layer as GovernmentLayer,
      };
      if (item.province === undefined) return Object.freeze(authority);
      return Object.freeze({
        ...authority,
        province: text(item.province, `${at}.province`, fail, MAX_CODE_LENGTH),
      });
    });
    duplicates(
      authorities.map((authority) => authority.id),
      'authority id',
      fail,
    );
    const provinces = new Set(authorities.filter((a) => a.layer === 'PROVINCE').map((a) => a.id));
    authorities.forEach((authority, index) => {
      if (authority.province !== undefined && !provinces.has(authority.province)) {
        fail(
          `authorities[${index}].province must be the id of a PROVINCE in the file (got ${JSON.stringify(authority.province)})`,
        );
      }
    });

    const domains = nonEmptyArray(data.policyDomains, 'policyDomains', fail).map((item, index) => {
      const at = `policyDomains[${index}]`;
      if (!isRecord(item)) return fail(`${at} must be an object { "code", "labelNl", "labelEn" }`);
      onlyKeys(item, ['code', 'labelNl', 'labelEn', 'ministry'], at, fail);
      const code = text(item.code, `${at}.code`, fail, MAX_CODE_LENGTH);
      if (!DOMAIN_CODE.test(code)) {
        fail(`${at}.code must be lower-case words joined by hyphens (got ${JSON.stringify(code)})`);
      }
      const ministry =
        item.ministry === undefined
          ? {}
          : { ministry: text(item.ministry, `${at}.ministry`, fail, MAX_CODE_LENGTH) };
      return Object.freeze({
        code,
        labelNl: text(item.labelNl, `${at}.labelNl`, fail, MAX_TEXT_LENGTH),
        labelEn: text(item.labelEn, `${at}.labelEn`, fail, MAX_TEXT_LENGTH),
        ...ministry,
      });
    });
    duplicates(
      domains.map((domain) => domain.code),
      'policy domain code',
      fail,
    );
    checkChain(authorities, domains, fail);

    const fingerprint = createHash('sha256')
      .update(JSON.stringify({ authorities, policyDomains: domains }))
      .digest('hex')
      .slice(0, 16);
    return new ReferenceData(Object.freeze(authorities), Object.freeze(domains), fingerprint);
  }

  /** All authorities in registry order, or those of one government layer. */
  authorities(layer?: GovernmentLayer): readonly Authority[] {
    return layer === undefined
      ? this.authorityList
      : this.authorityList.filter((authority) => authority.layer === layer);
  }

  authority(id: string): Authority | undefined {
    return this.authorityById.get(id);
  }

  isAuthority(id: unknown): id is string {
    return typeof id === 'string' && this.authorityById.has(id);
  }

  /** The government layer of a known authority; undefined for an unknown id. */
  layerOf(id: string): GovernmentLayer | undefined {
    return this.authorityById.get(id)?.layer;
  }

  policyDomains(): readonly PolicyDomain[] {
    return this.domainList;
  }

  policyDomain(code: string): PolicyDomain | undefined {
    return this.domainByCode.get(code);
  }

  isPolicyDomain(code: unknown): code is string {
    return typeof code === 'string' && this.domainByCode.has(code);
  }

  /**
   * Where non-response climbs from `authority`: a municipality, water board or omgevingsdienst to its
   * province, a province to the ministry responsible for the policy domain, a ministry to nobody
   * (null). Null too where the registry names no one above it (an unknown id, a domain without a
   * ministry), so the chain ends visibly instead of guessing.
   */
  nextInChain(authority: string, policyDomain: string | undefined): string | null {
    const found = this.authorityById.get(authority);
    if (found === undefined || found.layer === 'NATIONAL') return null;
    if (found.layer === 'PROVINCE') {
      return (policyDomain === undefined ? undefined : this.domainByCode.get(policyDomain)?.ministry) ?? null;
    }
    return found.province ?? null;
  }
}

/** A chain names only registered authorities of the right layer, so it can always be followed. */
function checkChain(authorities: readonly Authority[], domains: readonly PolicyDomain[], fail: Fail): void {
  const layerOf = new Map(authorities.map((authority) => [authority.id, authority.layer]));
  authorities.forEach((authority, index) => {
    if (authority.province === undefined) return;
    if (authority.layer === 'PROVINCE' || authority.layer === 'NATIONAL') {
      fail(`authorities[${index}].province is for municipalities, water boards and agencies only`);
    }
  });
  domains.forEach((domain, index) => {
    if (domain.ministry !== undefined && layerOf.get(domain.ministry) !== 'NATIONAL') {
      fail(
        `policyDomains[${index}].ministry must name a registered ministry (got ${JSON.stringify(domain.ministry)})`,
      );
    }
  });
}

type Fail = (problem: string) => never;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function onlyKeys(record: Record<string, unknown>, allowed: readonly string[], at: string, fail: Fail): void {
  const unknown = Object.keys(record).find((key) => !allowed.includes(key));
  if (unknown !== undefined) {
    fail(`${at === '' ? 'the top level' : at} has an unknown field ${JSON.stringify(unknown)}`);
  }
}

function nonEmptyArray(value: unknown, field: string, fail: Fail): unknown[] {
  if (!Array.isArray(value)) return fail(`${field} must be an array`);
  if (value.length === 0) return fail(`${field} must not be empty`);
  return value;
}

function text(value: unknown, field: string, fail: Fail, max: number): string {
  if (typeof value !== 'string' || value.trim() === '') return fail(`${field} must be a non-blank string`);
  if (value !== value.trim()) return fail(`${field} must not start or end with white space`);
  if (value.length > max) return fail(`${field} allows at most ${max} characters`);
  return value;
}

function duplicates(values: readonly string[], what: string, fail: Fail): void {
  const seen = new Set<string>();
  for (const value of values) {
    if (seen.has(value)) fail(`${what} ${JSON.stringify(value)} appears more than once`);
    seen.add(value);
  }
}

function errorCode(error: unknown): string {
  if (isRecord(error) && typeof error.code === 'string') return error.code;
  return error instanceof Error ? error.message : String(error);
}
