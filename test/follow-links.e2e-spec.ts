import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { startTestServer, type TestServer } from './support/test-server';
import {
  AdministrationClient,
  amsterdamOfficer,
  analyst,
  experimentBody,
  provinceAdmin,
  raiseBody,
  utrechtAdmin,
  utrechtOfficer,
} from './escalations.fixtures';
import { signalBody } from './signals.fixtures';

jest.setTimeout(60_000);

const INITIATIVE = { name: 'Buurtcoöperatie Zonnig Lombok', contact: 'voorzitter@zonnig-lombok.example' };

interface Issued {
  id: string;
  url: string;
  expiresAt: string;
}

describe('Follow links: the initiative follows its own case without signing in (issue 17)', () => {
  let server: TestServer;
  let client: AdministrationClient;
  let signalId: string;
  let position: string;

  const tokenOf = (issued: Issued): string => issued.url.split('/volgen/')[1];
  const follow = (token: string) =>
    server.request<Record<string, unknown>>('GET', `/api/v1/follow/${token}`, {
      headers: { 'x-consistent-with': position },
    });
  const issue = async (body: Record<string, unknown> = {}, token = utrechtOfficer) =>
    server.request<Issued>('POST', `/api/v1/signals/${signalId}/follow-links`, { token, body });

  beforeAll(async () => {
    server = await startTestServer();
    client = new AdministrationClient(server);
    signalId = (
      await client.ok(
        '/api/v1/signals',
        utrechtOfficer,
        signalBody({
          initiative: INITIATIVE,
          description: `Gemeld door ${INITIATIVE.name}; interne notitie.`,
        }),
        201,
      )
    ).id;
    const escalation = (await client.ok('/api/v1/escalations', utrechtOfficer, raiseBody([signalId]), 201))
      .id;
    await client.ok(`/api/v1/escalations/${escalation}/acknowledge`, provinceAdmin, {});
    await client.ok(`/api/v1/escalations/${escalation}/decide`, provinceAdmin, {
      outcome: 'EXPERIMENT_GRANTED',
      rationale: 'Een proef op drie monumenten, daarna besluiten wij.',
    });
    position = (await client.ok('/api/v1/experiments', provinceAdmin, experimentBody(escalation), 201))
      .position;
  });

  afterAll(() => server?.close());

  it('issues a link with a long random token (default 180 days) and shows the case in plain Dutch without sign-in', async () => {
    const issued = await issue();
    expect(issued.status).toBe(201);
    expect(tokenOf(issued.body)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const days = (Date.parse(issued.body.expiresAt) - Date.now()) / 86_400_000;
    expect(Math.round(days)).toBe(180);

    const page = await follow(tokenOf(issued.body));
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({
      title: signalBody().title,
      status: 'ACTIVE',
      statusText: 'Uw melding is ontvangen en in behandeling.',
      escalations: [
        expect.objectContaining({
          addressedTo: 'Provincie Utrecht',
          raisedBy: 'Gemeente Utrecht',
          deadlinePassed: false,
          decision: expect.objectContaining({
            outcome: 'EXPERIMENT_GRANTED',
            outcomeText: 'Er mag een proef worden gedaan.',
            rationale: 'Een proef op drie monumenten, daarna besluiten wij.',
          }),
          experiments: [expect.objectContaining({ statusText: 'De proef loopt.' })],
        }),
      ],
    });
  });

  it("never shows the initiative's name or contact, the description, or anyone's identity", async () => {
    const page = await follow(tokenOf((await issue()).body));
    expect(page.status).toBe(200);
    for (const secret of [
      INITIATIVE.name,
      INITIATIVE.contact,
      'interne notitie',
      utrechtOfficer.sub,
      provinceAdmin.sub,
    ]) {
      expect(page.text).not.toContain(secret);
    }
  });

  it('answers unknown, revoked and expired tokens with the same 404', async () => {
    const revoked = (await issue()).body;
    expect(
      (
        await server.request('DELETE', `/api/v1/signals/${signalId}/follow-links/${revoked.id}`, {
          token: utrechtAdmin,
        })
      ).status,
    ).toBe(204);
    const expired = (await issue({ expiresInDays: 1 })).body;
    // A day is too long to wait: the link's expiry is moved into the past in its own file.
    const file = new BetterSqlite3(join(server.dataDir, 'follow-links.sqlite'));
    file.prepare('UPDATE follow_links SET expires_at = 0 WHERE id = ?').run(expired.id);
    file.close();
    const answers = [];
    for (const token of [tokenOf(revoked), tokenOf(expired), 'A'.repeat(43), 'x']) {
      const answer = await follow(token);
      const { instance: _instance, ...body } = answer.body as Record<string, unknown>;
      answers.push({ status: answer.status, body });
    }
    expect(answers[0]).toMatchObject({ status: 404, body: { code: 'FOLLOW_LINK_NOT_FOUND' } });
    expect(answers).toEqual(Array(4).fill(answers[0]));
  });

  it('lists links without tokens and keeps only hashes on disk', async () => {
    const issued = (await issue()).body;
    const list = await server.request<Array<Record<string, unknown>>>(
      'GET',
      `/api/v1/signals/${signalId}/follow-links`,
      {
        token: utrechtOfficer,
      },
    );
    expect(list.status).toBe(200);
    expect(list.body.find((link) => link.id === issued.id)).toMatchObject({ active: true, revokedAt: null });
    expect(list.text).not.toContain(tokenOf(issued));
    for (const file of readdirSync(server.dataDir)) {
      const path = join(server.dataDir, file);
      try {
        expect(readFileSync(path).includes(Buffer.from(tokenOf(issued)))).toBe(false);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EISDIR') throw error;
      }
    }
  });

  it("lets only the reporting authority's officers and administrators manage links", async () => {
    expect((await issue({}, amsterdamOfficer)).status).toBe(404);
    expect((await issue({}, provinceAdmin)).status).toBe(403);
    expect((await issue({}, analyst)).status).toBe(403);
    expect((await issue({ expiresInDays: 366 })).status).toBe(400);
    expect((await issue({ expiresInDays: 0 })).status).toBe(400);
    const unknown = await server.request(
      'DELETE',
      `/api/v1/signals/${signalId}/follow-links/7d1c2b3a-1111-4222-8333-944455566677`,
      {
        token: utrechtOfficer,
      },
    );
    expect(unknown.status).toBe(404);
  });

  it('limits follow requests per address, so tokens cannot be guessed quickly', async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 40; attempt += 1) statuses.push((await follow(`guess${attempt}`)).status);
    expect(statuses).toContain(429);
    expect(statuses.slice(statuses.indexOf(429))).toEqual(Array(40 - statuses.indexOf(429)).fill(429));
  });
});
