import { startTestServer, type TestServer } from './support/test-server';
import { TallyProbeModule } from './support/tally.probe';
import { onIdempotencyRecords } from './support/idempotency-records';

const officer = { sub: 'officer-1', roles: ['officer' as const], authority: 'gm0344' };
const otherOfficer = { sub: 'officer-2', roles: ['officer' as const], authority: 'gm0363' };
const analyst = { sub: 'analyst-1', roles: ['analyst' as const], authority: 'mnre1034' };

interface Written {
  id: string;
  revision: number;
  position: string;
}

describe('command plumbing (probe aggregate over HTTP)', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ modules: [TallyProbeModule] });
  });

  afterAll(async () => {
    await server.close();
  });

  const open = (headers: Record<string, string> = {}, body: unknown = { label: 'vergunningen' }) =>
    server.request<Written>('POST', '/api/v1/tallies', { token: officer, body, headers });

  const eventCount = async (id: string): Promise<number> => {
    const history = await server.request<unknown[]>('GET', `/api/v1/tallies/${id}/history`, {
      token: analyst,
    });
    return history.status === 404 ? 0 : history.body.length;
  };

  it('answers a creating command with 201, id, revision, position, Location and ETag', async () => {
    const response = await open();
    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      revision: 0,
      position: expect.any(String),
    });
    expect(response.headers.get('location')).toBe(`/api/v1/tallies/${response.body.id}`);
    expect(response.headers.get('etag')).toBe('"0"');
  });

  it('answers a non-creating command with 200 and the new revision', async () => {
    const { body: created } = await open();
    const response = await server.request<Written>('POST', `/api/v1/tallies/${created.id}/count`, {
      token: officer,
      body: { by: 2 },
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ id: created.id, revision: 1 });
    expect(response.headers.get('etag')).toBe('"1"');
  });

  it('takes the actor from the token into the event metadata and the history', async () => {
    const { body: created } = await open({ 'x-correlation-id': '0f8fad5b-d9cb-469f-a165-70867728950e' });
    const history = await server.request<
      Array<{ type: string; actor: { sub: string; authority: string }; correlationId: string }>
    >('GET', `/api/v1/tallies/${created.id}/history`, { token: analyst });
    expect(history.body).toEqual([
      expect.objectContaining({
        type: 'TallyOpened',
        revision: 0,
        actor: { sub: 'officer-1', authority: 'gm0344', roles: ['officer'] },
        correlationId: '0f8fad5b-d9cb-469f-a165-70867728950e',
      }),
    ]);
  });

  describe('validation', () => {
    it('refuses unknown fields, with the field named', async () => {
      const response = await open({}, { label: 'x', authority: 'pv26' });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({
        code: 'VALIDATION_FAILED',
        errors: [{ field: 'authority', message: 'authority is not a known field' }],
      });
    });

    it('names nested fields by path', async () => {
      const response = await open({}, { label: 'x', notes: [{ ref: 'ok' }, { ref: 42 }] });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({
        errors: [{ field: 'notes[1].ref', message: 'notes[1].ref must be a string' }],
      });
    });

    it('does not coerce types', async () => {
      const { body: created } = await open();
      const response = await server.request('POST', `/api/v1/tallies/${created.id}/count`, {
        token: officer,
        body: { by: '2' },
      });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ errors: [expect.objectContaining({ field: 'by' })] });
    });

    it('answers a domain rule with its code and status', async () => {
      const { body: created } = await open();
      await server.request('POST', `/api/v1/tallies/${created.id}/close`, {
        token: { sub: 'admin-1', roles: ['admin'], authority: 'gm0344' },
      });
      const response = await server.request('POST', `/api/v1/tallies/${created.id}/count`, {
        token: officer,
        body: { by: 1 },
      });
      expect(response.status).toBe(409);
      expect(response.body).toMatchObject({ status: 409, code: 'TALLY_CLOSED', title: 'Conflict' });
    });
  });

  describe('authorisation', () => {
    it('401 without a token', async () => {
      const response = await server.request('POST', '/api/v1/tallies', { body: { label: 'x' } });
      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(response.body).toMatchObject({ status: 401 });
    });

    it('401 with a token signed by someone else', async () => {
      const forged = (await server.token(officer)).replace(/\.[^.]+$/, '.c2lnbmF0dXJl');
      const response = await server.request('POST', '/api/v1/tallies', {
        token: forged,
        body: { label: 'x' },
      });
      expect(response.status).toBe(401);
    });

    it('403 with a token lacking the role', async () => {
      const { body: created } = await open();
      const response = await server.request('POST', `/api/v1/tallies/${created.id}/close`, {
        token: officer,
      });
      expect(response.status).toBe(403);
      expect(response.body).toMatchObject({ status: 403 });
      expect(await eventCount(created.id)).toBe(1);
    });

    it('404 with the domain code for a missing aggregate', async () => {
      const response = await server.request('GET', '/api/v1/tallies/6f1c2a7e-9b0d-4c4e-8a35-d2b1f0e7c9a4', {
        token: analyst,
      });
      expect(response.status).toBe(404);
      expect(response.body).toMatchObject({ code: 'TALLY_NOT_FOUND' });
    });
  });

  describe('If-Match', () => {
    it('applies the command at the expected revision', async () => {
      const { body: created } = await open();
      const response = await server.request<Written>('POST', `/api/v1/tallies/${created.id}/count`, {
        token: officer,
        body: { by: 1 },
        headers: { 'if-match': '"0"' },
      });
      expect(response.status).toBe(200);
      expect(response.body.revision).toBe(1);
    });

    it('412 REVISION_MISMATCH otherwise, and writes nothing', async () => {
      const { body: created } = await open();
      const response = await server.request('POST', `/api/v1/tallies/${created.id}/count`, {
        token: officer,
        body: { by: 1 },
        headers: { 'if-match': '"3"' },
      });
      expect(response.status).toBe(412);
      expect(response.body).toMatchObject({ code: 'REVISION_MISMATCH' });
      expect(await eventCount(created.id)).toBe(1);
    });
  });

  describe('Idempotency-Key', () => {
    it('answers a repeat with the first answer and writes nothing', async () => {
      const first = await open({ 'idempotency-key': 'open-1' });
      const repeat = await open({ 'idempotency-key': 'open-1' });
      expect(repeat.status).toBe(first.status);
      expect(repeat.body).toEqual(first.body);
      expect(repeat.headers.get('location')).toBe(first.headers.get('location'));
      expect(repeat.headers.get('etag')).toBe(first.headers.get('etag'));
      expect(await eventCount(first.body.id)).toBe(1);
    });

    it('is scoped per user', async () => {
      const mine = await open({ 'idempotency-key': 'shared-key' });
      const theirs = await server.request<Written>('POST', '/api/v1/tallies', {
        token: otherOfficer,
        body: { label: 'vergunningen' },
        headers: { 'idempotency-key': 'shared-key' },
      });
      expect(theirs.status).toBe(201);
      expect(theirs.body.id).not.toBe(mine.body.id);
    });

    it('409 IDEMPOTENCY_KEY_REUSED for the same key with another body', async () => {
      await open({ 'idempotency-key': 'open-2' }, { label: 'a' });
      const reused = await open({ 'idempotency-key': 'open-2' }, { label: 'b' });
      expect(reused.status).toBe(409);
      expect(reused.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    });

    it('refuses a key longer than 200 characters', async () => {
      const response = await open({ 'idempotency-key': 'k'.repeat(201) });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ code: 'INVALID_IDEMPOTENCY_KEY' });
    });

    it('after a crash between append and record, the retry finds its events and answers the same', async () => {
      const first = await open({ 'idempotency-key': 'open-crash' });
      const count = await server.request<Written>('POST', `/api/v1/tallies/${first.body.id}/count`, {
        token: officer,
        body: { by: 3 },
        headers: { 'idempotency-key': 'count-crash' },
      });
      // What a crash right after the append leaves behind: the events, but no saved answers.
      await onIdempotencyRecords(server.dataDir, 'DELETE FROM idempotency_records');

      const reopened = await open({ 'idempotency-key': 'open-crash' });
      const recounted = await server.request<Written>('POST', `/api/v1/tallies/${first.body.id}/count`, {
        token: officer,
        body: { by: 3 },
        headers: { 'idempotency-key': 'count-crash' },
      });
      expect(reopened.status).toBe(201);
      expect(reopened.body).toEqual(first.body);
      expect(recounted.body).toEqual(count.body);
      expect(await eventCount(first.body.id)).toBe(2);
    });

    it('writes once when the same request arrives twice at the same time', async () => {
      const [a, b] = await Promise.all([
        open({ 'idempotency-key': 'race-1' }),
        open({ 'idempotency-key': 'race-1' }),
      ]);
      expect(a.body).toEqual(b.body);
      expect(await eventCount(a.body.id)).toBe(1);
    });
  });
});
