import { addWorkingDays, endOfWorkingDays } from '@praktijklus/reference';
import { startTestServer, type TestServer } from './support/test-server';
import {
  AdministrationClient,
  agencyAdmin,
  amsterdamOfficer,
  analyst,
  expectProblem,
  headOf,
  type HistoryEntry,
  ministryAdmin,
  provinceAdmin,
  provinceOfficer,
  raiseBody,
  strangerAdmin,
  utrechtAdmin,
  utrechtOfficer,
  type Written,
} from './escalations.fixtures';

interface EscalationBody {
  id: string;
  revision: number;
  status: string;
  title: string;
  reason: string;
  signalIds: string[];
  raisedBy: string;
  raisedByUser: string;
  raisedAt: string;
  addressedTo: string;
  respondBy: string;
  overdue: boolean;
  involvedAuthorities: string[];
  previousAddressees: string[];
  acknowledgedAt: string | null;
  reopenedAt: string | null;
  outcome: string | null;
  rationale: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  summary: string | null;
  resolvedAt: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('escalations over REST (booted server, SQLite store)', () => {
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
      ? (`/api/v1/escalations/${id}` as const)
      : (`/api/v1/escalations/${id}/${action}` as const);
  const read = (id: string, token = utrechtOfficer) => api.get<EscalationBody>(path(id), token);
  const history = (id: string, token = utrechtOfficer) => api.get<HistoryEntry[]>(path(id, 'history'), token);

  describe('raising', () => {
    it('answers 201 with id, revision, position, Location and ETag, and GET shows what was raised', async () => {
      const signalId = await api.recordSignal();
      const response = await api.post('/api/v1/escalations', utrechtOfficer, raiseBody([signalId]));
      expect(response.status).toBe(201);
      expect(response.body).toEqual({
        id: expect.stringMatching(UUID),
        revision: 0,
        position: expect.any(String),
      });
      expect(response.headers.get('location')).toBe(`/api/v1/escalations/${response.body.id}`);
      expect(response.headers.get('etag')).toBe('"0"');

      const escalation = await read(response.body.id);
      expect(escalation.status).toBe(200);
      expect(escalation.headers.get('etag')).toBe('"0"');
      expect(escalation.body).toMatchObject({
        id: response.body.id,
        revision: 0,
        status: 'RAISED',
        title: raiseBody([]).title,
        signalIds: [signalId],
        raisedBy: 'gm0344',
        raisedByUser: 'officer-utrecht',
        addressedTo: 'pv26',
        overdue: false,
        involvedAuthorities: [],
        acknowledgedAt: null,
        outcome: null,
      });
    });

    it('sets respondBy 20 Dutch working days after raising when the body has none', async () => {
      const { body } = await read(await api.raised());
      expect(body.respondBy).toBe(endOfWorkingDays(new Date(body.raisedAt), 20).toISOString());
    });

    it('keeps a respondBy the body gives', async () => {
      const respondBy = `${new Date().getUTCFullYear() + 1}-03-02T17:00:00+01:00`;
      const { body } = await read(await api.raised({ respondBy }));
      expect(body.respondBy).toBe(respondBy);
    });

    it('lets an administrator raise too, for their own authority', async () => {
      const signalId = await api.recordSignal();
      const written = await api.ok('/api/v1/escalations', utrechtAdmin, raiseBody([signalId]), 201);
      const { body } = await read(written.id);
      expect(body).toMatchObject({ raisedBy: 'gm0344', raisedByUser: 'admin-utrecht' });
    });

    it('refuses an analyst with 403', async () => {
      const signalId = await api.recordSignal();
      const before = await headOf(server);
      expectProblem(
        await api.post('/api/v1/escalations', analyst, raiseBody([signalId])),
        403,
        'ROLE_NOT_ALLOWED',
      );
      expect(await headOf(server)).toBe(before);
    });

    it('refuses a request without a token with 401', async () => {
      const response = await server.request('POST', '/api/v1/escalations', { body: raiseBody([]) });
      expectProblem(response, 401, 'UNAUTHENTICATED');
    });
  });

  describe('who reads an escalation', () => {
    let id: string;
    beforeAll(async () => {
      id = await api.raised();
    });

    it.each([
      ['the raising officer', utrechtOfficer],
      ['an administrator of the raising authority', utrechtAdmin],
      ['the addressed administrator', provinceAdmin],
      ['an officer of the addressed authority', provinceOfficer],
      ['an analyst of any authority', analyst],
    ])('%s reads it and its history', async (_, token) => {
      expect((await read(id, token)).status).toBe(200);
      expect((await history(id, token)).status).toBe(200);
    });

    it.each([
      ['an administrator of another authority', strangerAdmin],
      ['an officer of another authority', amsterdamOfficer],
    ])('%s gets the same 404 as for an escalation that does not exist', async (_, token) => {
      expectProblem(await read(id, token), 404, 'ESCALATION_NOT_FOUND');
      expectProblem(await history(id, token), 404, 'ESCALATION_NOT_FOUND');
      const unknown = 'a3bb189e-8bf9-3888-9912-ace4e6543002';
      const absent = await read(unknown, token);
      expect(absent.body).toEqual((await read(id, token)).body);
    });

    it('answers 400 naming id for an id that is not a UUID', async () => {
      expectProblem(await read('escalatie-1'), 400, 'VALIDATION_FAILED', 'id');
    });
  });

  describe('acknowledging', () => {
    it('is done by the addressed administrator, with or without a note, once', async () => {
      const id = await api.raised();
      const written = await api.post(path(id, 'acknowledge'), provinceAdmin, { note: 'Ontvangen.' });
      expect(written.status).toBe(200);
      expect(written.body).toEqual({ id, revision: 1, position: expect.any(String) });
      expect(written.headers.get('etag')).toBe('"1"');
      const { body } = await read(id);
      expect(body.status).toBe('ACKNOWLEDGED');
      expect(body.acknowledgedAt).toEqual(expect.any(String));
      expectProblem(
        await api.post(path(id, 'acknowledge'), provinceAdmin, {}),
        409,
        'ESCALATION_ALREADY_ACKNOWLEDGED',
      );

      const withoutBody = await api.raised();
      expect((await api.post(path(withoutBody, 'acknowledge'), provinceAdmin)).status).toBe(200);
      expect((await history(withoutBody)).body[1].data).not.toHaveProperty('note');
    });

    it('refuses the raising authority’s administrator with 403 and a stranger with 404', async () => {
      const id = await api.raised();
      expectProblem(
        await api.post(path(id, 'acknowledge'), utrechtAdmin, {}),
        403,
        'NOT_ADDRESSED_AUTHORITY',
      );
      expectProblem(await api.post(path(id, 'acknowledge'), strangerAdmin, {}), 404, 'ESCALATION_NOT_FOUND');
      expectProblem(await api.post(path(id, 'acknowledge'), provinceOfficer, {}), 403, 'ROLE_NOT_ALLOWED');
      expect((await read(id)).body.revision).toBe(0);
    });
  });

  describe('involving another authority', () => {
    it('lets the addressed and the raising authority involve others, who then read it', async () => {
      const id = await api.raised();
      expectProblem(await read(id, ministryAdmin), 404, 'ESCALATION_NOT_FOUND');
      await api.ok(path(id, 'involve'), provinceAdmin, {
        authority: 'mnre1171',
        reason: 'Het Bbl is rijksregelgeving.',
      });
      await api.ok(path(id, 'involve'), utrechtAdmin, {
        authority: 'so0697',
        reason: 'De omgevingsdienst toetst.',
      });
      const { body } = await read(id, ministryAdmin);
      expect(body.involvedAuthorities).toEqual(['mnre1171', 'so0697']);
      expect((await read(id, agencyAdmin)).status).toBe(200);
    });

    it('refuses an authority that is already a party (409) and an involved authority involving more (403)', async () => {
      const id = await api.raised();
      await api.ok(path(id, 'involve'), provinceAdmin, { authority: 'so0697', reason: 'Toetsing.' });
      expectProblem(
        await api.post(path(id, 'involve'), provinceAdmin, { authority: 'gm0344', reason: 'Nogmaals.' }),
        409,
        'AUTHORITY_ALREADY_INVOLVED',
        'authority',
      );
      expectProblem(
        await api.post(path(id, 'involve'), agencyAdmin, { authority: 'mnre1171', reason: 'Rijk erbij.' }),
        403,
        'NOT_ADDRESSED_OR_RAISING_AUTHORITY',
      );
      expect((await read(id)).body.revision).toBe(1);
    });

    it('is refused once the escalation is resolved', async () => {
      const id = await api.resolved();
      expectProblem(
        await api.post(path(id, 'involve'), provinceAdmin, { authority: 'so0697', reason: 'Te laat.' }),
        409,
        'ESCALATION_ALREADY_RESOLVED',
      );
    });
  });

  describe('attaching signals', () => {
    it('adds new signals while the escalation is open, by an involved authority', async () => {
      const first = await api.recordSignal();
      const id = await api.raise([first]);
      const second = await api.recordSignal();
      await api.ok(path(id, 'signals'), utrechtOfficer, { signalIds: [first, second] });
      expect((await read(id)).body.signalIds).toEqual([first, second]);
      expectProblem(
        await api.post(path(id, 'signals'), utrechtOfficer, { signalIds: [second] }),
        409,
        'SIGNALS_ALREADY_ATTACHED',
        'signalIds',
      );
      const province = await api.recordSignal(provinceOfficer);
      await api.ok(path(id, 'signals'), provinceOfficer, { signalIds: [province] });
      expect((await read(id)).body.signalIds).toEqual([first, second, province]);
    });

    it('refuses a withdrawn signal (409), a signal the officer cannot read (400) and a stranger (404)', async () => {
      const id = await api.raised();
      const withdrawn = await api.recordSignal();
      await api.ok(`/api/v1/signals/${withdrawn}/withdraw`, utrechtOfficer, { reason: 'Dubbel ingediend.' });
      expectProblem(
        await api.post(path(id, 'signals'), utrechtOfficer, { signalIds: [withdrawn] }),
        409,
        'SIGNAL_WITHDRAWN',
        'signalIds',
      );
      const amsterdam = await api.recordSignal(amsterdamOfficer);
      expectProblem(
        await api.post(path(id, 'signals'), utrechtOfficer, { signalIds: [amsterdam] }),
        400,
        'UNKNOWN_SIGNAL',
        'signalIds',
      );
      expectProblem(
        await api.post(path(id, 'signals'), amsterdamOfficer, { signalIds: [amsterdam] }),
        404,
        'ESCALATION_NOT_FOUND',
      );
      expect((await read(id)).body.revision).toBe(0);
    });

    it('is refused once decided', async () => {
      const id = await api.decided();
      const signalId = await api.recordSignal();
      expectProblem(
        await api.post(path(id, 'signals'), utrechtOfficer, { signalIds: [signalId] }),
        409,
        'ESCALATION_ALREADY_DECIDED',
      );
    });
  });

  describe('transferring', () => {
    it('goes back to RAISED at the new authority, which reads it; the previous addressee no longer does', async () => {
      const id = await api.acknowledged();
      const before = Date.now();
      await api.ok(path(id, 'transfer'), provinceAdmin, { to: 'mnre1171', reason: 'Verkeerd geadresseerd.' });
      const { body } = await read(id, ministryAdmin);
      expect(body).toMatchObject({
        status: 'RAISED',
        addressedTo: 'mnre1171',
        previousAddressees: ['pv26'],
        acknowledgedAt: null,
      });
      // The new deadline is 20 working days from the transfer.
      expect(Date.parse(body.respondBy)).toBeGreaterThanOrEqual(
        addWorkingDays(new Date(before), 20).getTime() - 1,
      );
      expectProblem(await read(id, provinceAdmin), 404, 'ESCALATION_NOT_FOUND');
      expectProblem(await api.post(path(id, 'acknowledge'), provinceAdmin, {}), 404, 'ESCALATION_NOT_FOUND');
      await api.ok(path(id, 'acknowledge'), ministryAdmin, {});
      expect((await read(id)).body.status).toBe('ACKNOWLEDGED');
    });

    it('keeps a new respondBy the body gives', async () => {
      const id = await api.raised();
      const respondBy = `${new Date().getUTCFullYear() + 1}-06-01T12:00:00Z`;
      await api.ok(path(id, 'transfer'), provinceAdmin, { to: 'mnre1171', reason: 'Rijk.', respondBy });
      expect((await read(id)).body.respondBy).toBe(respondBy);
    });

    it('refuses a transfer to the addressed authority, by another authority, and after a decision', async () => {
      const id = await api.raised();
      expectProblem(
        await api.post(path(id, 'transfer'), provinceAdmin, { to: 'pv26', reason: 'Naar onszelf.' }),
        400,
        'TRANSFER_TO_ADDRESSED_AUTHORITY',
        'to',
      );
      expectProblem(
        await api.post(path(id, 'transfer'), utrechtAdmin, {
          to: 'mnre1171',
          reason: 'Wij weten het beter.',
        }),
        403,
        'NOT_ADDRESSED_AUTHORITY',
      );
      expect((await read(id)).body.revision).toBe(0);
      const decided = await api.decided();
      expectProblem(
        await api.post(path(decided, 'transfer'), provinceAdmin, { to: 'mnre1171', reason: 'Te laat.' }),
        409,
        'ESCALATION_ALREADY_DECIDED',
      );
    });
  });

  describe('deciding, resolving and reopening', () => {
    it('decides only after acknowledgement, with outcome and rationale', async () => {
      const id = await api.raised();
      const decision = { outcome: 'CUSTOM_SOLUTION', rationale: 'Maatwerk via het omgevingsplan.' };
      expectProblem(
        await api.post(path(id, 'decide'), provinceAdmin, decision),
        409,
        'ESCALATION_NOT_ACKNOWLEDGED',
      );
      await api.ok(path(id, 'acknowledge'), provinceAdmin, {});
      expectProblem(
        await api.post(path(id, 'decide'), utrechtAdmin, decision),
        403,
        'NOT_ADDRESSED_AUTHORITY',
      );
      await api.ok(path(id, 'decide'), provinceAdmin, decision);
      const { body } = await read(id);
      expect(body).toMatchObject({ status: 'DECIDED', ...decision, decidedBy: 'pv26', overdue: false });
      expectProblem(
        await api.post(path(id, 'decide'), provinceAdmin, decision),
        409,
        'ESCALATION_ALREADY_DECIDED',
      );
    });

    it('resolves only a decided escalation, once', async () => {
      const id = await api.acknowledged();
      expectProblem(
        await api.post(path(id, 'resolve'), provinceAdmin, { summary: 'Klaar.' }),
        409,
        'ESCALATION_NOT_DECIDED',
      );
      await api.ok(path(id, 'decide'), provinceAdmin, {
        outcome: 'NO_CHANGE',
        rationale: 'Geen aanleiding.',
      });
      expectProblem(
        await api.post(path(id, 'resolve'), utrechtAdmin, { summary: 'Klaar.' }),
        403,
        'NOT_ADDRESSED_AUTHORITY',
      );
      await api.ok(path(id, 'resolve'), provinceAdmin, { summary: 'Uitgelegd aan de aanvragers.' });
      expect((await read(id)).body).toMatchObject({
        status: 'RESOLVED',
        summary: 'Uitgelegd aan de aanvragers.',
      });
      expectProblem(
        await api.post(path(id, 'resolve'), provinceAdmin, { summary: 'Nogmaals.' }),
        409,
        'ESCALATION_ALREADY_RESOLVED',
      );
    });

    it('is reopened by the raising authority only, back to ACKNOWLEDGED without the decision', async () => {
      const acknowledged = await api.acknowledged();
      expectProblem(
        await api.post(path(acknowledged, 'reopen'), utrechtOfficer, { reason: 'Nog niet besloten.' }),
        409,
        'ESCALATION_NOT_DECIDED',
      );
      const id = await api.resolved();
      expectProblem(
        await api.post(path(id, 'reopen'), provinceAdmin, { reason: 'Zelf heropenen.' }),
        403,
        'NOT_RAISING_AUTHORITY',
      );
      expectProblem(
        await api.post(path(id, 'reopen'), strangerAdmin, { reason: 'Vreemd.' }),
        404,
        'ESCALATION_NOT_FOUND',
      );
      await api.ok(path(id, 'reopen'), utrechtOfficer, { reason: 'Nieuwe aanvragen lopen weer vast.' });
      const { body } = await read(id);
      expect(body).toMatchObject({ status: 'ACKNOWLEDGED', outcome: null, rationale: null, summary: null });
      expect(body.reopenedAt).toEqual(expect.any(String));
      await api.ok(path(id, 'decide'), provinceAdmin, {
        outcome: 'POLICY_ADJUSTED',
        rationale: 'Regels aangepast.',
      });
      await api.ok(path(id, 'reopen'), utrechtAdmin, { reason: 'Aanpassing werkt niet.' });
      expect((await read(id)).body.status).toBe('ACKNOWLEDGED');
    });
  });

  describe('history', () => {
    it('lists the events in order with actor, authority and time', async () => {
      const id = await api.resolved();
      const { status, body } = await history(id, analyst);
      expect(status).toBe(200);
      expect(
        body.map((entry) => [entry.type, entry.revision, entry.actor.sub, entry.actor.authority]),
      ).toEqual([
        ['EscalationRaised', 0, 'officer-utrecht', 'gm0344'],
        ['EscalationAcknowledged', 1, 'admin-pv26', 'pv26'],
        ['EscalationDecided', 2, 'admin-pv26', 'pv26'],
        ['EscalationResolved', 3, 'admin-pv26', 'pv26'],
      ]);
      for (const entry of body) {
        expect(Date.parse(entry.recordedAt)).not.toBeNaN();
        expect(entry.correlationId).toMatch(UUID);
      }
      expect(body[2].data).toMatchObject({ outcome: 'POLICY_ADJUSTED', decidedBy: 'pv26' });
    });
  });

  describe('If-Match', () => {
    it('applies a command at the revision named and answers 412 at another, writing nothing', async () => {
      const id = await api.raised();
      expectProblem(
        await api.post(path(id, 'acknowledge'), provinceAdmin, {}, { 'if-match': '"3"' }),
        412,
        'REVISION_MISMATCH',
      );
      expect((await read(id)).body.revision).toBe(0);
      const written = await api.post(path(id, 'acknowledge'), provinceAdmin, {}, { 'if-match': '"0"' });
      expect(written.status).toBe(200);
      expect(written.body.revision).toBe(1);
    });

    it('answers a stranger 404, never 412, so a revision guess reveals nothing', async () => {
      const id = await api.raised();
      expectProblem(
        await api.post(path(id, 'acknowledge'), strangerAdmin, {}, { 'if-match': '"7"' }),
        404,
        'ESCALATION_NOT_FOUND',
      );
    });
  });

  describe('Idempotency-Key', () => {
    it('answers a repeated raise with the first answer, same id, and writes nothing', async () => {
      const signalId = await api.recordSignal();
      const headers = { 'idempotency-key': `raise-${signalId}` };
      const first = await api.post('/api/v1/escalations', utrechtOfficer, raiseBody([signalId]), headers);
      expect(first.status).toBe(201);
      const head = await headOf(server);
      const again = await api.post('/api/v1/escalations', utrechtOfficer, raiseBody([signalId]), headers);
      expect(again.status).toBe(201);
      expect(again.body).toEqual(first.body);
      expect(again.headers.get('location')).toBe(first.headers.get('location'));
      expect(await headOf(server)).toBe(head);
      expect((await read(first.body.id)).body.revision).toBe(0);

      const reused = await api.post(
        '/api/v1/escalations',
        utrechtOfficer,
        raiseBody([signalId], { title: 'Een andere titel' }),
        headers,
      );
      expectProblem(reused, 409, 'IDEMPOTENCY_KEY_REUSED');
      expect(await headOf(server)).toBe(head);
    });

    it('answers a repeated decision with the first answer', async () => {
      const id = await api.acknowledged();
      const decision = { outcome: 'REFERRED', rationale: 'Doorverwezen naar het Rijk.' };
      const headers = { 'idempotency-key': `decide-${id}` };
      const first = await api.post<Written>(path(id, 'decide'), provinceAdmin, decision, headers);
      const again = await api.post<Written>(path(id, 'decide'), provinceAdmin, decision, headers);
      expect(first.status).toBe(200);
      expect(again.status).toBe(200);
      expect(again.body).toEqual(first.body);
      expect((await read(id)).body.revision).toBe(2);
    });
  });

  describe('OpenAPI', () => {
    it('documents every escalation, agreement and experiment route with its answers and Dutch examples', async () => {
      const response = await server.request<{
        paths: Record<string, Record<string, { tags: string[]; responses: Record<string, unknown> }>>;
        components: { schemas: Record<string, { properties?: Record<string, { example?: unknown }> }> };
      }>('GET', '/api/docs-json');
      expect(response.status).toBe(200);
      const { paths, components } = response.body;
      const routes: Array<[string, string, string, string]> = [
        ['escalations', '/api/v1/escalations', 'post', '201'],
        ['escalations', '/api/v1/escalations/{id}', 'get', '200'],
        ['escalations', '/api/v1/escalations/{id}/history', 'get', '200'],
        ...['acknowledge', 'involve', 'signals', 'transfer', 'decide', 'resolve', 'reopen'].map(
          (action): [string, string, string, string] => [
            'escalations',
            `/api/v1/escalations/{id}/${action}`,
            'post',
            '200',
          ],
        ),
        ['agreements', '/api/v1/agreements', 'post', '201'],
        ['agreements', '/api/v1/agreements/{id}', 'get', '200'],
        ['agreements', '/api/v1/agreements/{id}/history', 'get', '200'],
        ...['progress', 'follow-ups', 'fulfil', 'unmet', 'cancel'].map(
          (action): [string, string, string, string] => [
            'agreements',
            `/api/v1/agreements/{id}/${action}`,
            'post',
            '200',
          ],
        ),
        ['experiments', '/api/v1/experiments', 'post', '201'],
        ['experiments', '/api/v1/experiments/{id}', 'get', '200'],
        ['experiments', '/api/v1/experiments/{id}/history', 'get', '200'],
        ...['extend', 'evaluate', 'close'].map((action): [string, string, string, string] => [
          'experiments',
          `/api/v1/experiments/{id}/${action}`,
          'post',
          '200',
        ]),
      ];
      for (const [tag, route, method, success] of routes) {
        const operation = paths[route]?.[method];
        expect({ route, method, documented: operation !== undefined }).toEqual({
          route,
          method,
          documented: true,
        });
        expect(operation.tags).toContain(tag);
        expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining([success, '400', '401']));
        expect(JSON.stringify(operation.responses['401'])).toContain('application/problem+json');
      }
      expect(components.schemas.RaiseEscalationDto.properties?.addressedTo.example).toBe('pv26');
      expect(components.schemas.DecideEscalationDto.properties?.rationale.example).toMatch(
        /experimenteerbepaling/,
      );
      expect(components.schemas.ReportProgressDto.properties).toHaveProperty('percent');
      expect(components.schemas.EscalationView.properties).toHaveProperty('overdue');
    });
  });

  describe('overdue', () => {
    it('is overdue once respondBy has passed without a decision, and no longer once decided', async () => {
      const respondBy = new Date(Date.now() + 1500).toISOString();
      const id = await api.raised({ respondBy });
      expect((await read(id)).body.overdue).toBe(false);
      await new Promise((resolve) => setTimeout(resolve, Date.parse(respondBy) - Date.now() + 50));
      expect((await read(id)).body.overdue).toBe(true);
      await api.ok(path(id, 'acknowledge'), provinceAdmin, {});
      expect((await read(id)).body.overdue).toBe(true);
      await api.ok(path(id, 'decide'), provinceAdmin, {
        outcome: 'NO_CHANGE',
        rationale: 'Geen aanleiding.',
      });
      expect((await read(id)).body.overdue).toBe(false);
    });

    it('gives a reopened escalation a new deadline (20 working days, or the one given), so it is not overdue at once', async () => {
      const respondBy = new Date(Date.now() + 1000).toISOString();
      const id = await api.raised({ respondBy });
      await api.ok(path(id, 'acknowledge'), provinceAdmin, {});
      await api.ok(path(id, 'decide'), provinceAdmin, {
        outcome: 'NO_CHANGE',
        rationale: 'Geen aanleiding.',
      });
      await new Promise((resolve) => setTimeout(resolve, Date.parse(respondBy) - Date.now() + 50));
      const before = Date.now();
      await api.ok(path(id, 'reopen'), utrechtOfficer, { reason: 'Het knelpunt blijft.' });
      const { body } = await read(id);
      expect(body.overdue).toBe(false);
      expect(Date.parse(body.respondBy)).toBeGreaterThanOrEqual(
        addWorkingDays(new Date(before), 20).getTime() - 1,
      );

      await api.ok(path(id, 'decide'), provinceAdmin, {
        outcome: 'NO_CHANGE',
        rationale: 'Nog steeds niet.',
      });
      const given = `${new Date().getUTCFullYear() + 2}-07-01T12:00:00.000Z`;
      await api.ok(path(id, 'reopen'), utrechtOfficer, { reason: 'Opnieuw.', respondBy: given });
      expect((await read(id)).body.respondBy).toBe(given);

      await api.ok(path(id, 'decide'), provinceAdmin, { outcome: 'NO_CHANGE', rationale: 'Definitief.' });
      for (const bad of ['2020-01-01T00:00:00Z', 'morgen']) {
        const refused = await api.post(path(id, 'reopen'), utrechtOfficer, {
          reason: 'Te laat.',
          respondBy: bad,
        });
        expect(refused.status).toBe(400);
      }
      expect((await read(id)).body.status).toBe('DECIDED');
    });
  });
});

describe('escalations: the configured response deadline', () => {
  it('uses ESCALATION_RESPONSE_WORKING_DAYS for the default respondBy', async () => {
    const server = await startTestServer({ env: { ESCALATION_RESPONSE_WORKING_DAYS: '5' } });
    try {
      const api = new AdministrationClient(server);
      const id = await api.raised();
      const { body } = await api.get<EscalationBody>(`/api/v1/escalations/${id}`, utrechtOfficer);
      expect(body.respondBy).toBe(endOfWorkingDays(new Date(body.raisedAt), 5).toISOString());
    } finally {
      await server.close();
    }
  });
});
