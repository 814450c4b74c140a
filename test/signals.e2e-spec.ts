import { startTestServer, type TestServer } from './support/test-server';
import {
  amsterdamOfficer,
  headOf,
  ministryAnalyst,
  type ProblemBody,
  provinceAdmin,
  signalBody,
  utrechtAdmin,
  utrechtAnalyst,
  utrechtOfficer,
  type Written,
} from './signals.fixtures';

interface SignalBody {
  id: string;
  revision: number;
  status: string;
  type: string;
  title: string;
  description: string;
  policyDomain: string;
  authorities: string[];
  norms: Array<{ ref: string; title?: string }>;
  location: { municipality?: string; lat?: number; lon?: number } | null;
  reportingAuthority: string;
  reportedBy: string;
  recordedAt: string;
  amendedAt: string | null;
  themes: string[];
  classifiedAt: string | null;
  duplicateOf: string | null;
  withdrawnReason?: string;
  hasInitiative: boolean;
  initiative?: { name?: string; contact?: string; erased?: true } | null;
}

interface HistoryBody {
  type: string;
  data: Record<string, unknown>;
  revision: number;
  position: string;
  recordedAt: string;
  actor: { sub: string; authority: string; roles: string[] };
  correlationId: string;
}

describe('signals over REST (booted server, SQLite store)', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });

  afterAll(async () => {
    await server.close();
  });

  const record = (body: Record<string, unknown> = signalBody(), headers: Record<string, string> = {}) =>
    server.request<Written>('POST', '/api/v1/signals', { token: utrechtOfficer, body, headers });
  const read = (id: string, token = utrechtOfficer) =>
    server.request<SignalBody>('GET', `/api/v1/signals/${id}`, { token });
  const history = (id: string, token = utrechtOfficer) =>
    server.request<HistoryBody[]>('GET', `/api/v1/signals/${id}/history`, { token });
  const amend = (id: string, body: unknown, token = utrechtOfficer, headers: Record<string, string> = {}) =>
    server.request<Written>('PATCH', `/api/v1/signals/${id}`, { token, body, headers });
  const command = (
    id: string,
    action: string,
    body: unknown,
    token = utrechtOfficer,
    headers: Record<string, string> = {},
  ) => server.request<Written>('POST', `/api/v1/signals/${id}/${action}`, { token, body, headers });

  describe('an officer records, reads, amends, withdraws and sees the history', () => {
    it('records with 201, id, revision, position, Location and ETag', async () => {
      const response = await record();
      expect(response.status).toBe(201);
      expect(response.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/),
        revision: 0,
        position: expect.any(String),
      });
      expect(response.headers.get('location')).toBe(`/api/v1/signals/${response.body.id}`);
      expect(response.headers.get('etag')).toBe('"0"');
      expect(await headOf(server)).toBe(response.body.position);
    });

    it('reads the current state with revision and ETag; authority and officer come from the token', async () => {
      const { body: written } = await record();
      const response = await read(written.id);
      expect(response.status).toBe(200);
      expect(response.headers.get('etag')).toBe('"0"');
      expect(response.body).toMatchObject({
        id: written.id,
        revision: 0,
        status: 'ACTIVE',
        type: 'CONFLICTING_NORMS',
        title: 'Zonnepanelen op monumentaal pand geweigerd door tegenstrijdige normen',
        policyDomain: 'heritage',
        authorities: ['gm0344', 'pv26'],
        norms: [
          { ref: 'Bbl art. 4.101', title: 'Energieprestatie bij verbouw' },
          { ref: 'Omgevingsplan gemeente Utrecht art. 5.12' },
        ],
        location: { municipality: 'gm0344', lat: 52.0907, lon: 5.1214 },
        reportingAuthority: 'gm0344',
        reportedBy: 'officer-utrecht',
        amendedAt: null,
        themes: [],
        duplicateOf: null,
        hasInitiative: false,
        initiative: null,
      });
      expect(Date.parse(response.body.recordedAt)).toBeGreaterThan(Date.now() - 60_000);
    });

    it('amends any subset of fields with 200 and the new revision; a repeat writes nothing', async () => {
      const { body: written } = await record();
      const changes = {
        title: 'Zonnepanelen op rijksmonument: Bbl en omgevingsplan botsen',
        level: 'POLICY',
      };
      const amended = await amend(written.id, changes);
      expect(amended.status).toBe(200);
      expect(amended.body).toMatchObject({ id: written.id, revision: 1 });
      expect(amended.headers.get('etag')).toBe('"1"');

      const repeated = await amend(written.id, changes);
      expect(repeated.status).toBe(200);
      expect(repeated.body.revision).toBe(1);

      const { body: signal } = await read(written.id);
      expect(signal).toMatchObject({
        revision: 1,
        title: 'Zonnepanelen op rijksmonument: Bbl en omgevingsplan botsen',
        description: signalBody().description,
        amendedAt: expect.any(String),
      });
      expect((await history(written.id)).body).toHaveLength(2);
    });

    it('removes the location with null', async () => {
      const { body: written } = await record();
      expect((await amend(written.id, { location: null })).status).toBe(200);
      expect((await read(written.id)).body.location).toBeNull();
    });

    it('withdraws with a reason; a withdrawn signal cannot change', async () => {
      const { body: written } = await record();
      const withdrawn = await command(written.id, 'withdraw', { reason: 'Dubbel ingediend door collega' });
      expect(withdrawn.status).toBe(200);
      expect(withdrawn.body).toMatchObject({ id: written.id, revision: 1 });

      const { body: signal } = await read(written.id);
      expect(signal).toMatchObject({ status: 'WITHDRAWN', withdrawnReason: 'Dubbel ingediend door collega' });

      const refused = await server.request<ProblemBody>('PATCH', `/api/v1/signals/${written.id}`, {
        token: utrechtOfficer,
        body: { title: 'Nog een poging tot wijzigen' },
      });
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({ code: 'SIGNAL_WITHDRAWN' });
      expect((await read(written.id)).body.revision).toBe(1);
    });

    it('lists the events in order with actor, time and correlation id', async () => {
      const correlationId = '8a3f5c2e-1b4d-4e6f-9a7b-2c3d4e5f6a7b';
      const { body: written } = await record(signalBody(), { 'x-correlation-id': correlationId });
      await amend(written.id, { description: 'Aangevuld na overleg met de provincie Utrecht.' });
      await command(written.id, 'withdraw', { reason: 'Opgelost in overleg' });

      const response = await history(written.id);
      expect(response.status).toBe(200);
      expect(response.body.map((entry) => [entry.type, entry.revision])).toEqual([
        ['SignalRecorded', 0],
        ['SignalAmended', 1],
        ['SignalWithdrawn', 2],
      ]);
      expect(response.body[0]).toMatchObject({
        actor: { sub: 'officer-utrecht', authority: 'gm0344', roles: ['officer'] },
        correlationId,
        data: { signalId: written.id, reportingAuthority: 'gm0344', reportedBy: 'officer-utrecht' },
      });
      expect(response.body[1].correlationId).not.toBe(correlationId);
      for (const entry of response.body) expect(Date.parse(entry.recordedAt)).not.toBeNaN();
    });

    it('refuses without a token (401) and to users without the officer role (403), writing nothing', async () => {
      const head = await headOf(server);
      const anonymous = await server.request<ProblemBody>('POST', '/api/v1/signals', { body: signalBody() });
      expect(anonymous.status).toBe(401);
      expect(anonymous.headers.get('content-type')).toContain('application/problem+json');
      const byAnalyst = await server.request<ProblemBody>('POST', '/api/v1/signals', {
        token: ministryAnalyst,
        body: signalBody(),
      });
      expect(byAnalyst.status).toBe(403);
      expect(byAnalyst.body).toMatchObject({ code: 'ROLE_NOT_ALLOWED' });
      expect(await headOf(server)).toBe(head);
    });

    it('reads a signal by its id in upper case as well', async () => {
      const { body: written } = await record();
      const response = await read(written.id.toUpperCase());
      expect(response.status).toBe(200);
      expect(response.body.id).toBe(written.id);
    });

    it('answers 404 SIGNAL_NOT_FOUND for a signal that does not exist', async () => {
      const response = await server.request<ProblemBody>(
        'GET',
        '/api/v1/signals/5b0e7c4d-2a1f-4e3b-8c9d-0a1b2c3d4e5f',
        { token: provinceAdmin },
      );
      expect(response.status).toBe(404);
      expect(response.body).toMatchObject({ code: 'SIGNAL_NOT_FOUND' });
    });
  });

  describe('analysts classify and mark duplicates', () => {
    it('classifies with themes and a corrected policy domain', async () => {
      const { body: written } = await record();
      const response = await command(
        written.id,
        'classify',
        { themes: ['erfgoed en verduurzaming', 'rijk-gemeente'], policyDomain: 'energy' },
        ministryAnalyst,
      );
      expect(response.status).toBe(200);
      expect(response.body.revision).toBe(1);
      const { body: signal } = await read(written.id, ministryAnalyst);
      expect(signal).toMatchObject({
        themes: ['erfgoed en verduurzaming', 'rijk-gemeente'],
        policyDomain: 'energy',
        classifiedAt: expect.any(String),
      });
    });

    it('refuses classification by an officer (403)', async () => {
      const { body: written } = await record();
      const response = await command(written.id, 'classify', { themes: ['x'] }, utrechtOfficer);
      expect(response.status).toBe(403);
      expect((await read(written.id)).body.revision).toBe(0);
    });

    it('marks a duplicate of an original; never of itself, never of an unknown signal', async () => {
      const { body: original } = await record();
      const { body: duplicate } = await record();
      const marked = await command(duplicate.id, 'duplicate-of', { signalId: original.id }, ministryAnalyst);
      expect(marked.status).toBe(200);
      expect((await read(duplicate.id, ministryAnalyst)).body).toMatchObject({
        status: 'DUPLICATE',
        duplicateOf: original.id,
      });

      const itself = await server.request<ProblemBody>(
        'POST',
        `/api/v1/signals/${original.id}/duplicate-of`,
        {
          token: ministryAnalyst,
          body: { signalId: original.id },
        },
      );
      expect(itself.status).toBe(400);
      expect(itself.body).toMatchObject({ code: 'DUPLICATE_OF_ITSELF', errors: [{ field: 'signalId' }] });

      const unknown = await server.request<ProblemBody>(
        'POST',
        `/api/v1/signals/${original.id}/duplicate-of`,
        {
          token: ministryAnalyst,
          body: { signalId: '0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f' },
        },
      );
      expect(unknown.status).toBe(400);
      expect(unknown.body).toMatchObject({ code: 'UNKNOWN_SIGNAL' });

      const onDuplicate = await server.request<ProblemBody>(
        'POST',
        `/api/v1/signals/${original.id}/duplicate-of`,
        {
          token: ministryAnalyst,
          body: { signalId: duplicate.id },
        },
      );
      expect(onDuplicate.status).toBe(409);
      expect(onDuplicate.body).toMatchObject({ code: 'DUPLICATE_TARGET_IS_DUPLICATE' });
      expect((await read(original.id)).body.revision).toBe(0);
    });
  });

  describe('authority scoping', () => {
    let signal: Written;

    beforeAll(async () => {
      const response = await record(
        signalBody({
          initiative: { name: 'Energiecoöperatie Zonnedak Utrecht', contact: 'info@zonnedak.example' },
        }),
      );
      signal = response.body;
    });

    it("answers another authority's officer 404 on read, history, amend and withdraw, writing nothing", async () => {
      const head = await headOf(server);
      const responses = [
        await read(signal.id, amsterdamOfficer),
        await history(signal.id, amsterdamOfficer),
        await amend(signal.id, { title: 'Overgenomen door Amsterdam' }, amsterdamOfficer),
        await command(signal.id, 'withdraw', { reason: 'Niet van ons' }, amsterdamOfficer),
      ];
      for (const response of responses) {
        expect(response.status).toBe(404);
        expect(response.body).toMatchObject({ code: 'SIGNAL_NOT_FOUND' });
        expect(JSON.stringify(response.body)).not.toContain('Zonnedak');
      }
      expect(await headOf(server)).toBe(head);
      expect((await read(signal.id)).body.title).toBe(signalBody().title);
    });

    it('lets analysts and administrators of any authority read', async () => {
      for (const reader of [ministryAnalyst, provinceAdmin]) {
        const response = await read(signal.id, reader);
        expect(response.status).toBe(200);
        expect(response.body.id).toBe(signal.id);
        expect((await history(signal.id, reader)).status).toBe(200);
      }
    });

    it("shows the initiative to the reporting authority's officers and administrators only", async () => {
      const initiative = { name: 'Energiecoöperatie Zonnedak Utrecht', contact: 'info@zonnedak.example' };
      expect((await read(signal.id, utrechtOfficer)).body.initiative).toEqual(initiative);
      expect((await read(signal.id, utrechtAdmin)).body.initiative).toEqual(initiative);

      for (const reader of [ministryAnalyst, utrechtAnalyst, provinceAdmin]) {
        const other = await read(signal.id, reader);
        expect(other.body).not.toHaveProperty('initiative');
        expect(other.body.hasInitiative).toBe(true);
        expect(other.text).not.toContain('Zonnedak');
        expect((await history(signal.id, reader)).text).not.toContain('Zonnedak');
      }
    });

    it('keeps amending to the reporting authority: a new initiative replaces the old one', async () => {
      const amended = await amend(signal.id, { initiative: { name: 'Zonnedak Utrecht BV' } });
      expect(amended.status).toBe(200);
      expect((await read(signal.id)).body.initiative).toEqual({ name: 'Zonnedak Utrecht BV' });
      const removed = await amend(signal.id, { initiative: null });
      expect(removed.status).toBe(200);
      expect((await read(signal.id)).body).toMatchObject({ hasInitiative: false, initiative: null });
    });
  });

  describe('If-Match', () => {
    it('applies an amendment at the revision named', async () => {
      const { body: written } = await record();
      const response = await amend(written.id, { level: 'SYSTEM' }, utrechtOfficer, { 'if-match': '"0"' });
      expect(response.status).toBe(200);
      expect(response.body.revision).toBe(1);
    });

    it('answers 412 REVISION_MISMATCH on an older revision and writes nothing', async () => {
      const { body: written } = await record();
      await amend(written.id, { level: 'SYSTEM' });
      const head = await headOf(server);
      const response = await server.request<ProblemBody>('PATCH', `/api/v1/signals/${written.id}`, {
        token: utrechtOfficer,
        body: { level: 'PAPERWORK' },
        headers: { 'if-match': '"0"' },
      });
      expect(response.status).toBe(412);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(response.body).toMatchObject({ code: 'REVISION_MISMATCH' });
      expect(await headOf(server)).toBe(head);
      expect((await read(written.id)).body).toMatchObject({ revision: 1, level: 'SYSTEM' });
    });

    it("answers another authority's officer 404, whatever If-Match says, exactly as for an unknown signal", async () => {
      const { body: written } = await record();
      await amend(written.id, { level: 'SYSTEM' });
      const unknown = '6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f';
      for (const ifMatch of ['"0"', '"1"', '"7"', '*']) {
        const headers = { 'if-match': ifMatch };
        const hidden = await amend(
          written.id,
          { title: 'Overgenomen door Amsterdam' },
          amsterdamOfficer,
          headers,
        );
        const absent = await amend(
          unknown,
          { title: 'Overgenomen door Amsterdam' },
          amsterdamOfficer,
          headers,
        );
        expect(hidden.status).toBe(404);
        expect(hidden.body).toEqual(absent.body);
        const withdrawal = await command(
          written.id,
          'withdraw',
          { reason: 'Niet van ons' },
          amsterdamOfficer,
          headers,
        );
        expect(withdrawal.status).toBe(404);
        expect(withdrawal.text).not.toMatch(/revision/i);
      }
      expect((await read(written.id)).body).toMatchObject({ revision: 1, status: 'ACTIVE' });
    });

    it('makes a withdrawal conditional too', async () => {
      const { body: written } = await record();
      await amend(written.id, { level: 'SYSTEM' });
      const response = await command(written.id, 'withdraw', { reason: 'Achterhaald' }, utrechtOfficer, {
        'if-match': '"0"',
      });
      expect(response.status).toBe(412);
      expect((await read(written.id)).body.status).toBe('ACTIVE');
    });
  });

  describe('Idempotency-Key', () => {
    it('answers a repeated recording with the first answer and writes nothing', async () => {
      const first = await record(signalBody(), { 'idempotency-key': 'signaal-2026-0001' });
      const head = await headOf(server);
      const repeat = await record(signalBody(), { 'idempotency-key': 'signaal-2026-0001' });
      expect(repeat.status).toBe(201);
      expect(repeat.body).toEqual(first.body);
      expect(repeat.headers.get('location')).toBe(first.headers.get('location'));
      expect(repeat.headers.get('etag')).toBe(first.headers.get('etag'));
      expect(await headOf(server)).toBe(head);
      expect((await history(first.body.id)).body).toHaveLength(1);
    });

    it('answers a repeated withdrawal with the first answer', async () => {
      const { body: written } = await record();
      const key = { 'idempotency-key': 'intrekking-1' };
      const first = await command(written.id, 'withdraw', { reason: 'Vergist' }, utrechtOfficer, key);
      const repeat = await command(written.id, 'withdraw', { reason: 'Vergist' }, utrechtOfficer, key);
      expect(repeat.status).toBe(200);
      expect(repeat.body).toEqual(first.body);
      expect((await history(written.id)).body.map((entry) => entry.type)).toEqual([
        'SignalRecorded',
        'SignalWithdrawn',
      ]);
    });

    it('answers 409 IDEMPOTENCY_KEY_REUSED for the same key with another body, writing nothing', async () => {
      await record(signalBody(), { 'idempotency-key': 'signaal-2026-0002' });
      const head = await headOf(server);
      const reused = await server.request<ProblemBody>('POST', '/api/v1/signals', {
        token: utrechtOfficer,
        body: signalBody({ title: 'Een ander signaal onder dezelfde sleutel' }),
        headers: { 'idempotency-key': 'signaal-2026-0002' },
      });
      expect(reused.status).toBe(409);
      expect(reused.headers.get('content-type')).toContain('application/problem+json');
      expect(reused.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
      expect(await headOf(server)).toBe(head);
    });
  });

  describe('OpenAPI', () => {
    it('documents every signal route with its body, answers and problem+json errors', async () => {
      const response = await server.request<{
        paths: Record<string, Record<string, { responses: Record<string, unknown>; tags?: string[] }>>;
        components: { schemas: Record<string, { properties?: Record<string, { example?: unknown }> }> };
      }>('GET', '/api/docs-json');
      expect(response.status).toBe(200);
      const { paths, components } = response.body;
      const expected: Array<[string, string, string]> = [
        ['/api/v1/signals', 'post', '201'],
        ['/api/v1/signals/{id}', 'get', '200'],
        ['/api/v1/signals/{id}', 'patch', '200'],
        ['/api/v1/signals/{id}/history', 'get', '200'],
        ['/api/v1/signals/{id}/withdraw', 'post', '200'],
        ['/api/v1/signals/{id}/classify', 'post', '200'],
        ['/api/v1/signals/{id}/duplicate-of', 'post', '200'],
        ['/api/v1/signals/{id}/erase-personal-data', 'post', '200'],
      ];
      for (const [path, method, success] of expected) {
        const operation = paths[path]?.[method];
        expect(operation).toBeDefined();
        expect(operation.tags).toContain('signals');
        expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining([success, '401', '403']));
        expect(JSON.stringify(operation.responses['401'])).toContain('application/problem+json');
      }
      expect(components.schemas.RecordSignalDto.properties?.title.example).toBe(
        'Zonnepanelen op monumentaal pand geweigerd door tegenstrijdige normen',
      );
      expect(JSON.stringify(components.schemas.NormReferenceDto)).toContain('Bbl art. 4.101');
      expect(components.schemas.ProblemDto.properties).toHaveProperty('code');
    });
  });
});
