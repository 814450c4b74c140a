import fc from 'fast-check';
import type { Role } from '@praktijklus/domain';
import { startTestServer, type TestServer } from '../support/test-server';
import type { TokenClaims } from '../../libs/testing/src/test-token';
import {
  AdministrationClient,
  agreementBody,
  dutchDate,
  experimentBody,
  raiseBody,
  signalBody,
} from '../escalations.fixtures';
import { discoverRestRoutes, type RestRoute } from './app-surface.discovery';
import { eventLogHead, PROBLEM_JSON, unknownId, userOf, type LogHead } from './security.fixtures';

jest.setTimeout(120_000);

/** No single answer may take longer than this: a hang fails the property. */
const REQUEST_DEADLINE_MS = 5000;
const SEED = Number(process.env.FC_SEED ?? Date.now() % 2_147_483_647);

interface Answer {
  status: number;
  type: string;
  text: string;
}

/** Everything the server said about one request, for the property to judge. */
async function send(
  url: string,
  method: string,
  init: { body?: string | Uint8Array; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const response = await fetch(url, {
    method,
    headers: init.headers ?? {},
    ...(init.body === undefined ? {} : { body: init.body }),
    signal: AbortSignal.timeout(REQUEST_DEADLINE_MS),
  });
  return {
    status: response.status,
    type: response.headers.get('content-type') ?? '',
    text: await response.text(),
  };
}

/** A REST refusal: 4xx, problem+json, its status in the body, nothing internal in it. */
function isRestRefusal(answer: Answer): boolean {
  if (answer.status < 400 || answer.status >= 500 || !answer.type.includes(PROBLEM_JSON)) return false;
  const body = JSON.parse(answer.text) as { status?: unknown; code?: unknown };
  return (
    body.status === answer.status &&
    typeof body.code === 'string' &&
    !/\bat .+\.(ts|js):\d+|node_modules|SQLITE_|\/tmp\//.test(answer.text)
  );
}

/** A GraphQL answer to a bad document: 4xx, or 200 with errors; never 5xx, never an internal error. */
function isGraphqlRefusalOrAnswer(answer: Answer): boolean {
  if (answer.status >= 500) return false;
  if (answer.status !== 200 && (answer.status < 400 || answer.status >= 500)) return false;
  if (answer.text === '') return answer.status >= 400;
  let body: { data?: unknown; errors?: Array<{ extensions?: { code?: string } }> };
  try {
    body = JSON.parse(answer.text) as typeof body;
  } catch {
    return false;
  }
  return (body.errors ?? []).every((error) => error.extensions?.code !== 'INTERNAL_SERVER_ERROR');
}

const explain = (label: string, answer: Answer): string =>
  `${label} -> ${answer.status} ${answer.type} ${answer.text.slice(0, 300)}`;

/** Characters that make identifiers look right and be wrong. */
const ODDITIES = [
  '\u200b', // zero-width space
  '\u200d', // zero-width joiner
  '\u202e', // right-to-left override
  '\u0000',
  '\ud800', // lone surrogate
  '\u0301', // combining accent
  '\ufeff', // byte order mark
  '\u0410', // Cyrillic A, looks Latin
  '\uff10', // fullwidth zero
];

/** Characters no text field takes, single-line or prose: the edge refuses them in any string. */
const FORBIDDEN_IN_TEXT = [
  '\ue000a676d30333434', // a search facet token (private use)
  '\uf8ff', // last of the private-use area
  '\udb80\udc00', // supplementary private use
  '\u202e', // right-to-left override
  '\u2066', // left-to-right isolate
  '\u0000',
  '\u0085', // C1 control
  '\ud800', // lone surrogate
];

/** Dates and date-times outside 2000-2099, or that become year 10000 once normalised to UTC. */
const FAR_DATES = ['9999-12-31', '1999-12-31', '2100-01-01', '0001-01-01'];
const FAR_INSTANTS = [
  '9999-12-31T23:59:59-23:59',
  '2099-12-31T23:59:59-01:00',
  '1999-12-31T23:59:59Z',
  '0001-01-01T00:00:00+00:00',
];
const isDateValue = (value: unknown): value is string =>
  typeof value === 'string' && /^\d{4}-\d{2}-\d{2}(T.*)?$/.test(value);

const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype'];

/** A JSON value of a different shape than `valid`, never null (null may mean "absent" for optional fields). */
function wrongTypeFor(valid: unknown): fc.Arbitrary<unknown> {
  const scalarWrong = fc.oneof(
    fc.integer(),
    fc.boolean(),
    fc.constant({}),
    fc.array(fc.integer(), { maxLength: 3 }),
  );
  if (typeof valid === 'string') return scalarWrong;
  if (typeof valid === 'number')
    return fc.oneof(fc.string({ maxLength: 5 }), fc.boolean(), fc.constant([1]), fc.constant({}));
  if (Array.isArray(valid)) {
    const element: unknown = valid[0];
    return fc.oneof(
      fc.string({ maxLength: 10 }),
      fc.integer(),
      fc.constant({}),
      // An array whose elements are of the wrong shape.
      typeof element === 'string'
        ? fc.array(fc.oneof(fc.integer(), fc.boolean(), fc.constant({})), { minLength: 1, maxLength: 3 })
        : fc.array(fc.oneof(fc.integer(), fc.string({ maxLength: 5 }), fc.boolean()), {
            minLength: 1,
            maxLength: 3,
          }),
    );
  }
  if (typeof valid === 'object' && valid !== null) {
    return fc.oneof(
      fc.string({ maxLength: 10 }),
      fc.integer(),
      fc.boolean(),
      fc.constant([]),
      fc.constant([1, 2]),
    );
  }
  return scalarWrong;
}

const isIdentifierLike = (value: unknown): value is string =>
  typeof value === 'string' && value.length <= 40 && /^[\w:.\-+]+$/.test(value);

/** Deep nesting written as text: JSON.stringify would overflow the test's own stack first. */
const deeplyNested = (depth: number, open: string, close: string): string =>
  open.repeat(depth) + close.repeat(depth);

/**
 * One way to make a valid body invalid, as JSON text. Each mutation breaks a rule the API promises
 * to check: types, unknown and server-owned fields, prototype keys, lengths, identifiers, nesting.
 */
function invalidBodyFrom(valid: Record<string, unknown>): fc.Arbitrary<string> {
  const fields = Object.keys(valid);
  const withField = (field: string, value: unknown) => JSON.stringify({ ...valid, [field]: value });
  const spliceRaw = (raw: string) => `${JSON.stringify(valid).slice(0, -1)},${raw}}`;
  const identifierFields = fields.filter((field) => isIdentifierLike(valid[field]));

  const mutations: Array<fc.Arbitrary<string>> = [
    fc
      .constantFrom(...fields)
      .chain((field) => wrongTypeFor(valid[field]).map((value) => withField(field, value))),
    fc
      .string({ minLength: 1, maxLength: 30 })
      .filter((key) => !fields.includes(key) && !PROTOTYPE_KEYS.includes(key))
      .chain((key) => fc.jsonValue({ maxDepth: 3 }).map((value) => withField(key, value))),
    fc
      .constantFrom('reportingAuthority', 'actor', 'recordedAt', 'reportedBy', 'raisedBy', 'id', 'revision')
      .map((field) => withField(field, field === 'actor' ? { sub: 'x', roles: ['admin'] } : 'gm0363')),
    fc
      .tuple(
        fc.constantFrom(...PROTOTYPE_KEYS),
        fc.constantFrom('{"isAdmin":true}', '{"prototype":{"polluted":1}}'),
      )
      .chain(([key, value]) =>
        fc
          .constantFrom(key, key.replace('_', '\\u005f'), key.replace('o', '\\u006f'))
          .map((spelled) => spliceRaw(`"${spelled}":${value}`)),
      ),
    // The field again, deeply nested: the later key wins, so the body is of the wrong shape.
    fc
      .tuple(fc.constantFrom(...fields), fc.integer({ min: 40, max: 5000 }), fc.constantFrom('[]', '{}'))
      .map(([field, depth, pair]) =>
        spliceRaw(
          `"${field}":${deeplyNested(depth, pair === '[]' ? '[' : '{"a":', pair === '[]' ? ']' : '}')}`,
        ),
      ),
  ];
  const stringFields = fields.filter((field) => typeof valid[field] === 'string');
  if (stringFields.length > 0) {
    mutations.push(
      fc
        .tuple(fc.constantFrom(...stringFields), fc.integer({ min: 20_001, max: 60_000 }))
        .map(([field, length]) => withField(field, 'x'.repeat(length))),
    );
  }
  if (identifierFields.length > 0) {
    mutations.push(
      fc
        .tuple(fc.constantFrom(...identifierFields), fc.constantFrom(...ODDITIES), fc.boolean())
        .map(([field, oddity, before]) => {
          const value = valid[field] as string;
          return withField(field, before ? `${oddity}${value}` : `${value}${oddity}`);
        }),
    );
  }
  if (stringFields.length > 0) {
    mutations.push(
      fc
        .tuple(fc.constantFrom(...stringFields), fc.constantFrom(...FORBIDDEN_IN_TEXT), fc.boolean())
        .map(([field, character, before]) => {
          const value = valid[field] as string;
          return withField(field, before ? `${character}${value}` : `${value}${character}`);
        }),
    );
  }
  const dateFields = fields.filter((field) => isDateValue(valid[field]));
  if (dateFields.length > 0) {
    mutations.push(
      fc
        .constantFrom(...dateFields)
        .chain((field) =>
          fc
            .constantFrom(...((valid[field] as string).includes('T') ? FAR_INSTANTS : FAR_DATES))
            .map((far) => withField(field, far)),
        ),
    );
  }
  const arrayFields = fields.filter(
    (field) => Array.isArray(valid[field]) && typeof (valid[field] as unknown[])[0] === 'string',
  );
  if (arrayFields.length > 0) {
    mutations.push(
      fc.constantFrom(...arrayFields).map((field) =>
        withField(
          field,
          Array.from({ length: 500 }, (_, i) => `${(valid[field] as string[])[0]}${i}`),
        ),
      ),
    );
  }
  return fc.oneof(...mutations);
}

/** Bodies that are no valid JSON object at all: broken syntax, other JSON values, odd bytes. */
const garbageBody: fc.Arbitrary<string | Uint8Array> = fc.oneof(
  fc.string({ maxLength: 200 }).filter((text) => {
    try {
      const parsed: unknown = JSON.parse(text);
      return typeof parsed !== 'object' || parsed === null || Array.isArray(parsed);
    } catch {
      return text.trim() !== '';
    }
  }),
  fc
    .jsonValue({ maxDepth: 4 })
    .filter((value) => typeof value !== 'object' || value === null || Array.isArray(value))
    .map((value) => JSON.stringify(value)),
  fc.constantFrom(
    '{"title": "a",}',
    "{'title': 'a'}",
    '{"title": NaN}',
    '{"title": 1e999999}',
    '/* comment */ {}',
    '\ufeff{"title":"a"}',
    '{"a":1}{"b":2}',
    '{"a":"\\ud800"',
    '{"a": "\\x41"}',
    deeplyNested(20_000, '[', ']'),
    deeplyNested(10_000, '{"a":', '}'),
  ),
  // Bytes that are not UTF-8 at all.
  fc
    .uint8Array({ minLength: 1, maxLength: 64 })
    .map((bytes) => Uint8Array.from([0x7b, 0xff, 0xfe, ...bytes, 0x7d])),
);

describe('hostile input corpus (property-based, booted server)', () => {
  let server: TestServer;
  let routes: RestRoute[];
  /** A real resource per kind, so that bodies reach validation and the deciders behind it. */
  const ids: Record<string, string> = {};
  let head: LogHead;

  /** Valid bodies per route, made invalid by the properties (so an accepted one is a finding). */
  let validBodies: Record<string, Record<string, unknown>>;

  beforeAll(async () => {
    // X-Consistent-With ahead of the log waits this long by design; the per-request deadline is longer.
    server = await startTestServer({ env: { CONSISTENCY_TIMEOUT_MS: '500' } });
    const api = new AdministrationClient(server);
    ids.signals = await api.recordSignal(userOf('officer', 'gm0344'), {
      initiative: { name: 'Zonnedak', contact: 'info@zonnedak.example' },
    });
    ids.escalations = await api.raised();
    ids.agreements = await api.agreement();
    ids.experiments = await api.experiment();
    const decided = await api.decided();
    routes = discoverRestRoutes(server.app).filter((route) => route.access.kind !== 'public');
    validBodies = {
      'POST /api/v1/signals': signalBody({ initiative: { name: 'Buurtinitiatief', contact: 'a@b.example' } }),
      'PATCH /api/v1/signals/:id': { title: 'Zonnepanelen op monumenten: aangevuld', level: 'POLICY' },
      'POST /api/v1/signals/:id/withdraw': { reason: 'Dubbel gemeld.' },
      'POST /api/v1/signals/:id/classify': { themes: ['zonne-energie', 'erfgoed'], policyDomain: 'energy' },
      'POST /api/v1/signals/:id/duplicate-of': { signalId: ids.signals },
      'POST /api/v1/escalations': raiseBody([ids.signals], {
        respondBy: new Date(Date.now() + 864e6).toISOString(),
      }),
      'POST /api/v1/escalations/:id/acknowledge': { note: 'Wij pakken dit op.' },
      'POST /api/v1/escalations/:id/involve': {
        authority: 'mnre1171',
        reason: 'Het Rijk gaat over het Bbl.',
      },
      'POST /api/v1/escalations/:id/signals': { signalIds: [ids.signals] },
      'POST /api/v1/escalations/:id/transfer': { to: 'mnre1171', reason: 'Het Rijk is bevoegd.' },
      'POST /api/v1/escalations/:id/decide': {
        outcome: 'NO_CHANGE',
        rationale: 'De regels laten al ruimte.',
      },
      'POST /api/v1/escalations/:id/resolve': { summary: 'Afgehandeld.' },
      'POST /api/v1/escalations/:id/reopen': { reason: 'Niet opgelost.' },
      'POST /api/v1/agreements': agreementBody(),
      'POST /api/v1/agreements/:id/progress': { percent: 40, note: 'Voorstel in concept.' },
      'POST /api/v1/agreements/:id/follow-ups': {
        heldOn: dutchDate(),
        assessment: 'ON_TRACK',
        notes: 'Terugkomgesprek gehouden.',
        nextFollowUpOn: dutchDate(30),
      },
      'POST /api/v1/agreements/:id/fulfil': { result: 'Verordening aangepast.' },
      'POST /api/v1/agreements/:id/unmet': { reason: 'Geen meerderheid.' },
      'POST /api/v1/agreements/:id/cancel': { reason: 'Ingehaald door wet.' },
      'POST /api/v1/experiments': experimentBody(decided),
      'POST /api/v1/experiments/:id/extend': { endsOn: dutchDate(600), reason: 'Een winter extra meten.' },
      'POST /api/v1/experiments/:id/evaluate': {
        conclusion: 'De panelen bleven onzichtbaar.',
        policyConsequence: 'ADOPT_IN_POLICY',
        rationale: 'De voorwaarden gaan in de verordening.',
      },
    };
    head = eventLogHead(server);
  });

  afterAll(async () => {
    await server.close();
  });

  /** A user holding a role the route allows, of the authority that owns the test's resources. */
  function userFor(route: RestRoute): TokenClaims {
    const role: Role = route.access.kind === 'roles' ? route.access.roles[0] : 'officer';
    const authority = route.path.startsWith('/api/v1/signals') || role === 'officer' ? 'gm0344' : 'pv26';
    return userOf(role, authority);
  }

  async function headersFor(
    route: RestRoute,
    extra: Record<string, string> = {},
  ): Promise<Record<string, string>> {
    return { authorization: `Bearer ${await server.token(userFor(route))}`, ...extra };
  }

  const pathOf = (route: RestRoute, id?: string): string =>
    route.path.replace(':id', id ?? ids[route.path.split('/')[3]] ?? unknownId());

  const writeRoutes = () => routes.filter((route) => route.method !== 'GET');

  it('answers thousands of malformed bodies with 4xx problem+json, within the deadline', async () => {
    const writable = writeRoutes().filter((route) => validBodies[route.key] !== undefined);
    const hostileBody = fc
      .constantFrom(...writable)
      .chain((route) =>
        fc.record({ route: fc.constant(route), body: invalidBodyFrom(validBodies[route.key]) }),
      );
    await fc.assert(
      fc.asyncProperty(hostileBody, async ({ route, body }) => {
        const answer = await send(`${server.url}${pathOf(route)}`, route.method, {
          body,
          headers: await headersFor(route, { 'content-type': 'application/json' }),
        });
        if (!isRestRefusal(answer)) throw new Error(explain(`${route.key} ${body.slice(0, 200)}`, answer));
      }),
      { numRuns: 1500, seed: SEED },
    );
  });

  it('answers garbage that is not a JSON object, on every write route, with 4xx problem+json', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...writeRoutes()), garbageBody, async (route, body) => {
        // Creating routes take it as is; the others get an unknown id, so nothing can be written.
        const answer = await send(`${server.url}${pathOf(route, unknownId())}`, route.method, {
          body,
          headers: await headersFor(route, { 'content-type': 'application/json' }),
        });
        const shown =
          typeof body === 'string' ? body.slice(0, 120) : `bytes ${Buffer.from(body).toString('hex')}`;
        if (!isRestRefusal(answer)) throw new Error(explain(`${route.key} ${shown}`, answer));
      }),
      { numRuns: 600, seed: SEED },
    );
  });

  it('refuses bad Content-Type, Idempotency-Key, If-Match and Authorization headers with 4xx problem+json', async () => {
    const commandRoutes = writeRoutes().filter((route) => validBodies[route.key] !== undefined);
    const badContentType = fc.constantFrom(
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/xml',
      'application/jsonx',
      'application/json-patch+json',
      'text/json',
      'application',
      '*/*',
    );
    const visibleAscii = fc.string({
      unit: fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)),
    });
    const isValidKey = (key: string) => /^[\x21-\x7e]{1,200}$/.test(key.trim());
    const badIdempotencyKey = fc
      .oneof(
        visibleAscii.filter((key) => key.length > 0).map((key) => key.padEnd(201, 'k')),
        fc.string({ unit: fc.constantFrom(' ', '\t'), minLength: 1, maxLength: 5 }),
        fc
          .tuple(visibleAscii, fc.integer({ min: 0x80, max: 0xff }), visibleAscii)
          .map(([a, c, b]) => `${a}${String.fromCharCode(c)}${b}`.slice(0, 200)),
        fc.tuple(visibleAscii, visibleAscii).map(([a, b]) => `${a.slice(0, 50)}x ${b.slice(0, 50)}x`),
      )
      .filter((key) => !isValidKey(key));
    const badIfMatch = fc
      .oneof(
        fc.string({ maxLength: 30 }),
        fc.constantFrom('"1", "2"', '-1', '1.5', 'W/"x"', '"abc"', `"${'9'.repeat(16)}"`, '**', 'W/'),
      )
      .filter((value) => {
        const trimmed = value.trim();
        return (
          trimmed !== '' &&
          trimmed !== '*' &&
          !/^(?:W\/)?"?(\d{1,15})"?$/.test(trimmed) &&
          /^[\x20-\x7e]*$/.test(value)
        );
      });
    const badAuthorization = fc.oneof(
      fc.string({ maxLength: 60 }).filter((value) => /^[\x20-\x7e]*$/.test(value)),
      fc.constantFrom(
        'Bearer',
        'Bearer ',
        'Basic YTpi',
        'Bearer a.b.c',
        'Bearer ..',
        `Bearer ${'a'.repeat(9000)}`,
      ),
    );
    const hostileHeader = fc.oneof(
      badContentType.map((value) => ({ kind: 'content-type', headers: { 'content-type': value } })),
      badIdempotencyKey.map((value) => ({
        kind: 'idempotency-key',
        headers: { 'content-type': 'application/json', 'idempotency-key': value },
      })),
      badIfMatch.map((value) => ({
        kind: 'if-match',
        headers: { 'content-type': 'application/json', 'if-match': value },
      })),
      badAuthorization.map((value) => ({
        kind: 'authorization',
        headers: { 'content-type': 'application/json', authorization: value },
      })),
    );
    // Idempotency-Key belongs to POST (API.md); PATCH ignores it, so it is no refusal there.
    const routeAndHeader = fc
      .tuple(fc.constantFrom(...commandRoutes), hostileHeader)
      .filter(([route, { kind }]) => kind !== 'idempotency-key' || route.method === 'POST');
    await fc.assert(
      fc.asyncProperty(routeAndHeader, async ([route, { kind, headers }]) => {
        // Creating routes get a valid body: only the header stands between the request and a write.
        const body = JSON.stringify(validBodies[route.key]);
        const base = kind === 'authorization' ? {} : await headersFor(route);
        const answer = await send(`${server.url}${pathOf(route)}`, route.method, {
          body,
          headers: { ...base, ...headers },
        });
        if (!isRestRefusal(answer))
          throw new Error(explain(`${route.key} ${JSON.stringify(headers).slice(0, 200)}`, answer));
      }),
      { numRuns: 600, seed: SEED },
    );
  });

  it('answers hostile paths, methods and query strings with 4xx problem+json', async () => {
    const segment = fc.oneof(
      fc.string({ maxLength: 40 }).map(encodeURIComponent),
      fc.constantFrom(
        '..%2f..%2fetc%2fpasswd',
        '%00',
        '%c0%ae',
        "1' OR '1'='1",
        '%E2%80%AE',
        'a'.repeat(300),
        '-1',
        '0x10',
      ),
    );
    // A hostile segment only makes a request hostile where the route has a parameter to put it in.
    const parameterised = routes.filter((route) => route.path.includes(':id'));
    const hostilePath = fc.oneof(
      fc.tuple(fc.constantFrom(...parameterised), segment).map(([route, value]) => ({
        route,
        path: route.path.replace(':id', value === '' ? '%20' : value),
        method: route.method,
      })),
      fc
        .tuple(fc.constantFrom(...routes), fc.constantFrom('DELETE', 'PUT', 'PATCH', 'POST'))
        .map(([route, method]) => ({
          route,
          path: route.path.replace(':id', unknownId()),
          method,
        })),
      fc
        .tuple(
          fc.constantFrom(...routes),
          fc.constantFrom(
            '?__proto__[admin]=1',
            '?constructor.prototype.x=1',
            '?a=%ff',
            `?${'q'.repeat(5000)}`,
          ),
        )
        .map(([route, query]) => ({
          route,
          path: `${route.path.replace(':id', unknownId())}${query}`,
          method: route.method,
        })),
    );
    await fc.assert(
      fc.asyncProperty(hostilePath, async ({ route, path, method }) => {
        const answer = await send(`${server.url}${path}`, method, {
          headers: await headersFor(route, method === 'GET' ? {} : { 'content-type': 'application/json' }),
          ...(method === 'GET' ? {} : { body: '{"zz":1}' }),
        });
        if (!isRestRefusal(answer)) throw new Error(explain(`${method} ${path.slice(0, 200)}`, answer));
      }),
      { numRuns: 400, seed: SEED },
    );
  });

  it('answers hostile GraphQL documents, variables and request shapes with 4xx or errors, never 5xx', async () => {
    const identifier = fc.stringMatching(/^[_A-Za-z][_0-9A-Za-z]{0,15}$/);
    const document = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.string({ unit: 'grapheme', maxLength: 100 }),
      fc
        .integer({ min: 9, max: 400 })
        .map((depth) => `{ ${'signals { edges { node { '.repeat(depth)}id${' } } }'.repeat(depth)} }`),
      fc
        .integer({ min: 16, max: 1500 })
        .map(
          (count) =>
            `{ ${Array.from({ length: count }, (_, i) => `a${i}: policyDomains { code }`).join(' ')} }`,
        ),
      fc
        .array(identifier, { minLength: 1, maxLength: 5 })
        .map((names) => `{ ${names.join(' { ')}${' }'.repeat(names.length - 1)} }`),
      fc.integer({ min: 1, max: 3000 }).map((n) => `{ signals(first: ${n}) { totalCount } }`),
      fc.constantFrom(
        '{ ...A } fragment A on Query { ...A }',
        'query { __typename } query { __typename }',
        'mutation { x }',
        'subscription { x }',
        '{ signal(id: "\\u0000") { id } }',
        `{ signals(search: "${'x'.repeat(5000)}") { totalCount } }`,
        `{ ${'__typename '.repeat(3000)}}`,
        '{ signals @skip(if: true) @include(if: false) @deprecated { totalCount } }',
        '{ signals(filter: { observedFrom: "not-a-date" }) { totalCount } }',
      ),
    );
    const variablesQuery =
      'query ($first: Int, $after: String, $filter: SignalFilter, $search: String, $id: ID!) ' +
      '{ signals(first: $first, after: $after, filter: $filter, search: $search) { totalCount } signal(id: $id) { id } }';
    const request: fc.Arbitrary<{ body: string; headers: Record<string, string> }> = fc.oneof(
      document.map((query) => ({ body: JSON.stringify({ query }), headers: {} })),
      fc
        .dictionary(
          fc.constantFrom('first', 'after', 'filter', 'search', 'id', 'extra'),
          fc.jsonValue({ maxDepth: 3 }),
        )
        .map((variables) => ({
          body: JSON.stringify({ query: variablesQuery, variables }),
          headers: {},
        })),
      fc.jsonValue({ maxDepth: 3 }).map((value) => ({ body: JSON.stringify(value), headers: {} })),
      fc
        .record({
          query: fc.jsonValue({ maxDepth: 2 }),
          variables: fc.jsonValue({ maxDepth: 2 }),
          operationName: fc.jsonValue({ maxDepth: 1 }),
        })
        .map((value) => ({
          body: JSON.stringify(value),
          headers: {},
        })),
      fc.string({ maxLength: 80 }).map((position) => ({
        body: JSON.stringify({ query: '{ policyDomains { code } }' }),
        headers: { 'x-consistent-with': position.replace(/[^\x20-\x7e]/g, '?') || '?' },
      })),
    );
    const token = await server.token(userOf('analyst', 'gm0344'));
    await fc.assert(
      fc.asyncProperty(request, async ({ body, headers }) => {
        const answer = await send(`${server.url}/graphql`, 'POST', {
          body,
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
        });
        if (!isGraphqlRefusalOrAnswer(answer)) throw new Error(explain(body.slice(0, 300), answer));
      }),
      { numRuns: 800, seed: SEED },
    );
  });

  it('refuses long filter lists and large variables, over any number of aliases, quickly and with BAD_USER_INPUT', async () => {
    // Each shape names the list it fills; every list of every filter input is capped at 50 values.
    const shapes = [
      ['signals(filter: $filter, search: "zonnepanelen", first: 1) { totalCount }', 'SignalFilter'],
      ['signalStats(groupBy: [TYPE], filter: $filter) { count }', 'SignalFilter'],
      ['normConflicts(filter: $filter) { count }', 'SignalFilter'],
      ['feedbackLoop(filter: $filter) { decided }', 'SignalFilter'],
      ['escalations(filter: $filter, first: 1) { totalCount }', 'EscalationFilter'],
    ] as const;
    const signalLists = [
      'types',
      'policyDomains',
      'levels',
      'authorities',
      'governmentLayers',
      'initiativeKinds',
      'statuses',
    ];
    const heavy = fc.record({
      shape: fc.constantFrom(...shapes),
      aliases: fc.integer({ min: 1, max: 15 }),
      list: fc.constantFrom(...signalLists),
      length: fc.oneof(fc.integer({ min: 51, max: 200 }), fc.integer({ min: 5_000, max: 25_000 })),
      value: fc.constantFrom('BARRIER', 'building', 'gm0344', 'x'),
    });
    const token = await server.token(userOf('analyst', 'gm0344'));
    let slowest = 0;
    await fc.assert(
      fc.asyncProperty(heavy, async ({ shape: [field, input], aliases, list, length, value }) => {
        const fields = Array.from({ length: aliases }, (_, i) => `a${i}: ${field}`).join(' ');
        const filter = { [input === 'EscalationFilter' ? 'statuses' : list]: Array(length).fill(value) };
        const body = JSON.stringify({
          query: `query ($filter: ${input}) { ${fields} }`,
          variables: { filter },
        });
        const started = Date.now();
        const answer = await send(`${server.url}/graphql`, 'POST', {
          body,
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        });
        slowest = Math.max(slowest, Date.now() - started);
        const parsed = JSON.parse(answer.text || '{}') as {
          data?: Record<string, unknown> | null;
          errors?: Array<{ extensions?: { code?: string } }>;
        };
        const refused =
          (answer.status === 400 || answer.status === 413 || answer.status === 200) &&
          (parsed.errors ?? []).length > 0 &&
          (parsed.errors ?? []).every((error) => error.extensions?.code === 'BAD_USER_INPUT') &&
          Object.values(parsed.data ?? {}).every((value) => value === null);
        if (!refused && answer.status !== 413) throw new Error(explain(body.slice(0, 300), answer));
      }),
      { numRuns: 60, seed: SEED },
    );
    expect(slowest).toBeLessThan(5000);
    expect((await send(`${server.url}/health`, 'GET')).status).toBe(200);
  });

  it('wrote nothing: the head of events.sqlite is where it was before the corpus, and the server still answers', async () => {
    expect(eventLogHead(server)).toEqual(head);
    expect((await send(`${server.url}/health`, 'GET')).status).toBe(200);
  });
});
