import { randomUUID } from 'node:crypto';
import { experimentDecider, streamIdOf } from '@praktijklus/domain';
import { startTestServer, type TestServer } from './support/test-server';
import type { TokenClaims } from '../libs/testing/src/test-token';
import {
  AdministrationClient,
  amsterdamOfficer,
  analyst,
  decidedAsOf,
  dutchDate,
  expectProblem,
  experimentBody,
  headOf,
  type HistoryEntry,
  ministryAdmin,
  provinceAdmin,
  strangerAdmin,
  utrechtAdmin,
  utrechtOfficer,
} from './escalations.fixtures';

interface ExperimentBody {
  id: string;
  revision: number;
  status: string;
  escalationId: string;
  owner: string;
  title: string;
  hypothesis: string;
  legalRoute: string;
  startsOn: string;
  endsOn: string;
  startedAt: string;
  extensions: Array<{ previousEndsOn: string; endsOn: string; reason: string; extendedAt: string }>;
  evaluation: {
    conclusion: string;
    policyConsequence: string;
    rationale: string;
    evaluatedAt: string;
  } | null;
  closedAt: string | null;
  overdue: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const UNKNOWN_ID = 'a3bb189e-8bf9-3888-9912-ace4e6543002';
const evaluation = {
  conclusion: 'Op alle drie de monumenten bleven de panelen onzichtbaar vanaf de straat.',
  policyConsequence: 'ADOPT_IN_POLICY',
  rationale: 'De voorwaarden uit de pilot gaan in de omgevingsverordening.',
};

describe('experiments over REST (booted server, SQLite store)', () => {
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
      ? (`/api/v1/experiments/${id}` as const)
      : (`/api/v1/experiments/${id}/${action}` as const);
  const read = (id: string, token: TokenClaims = analyst) => api.get<ExperimentBody>(path(id), token);
  const start = (escalationId: string, token: TokenClaims = provinceAdmin, overrides = {}) =>
    api.post('/api/v1/experiments', token, experimentBody(escalationId, overrides));

  describe('starting', () => {
    it('answers 201 with Location and ETag for the deciding authority; GET shows it RUNNING', async () => {
      const escalationId = await api.decided('EXPERIMENT_GRANTED');
      const body = experimentBody(escalationId);
      const response = await start(escalationId);
      expect(response.status).toBe(201);
      expect(response.body).toEqual({
        id: expect.stringMatching(UUID),
        revision: 0,
        position: expect.any(String),
      });
      expect(response.headers.get('location')).toBe(`/api/v1/experiments/${response.body.id}`);
      expect(response.headers.get('etag')).toBe('"0"');
      const experiment = await read(response.body.id);
      expect(experiment.headers.get('etag')).toBe('"0"');
      expect(experiment.body).toMatchObject({
        id: response.body.id,
        revision: 0,
        status: 'RUNNING',
        escalationId,
        owner: 'pv26',
        legalRoute: 'EXPERIMENT_CLAUSE',
        startsOn: body.startsOn,
        endsOn: body.endsOn,
        extensions: [],
        evaluation: null,
        closedAt: null,
        overdue: false,
      });
    });

    it('also answers an escalation resolved after the experiment was granted', async () => {
      const escalationId = await api.decided('EXPERIMENT_GRANTED');
      await api.ok(`/api/v1/escalations/${escalationId}/resolve`, provinceAdmin, {
        summary: 'Pilot toegekend.',
      });
      expect((await start(escalationId)).status).toBe(201);
    });

    it('is started by the authority the escalation was transferred to and that decided it', async () => {
      const escalationId = await api.raised();
      await api.ok(`/api/v1/escalations/${escalationId}/transfer`, provinceAdmin, {
        to: 'mnre1171',
        reason: 'Rijk.',
      });
      await api.ok(`/api/v1/escalations/${escalationId}/acknowledge`, ministryAdmin, {});
      await api.ok(`/api/v1/escalations/${escalationId}/decide`, ministryAdmin, {
        outcome: 'EXPERIMENT_GRANTED',
        rationale: 'Experimenteerbepaling in het Bbl.',
      });
      const started = await start(escalationId, ministryAdmin);
      expect(started.status).toBe(201);
      expect((await read(started.body.id)).body.owner).toBe('mnre1171');
    });

    it('refuses the raising authority (403), a stranger (400 unknown escalation) and other outcomes (409)', async () => {
      const granted = await api.decided('EXPERIMENT_GRANTED');
      const head = await headOf(server);
      expectProblem(await start(granted, utrechtAdmin), 403, 'NOT_DECIDING_AUTHORITY');
      expectProblem(await start(granted, strangerAdmin), 400, 'UNKNOWN_ESCALATION', 'escalationId');
      expectProblem(await start(granted, utrechtOfficer), 403, 'ROLE_NOT_ALLOWED');
      const noChange = await api.decided('NO_CHANGE');
      const acknowledged = await api.acknowledged();
      const head2 = await headOf(server);
      expect(head2).not.toBe(head);
      expectProblem(await start(noChange), 409, 'EXPERIMENT_NOT_GRANTED', 'escalationId');
      expectProblem(await start(acknowledged), 409, 'ESCALATION_NOT_DECIDED', 'escalationId');
      expect(await headOf(server)).toBe(head2);
    });
  });

  describe('extending, evaluating and closing', () => {
    it('extends to a later end by the owner, keeping the earlier end dates', async () => {
      const id = await api.experiment();
      const { body: before } = await read(id);
      const endsOn = dutchDate(500);
      await api.ok(path(id, 'extend'), provinceAdmin, { endsOn, reason: 'Een winter extra meten.' });
      const { body } = await read(id);
      expect(body.endsOn).toBe(endsOn);
      expect(body.extensions).toEqual([
        {
          previousEndsOn: before.endsOn,
          endsOn,
          reason: 'Een winter extra meten.',
          extendedAt: expect.any(String),
        },
      ]);
      expectProblem(
        await api.post(path(id, 'extend'), utrechtAdmin, {
          endsOn: dutchDate(600),
          reason: 'Wij willen langer.',
        }),
        403,
        'NOT_EXPERIMENT_OWNER',
      );
    });

    it('closes only after an evaluation, and nothing changes after closing', async () => {
      const id = await api.experiment();
      expectProblem(await api.post(path(id, 'close'), provinceAdmin), 409, 'EXPERIMENT_NOT_EVALUATED');
      expectProblem(
        await api.post(path(id, 'evaluate'), utrechtAdmin, evaluation),
        403,
        'NOT_EXPERIMENT_OWNER',
      );
      await api.ok(path(id, 'evaluate'), provinceAdmin, evaluation);
      expect((await read(id)).body).toMatchObject({ status: 'EVALUATED', evaluation, overdue: false });
      expectProblem(
        await api.post(path(id, 'evaluate'), provinceAdmin, evaluation),
        409,
        'EXPERIMENT_ALREADY_EVALUATED',
      );
      expectProblem(
        await api.post(path(id, 'extend'), provinceAdmin, { endsOn: dutchDate(900), reason: 'Langer.' }),
        409,
        'EXPERIMENT_ALREADY_EVALUATED',
      );
      expectProblem(await api.post(path(id, 'close'), utrechtAdmin), 403, 'NOT_EXPERIMENT_OWNER');
      const closed = await api.post(path(id, 'close'), provinceAdmin);
      expect(closed.status).toBe(200);
      expect(closed.body).toEqual({ id, revision: 2, position: expect.any(String) });
      expect((await read(id)).body).toMatchObject({ status: 'CLOSED', closedAt: expect.any(String) });
      for (const [action, body] of [
        ['close', {}],
        ['evaluate', evaluation],
        ['extend', { endsOn: dutchDate(900), reason: 'Langer.' }],
      ] as const) {
        expectProblem(await api.post(path(id, action), provinceAdmin, body), 409, 'EXPERIMENT_CLOSED');
      }
      expect((await read(id)).body.revision).toBe(2);
    });

    it('flags an experiment past its end without an evaluation as overdue, until evaluated', async () => {
      const escalationId = await api.decided('EXPERIMENT_GRANTED');
      const id = randomUUID();
      await decidedAsOf(server, streamIdOf('experiment', id), experimentDecider, {
        type: 'StartExperiment',
        actor: { sub: 'admin-pv26', authority: 'pv26', roles: ['admin'] },
        now: '2025-01-10T10:00:00.000Z',
        data: {
          experimentId: id,
          escalation: {
            id: escalationId,
            exists: true,
            status: 'DECIDED',
            outcome: 'EXPERIMENT_GRANTED',
            addressedTo: 'pv26',
            decidedBy: 'pv26',
          },
          title: 'Pilot zonnepanelen',
          hypothesis: 'Onzichtbare panelen schaden niet.',
          legalRoute: 'EXEMPTION',
          startsOn: '2025-02-01',
          endsOn: '2025-08-01',
        },
      });
      expect((await read(id)).body).toMatchObject({ status: 'RUNNING', overdue: true });
      await api.ok(path(id, 'evaluate'), provinceAdmin, evaluation);
      expect((await read(id)).body.overdue).toBe(false);
    });
  });

  describe('reading and history', () => {
    it.each([
      ['an officer of an authority not involved', amsterdamOfficer],
      ['an analyst', analyst],
      ['an administrator of an authority not involved', strangerAdmin],
    ])('is open to %s: experiments are public accountability', async (_, token) => {
      const id = await api.experiment();
      expect((await read(id, token)).status).toBe(200);
      expect((await api.get(path(id, 'history'), token)).status).toBe(200);
    });

    it('answers 404 EXPERIMENT_NOT_FOUND for an unknown experiment', async () => {
      expectProblem(await read(UNKNOWN_ID), 404, 'EXPERIMENT_NOT_FOUND');
      expectProblem(await api.get(path(UNKNOWN_ID, 'history'), analyst), 404, 'EXPERIMENT_NOT_FOUND');
    });

    it('lists the events in order with actor and time', async () => {
      const id = await api.experiment();
      await api.ok(path(id, 'extend'), provinceAdmin, { endsOn: dutchDate(400), reason: 'Langer meten.' });
      await api.ok(path(id, 'evaluate'), provinceAdmin, evaluation);
      await api.ok(path(id, 'close'), provinceAdmin, {});
      const { body } = await api.get<HistoryEntry[]>(path(id, 'history'), amsterdamOfficer);
      expect(
        body.map((entry) => [entry.type, entry.revision, entry.actor.sub, entry.actor.authority]),
      ).toEqual([
        ['ExperimentStarted', 0, 'admin-pv26', 'pv26'],
        ['ExperimentExtended', 1, 'admin-pv26', 'pv26'],
        ['ExperimentEvaluated', 2, 'admin-pv26', 'pv26'],
        ['ExperimentClosed', 3, 'admin-pv26', 'pv26'],
      ]);
      expect(body.every((entry) => !Number.isNaN(Date.parse(entry.recordedAt)))).toBe(true);
    });

    it('applies If-Match and answers a repeated start with the first answer', async () => {
      const id = await api.experiment();
      expectProblem(
        await api.post(path(id, 'evaluate'), provinceAdmin, evaluation, { 'if-match': '"4"' }),
        412,
        'REVISION_MISMATCH',
      );
      expect((await read(id)).body.revision).toBe(0);
      const escalationId = await api.decided('EXPERIMENT_GRANTED');
      const headers = { 'idempotency-key': `pilot-${escalationId}` };
      const first = await api.post(
        '/api/v1/experiments',
        provinceAdmin,
        experimentBody(escalationId),
        headers,
      );
      const head = await headOf(server);
      const again = await api.post(
        '/api/v1/experiments',
        provinceAdmin,
        experimentBody(escalationId),
        headers,
      );
      expect([first.status, again.status]).toEqual([201, 201]);
      expect(again.body).toEqual(first.body);
      expect(await headOf(server)).toBe(head);
    });
  });
});

interface BadInput {
  name: string;
  action: 'start' | 'extend' | 'evaluate' | 'close';
  body: (escalationId: string) => unknown;
  token?: TokenClaims;
  status: number;
  code: string;
  field?: string;
}

const startWith =
  (overrides: Record<string, unknown>) =>
  (escalationId: string): Record<string, unknown> =>
    experimentBody(escalationId, overrides);
const startWithout = (field: string) => (escalationId: string) => {
  const body = experimentBody(escalationId);
  delete body[field];
  return body;
};
const evaluateWith = (overrides: Record<string, unknown>) => () => ({ ...evaluation, ...overrides });

const badInputs: BadInput[] = [
  ...['escalationId', 'title', 'hypothesis', 'legalRoute', 'startsOn', 'endsOn'].map((field): BadInput => ({
    name: `start without ${field}`,
    action: 'start',
    body: startWithout(field),
    status: 400,
    code: 'VALIDATION_FAILED',
    field,
  })),
  {
    name: 'start ending on its first day',
    action: 'start',
    body: startWith({ startsOn: '2026-09-01', endsOn: '2026-09-01' }),
    status: 400,
    code: 'ENDS_NOT_AFTER_START',
    field: 'endsOn',
  },
  {
    name: 'start ending before it starts',
    action: 'start',
    body: startWith({ startsOn: '2026-09-01', endsOn: '2026-08-01' }),
    status: 400,
    code: 'ENDS_NOT_AFTER_START',
    field: 'endsOn',
  },
  {
    name: 'start with startsOn not a date',
    action: 'start',
    body: startWith({ startsOn: '1 september 2026' }),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'startsOn',
  },
  {
    name: 'start with an unknown legal route',
    action: 'start',
    body: startWith({ legalRoute: 'GEDOOGBESCHIKKING' }),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'legalRoute',
  },
  {
    name: 'start for an unknown escalation',
    action: 'start',
    body: startWith({ escalationId: UNKNOWN_ID }),
    status: 400,
    code: 'UNKNOWN_ESCALATION',
    field: 'escalationId',
  },
  {
    name: 'start with an escalation id that is not a UUID',
    action: 'start',
    body: startWith({ escalationId: 'escalatie-1' }),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'escalationId',
  },
  {
    name: 'start with a title of 201 characters',
    action: 'start',
    body: startWith({ title: 'x'.repeat(201) }),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'title',
  },
  {
    name: 'start with a blank hypothesis',
    action: 'start',
    body: startWith({ hypothesis: '   ' }),
    status: 400,
    code: 'REQUIRED',
    field: 'hypothesis',
  },
  {
    name: 'start naming the owner',
    action: 'start',
    body: startWith({ owner: 'pv26' }),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'owner',
  },
  {
    name: 'extend to an earlier end',
    action: 'extend',
    body: () => ({ endsOn: dutchDate(30), reason: 'Korter.' }),
    status: 400,
    code: 'EXTENSION_NOT_LATER',
    field: 'endsOn',
  },
  {
    name: 'extend without a reason',
    action: 'extend',
    body: () => ({ endsOn: dutchDate(800) }),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'reason',
  },
  {
    name: 'extend with endsOn not a date',
    action: 'extend',
    body: () => ({ endsOn: 'volgend jaar', reason: 'Langer.' }),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'endsOn',
  },
  ...['conclusion', 'policyConsequence', 'rationale'].map((field): BadInput => ({
    name: `evaluate without ${field}`,
    action: 'evaluate',
    body: evaluateWith({ [field]: undefined }),
    status: 400,
    code: 'VALIDATION_FAILED',
    field,
  })),
  {
    name: 'evaluate with a blank rationale',
    action: 'evaluate',
    body: evaluateWith({ rationale: ' ' }),
    status: 400,
    code: 'REQUIRED',
    field: 'rationale',
  },
  {
    name: 'evaluate with an unknown policy consequence',
    action: 'evaluate',
    body: evaluateWith({ policyConsequence: 'MAYBE_LATER' }),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'policyConsequence',
  },
  {
    name: 'evaluate by another authority',
    action: 'evaluate',
    body: evaluateWith({}),
    token: strangerAdmin,
    status: 403,
    code: 'NOT_EXPERIMENT_OWNER',
  },
  {
    name: 'close with a field',
    action: 'close',
    body: () => ({ reason: 'Klaar.' }),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'reason',
  },
  {
    name: 'close before an evaluation',
    action: 'close',
    body: () => ({}),
    status: 409,
    code: 'EXPERIMENT_NOT_EVALUATED',
  },
  {
    name: 'close by an analyst',
    action: 'close',
    body: () => ({}),
    token: analyst,
    status: 403,
    code: 'ROLE_NOT_ALLOWED',
  },
];

describe('experiments: bad input is answered with problem+json and nothing is written', () => {
  let server: TestServer;
  let api: AdministrationClient;
  let escalationId: string;
  let experimentId: string;

  beforeAll(async () => {
    server = await startTestServer();
    api = new AdministrationClient(server);
    escalationId = await api.decided('EXPERIMENT_GRANTED');
    experimentId = (await api.ok('/api/v1/experiments', provinceAdmin, experimentBody(escalationId), 201)).id;
  });

  afterAll(async () => {
    await server.close();
  });

  it.each(badInputs.map((c) => [c.name, c] as const))('%s', async (_, c) => {
    const experimentPath = `/api/v1/experiments/${experimentId}` as const;
    const path =
      c.action === 'start' ? ('/api/v1/experiments' as const) : (`${experimentPath}/${c.action}` as const);
    const revisionBefore = await api.revisionOf(experimentPath, analyst);
    const headBefore = await headOf(server);

    expectProblem(
      await api.post(path, c.token ?? provinceAdmin, c.body(escalationId)),
      c.status,
      c.code,
      c.field,
    );

    expect(await headOf(server)).toBe(headBefore);
    expect(await api.revisionOf(experimentPath, analyst)).toBe(revisionBefore);
  });

  it.each(['extend', 'evaluate', 'close'])(
    '%s on an unknown experiment is 404 EXPERIMENT_NOT_FOUND',
    async (action) => {
      const body =
        action === 'extend'
          ? { endsOn: dutchDate(900), reason: 'Langer.' }
          : action === 'evaluate'
            ? evaluation
            : {};
      const headBefore = await headOf(server);
      expectProblem(
        await api.post(`/api/v1/experiments/${UNKNOWN_ID}/${action}`, provinceAdmin, body),
        404,
        'EXPERIMENT_NOT_FOUND',
      );
      expect(await headOf(server)).toBe(headBefore);
    },
  );
});
