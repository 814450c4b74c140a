import type { TestServer } from './support/test-server';
import type { TokenClaims } from '../libs/testing/src/test-token';

/** Users of the view tests: officers of four authorities, an analyst, administrators. */
export const officers: Record<string, TokenClaims> = {
  gm0344: { sub: 'officer-utrecht', roles: ['officer'], authority: 'gm0344' },
  gm0363: { sub: 'officer-amsterdam', roles: ['officer'], authority: 'gm0363' },
  pv26: { sub: 'officer-provincie-utrecht', roles: ['officer'], authority: 'pv26' },
  so0697: { sub: 'officer-so0697', roles: ['officer'], authority: 'so0697' },
};
export const analyst: TokenClaims = { sub: 'analyst-bzk', roles: ['analyst'], authority: 'mnre1034' };
export const utrechtAnalyst: TokenClaims = {
  sub: 'analyst-utrecht',
  roles: ['analyst'],
  authority: 'gm0344',
};
export const adminOf = (authority: string): TokenClaims => ({
  sub: `admin-${authority}`,
  roles: ['admin'],
  authority,
});

export const LAYERS: Record<string, string> = {
  gm0344: 'MUNICIPALITY',
  gm0363: 'MUNICIPALITY',
  pv26: 'PROVINCE',
  so0697: 'AGENCY',
};

const TYPES = [
  'BARRIER',
  'CONFLICTING_NORMS',
  'UNCLEAR_AUTHORITY',
  'KNOWLEDGE_GAP',
  'CROSS_GOVERNMENT_IMPACT',
];
const LEVELS = ['SYSTEM', 'POLICY', 'IMPLEMENTATION', 'PAPERWORK'];
const KINDS = ['ENTREPRENEUR', 'CITIZEN_INITIATIVE', 'PROFESSIONAL', 'GOVERNMENT'];
const DOMAINS = ['building', 'water', 'energy', 'nature', 'heritage'];
const REPORTERS = ['gm0344', 'gm0344', 'gm0363', 'pv26', 'so0697'];
/** The same pair cited two ways: order and spacing must not split it. */
const PAIR_A = [
  [{ ref: 'Bbl art. 4.101', title: 'Eisen aan nieuwbouw' }, { ref: 'Omgevingsplan art. 5.1' }],
  [{ ref: 'Omgevingsplan  art. 5.1 ' }, { ref: 'Bbl art. 4.101' }],
];
const PAIR_B = [{ ref: 'Bal art. 3.200' }, { ref: 'Waterschapsverordening art. 2.4', title: 'Lozen' }];

export interface WrittenSignal {
  id: string;
  position: string;
  type: string;
  level: string;
  initiativeKind: string;
  /** The reporting authority. */
  authority: string;
  layer: string;
  /** As recorded; `policyDomain` is the current one after any classification. */
  recordedPolicyDomain: string;
  policyDomain: string;
  observedAt: string;
  observedOn: string;
  title: string;
  authorities: string[];
  norms: Array<{ ref: string; title?: string }>;
  initiative: { name: string; contact: string } | null;
  status: 'ACTIVE' | 'DUPLICATE' | 'WITHDRAWN';
  /** The pair key (normalised refs, sorted) of a conflict signal. */
  conflict: string | null;
}

export interface Written {
  id: string;
  revision: number;
  position: string;
}

/** POST (or PATCH) as `token`, expecting success; answers the write response. */
export async function write(
  server: TestServer,
  path: string,
  token: TokenClaims,
  body?: Record<string, unknown>,
): Promise<Written> {
  const response = await server.request<Written & { detail?: string }>('POST', path, {
    token,
    ...(body === undefined ? {} : { body }),
  });
  if (response.status !== 201 && response.status !== 200) {
    throw new Error(`POST ${path} as ${token.sub} answered ${response.status}: ${response.text}`);
  }
  return response.body;
}

const normalise = (ref: string): string => ref.trim().replace(/\s+/g, ' ');

/**
 * Thirty signals over four authorities and three months, every type, level, kind and five
 * domains; conflict signals cite two recurring pairs. Then two are withdrawn, one is marked a
 * duplicate and three are classified (one with a corrected domain). Answers what was written.
 */
export async function writeSignals(
  server: TestServer,
): Promise<{ signals: WrittenSignal[]; position: string }> {
  const signals: WrittenSignal[] = [];
  for (let i = 0; i < 30; i++) {
    const authority = REPORTERS[i % 5];
    const type = TYPES[i % 5];
    const level = LEVELS[(i * 3) % 4];
    const initiativeKind = KINDS[i % 4];
    const policyDomain = DOMAINS[(i * 7) % 5];
    const month = 9 + (i % 3);
    const day = 1 + ((i * 5) % 28);
    const date = `2025-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    const observedAt = i % 4 === 0 ? `${date}T09:30:00+02:00` : date;
    const norms =
      type === 'CONFLICTING_NORMS'
        ? i % 10 === 1
          ? PAIR_A[Math.floor(i / 10) % 2]
          : PAIR_B
        : i % 2 === 0
          ? [{ ref: 'Ow art. 5.1' }]
          : [];
    const authorities = type === 'UNCLEAR_AUTHORITY' ? ['gm0344', 'pv26'] : [authority];
    const initiative = i % 3 === 0 ? { name: `Initiatiefnemer ${i}`, contact: `init${i}@example.nl` } : null;
    const title = `${i % 6 === 0 ? 'Warmtenet' : 'Knelpunt'} nummer ${i} in de praktijk`;
    const body = {
      type,
      title,
      description: `Beschrijving van signaal ${i}.`,
      policyDomain,
      level,
      initiativeKind,
      observedAt,
      authorities,
      norms,
      ...(initiative ? { initiative } : {}),
    };
    const written = await write(server, '/api/v1/signals', officers[authority], body);
    signals.push({
      id: written.id,
      position: written.position,
      type,
      level,
      initiativeKind,
      authority,
      layer: LAYERS[authority],
      recordedPolicyDomain: policyDomain,
      policyDomain,
      observedAt,
      observedOn: date,
      title,
      authorities,
      norms,
      initiative,
      status: 'ACTIVE',
      conflict:
        type === 'CONFLICTING_NORMS'
          ? norms
              .map((norm) => normalise(norm.ref))
              .sort()
              .join(' × ')
          : null,
    });
  }
  let position = signals[signals.length - 1].position;
  for (const index of [4, 9]) {
    const signal = signals[index];
    position = (
      await write(server, `/api/v1/signals/${signal.id}/withdraw`, officers[signal.authority], {
        reason: 'Bij nader inzien geen knelpunt.',
      })
    ).position;
    signal.status = 'WITHDRAWN';
  }
  const duplicate = signals[16];
  position = (
    await write(server, `/api/v1/signals/${duplicate.id}/duplicate-of`, analyst, { signalId: signals[6].id })
  ).position;
  duplicate.status = 'DUPLICATE';
  for (const [index, corrected] of [
    [2, 'spatial-planning'],
    [3, undefined],
    [5, undefined],
  ] as const) {
    const signal = signals[index];
    position = (
      await write(server, `/api/v1/signals/${signal.id}/classify`, analyst, {
        themes: ['regeldruk'],
        ...(corrected ? { policyDomain: corrected } : {}),
      })
    ).position;
    if (corrected) signal.policyDomain = corrected;
  }
  return { signals, position };
}

/** `count` items grouped by `key`, as a plain object. */
export function countBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}
