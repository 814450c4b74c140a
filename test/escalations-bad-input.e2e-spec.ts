import { startTestServer, type TestServer } from './support/test-server';
import type { TokenClaims } from '../libs/testing/src/test-token';
import {
  AdministrationClient,
  amsterdamOfficer,
  analyst,
  expectProblem,
  headOf,
  provinceAdmin,
  raiseBody,
  strangerAdmin,
  utrechtAdmin,
  utrechtOfficer,
} from './escalations.fixtures';

type State = 'RAISED' | 'ACKNOWLEDGED' | 'DECIDED' | 'RESOLVED';

/** Ids the table refers to by name, made in beforeAll. */
interface Ids {
  signal: string;
  withdrawnSignal: string;
  amsterdamSignal: string;
}

interface BadInput {
  name: string;
  /** `create` posts to /api/v1/escalations; otherwise the action on an escalation in that state. */
  target: 'create' | { state: State; action: string };
  body: (ids: Ids) => unknown;
  /** Default: Utrecht's officer raising, the province's administrator acting on escalations. */
  token?: TokenClaims;
  headers?: Record<string, string>;
  status: number;
  code: string;
  field?: string;
}

const UNKNOWN_ID = 'a3bb189e-8bf9-3888-9912-ace4e6543002';
const past = (): string => new Date(Date.now() - 60_000).toISOString();
const text = (length: number): string => 'x'.repeat(length);
const raise = (overrides: (ids: Ids) => Record<string, unknown>) => (ids: Ids) =>
  raiseBody([ids.signal], overrides(ids));
const without = (field: string) => (ids: Ids) => {
  const body = raiseBody([ids.signal]);
  delete body[field];
  return body;
};
const on = (state: State, action: string) => ({ state, action });

const cases: BadInput[] = [
  // Raising: fields.
  ...['signalIds', 'title', 'reason', 'addressedTo'].map((field): BadInput => ({
    name: `raise without ${field}`,
    target: 'create',
    body: without(field),
    status: 400,
    code: 'VALIDATION_FAILED',
    field,
  })),
  {
    name: 'raise with no signals',
    target: 'create',
    body: raise(() => ({ signalIds: [] })),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'signalIds',
  },
  {
    name: 'raise with 51 signals',
    target: 'create',
    body: raise(() => ({ signalIds: Array.from({ length: 51 }, () => UNKNOWN_ID) })),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'signalIds',
  },
  {
    name: 'raise with a signal id that is not a UUID',
    target: 'create',
    body: raise(() => ({ signalIds: ['signaal-1'] })),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'signalIds',
  },
  {
    name: 'raise with an unknown signal',
    target: 'create',
    body: raise((ids) => ({ signalIds: [ids.signal, UNKNOWN_ID] })),
    status: 400,
    code: 'UNKNOWN_SIGNAL',
    field: 'signalIds',
  },
  {
    name: 'raise with a signal of another authority the officer cannot read',
    target: 'create',
    body: raise((ids) => ({ signalIds: [ids.amsterdamSignal] })),
    status: 400,
    code: 'UNKNOWN_SIGNAL',
    field: 'signalIds',
  },
  {
    name: 'raise with a withdrawn signal',
    target: 'create',
    body: raise((ids) => ({ signalIds: [ids.withdrawnSignal] })),
    status: 409,
    code: 'SIGNAL_WITHDRAWN',
    field: 'signalIds',
  },
  {
    name: 'raise addressed to an unknown authority',
    target: 'create',
    body: raise(() => ({ addressedTo: 'gm9999' })),
    status: 400,
    code: 'UNKNOWN_AUTHORITY',
    field: 'addressedTo',
  },
  {
    name: 'raise with a title of two characters',
    target: 'create',
    body: raise(() => ({ title: 'ab' })),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'title',
  },
  {
    name: 'raise with a title of 201 characters',
    target: 'create',
    body: raise(() => ({ title: text(201) })),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'title',
  },
  {
    name: 'raise with an empty reason',
    target: 'create',
    body: raise(() => ({ reason: '' })),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'reason',
  },
  {
    name: 'raise with a blank reason',
    target: 'create',
    body: raise(() => ({ reason: '   ' })),
    status: 400,
    code: 'REQUIRED',
    field: 'reason',
  },
  {
    name: 'raise with a reason of 5001 characters',
    target: 'create',
    body: raise(() => ({ reason: text(5001) })),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'reason',
  },
  {
    name: 'raise with respondBy in the past',
    target: 'create',
    body: raise(() => ({ respondBy: past() })),
    status: 400,
    code: 'RESPOND_BY_NOT_IN_FUTURE',
    field: 'respondBy',
  },
  {
    name: 'raise with respondBy in the year 10000 once normalised',
    target: 'create',
    body: raise(() => ({ respondBy: '9999-12-31T23:59:59-23:59' })),
    status: 400,
    code: 'DATE_OUT_OF_RANGE',
    field: 'respondBy',
  },
  {
    name: 'raise with respondBy more than 5 years ahead',
    target: 'create',
    body: raise(() => ({ respondBy: '2098-01-01T12:00:00Z' })),
    status: 400,
    code: 'RESPOND_BY_TOO_FAR',
    field: 'respondBy',
  },
  {
    name: 'raise with respondBy a date, not a date-time',
    target: 'create',
    body: raise(() => ({ respondBy: '2099-04-01' })),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'respondBy',
  },
  {
    name: 'raise with respondBy without an offset',
    target: 'create',
    body: raise(() => ({ respondBy: '2099-04-01T17:00:00' })),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'respondBy',
  },
  {
    name: 'raise naming the raising authority in the body',
    target: 'create',
    body: raise(() => ({ raisedBy: 'pv26' })),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'raisedBy',
  },
  {
    name: 'raise as an analyst',
    target: 'create',
    body: raise(() => ({})),
    token: analyst,
    status: 403,
    code: 'ROLE_NOT_ALLOWED',
  },
  {
    name: 'raise without a token',
    target: 'create',
    body: raise(() => ({})),
    token: undefined,
    status: 401,
    code: 'UNAUTHENTICATED',
  },

  // Transitions out of order: the code names the current status.
  ...(
    [
      ['RAISED', 'decide', 'ESCALATION_NOT_ACKNOWLEDGED'],
      ['RAISED', 'resolve', 'ESCALATION_NOT_ACKNOWLEDGED'],
      ['RAISED', 'reopen', 'ESCALATION_NOT_ACKNOWLEDGED'],
      ['ACKNOWLEDGED', 'acknowledge', 'ESCALATION_ALREADY_ACKNOWLEDGED'],
      ['ACKNOWLEDGED', 'resolve', 'ESCALATION_NOT_DECIDED'],
      ['ACKNOWLEDGED', 'reopen', 'ESCALATION_NOT_DECIDED'],
      ['DECIDED', 'acknowledge', 'ESCALATION_ALREADY_DECIDED'],
      ['DECIDED', 'decide', 'ESCALATION_ALREADY_DECIDED'],
      ['DECIDED', 'transfer', 'ESCALATION_ALREADY_DECIDED'],
      ['DECIDED', 'signals', 'ESCALATION_ALREADY_DECIDED'],
      ['RESOLVED', 'acknowledge', 'ESCALATION_ALREADY_RESOLVED'],
      ['RESOLVED', 'decide', 'ESCALATION_ALREADY_RESOLVED'],
      ['RESOLVED', 'resolve', 'ESCALATION_ALREADY_RESOLVED'],
      ['RESOLVED', 'involve', 'ESCALATION_ALREADY_RESOLVED'],
      ['RESOLVED', 'transfer', 'ESCALATION_ALREADY_RESOLVED'],
    ] as const
  ).map(([state, action, code]): BadInput => ({
    name: `${action} when ${state}`,
    target: on(state, action),
    body: (ids) => validBodyOf(action, ids),
    token: action === 'reopen' || action === 'signals' ? utrechtOfficer : provinceAdmin,
    status: 409,
    code,
  })),

  // Another authority acting.
  {
    name: 'acknowledge by the raising authority’s administrator',
    target: on('RAISED', 'acknowledge'),
    body: () => ({}),
    token: utrechtAdmin,
    status: 403,
    code: 'NOT_ADDRESSED_AUTHORITY',
  },
  ...['acknowledge', 'involve', 'transfer'].map((action): BadInput => ({
    name: `${action} by an administrator of an authority not involved`,
    target: on('RAISED', action),
    body: (ids) => validBodyOf(action, ids),
    token: strangerAdmin,
    status: 404,
    code: 'ESCALATION_NOT_FOUND',
  })),
  {
    name: 'decide by an administrator of an authority not involved',
    target: on('ACKNOWLEDGED', 'decide'),
    body: (ids) => validBodyOf('decide', ids),
    token: strangerAdmin,
    status: 404,
    code: 'ESCALATION_NOT_FOUND',
  },
  {
    name: 'reopen by an officer of an authority not involved',
    target: on('RESOLVED', 'reopen'),
    body: (ids) => validBodyOf('reopen', ids),
    token: amsterdamOfficer,
    status: 404,
    code: 'ESCALATION_NOT_FOUND',
  },
  {
    name: 'resolve by the raising authority’s administrator',
    target: on('DECIDED', 'resolve'),
    body: (ids) => validBodyOf('resolve', ids),
    token: utrechtAdmin,
    status: 403,
    code: 'NOT_ADDRESSED_AUTHORITY',
  },
  {
    name: 'decide by an officer (administrators decide)',
    target: on('ACKNOWLEDGED', 'decide'),
    body: (ids) => validBodyOf('decide', ids),
    token: utrechtOfficer,
    status: 403,
    code: 'ROLE_NOT_ALLOWED',
  },

  // Bodies of the lifecycle commands.
  {
    name: 'decide without a rationale',
    target: on('ACKNOWLEDGED', 'decide'),
    body: () => ({ outcome: 'NO_CHANGE' }),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'rationale',
  },
  {
    name: 'decide with a blank rationale',
    target: on('ACKNOWLEDGED', 'decide'),
    body: () => ({ outcome: 'NO_CHANGE', rationale: ' \n ' }),
    status: 400,
    code: 'REQUIRED',
    field: 'rationale',
  },
  {
    name: 'decide with an outcome not in the vocabulary',
    target: on('ACKNOWLEDGED', 'decide'),
    body: () => ({ outcome: 'MAYBE', rationale: 'Misschien.' }),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'outcome',
  },
  {
    name: 'acknowledge with an empty note',
    target: on('RAISED', 'acknowledge'),
    body: () => ({ note: '' }),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'note',
  },
  {
    name: 'acknowledge naming when in the body',
    target: on('RAISED', 'acknowledge'),
    body: () => ({ acknowledgedAt: '2026-01-01T00:00:00Z' }),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'acknowledgedAt',
  },
  {
    name: 'involve an unknown authority',
    target: on('RAISED', 'involve'),
    body: () => ({ authority: 'xx0001', reason: 'Erbij.' }),
    status: 400,
    code: 'UNKNOWN_AUTHORITY',
    field: 'authority',
  },
  {
    name: 'involve without a reason',
    target: on('RAISED', 'involve'),
    body: () => ({ authority: 'so0697' }),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'reason',
  },
  {
    name: 'attach an unknown signal',
    target: on('RAISED', 'signals'),
    body: () => ({ signalIds: [UNKNOWN_ID] }),
    token: utrechtOfficer,
    status: 400,
    code: 'UNKNOWN_SIGNAL',
    field: 'signalIds',
  },
  {
    name: 'attach no signals',
    target: on('RAISED', 'signals'),
    body: () => ({ signalIds: [] }),
    token: utrechtOfficer,
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'signalIds',
  },
  {
    name: 'transfer to an unknown authority',
    target: on('RAISED', 'transfer'),
    body: () => ({ to: 'pv99', reason: 'Elders.' }),
    status: 400,
    code: 'UNKNOWN_AUTHORITY',
    field: 'to',
  },
  {
    name: 'transfer with respondBy in the past',
    target: on('RAISED', 'transfer'),
    body: () => ({ to: 'mnre1171', reason: 'Rijk.', respondBy: past() }),
    status: 400,
    code: 'RESPOND_BY_NOT_IN_FUTURE',
    field: 'respondBy',
  },
  {
    name: 'resolve without a summary',
    target: on('DECIDED', 'resolve'),
    body: () => ({}),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'summary',
  },
  {
    name: 'reopen without a reason',
    target: on('RESOLVED', 'reopen'),
    body: () => ({}),
    token: utrechtOfficer,
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'reason',
  },
  {
    name: 'a body that is a JSON array',
    target: on('ACKNOWLEDGED', 'decide'),
    body: () => [{ outcome: 'NO_CHANGE', rationale: 'Geen.' }],
    status: 400,
    code: 'VALIDATION_FAILED',
  },
  {
    name: 'a body that is not JSON',
    target: on('ACKNOWLEDGED', 'decide'),
    body: () => 'outcome=NO_CHANGE',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
  },
];

function validBodyOf(action: string, ids: Ids): Record<string, unknown> {
  switch (action) {
    case 'acknowledge':
      return { note: 'Ontvangen.' };
    case 'involve':
      return { authority: 'so0697', reason: 'De omgevingsdienst toetst.' };
    case 'signals':
      return { signalIds: [ids.signal] };
    case 'transfer':
      return { to: 'mnre1171', reason: 'Verkeerd geadresseerd.' };
    case 'decide':
      return { outcome: 'NO_CHANGE', rationale: 'Geen aanleiding.' };
    case 'resolve':
      return { summary: 'Afgehandeld.' };
    case 'reopen':
      return { reason: 'Het knelpunt bestaat nog.' };
    default:
      throw new Error(`no valid body for ${action}`);
  }
}

describe('escalations: bad input is answered with problem+json and nothing is written', () => {
  let server: TestServer;
  let api: AdministrationClient;
  let ids: Ids;
  const escalations = {} as Record<State, string>;

  beforeAll(async () => {
    server = await startTestServer();
    api = new AdministrationClient(server);
    const withdrawnSignal = await api.recordSignal();
    await api.ok(`/api/v1/signals/${withdrawnSignal}/withdraw`, utrechtOfficer, { reason: 'Dubbel.' });
    ids = {
      signal: await api.recordSignal(),
      withdrawnSignal,
      amsterdamSignal: await api.recordSignal(amsterdamOfficer),
    };
    escalations.RAISED = await api.raised();
    escalations.ACKNOWLEDGED = await api.acknowledged();
    escalations.DECIDED = await api.decided('NO_CHANGE');
    escalations.RESOLVED = await api.resolved();
  });

  afterAll(async () => {
    await server.close();
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_, c) => {
    const token = 'token' in c ? c.token : c.target === 'create' ? utrechtOfficer : provinceAdmin;
    const path =
      c.target === 'create'
        ? ('/api/v1/escalations' as const)
        : (`/api/v1/escalations/${escalations[c.target.state]}/${c.target.action}` as const);
    const escalationPath =
      c.target === 'create' ? undefined : (`/api/v1/escalations/${escalations[c.target.state]}` as const);
    const revisionBefore = escalationPath && (await api.revisionOf(escalationPath, analyst));
    const headBefore = await headOf(server);

    const body = c.body(ids);
    const response = await server.request('POST', path, {
      ...(token === undefined ? {} : { token }),
      headers: c.headers ?? {},
      body,
    });

    expectProblem(response, c.status, c.code, c.field);
    expect(await headOf(server)).toBe(headBefore);
    if (escalationPath) expect(await api.revisionOf(escalationPath, analyst)).toBe(revisionBefore);
  });

  it.each(['acknowledge', 'involve', 'signals', 'transfer', 'decide', 'resolve', 'reopen'])(
    '%s on an unknown escalation is 404 ESCALATION_NOT_FOUND',
    async (action) => {
      const token = action === 'signals' || action === 'reopen' ? utrechtOfficer : provinceAdmin;
      const headBefore = await headOf(server);
      const response = await api.post(
        `/api/v1/escalations/${UNKNOWN_ID}/${action}`,
        token,
        validBodyOf(action, ids),
      );
      expectProblem(response, 404, 'ESCALATION_NOT_FOUND');
      expect(await headOf(server)).toBe(headBefore);
    },
  );

  it('answers 400 naming id for a path id that is not a UUID', async () => {
    expectProblem(
      await api.post('/api/v1/escalations/escalatie-1/acknowledge', provinceAdmin, {}),
      400,
      'VALIDATION_FAILED',
      'id',
    );
  });
});
