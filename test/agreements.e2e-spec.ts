import { randomUUID } from 'node:crypto';
import { agreementDecider, streamIdOf } from '@praktijklus/domain';
import { startTestServer, type TestServer } from './support/test-server';
import type { TokenClaims } from '../libs/testing/src/test-token';
import {
  AdministrationClient,
  agreementBody,
  amsterdamOfficer,
  analyst,
  decidedAsOf,
  dutchDate,
  expectProblem,
  headOf,
  type HistoryEntry,
  ministryAdmin,
  provinceAdmin,
  strangerAdmin,
  utrechtAdmin,
  utrechtOfficer,
} from './escalations.fixtures';

interface AgreementBody {
  id: string;
  revision: number;
  status: string;
  title: string;
  commitment: string;
  owner: string;
  parties: string[];
  dueBy: string;
  firstFollowUpOn: string;
  escalationId: string | null;
  madeBy: string;
  madeAt: string;
  percent: number;
  progressNote: string | null;
  followUps: Array<{ heldOn: string; assessment: string; notes: string; nextFollowUpOn: string | null }>;
  nextFollowUpOn: string | null;
  overdue: boolean;
  followUpOverdue: boolean;
  result?: string;
  reason?: string;
  closedAt?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const UNKNOWN_ID = 'a3bb189e-8bf9-3888-9912-ace4e6543002';
const followUp = (overrides: Record<string, unknown> = {}) => ({
  heldOn: dutchDate(),
  assessment: 'ON_TRACK',
  notes: 'Terugkomgesprek: voorstel ligt op schema.',
  nextFollowUpOn: dutchDate(45),
  ...overrides,
});

describe('agreements over REST (booted server, SQLite store)', () => {
  let server: TestServer;
  let api: AdministrationClient;

  beforeAll(async () => {
    server = await startTestServer();
    api = new AdministrationClient(server);
  });

  afterAll(async () => {
    await server.close();
  });

  const path = (id: string, action?: string) =>
    action === undefined
      ? (`/api/v1/agreements/${id}` as const)
      : (`/api/v1/agreements/${id}/${action}` as const);
  const read = (id: string, token: TokenClaims = analyst) => api.get<AgreementBody>(path(id), token);

  describe('making', () => {
    it('answers 201 with Location and ETag; GET shows the agreement with the owner among the parties', async () => {
      const body = agreementBody({ parties: ['gm0344'] });
      const response = await api.post('/api/v1/agreements', provinceAdmin, body);
      expect(response.status).toBe(201);
      expect(response.body).toEqual({
        id: expect.stringMatching(UUID),
        revision: 0,
        position: expect.any(String),
      });
      expect(response.headers.get('location')).toBe(`/api/v1/agreements/${response.body.id}`);
      expect(response.headers.get('etag')).toBe('"0"');

      const agreement = await read(response.body.id);
      expect(agreement.status).toBe(200);
      expect(agreement.headers.get('etag')).toBe('"0"');
      expect(agreement.body).toMatchObject({
        id: response.body.id,
        revision: 0,
        status: 'OPEN',
        owner: 'pv26',
        parties: ['pv26', 'gm0344'],
        dueBy: body.dueBy,
        firstFollowUpOn: body.firstFollowUpOn,
        nextFollowUpOn: body.firstFollowUpOn,
        escalationId: null,
        madeBy: 'admin-pv26',
        percent: 0,
        followUps: [],
        overdue: false,
        followUpOverdue: false,
      });
    });

    it('records the escalation it answers when the administrator can read it', async () => {
      const escalationId = await api.decided('POLICY_ADJUSTED');
      const id = await api.agreement({ escalationId });
      expect((await read(id)).body.escalationId).toBe(escalationId);
    });

    it('treats an escalation the administrator’s authority is not involved in as unknown (400)', async () => {
      const escalationId = await api.decided('POLICY_ADJUSTED');
      const before = await headOf(server);
      const response = await api.post(
        '/api/v1/agreements',
        strangerAdmin,
        agreementBody({ owner: 'pv27', parties: ['pv27'], escalationId }),
      );
      expectProblem(response, 400, 'UNKNOWN_ESCALATION', 'escalationId');
      expect(await headOf(server)).toBe(before);
    });

    it('refuses an owner other than the administrator’s own authority (403)', async () => {
      expectProblem(
        await api.post('/api/v1/agreements', utrechtAdmin, agreementBody()),
        403,
        'OWNER_NOT_OWN_AUTHORITY',
        'owner',
      );
    });

    it.each([
      ['an officer', utrechtOfficer],
      ['an analyst', analyst],
    ])('refuses %s (403)', async (_, token) => {
      expectProblem(await api.post('/api/v1/agreements', token, agreementBody()), 403, 'ROLE_NOT_ALLOWED');
    });
  });

  describe('reading', () => {
    it.each([
      ['an officer of an authority that is no party', amsterdamOfficer],
      ['an analyst', analyst],
      ['an administrator of an authority that is no party', strangerAdmin],
    ])('is open to %s: agreements are public accountability', async (_, token) => {
      const id = await api.agreement();
      expect((await read(id, token)).status).toBe(200);
      expect((await api.get(path(id, 'history'), token)).status).toBe(200);
    });

    it('answers 404 AGREEMENT_NOT_FOUND for an unknown agreement and 400 for an id that is not a UUID', async () => {
      expectProblem(await read(UNKNOWN_ID), 404, 'AGREEMENT_NOT_FOUND');
      expectProblem(await api.get(path(UNKNOWN_ID, 'history'), analyst), 404, 'AGREEMENT_NOT_FOUND');
      expectProblem(await read('afspraak-1'), 400, 'VALIDATION_FAILED', 'id');
    });
  });

  describe('progress and follow-ups', () => {
    it('takes progress from the owner’s administrators only', async () => {
      const id = await api.agreement();
      const written = await api.post(path(id, 'progress'), provinceAdmin, {
        percent: 40,
        note: 'Ontwerp ligt bij GS.',
      });
      expect(written.status).toBe(200);
      expect(written.body).toEqual({ id, revision: 1, position: expect.any(String) });
      expect((await read(id)).body).toMatchObject({ percent: 40, progressNote: 'Ontwerp ligt bij GS.' });
      expectProblem(
        await api.post(path(id, 'progress'), utrechtAdmin, { percent: 50, note: 'Van een partij.' }),
        403,
        'NOT_AGREEMENT_OWNER',
      );
      expect((await read(id)).body.revision).toBe(1);
    });

    it('takes follow-ups from any party, and sets the next follow-up date', async () => {
      const id = await api.agreement();
      await api.ok(path(id, 'follow-ups'), utrechtAdmin, followUp({ nextFollowUpOn: dutchDate(20) }));
      await api.ok(
        path(id, 'follow-ups'),
        provinceAdmin,
        followUp({ assessment: 'AT_RISK', nextFollowUpOn: undefined }),
      );
      const { body } = await read(id);
      expect(body.followUps.map((f) => [f.heldOn, f.assessment, f.nextFollowUpOn])).toEqual([
        [dutchDate(), 'ON_TRACK', dutchDate(20)],
        [dutchDate(), 'AT_RISK', null],
      ]);
      expect(body.nextFollowUpOn).toBeNull();
      expectProblem(await api.post(path(id, 'follow-ups'), strangerAdmin, followUp()), 403, 'NOT_A_PARTY');
      expectProblem(await api.post(path(id, 'follow-ups'), ministryAdmin, followUp()), 403, 'NOT_A_PARTY');
    });
  });

  describe('closing', () => {
    it.each([
      ['fulfil', { result: 'Verordening vastgesteld.' }, 'FULFILLED', { result: 'Verordening vastgesteld.' }],
      ['unmet', { reason: 'Niet tijdig behandeld.' }, 'UNMET', { reason: 'Niet tijdig behandeld.' }],
      [
        'cancel',
        { reason: 'Het Rijk regelt het landelijk.' },
        'CANCELLED',
        { reason: 'Het Rijk regelt het landelijk.' },
      ],
    ])(
      '%s closes the agreement, after which nothing changes (409 AGREEMENT_CLOSED)',
      async (action, body, status, shown) => {
        const id = await api.agreement();
        expectProblem(await api.post(path(id, action), utrechtAdmin, body), 403, 'NOT_AGREEMENT_OWNER');
        await api.ok(path(id, action), provinceAdmin, body);
        const closed = await read(id);
        expect(closed.body).toMatchObject({ status, ...shown, closedAt: expect.any(String) });
        const attempts: Array<[string, unknown]> = [
          ['progress', { percent: 100, note: 'Toch klaar.' }],
          ['follow-ups', followUp()],
          ['fulfil', { result: 'Alsnog.' }],
          ['unmet', { reason: 'Alsnog niet.' }],
          ['cancel', { reason: 'Alsnog weg.' }],
        ];
        for (const [attempt, attemptBody] of attempts) {
          expectProblem(
            await api.post(path(id, attempt), provinceAdmin, attemptBody),
            409,
            'AGREEMENT_CLOSED',
          );
        }
        expect((await read(id)).body.revision).toBe(1);
      },
    );
  });

  describe('overdue flags', () => {
    it('flags an agreement made last year past its due date and its missed follow-up, until acted on', async () => {
      const id = randomUUID();
      await decidedAsOf(server, streamIdOf('agreement', id), agreementDecider, {
        type: 'MakeAgreement',
        actor: { sub: 'admin-pv26', authority: 'pv26', roles: ['admin'] },
        now: '2025-01-10T10:00:00.000Z',
        data: {
          agreementId: id,
          title: 'Monumentenregels aanpassen',
          commitment: 'Voorstel voor de omgevingsverordening.',
          owner: 'pv26',
          parties: ['gm0344'],
          dueBy: '2025-06-01',
          firstFollowUpOn: '2025-02-01',
          escalation: null,
        },
      });
      expect((await read(id)).body).toMatchObject({ status: 'OPEN', overdue: true, followUpOverdue: true });
      await api.ok(path(id, 'follow-ups'), utrechtAdmin, followUp());
      expect((await read(id)).body).toMatchObject({ overdue: true, followUpOverdue: false });
      await api.ok(path(id, 'fulfil'), provinceAdmin, { result: 'Alsnog vastgesteld.' });
      expect((await read(id)).body).toMatchObject({ overdue: false, followUpOverdue: false });
    });
  });

  describe('history, If-Match and Idempotency-Key', () => {
    it('lists the events in order with actor and time', async () => {
      const id = await api.agreement();
      await api.ok(path(id, 'progress'), provinceAdmin, { percent: 10, note: 'Gestart.' });
      await api.ok(path(id, 'follow-ups'), utrechtAdmin, followUp());
      await api.ok(path(id, 'fulfil'), provinceAdmin, { result: 'Klaar.' });
      const { body } = await api.get<HistoryEntry[]>(path(id, 'history'), amsterdamOfficer);
      expect(
        body.map((entry) => [entry.type, entry.revision, entry.actor.sub, entry.actor.authority]),
      ).toEqual([
        ['AgreementMade', 0, 'admin-pv26', 'pv26'],
        ['ProgressReported', 1, 'admin-pv26', 'pv26'],
        ['FollowUpRecorded', 2, 'admin-utrecht', 'gm0344'],
        ['AgreementFulfilled', 3, 'admin-pv26', 'pv26'],
      ]);
      expect(body.every((entry) => !Number.isNaN(Date.parse(entry.recordedAt)))).toBe(true);
    });

    it('applies If-Match at the revision named and answers 412 at another, writing nothing', async () => {
      const id = await api.agreement();
      const progress = { percent: 20, note: 'Voortgang.' };
      expectProblem(
        await api.post(path(id, 'progress'), provinceAdmin, progress, { 'if-match': '"1"' }),
        412,
        'REVISION_MISMATCH',
      );
      expect((await read(id)).body.revision).toBe(0);
      expect(
        (await api.post(path(id, 'progress'), provinceAdmin, progress, { 'if-match': '"0"' })).status,
      ).toBe(200);
    });

    it('answers a repeated making with the first answer and writes nothing', async () => {
      const headers = { 'idempotency-key': 'afspraak-monumenten-1' };
      const first = await api.post('/api/v1/agreements', provinceAdmin, agreementBody(), headers);
      const head = await headOf(server);
      const again = await api.post('/api/v1/agreements', provinceAdmin, agreementBody(), headers);
      expect(first.status).toBe(201);
      expect(again.status).toBe(201);
      expect(again.body).toEqual(first.body);
      expect(await headOf(server)).toBe(head);
    });
  });
});

interface BadInput {
  name: string;
  /** `make` posts to /api/v1/agreements; otherwise the action on an open agreement. */
  action: 'make' | string;
  body: unknown;
  token?: TokenClaims;
  status: number;
  code: string;
  field?: string;
}

const make = (overrides: Record<string, unknown>): Record<string, unknown> => agreementBody(overrides);
const withoutField = (field: string): Record<string, unknown> => {
  const body = agreementBody();
  delete body[field];
  return body;
};

const badInputs: BadInput[] = [
  ...['title', 'commitment', 'owner', 'parties', 'dueBy', 'firstFollowUpOn'].map((field): BadInput => ({
    name: `make without ${field}`,
    action: 'make',
    body: withoutField(field),
    status: 400,
    code: 'VALIDATION_FAILED',
    field,
  })),
  {
    name: 'make with dueBy today',
    action: 'make',
    body: make({ dueBy: dutchDate(), firstFollowUpOn: dutchDate() }),
    status: 400,
    code: 'DUE_NOT_AFTER_MADE',
    field: 'dueBy',
  },
  {
    name: 'make with dueBy in the past',
    action: 'make',
    body: make({ dueBy: dutchDate(-3), firstFollowUpOn: dutchDate() }),
    status: 400,
    code: 'DUE_NOT_AFTER_MADE',
    field: 'dueBy',
  },
  {
    name: 'make with the first follow-up before today',
    action: 'make',
    body: make({ firstFollowUpOn: dutchDate(-1) }),
    status: 400,
    code: 'FOLLOW_UP_BEFORE_MADE',
    field: 'firstFollowUpOn',
  },
  {
    name: 'make with the first follow-up after dueBy',
    action: 'make',
    body: make({ dueBy: dutchDate(30), firstFollowUpOn: dutchDate(31) }),
    status: 400,
    code: 'FOLLOW_UP_AFTER_DUE',
    field: 'firstFollowUpOn',
  },
  {
    name: 'make with dueBy a date that does not exist',
    action: 'make',
    body: make({ dueBy: '2031-02-30' }),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'dueBy',
  },
  {
    name: 'make with dueBy a date-time',
    action: 'make',
    body: make({ dueBy: '2031-02-01T12:00:00Z' }),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'dueBy',
  },
  {
    name: 'make with an unknown owner',
    action: 'make',
    body: make({ owner: 'gm9999' }),
    status: 400,
    code: 'UNKNOWN_AUTHORITY',
    field: 'owner',
  },
  {
    name: 'make with an unknown party',
    action: 'make',
    body: make({ parties: ['pv26', 'gm9999'] }),
    status: 400,
    code: 'UNKNOWN_AUTHORITY',
    field: 'parties[1]',
  },
  {
    name: 'make with no parties',
    action: 'make',
    body: make({ parties: [] }),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'parties',
  },
  {
    name: 'make with 21 parties',
    action: 'make',
    body: make({ parties: Array.from({ length: 21 }, () => 'gm0344') }),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'parties',
  },
  {
    name: 'make with an unknown escalation',
    action: 'make',
    body: make({ escalationId: UNKNOWN_ID }),
    status: 400,
    code: 'UNKNOWN_ESCALATION',
    field: 'escalationId',
  },
  {
    name: 'make with an escalation id that is not a UUID',
    action: 'make',
    body: make({ escalationId: 'escalatie-1' }),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'escalationId',
  },
  {
    name: 'make with a title of two characters',
    action: 'make',
    body: make({ title: 'ab' }),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'title',
  },
  {
    name: 'make with a commitment of 5001 characters',
    action: 'make',
    body: make({ commitment: 'x'.repeat(5001) }),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'commitment',
  },
  {
    name: 'make naming who made it',
    action: 'make',
    body: make({ madeBy: 'admin-pv26' }),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'madeBy',
  },
  {
    name: 'make for another authority',
    action: 'make',
    body: make({}),
    token: ministryAdmin,
    status: 403,
    code: 'OWNER_NOT_OWN_AUTHORITY',
    field: 'owner',
  },
  {
    name: 'progress above 100',
    action: 'progress',
    body: { percent: 101, note: 'Te veel.' },
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'percent',
  },
  {
    name: 'progress below 0',
    action: 'progress',
    body: { percent: -1, note: 'Te weinig.' },
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'percent',
  },
  {
    name: 'progress not a whole number',
    action: 'progress',
    body: { percent: 40.5, note: 'Half.' },
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'percent',
  },
  {
    name: 'progress as a string',
    action: 'progress',
    body: { percent: '40', note: 'Tekst.' },
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'percent',
  },
  {
    name: 'progress without a note',
    action: 'progress',
    body: { percent: 40 },
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'note',
  },
  {
    name: 'progress by a party that is not the owner',
    action: 'progress',
    body: { percent: 40, note: 'Partij.' },
    token: utrechtAdmin,
    status: 403,
    code: 'NOT_AGREEMENT_OWNER',
  },
  {
    name: 'progress by an officer',
    action: 'progress',
    body: { percent: 40, note: 'Officier.' },
    token: utrechtOfficer,
    status: 403,
    code: 'ROLE_NOT_ALLOWED',
  },
  {
    name: 'a follow-up held in the future',
    action: 'follow-ups',
    body: followUp({ heldOn: dutchDate(2) }),
    status: 400,
    code: 'HELD_IN_FUTURE',
    field: 'heldOn',
  },
  {
    name: 'a follow-up held before the agreement',
    action: 'follow-ups',
    body: followUp({ heldOn: dutchDate(-1) }),
    status: 400,
    code: 'HELD_BEFORE_AGREEMENT',
    field: 'heldOn',
  },
  {
    name: 'a next follow-up not after the one held',
    action: 'follow-ups',
    body: followUp({ nextFollowUpOn: dutchDate() }),
    status: 400,
    code: 'NEXT_FOLLOW_UP_NOT_AFTER_HELD',
    field: 'nextFollowUpOn',
  },
  {
    name: 'a follow-up with an unknown assessment',
    action: 'follow-ups',
    body: followUp({ assessment: 'GOED' }),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'assessment',
  },
  {
    name: 'a follow-up without notes',
    action: 'follow-ups',
    body: followUp({ notes: undefined }),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'notes',
  },
  {
    name: 'a follow-up by an authority that is no party',
    action: 'follow-ups',
    body: followUp(),
    token: strangerAdmin,
    status: 403,
    code: 'NOT_A_PARTY',
  },
  {
    name: 'fulfil without a result',
    action: 'fulfil',
    body: {},
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'result',
  },
  {
    name: 'fulfil with a blank result',
    action: 'fulfil',
    body: { result: '  ' },
    status: 400,
    code: 'REQUIRED',
    field: 'result',
  },
  {
    name: 'unmet without a reason',
    action: 'unmet',
    body: {},
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'reason',
  },
  {
    name: 'cancel by an administrator of another authority',
    action: 'cancel',
    body: { reason: 'Weg.' },
    token: strangerAdmin,
    status: 403,
    code: 'NOT_AGREEMENT_OWNER',
  },
];

describe('agreements: bad input is answered with problem+json and nothing is written', () => {
  let server: TestServer;
  let api: AdministrationClient;
  let agreementId: string;

  beforeAll(async () => {
    server = await startTestServer();
    api = new AdministrationClient(server);
    agreementId = await api.agreement();
  });

  afterAll(async () => {
    await server.close();
  });

  it.each(badInputs.map((c) => [c.name, c] as const))('%s', async (_, c) => {
    const path =
      c.action === 'make'
        ? ('/api/v1/agreements' as const)
        : (`/api/v1/agreements/${agreementId}/${c.action}` as const);
    const revisionBefore = await api.revisionOf(`/api/v1/agreements/${agreementId}`, analyst);
    const headBefore = await headOf(server);

    expectProblem(await api.post(path, c.token ?? provinceAdmin, c.body), c.status, c.code, c.field);

    expect(await headOf(server)).toBe(headBefore);
    expect(await api.revisionOf(`/api/v1/agreements/${agreementId}`, analyst)).toBe(revisionBefore);
  });

  const validBodies: Record<string, unknown> = {
    progress: { percent: 10, note: 'Gestart.' },
    'follow-ups': followUp(),
    fulfil: { result: 'Klaar.' },
    unmet: { reason: 'Niet gehaald.' },
    cancel: { reason: 'Vervallen.' },
  };

  it.each(Object.keys(validBodies))(
    '%s on an unknown agreement is 404 AGREEMENT_NOT_FOUND',
    async (action) => {
      const headBefore = await headOf(server);
      const response = await api.post(
        `/api/v1/agreements/${UNKNOWN_ID}/${action}`,
        provinceAdmin,
        validBodies[action],
      );
      expectProblem(response, 404, 'AGREEMENT_NOT_FOUND');
      expect(await headOf(server)).toBe(headBefore);
    },
  );
});
