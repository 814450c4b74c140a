import { startTestServer, type TestServer } from './support/test-server';
import type { TokenClaims } from '../libs/testing/src/test-token';
import {
  filesContaining,
  headOf,
  ministryAnalyst,
  type ProblemBody,
  signalBody,
  utrechtOfficer,
  type Written,
} from './signals.fixtures';

// Every refused recording carries this initiative: no file may ever hold it.
const REFUSED_INITIATIVE = 'Geweigerd Initiatief Kerkstraat';
const refusable = (overrides: Record<string, unknown> = {}): Record<string, unknown> =>
  signalBody({ initiative: { name: REFUSED_INITIATIVE, contact: 'kerkstraat@example.org' }, ...overrides });
const without = (field: string): Record<string, unknown> => {
  const body = refusable();
  delete body[field];
  return body;
};
const inFuture = (days: number): string => new Date(Date.now() + days * 86_400_000).toISOString();
const longText = (length: number): string => 'x'.repeat(length);

interface BadInput {
  name: string;
  /** A JSON value, or a raw string sent as is. */
  body: unknown;
  status: number;
  code: string;
  /** Field paths the answer must name in errors[].field. */
  fields?: string[];
  method?: 'POST' | 'PATCH';
  /** Path under /api/v1/signals; `:id` becomes an existing signal's id. */
  path?: string;
  token?: TokenClaims;
  headers?: Record<string, string>;
}

const recordings: BadInput[] = [
  // Missing fields.
  ...[
    'type',
    'title',
    'description',
    'policyDomain',
    'level',
    'initiativeKind',
    'observedAt',
    'authorities',
    'norms',
  ].map((field): BadInput => ({
    name: `missing ${field}`,
    body: without(field),
    status: 400,
    code: 'VALIDATION_FAILED',
    fields: [field],
  })),
  { name: 'an empty object', body: {}, status: 400, code: 'VALIDATION_FAILED', fields: ['type', 'title'] },
  { name: 'a JSON array', body: [refusable()], status: 400, code: 'VALIDATION_FAILED' },
  { name: 'a JSON string', body: '"signaal"', status: 400, code: 'VALIDATION_FAILED' },
  { name: 'JSON null', body: 'null', status: 400, code: 'VALIDATION_FAILED' },
  // Wrong types.
  {
    name: 'title a number',
    body: refusable({ title: 42 }),
    status: 400,
    code: 'VALIDATION_FAILED',
    fields: ['title'],
  },
  {
    name: 'title null',
    body: refusable({ title: null }),
    status: 400,
    code: 'VALIDATION_FAILED',
    fields: ['title'],
  },
  {
    name: 'type not in the vocabulary',
    body: refusable({ type: 'KLACHT' }),
    status: 400,
    code: 'VALIDATION_FAILED',
    fields: ['type'],
  },
  {
    name: 'level in lower case',
    body: refusable({ level: 'system' }),
    status: 400,
    code: 'VALIDATION_FAILED',
    fields: ['level'],
  },
  {
    name: 'initiativeKind unknown',
    body: refusable({ initiativeKind: 'LOBBY' }),
    status: 400,
    code: 'VALIDATION_FAILED',
    fields: ['initiativeKind'],
  },
  {
    name: 'authorities a string',
    body: refusable({ authorities: 'gm0344' }),
    status: 400,
    code: 'VALIDATION_FAILED',
    fields: ['authorities'],
  },
  {
    name: 'an authority a number',
    body: refusable({ authorities: ['gm0344', 344] }),
    status: 400,
    code: 'VALIDATION_FAILED',
    fields: ['authorities'],
  },
  {
    name: 'norms an object',
    body: refusable({ norms: { ref: 'Bbl art. 4.101' } }),
    status: 400,
    code: 'VALIDATION_FAILED',
    fields: ['norms'],
  },
  {
    name: 'a norm a string',
    body: refusable({ norms: ['Bbl art. 4.101', { ref: 'Bal art. 3.1' }] }),
    status: 400,
    code: 'VALIDATION_FAILED',
    fields: ['norms'],
  },
  {
    name: 'a norm in an array',
    body: refusable({ norms: [[{ ref: 'Bbl art. 4.101' }], { ref: 'Bal art. 3.1' }] }),
    status: 400,
    code: 'VALIDATION_FAILED',
    fields: ['norms'],
  },
  {
    name: 'a norm without ref',
    body: refusable({ norms: [{ ref: 'Bbl art. 4.101' }, { title: 'Geluid' }] }),
    status: 400,
    code: 'VALIDATION_FAILED',
    fields: ['norms[1].ref'],
  },
  {
    name: 'initiative a string',
    body: refusable({ initiative: 'Jan Jansen' }),
    status: 400,
    code: 'VALIDATION_FAILED',
    fields: ['initiative'],
  },
  {
    name: 'initiative an array',
    body: refusable({ initiative: [{ name: REFUSED_INITIATIVE }] }),
    status: 400,
    code: 'VALIDATION_FAILED',
    fields: ['initiative'],
  },
  {
    name: 'initiative without name',
    body: refusable({ initiative: { contact: REFUSED_INITIATIVE } }),
    status: 400,
    code: 'VALIDATION_FAILED',
    fields: ['initiative.name'],
  },
  {
    name: 'lat a string',
    body: refusable({ location: { lat: '52.09' } }),
    status: 400,
    code: 'VALIDATION_FAILED',
    fields: ['location.lat'],
  },
  {
    name: 'location an array',
    body: refusable({ location: [52.09, 5.12] }),
    status: 400,
    code: 'VALIDATION_FAILED',
    fields: ['location'],
  },
  {
    name: 'observedAt a number',
    body: refusable({ observedAt: 20251103 }),
    status: 400,
    code: 'VALIDATION_FAILED',
    fields: ['observedAt'],
  },
  // Unknown fields, also the ones the server sets itself.
  ...['authority', 'reportedBy', 'recordedAt', 'reportingAuthority', 'signalId', 'id', 'status'].map(
    (field): BadInput => ({
      name: `unknown field ${field}`,
      body: refusable({ [field]: field === 'recordedAt' ? '2025-01-01T00:00:00Z' : 'gm0363' }),
      status: 400,
      code: 'VALIDATION_FAILED',
      fields: [field],
    }),
  ),
  {
    name: 'unknown field in a norm',
    body: refusable({ norms: [{ ref: 'Bbl art. 4.101', artikel: '4.101' }, { ref: 'Bal art. 3.1' }] }),
    status: 400,
    code: 'VALIDATION_FAILED',
    fields: ['norms[0].artikel'],
  },
  {
    name: 'unknown field in the initiative',
    body: refusable({ initiative: { name: REFUSED_INITIATIVE, bsn: '123456782' } }),
    status: 400,
    code: 'VALIDATION_FAILED',
    fields: ['initiative.bsn'],
  },
  {
    name: 'unknown field in the location',
    body: refusable({ location: { lat: 52, address: 'Domplein 1' } }),
    status: 400,
    code: 'VALIDATION_FAILED',
    fields: ['location.address'],
  },
  {
    name: '__proto__ at the top',
    body: JSON.stringify(refusable()).replace(/^\{/, '{"__proto__":{"roles":["admin"]},'),
    status: 400,
    code: 'VALIDATION_FAILED',
    fields: ['__proto__'],
  },
  {
    name: 'constructor at the top',
    body: JSON.stringify(refusable()).replace(/^\{/, '{"constructor":"Object",'),
    status: 400,
    code: 'VALIDATION_FAILED',
    fields: ['constructor'],
  },
  {
    name: 'constructor.prototype at the top',
    body: JSON.stringify(refusable()).replace(/^\{/, '{"constructor":{"prototype":{"admin":true}},'),
    status: 400,
    code: 'VALIDATION_FAILED',
    fields: ['prototype'],
  },
  {
    name: '__proto__ nested in a norm, spelt with an escape',
    body: JSON.stringify(refusable()).replace('{"ref":"Bbl', '{"\\u005f_proto__":{"x":1},"ref":"Bbl'),
    status: 400,
    code: 'VALIDATION_FAILED',
    fields: ['__proto__'],
  },
  // Strings past their limits.
  {
    name: 'title of 201 characters',
    body: refusable({ title: longText(201) }),
    status: 400,
    code: 'VALIDATION_FAILED',
    fields: ['title'],
  },
  {
    name: 'title of 2 characters',
    body: refusable({ title: 'ab' }),
    status: 400,
    code: 'VALIDATION_FAILED',
    fields: ['title'],
  },
  {
    name: 'title of blanks',
    body: refusable({ title: '     ' }),
    status: 400,
    code: 'REQUIRED',
    fields: ['title'],
  },
  {
    name: 'empty description',
    body: refusable({ description: '' }),
    status: 400,
    code: 'VALIDATION_FAILED',
    fields: ['description'],
  },
  {
    name: 'description of 10 001 characters',
    body: refusable({ description: longText(10_001) }),
    status: 400,
    code: 'VALIDATION_FAILED',
    fields: ['description'],
  },
  {
    name: 'norm ref of 201 characters',
    body: refusable({ norms: [{ ref: longText(201) }, { ref: 'Bal art. 3.1' }] }),
    status: 400,
    code: 'VALIDATION_FAILED',
    fields: ['norms[0].ref'],
  },
  {
    name: 'empty norm ref',
    body: refusable({ norms: [{ ref: '' }, { ref: 'Bal art. 3.1' }] }),
    status: 400,
    code: 'VALIDATION_FAILED',
    fields: ['norms[0].ref'],
  },
  {
    name: 'norm title of 301 characters',
    body: refusable({ norms: [{ ref: 'Bbl art. 4.101', title: longText(301) }, { ref: 'Bal art. 3.1' }] }),
    status: 400,
    code: 'VALIDATION_FAILED',
    fields: ['norms[0].title'],
  },
  {
    name: 'initiative name of 201 characters',
    body: refusable({ initiative: { name: longText(201) } }),
    status: 400,
    code: 'VALIDATION_FAILED',
    fields: ['initiative.name'],
  },
  {
    name: 'initiative contact of 201 characters',
    body: refusable({ initiative: { name: REFUSED_INITIATIVE, contact: longText(201) } }),
    status: 400,
    code: 'VALIDATION_FAILED',
    fields: ['initiative.contact'],
  },
  {
    name: 'authority id of 33 characters',
    body: refusable({ authorities: ['gm0344', longText(33)] }),
    status: 400,
    code: 'VALIDATION_FAILED',
    fields: ['authorities'],
  },
  {
    name: 'municipality of 101 characters',
    body: refusable({ location: { municipality: longText(101) } }),
    status: 400,
    code: 'VALIDATION_FAILED',
    fields: ['location.municipality'],
  },
  // Numbers out of range.
  {
    name: 'lat 91',
    body: refusable({ location: { lat: 91, lon: 5 } }),
    status: 400,
    code: 'VALIDATION_FAILED',
    fields: ['location.lat'],
  },
  {
    name: 'lon -181',
    body: refusable({ location: { lat: 52, lon: -181 } }),
    status: 400,
    code: 'VALIDATION_FAILED',
    fields: ['location.lon'],
  },
  // Arrays past their limits.
  {
    name: '21 authorities',
    body: refusable({ authorities: Array.from({ length: 21 }, () => 'gm0344') }),
    status: 400,
    code: 'VALIDATION_FAILED',
    fields: ['authorities'],
  },
  {
    name: '21 norms',
    body: refusable({ norms: Array.from({ length: 21 }, (_, i) => ({ ref: `Bbl art. 4.${i}` })) }),
    status: 400,
    code: 'VALIDATION_FAILED',
    fields: ['norms'],
  },
  // Domain rules.
  {
    name: 'CONFLICTING_NORMS with one norm',
    body: refusable({ norms: [{ ref: 'Bbl art. 4.101' }] }),
    status: 400,
    code: 'CONFLICTING_NORMS_NEED_TWO_NORMS',
    fields: ['norms'],
  },
  {
    name: 'CONFLICTING_NORMS without norms',
    body: refusable({ norms: [] }),
    status: 400,
    code: 'CONFLICTING_NORMS_NEED_TWO_NORMS',
    fields: ['norms'],
  },
  {
    name: 'CONFLICTING_NORMS naming one norm twice',
    body: refusable({ norms: [{ ref: 'Bbl art. 4.101' }, { ref: 'bbl  art. 4.101 ', title: 'dezelfde' }] }),
    status: 400,
    code: 'CONFLICTING_NORMS_NEED_TWO_NORMS',
    fields: ['norms'],
  },
  {
    name: 'UNCLEAR_AUTHORITY with one authority',
    body: refusable({ type: 'UNCLEAR_AUTHORITY', authorities: ['gm0344'] }),
    status: 400,
    code: 'UNCLEAR_AUTHORITY_NEEDS_TWO_AUTHORITIES',
    fields: ['authorities'],
  },
  {
    name: 'UNCLEAR_AUTHORITY naming one authority twice',
    body: refusable({ type: 'UNCLEAR_AUTHORITY', authorities: ['pv26', 'pv26'] }),
    status: 400,
    code: 'UNCLEAR_AUTHORITY_NEEDS_TWO_AUTHORITIES',
    fields: ['authorities'],
  },
  {
    name: 'observedAt a year ahead (date)',
    body: refusable({ observedAt: inFuture(366).slice(0, 10) }),
    status: 400,
    code: 'OBSERVED_IN_FUTURE',
    fields: ['observedAt'],
  },
  {
    name: 'observedAt an hour ahead (date-time)',
    body: refusable({ observedAt: inFuture(1 / 24) }),
    status: 400,
    code: 'OBSERVED_IN_FUTURE',
    fields: ['observedAt'],
  },
  {
    name: 'observedAt not a date',
    body: refusable({ observedAt: 'vorige week dinsdag' }),
    status: 400,
    code: 'VALIDATION_FAILED',
    fields: ['observedAt'],
  },
  {
    name: 'observedAt 30 February',
    body: refusable({ observedAt: '2025-02-30' }),
    status: 400,
    code: 'VALIDATION_FAILED',
    fields: ['observedAt'],
  },
  {
    name: 'observedAt without an offset',
    body: refusable({ observedAt: '2025-11-03T10:00:00' }),
    status: 400,
    code: 'VALIDATION_FAILED',
    fields: ['observedAt'],
  },
  // Reference data.
  {
    name: 'unknown policy domain',
    body: refusable({ policyDomain: 'ruimtevaart' }),
    status: 400,
    code: 'UNKNOWN_POLICY_DOMAIN',
    fields: ['policyDomain'],
  },
  {
    name: 'unknown authority',
    body: refusable({ authorities: ['gm0344', 'gm9999'] }),
    status: 400,
    code: 'UNKNOWN_AUTHORITY',
    fields: ['authorities[1]'],
  },
  // Transport.
  {
    name: 'a body that is not JSON (text/plain)',
    body: 'Zonnepanelen geweigerd',
    headers: { 'content-type': 'text/plain' },
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
  },
  {
    name: 'a form body',
    body: `title=Zonnepanelen&initiative=${encodeURIComponent(REFUSED_INITIATIVE)}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
  },
  {
    name: 'malformed JSON',
    body: '{"type": "BARRIER",',
    status: 400,
    code: 'MALFORMED_JSON',
    headers: { 'content-type': 'application/json' },
  },
  {
    name: 'a body over the limit',
    body: refusable({ description: longText(300 * 1024) }),
    status: 413,
    code: 'BODY_TOO_LARGE',
  },
  {
    name: 'an Idempotency-Key over 200 characters',
    body: refusable(),
    headers: { 'idempotency-key': longText(201) },
    status: 400,
    code: 'INVALID_IDEMPOTENCY_KEY',
    fields: ['Idempotency-Key'],
  },
];

// Text that renders as nothing, reorders what a reader sees, or has no character behind it.
const hostileText: BadInput[] = [
  ['title of zero-width characters', { title: '\u200b\u200b\u200d\ufeff' }, 'REQUIRED', 'title'],
  ['title with a right-to-left override', { title: 'Warmtepomp \u202efdp.exe' }, 'BIDI_CONTROL', 'title'],
  ['title with a NUL', { title: 'Warmtepomp\u0000 op het dak' }, 'CONTROL_CHARACTER', 'title'],
  ['title on two lines', { title: 'Warmtepomp\nop het dak' }, 'CONTROL_CHARACTER', 'title'],
  ['title with a facet token', { title: 'Warmtepomp \ue000a676d30333633' }, 'PRIVATE_USE', 'title'],
  ['title with a lone surrogate', { title: 'Warmtepomp \ud800' }, 'LONE_SURROGATE', 'title'],
  [
    'description with a bell',
    { description: 'Geluid\u0007 van de pomp' },
    'CONTROL_CHARACTER',
    'description',
  ],
  [
    'initiative contact with a lone surrogate',
    { initiative: { name: REFUSED_INITIATIVE, contact: 'a\udc00@example.org' } },
    'LONE_SURROGATE',
    'initiative.contact',
  ],
  [
    'initiative name on two lines',
    { initiative: { name: `${REFUSED_INITIATIVE}\nTweede regel` } },
    'VALIDATION_FAILED',
    'initiative.name',
  ],
  [
    'initiative name of zero-width characters',
    { initiative: { name: '\u200b\u200b' } },
    'VALIDATION_FAILED',
    'initiative.name',
  ],
].map(([name, overrides, code, field]): BadInput => ({
  name: name as string,
  body: refusable(overrides as Record<string, unknown>),
  status: 400,
  code: code as string,
  fields: [field as string],
}));

const otherCommands: BadInput[] = [
  {
    name: 'PATCH with nothing to change',
    method: 'PATCH',
    path: '/:id',
    body: {},
    status: 400,
    code: 'NO_CHANGES',
  },
  {
    name: 'PATCH with title null',
    method: 'PATCH',
    path: '/:id',
    body: { title: null },
    status: 400,
    code: 'VALIDATION_FAILED',
    fields: ['title'],
  },
  {
    name: 'PATCH with reportedBy',
    method: 'PATCH',
    path: '/:id',
    body: { reportedBy: 'officer-amsterdam' },
    status: 400,
    code: 'VALIDATION_FAILED',
    fields: ['reportedBy'],
  },
  {
    name: 'PATCH with reportingAuthority',
    method: 'PATCH',
    path: '/:id',
    body: { reportingAuthority: 'gm0363' },
    status: 400,
    code: 'VALIDATION_FAILED',
    fields: ['reportingAuthority'],
  },
  {
    name: 'PATCH to a single norm',
    method: 'PATCH',
    path: '/:id',
    body: { norms: [{ ref: 'Bbl art. 4.101' }] },
    status: 400,
    code: 'CONFLICTING_NORMS_NEED_TWO_NORMS',
    fields: ['norms'],
  },
  {
    name: 'PATCH to UNCLEAR_AUTHORITY with one authority',
    method: 'PATCH',
    path: '/:id',
    body: { type: 'UNCLEAR_AUTHORITY', authorities: ['gm0344'] },
    status: 400,
    code: 'UNCLEAR_AUTHORITY_NEEDS_TWO_AUTHORITIES',
    fields: ['authorities'],
  },
  {
    name: 'PATCH observedAt into the future',
    method: 'PATCH',
    path: '/:id',
    body: { observedAt: inFuture(30).slice(0, 10) },
    status: 400,
    code: 'OBSERVED_IN_FUTURE',
    fields: ['observedAt'],
  },
  {
    name: 'PATCH an unknown authority',
    method: 'PATCH',
    path: '/:id',
    body: { authorities: ['pv26', 'xx0000'] },
    status: 400,
    code: 'UNKNOWN_AUTHORITY',
    fields: ['authorities[1]'],
  },
  {
    name: 'PATCH a new initiative with an unknown field',
    method: 'PATCH',
    path: '/:id',
    body: { initiative: { name: REFUSED_INITIATIVE, telefoon: '06' } },
    status: 400,
    code: 'VALIDATION_FAILED',
    fields: ['initiative.telefoon'],
  },
  {
    name: 'PATCH without a body',
    method: 'PATCH',
    path: '/:id',
    body: undefined,
    status: 400,
    code: 'NO_CHANGES',
  },
  {
    name: 'PATCH with a text body',
    method: 'PATCH',
    path: '/:id',
    body: 'title=x',
    headers: { 'content-type': 'text/plain' },
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
  },
  {
    name: 'PATCH of a path that is no id',
    method: 'PATCH',
    path: '/signaal-1',
    body: { title: 'Nieuwe titel' },
    status: 400,
    code: 'VALIDATION_FAILED',
    fields: ['id'],
  },
  {
    name: 'withdraw without a reason',
    path: '/:id/withdraw',
    body: {},
    status: 400,
    code: 'VALIDATION_FAILED',
    fields: ['reason'],
  },
  {
    name: 'withdraw with a blank reason',
    path: '/:id/withdraw',
    body: { reason: '   ' },
    status: 400,
    code: 'REQUIRED',
    fields: ['reason'],
  },
  {
    name: 'withdraw with withdrawnAt',
    path: '/:id/withdraw',
    body: { reason: 'Weg', withdrawnAt: '2025-01-01' },
    status: 400,
    code: 'VALIDATION_FAILED',
    fields: ['withdrawnAt'],
  },
  {
    name: 'classify with 11 themes',
    path: '/:id/classify',
    token: ministryAnalyst,
    body: { themes: Array.from({ length: 11 }, (_, i) => `thema ${i}`) },
    status: 400,
    code: 'VALIDATION_FAILED',
    fields: ['themes'],
  },
  {
    name: 'classify with a theme of 51 characters',
    path: '/:id/classify',
    token: ministryAnalyst,
    body: { themes: [longText(51)] },
    status: 400,
    code: 'VALIDATION_FAILED',
    fields: ['themes'],
  },
  {
    name: 'classify with themes a string',
    path: '/:id/classify',
    token: ministryAnalyst,
    body: { themes: 'erfgoed' },
    status: 400,
    code: 'VALIDATION_FAILED',
    fields: ['themes'],
  },
  {
    name: 'classify with an unknown policy domain',
    path: '/:id/classify',
    token: ministryAnalyst,
    body: { themes: ['erfgoed'], policyDomain: 'ruimtevaart' },
    status: 400,
    code: 'UNKNOWN_POLICY_DOMAIN',
    fields: ['policyDomain'],
  },
  {
    name: 'duplicate-of an id that is no UUID',
    path: '/:id/duplicate-of',
    token: ministryAnalyst,
    body: { signalId: 'signaal-1' },
    status: 400,
    code: 'VALIDATION_FAILED',
    fields: ['signalId'],
  },
  {
    name: 'duplicate-of without signalId',
    path: '/:id/duplicate-of',
    token: ministryAnalyst,
    body: {},
    status: 400,
    code: 'VALIDATION_FAILED',
    fields: ['signalId'],
  },
];

describe('signals: bad input is answered with problem+json and nothing is written', () => {
  let server: TestServer;
  let existing: Written;
  let history: string;

  beforeAll(async () => {
    server = await startTestServer();
    const response = await server.request<Written>('POST', '/api/v1/signals', {
      token: utrechtOfficer,
      body: signalBody(),
    });
    existing = response.body;
    history = (
      await server.request('GET', `/api/v1/signals/${existing.id}/history`, { token: utrechtOfficer })
    ).text;
  });

  afterAll(async () => {
    await server.close();
  });

  const send = (input: BadInput) => {
    const path = `/api/v1/signals${(input.path ?? '').replace(':id', existing.id)}`;
    const raw = typeof input.body === 'string';
    return server.request<ProblemBody>(input.method ?? 'POST', path, {
      token: input.token ?? utrechtOfficer,
      ...(input.body !== undefined ? { body: input.body } : {}),
      headers: { ...(raw ? { 'content-type': 'application/json' } : {}), ...input.headers },
    });
  };

  it.each([...recordings, ...hostileText, ...otherCommands].map((input) => [input.name, input] as const))(
    '%s',
    async (_name, input) => {
      const head = await headOf(server);
      const response = await send(input);

      expect(response.status).toBe(input.status);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(response.body).toMatchObject({ status: input.status, code: input.code });
      expect(typeof response.body.detail).toBe('string');
      for (const field of input.fields ?? []) {
        expect(response.body.errors?.map((error) => error.field)).toContain(field);
      }
      expect(response.text).not.toMatch(/at \S+ \(|node_modules|SQLITE|\/work\//);
      expect(await headOf(server)).toBe(head);
    },
  );

  it('stores text in NFC and answers it the same over REST and GraphQL', async () => {
    const written = await server.request<Written>('POST', '/api/v1/signals', {
      token: utrechtOfficer,
      body: signalBody({ title: 'Cafe\u0301 aan de kade', description: 'Eerste regel.\n\tTweede regel.' }),
    });
    expect(written.status).toBe(201);
    const rest = await server.request<{ title: string; description: string }>(
      'GET',
      `/api/v1/signals/${written.body.id}`,
      { token: utrechtOfficer },
    );
    expect(rest.body).toMatchObject({
      title: 'Café aan de kade',
      description: 'Eerste regel.\n\tTweede regel.',
    });
    const graphql = await server.graphql<{ data: { signal: { title: string } } }>(
      'query($id: ID!) { signal(id: $id) { title } }',
      {
        token: utrechtOfficer,
        variables: { id: written.body.id },
        headers: { 'x-consistent-with': written.body.position },
      },
    );
    expect(graphql.body.data.signal.title).toBe('Café aan de kade');
    const facetSearch = await server.graphql<ProblemBody>(
      'query($search: String) { signals(search: $search) { totalCount } }',
      { token: utrechtOfficer, variables: { search: 'warmtepomp \ue000a676d30333633' } },
    );
    expect(facetSearch.status).toBe(400);
    expect(facetSearch.body).toMatchObject({ code: 'PRIVATE_USE' });
  });

  it('left the existing signal as it was', async () => {
    const after = await server.request('GET', `/api/v1/signals/${existing.id}/history`, {
      token: utrechtOfficer,
    });
    expect(after.text).toBe(history);
  });

  it('answers 409 for an Idempotency-Key reused with another body, writing nothing', async () => {
    const key = { 'idempotency-key': 'hergebruikte-sleutel' };
    const first = await server.request<Written>('POST', '/api/v1/signals', {
      token: utrechtOfficer,
      body: signalBody(),
      headers: key,
    });
    expect(first.status).toBe(201);
    const head = await headOf(server);
    const reused = await server.request<ProblemBody>('POST', '/api/v1/signals', {
      token: utrechtOfficer,
      body: refusable({ title: 'Ander signaal met dezelfde sleutel' }),
      headers: key,
    });
    expect(reused.status).toBe(409);
    expect(reused.headers.get('content-type')).toContain('application/problem+json');
    expect(reused.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(await headOf(server)).toBe(head);
  });

  it('kept no personal data of any refused request in any file', () => {
    expect(filesContaining(server.dataDir, REFUSED_INITIATIVE)).toEqual([]);
    expect(filesContaining(server.dataDir, 'kerkstraat@example.org')).toEqual([]);
  });
});
