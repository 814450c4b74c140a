import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { startTestServer, type TestServer } from '../support/test-server';
import type { TokenClaims } from '../../libs/testing/src/test-token';
import {
  AdministrationClient,
  agreementBody,
  dutchDate,
  experimentBody,
  type HistoryEntry,
  raiseBody,
  signalBody,
} from '../escalations.fixtures';
import { discoverRestRoutes } from './app-surface.discovery';
import { CapturedLog, unknownId, userOf } from './security.fixtures';

jest.setTimeout(60_000);

/** One command the scenario sent: what the history of its stream must show for it. */
interface SentCommand {
  key: string;
  stream: string;
  user: TokenClaims;
  correlationId: string;
}

const NAME = 'Jan de Vries';
const officer: TokenClaims = { ...userOf('officer', 'gm0344'), name: NAME };
const analyst = userOf('analyst', 'mnre1034');
const provinceAdmin = userOf('admin', 'pv26');
const utrechtAdmin = userOf('admin', 'gm0344');
const INITIATIVE = { name: 'Stichting Groene Gevels', contact: 'bestuur@groenegevels.example' };

describe('audit trail and security log', () => {
  let server: TestServer;
  let api: AdministrationClient;
  const log = new CapturedLog();

  beforeAll(async () => {
    server = await startTestServer({ securityLogSink: log.sink });
    api = new AdministrationClient(server);
  });

  afterAll(async () => {
    await server.close();
  });

  describe('every command leaves actor, authority, time and correlation id, visible in the history', () => {
    const sent: SentCommand[] = [];
    let started: number;
    let finished: number;

    /** Sends one command with a fresh correlation id and remembers it; it must succeed. */
    async function command(
      key: string,
      path: `/api/v1/${string}`,
      user: TokenClaims,
      body?: unknown,
    ): Promise<string> {
      const correlationId = randomUUID();
      const method = key.split(' ')[0];
      const response = await server.request<{ id: string }>(method, path, {
        token: user,
        headers: { 'x-correlation-id': correlationId },
        ...(body === undefined ? {} : { body }),
      });
      if (response.status >= 300) throw new Error(`${key} answered ${response.status}: ${response.text}`);
      const [, , , kind] = path.split('/');
      sent.push({ key, stream: `/api/v1/${kind}/${response.body.id}`, user, correlationId });
      return response.body.id;
    }

    beforeAll(async () => {
      started = Date.now();
      const s1 = await command(
        'POST /api/v1/signals',
        '/api/v1/signals',
        officer,
        signalBody({ initiative: INITIATIVE }),
      );
      const s2 = await command('POST /api/v1/signals', '/api/v1/signals', officer, signalBody());
      const s3 = await command('POST /api/v1/signals', '/api/v1/signals', officer, signalBody());
      await command('PATCH /api/v1/signals/:id', `/api/v1/signals/${s1}`, officer, {
        title: 'Zonnepanelen op monumenten: aangevuld na overleg',
      });
      await command('POST /api/v1/signals/:id/classify', `/api/v1/signals/${s1}/classify`, analyst, {
        themes: ['zonne-energie'],
      });
      await command('POST /api/v1/signals/:id/duplicate-of', `/api/v1/signals/${s2}/duplicate-of`, analyst, {
        signalId: s1,
      });

      const e1 = await command('POST /api/v1/escalations', '/api/v1/escalations', officer, raiseBody([s1]));
      await command(
        'POST /api/v1/escalations/:id/acknowledge',
        `/api/v1/escalations/${e1}/acknowledge`,
        provinceAdmin,
        {},
      );
      await command(
        'POST /api/v1/escalations/:id/involve',
        `/api/v1/escalations/${e1}/involve`,
        provinceAdmin,
        {
          authority: 'mnre1171',
          reason: 'Het Rijk gaat over het Bbl.',
        },
      );
      await command('POST /api/v1/escalations/:id/signals', `/api/v1/escalations/${e1}/signals`, officer, {
        signalIds: [s3],
      });
      await command(
        'POST /api/v1/escalations/:id/decide',
        `/api/v1/escalations/${e1}/decide`,
        provinceAdmin,
        {
          outcome: 'EXPERIMENT_GRANTED',
          rationale: 'Experimenteerruimte voor drie monumenten.',
        },
      );

      const x1 = await command(
        'POST /api/v1/experiments',
        '/api/v1/experiments',
        provinceAdmin,
        experimentBody(e1),
      );
      await command(
        'POST /api/v1/experiments/:id/extend',
        `/api/v1/experiments/${x1}/extend`,
        provinceAdmin,
        {
          endsOn: dutchDate(500),
          reason: 'Een winter extra meten.',
        },
      );
      await command(
        'POST /api/v1/experiments/:id/evaluate',
        `/api/v1/experiments/${x1}/evaluate`,
        provinceAdmin,
        {
          conclusion: 'De panelen bleven onzichtbaar.',
          policyConsequence: 'ADOPT_IN_POLICY',
          rationale: 'De voorwaarden gaan in de verordening.',
        },
      );
      await command('POST /api/v1/experiments/:id/close', `/api/v1/experiments/${x1}/close`, provinceAdmin);

      // The escalation was answered by an experiment adopted in policy: the province records the change.
      const p1 = await command('POST /api/v1/policy-changes', '/api/v1/policy-changes', provinceAdmin, {
        title: 'Zonnepanelen op monumenten onder voorwaarden toegestaan',
        description: 'De omgevingsverordening neemt de voorwaarden van het experiment over.',
        policyDomain: 'heritage',
        norms: [{ ref: 'Bbl art. 4.101' }],
        effectiveOn: dutchDate(-10),
        escalationIds: [e1],
      });
      await command('PATCH /api/v1/policy-changes/:id', `/api/v1/policy-changes/${p1}`, provinceAdmin, {
        title: 'Zonnepanelen op monumenten onder voorwaarden toegestaan (herzien)',
      });
      await command(
        'POST /api/v1/policy-changes/:id/withdraw',
        `/api/v1/policy-changes/${p1}/withdraw`,
        provinceAdmin,
        { reason: 'Vervangen door een nieuwe regeling.' },
      );

      await command(
        'POST /api/v1/escalations/:id/resolve',
        `/api/v1/escalations/${e1}/resolve`,
        provinceAdmin,
        {
          summary: 'Beleid aangepast.',
        },
      );
      await command('POST /api/v1/escalations/:id/reopen', `/api/v1/escalations/${e1}/reopen`, officer, {
        reason: 'Het knelpunt is er nog.',
      });
      const e2 = await command('POST /api/v1/escalations', '/api/v1/escalations', officer, raiseBody([s3]));
      await command(
        'POST /api/v1/escalations/:id/transfer',
        `/api/v1/escalations/${e2}/transfer`,
        provinceAdmin,
        {
          to: 'mnre1171',
          reason: 'Het Rijk is bevoegd.',
        },
      );

      const a1 = await command(
        'POST /api/v1/agreements',
        '/api/v1/agreements',
        provinceAdmin,
        agreementBody(),
      );
      await command(
        'POST /api/v1/agreements/:id/progress',
        `/api/v1/agreements/${a1}/progress`,
        provinceAdmin,
        {
          percent: 40,
          note: 'Voorstel in concept.',
        },
      );
      await command(
        'POST /api/v1/agreements/:id/follow-ups',
        `/api/v1/agreements/${a1}/follow-ups`,
        utrechtAdmin,
        {
          heldOn: dutchDate(),
          assessment: 'ON_TRACK',
          notes: 'Terugkomgesprek gehouden.',
        },
      );
      await command('POST /api/v1/agreements/:id/fulfil', `/api/v1/agreements/${a1}/fulfil`, provinceAdmin, {
        result: 'Verordening aangepast.',
      });
      const a2 = await command(
        'POST /api/v1/agreements',
        '/api/v1/agreements',
        provinceAdmin,
        agreementBody(),
      );
      await command('POST /api/v1/agreements/:id/unmet', `/api/v1/agreements/${a2}/unmet`, provinceAdmin, {
        reason: 'Geen meerderheid.',
      });
      const a3 = await command(
        'POST /api/v1/agreements',
        '/api/v1/agreements',
        provinceAdmin,
        agreementBody(),
      );
      await command('POST /api/v1/agreements/:id/cancel', `/api/v1/agreements/${a3}/cancel`, provinceAdmin, {
        reason: 'Ingehaald door de wet.',
      });

      await command('POST /api/v1/signals/:id/withdraw', `/api/v1/signals/${s2}/withdraw`, officer, {
        reason: 'Dubbel gemeld.',
      });
      await command(
        'POST /api/v1/signals/:id/erase-personal-data',
        `/api/v1/signals/${s1}/erase-personal-data`,
        provinceAdmin,
      );
      const c1 = await command('POST /api/v1/cases', '/api/v1/cases', analyst, {
        title: 'Zonnepanelen op monumenten',
        signalIds: [s1],
      });
      await command('POST /api/v1/cases/:id/signals', `/api/v1/cases/${c1}/signals`, analyst, {
        signalIds: [s3],
      });
      finished = Date.now();
    });

    it('covers every command route the server serves (a new one needs a step above)', () => {
      // Subscriptions are an authority's delivery settings, kept with the reactor, not events of the
      // log: each records who created it (created_by) instead of a history.
      // Follow links likewise live in their own file (a token must never enter the log), recording who
      // issued and who revoked each.
      const settings = new Set([
        'POST /api/v1/subscriptions',
        'DELETE /api/v1/subscriptions/:id',
        'POST /api/v1/signals/:id/follow-links',
        'DELETE /api/v1/signals/:id/follow-links/:linkId',
      ]);
      const commandRoutes = discoverRestRoutes(server.app)
        .filter(
          (route) => route.method !== 'GET' && route.access.kind === 'roles' && !settings.has(route.key),
        )
        .map((route) => route.key);
      const exercised = new Set(sent.map((command) => command.key));
      expect(commandRoutes.filter((key) => !exercised.has(key))).toEqual([]);
    });

    it('shows, for each command, its events with the actor from the token, the server time and its correlation id', async () => {
      const histories = new Map<string, HistoryEntry[]>();
      for (const { stream } of sent) {
        if (histories.has(stream)) continue;
        const response = await server.request<HistoryEntry[]>('GET', `${stream}/history`, { token: analyst });
        expect(response.status).toBe(200);
        histories.set(stream, response.body);
      }
      for (const { key, stream, user, correlationId } of sent) {
        const entries = (histories.get(stream) ?? []).filter(
          (entry) => entry.correlationId === correlationId,
        );
        expect({ key, recorded: entries.length > 0 }).toEqual({ key, recorded: true });
        for (const entry of entries) {
          expect({ key, actor: entry.actor }).toEqual({
            key,
            actor: { sub: user.sub, authority: user.authority, roles: user.roles },
          });
          const at = Date.parse(entry.recordedAt);
          expect(at).toBeGreaterThanOrEqual(started - 1000);
          expect(at).toBeLessThanOrEqual(finished + 1000);
        }
      }
    });

    it('stores the same in the event metadata, with a causation id and schema version, and never the name in the token', () => {
      const db = new Database(join(server.dataDir, 'events.sqlite'), { readonly: true });
      try {
        const rows = db.prepare('SELECT metadata FROM events').all() as Array<{ metadata: string }>;
        const metadata = rows.map((row) => JSON.parse(row.metadata) as Record<string, unknown>);
        for (const { correlationId, user } of sent) {
          const own = metadata.filter((entry) => entry.correlationId === correlationId);
          expect(own.length).toBeGreaterThan(0);
          for (const entry of own) {
            expect(entry).toEqual(
              expect.objectContaining({
                actor: { sub: user.sub, authority: user.authority, roles: user.roles },
                correlationId,
                causationId: expect.any(String),
                schemaVersion: expect.any(Number),
              }),
            );
          }
        }
        expect(rows.some((row) => row.metadata.includes(NAME))).toBe(false);
      } finally {
        db.close();
      }
    });

    it('uses the request id as correlation id when the client sends none (or one that is no UUID)', async () => {
      const headers: Array<Record<string, string>> = [
        {},
        { 'x-correlation-id': 'not-a-uuid; drop table events' },
      ];
      for (const header of headers) {
        const response = await server.request<{ id: string }>('POST', '/api/v1/signals', {
          token: officer,
          body: signalBody(),
          headers: header,
        });
        expect(response.status).toBe(201);
        const requestId = response.headers.get('x-request-id');
        const history = await server.request<HistoryEntry[]>(
          'GET',
          `/api/v1/signals/${response.body.id}/history`,
          {
            token: officer,
          },
        );
        expect(history.body[0].correlationId).toBe(requestId);
      }
    });
  });

  describe('failed authorisation attempts are logged as structured JSON lines without personal data', () => {
    let signalId: string;
    let agreementId: string;
    let token: string;

    beforeAll(async () => {
      signalId = await api.recordSignal(officer, { initiative: INITIATIVE });
      agreementId = await api.agreement();
      token = await server.token(officer);
    });

    /** What the security log received while `act` ran. */
    async function loggedDuring(act: () => Promise<unknown>): Promise<Array<Record<string, unknown>>> {
      const since = log.mark();
      await act();
      return since();
    }

    function expectNoPersonalData(lines: Array<Record<string, unknown>>, extra: string[] = []): void {
      const text = JSON.stringify(lines);
      for (const secret of [
        officer.sub ?? '',
        NAME,
        token,
        '127.0.0.1',
        INITIATIVE.name,
        INITIATIVE.contact,
        ...extra,
      ]) {
        expect(text).not.toContain(secret);
      }
    }

    it('logs a request without a token (401) with method, route pattern and request id', async () => {
      let requestId: string | null = null;
      const lines = await loggedDuring(async () => {
        const response = await server.request('GET', `/api/v1/signals/${signalId}`);
        expect(response.status).toBe(401);
        requestId = response.headers.get('x-request-id');
      });
      expect(lines).toEqual([
        {
          time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
          level: 'warn',
          event: 'authorization_refused',
          status: 401,
          code: 'UNAUTHENTICATED',
          reason: 'This action needs a bearer token.',
          method: 'GET',
          route: '/api/v1/signals/:id',
          requestId,
        },
      ]);
      expectNoPersonalData(lines, [signalId]);
    });

    it('logs a role refusal (403) and a refusal by the domain for another authority (403)', async () => {
      const lines = await loggedDuring(async () => {
        expect(
          (await server.request('POST', '/api/v1/agreements', { token, body: agreementBody() })).status,
        ).toBe(403);
        const notOwner = await api.post(`/api/v1/agreements/${agreementId}/progress`, utrechtAdmin, {
          percent: 10,
          note: 'Niet van ons.',
        });
        expect(notOwner.status).toBe(403);
      });
      expect(lines).toEqual([
        expect.objectContaining({
          event: 'authorization_refused',
          status: 403,
          code: 'ROLE_NOT_ALLOWED',
          route: '/api/v1/agreements',
        }),
        expect.objectContaining({
          event: 'authorization_refused',
          status: 403,
          code: 'NOT_AGREEMENT_OWNER',
          route: '/api/v1/agreements/:id/progress',
        }),
      ]);
      expectNoPersonalData(lines, [agreementId, utrechtAdmin.sub ?? '']);
    });

    it('logs refused tokens with what failed, never the token', async () => {
      const forged = `${token.slice(0, -4)}AAAA`;
      const lines = await loggedDuring(async () => {
        const response = await server.request('GET', `/api/v1/signals/${unknownId()}`, { token: forged });
        expect(response.status).toBe(401);
      });
      expect(lines).toEqual([
        expect.objectContaining({ status: 401, code: 'TOKEN_INVALID', reason: 'signature does not verify' }),
      ]);
      expectNoPersonalData(lines, [forged, forged.split('.')[1]]);
    });

    it('logs GraphQL refusals with their request id: an anonymous query and personal data withheld from another authority', async () => {
      const requestIds: Array<string | null> = [];
      const lines = await loggedDuring(async () => {
        const anonymous = await server.graphql('{ policyDomains { code } }');
        requestIds.push(anonymous.headers.get('x-request-id'));
        const withheld = await server.graphql<{ errors?: Array<{ extensions?: { code?: string } }> }>(
          `{ signal(id: "${signalId}") { id initiative { name } } }`,
          { token: userOf('admin', 'gm0599') },
        );
        requestIds.push(withheld.headers.get('x-request-id'));
        expect(withheld.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      });
      expect(requestIds.every((id) => id !== null && /^[0-9a-f-]{36}$/.test(id))).toBe(true);
      expect(lines).toEqual([
        expect.objectContaining({
          event: 'authorization_refused',
          status: 401,
          code: 'UNAUTHENTICATED',
          method: 'POST',
          route: '/graphql',
          graphqlPath: 'policyDomains',
          requestId: requestIds[0],
        }),
        expect.objectContaining({
          event: 'authorization_refused',
          status: 403,
          code: 'PERSONAL_DATA_NOT_VISIBLE',
          method: 'POST',
          route: '/graphql',
          graphqlPath: 'signal.initiative',
          requestId: requestIds[1],
        }),
      ]);
      expectNoPersonalData(lines, [signalId, 'analyst-gm0599']);
    });

    it("logs refusals answered 404 to hide another authority's resource, not requests for what does not exist", async () => {
      const strangerOfficer = userOf('officer', 'gm0363');
      const strangerAdmin = userOf('admin', 'gm0599');
      const escalationId = await api.raised();
      const hiding: Array<[string, string, TokenClaims, unknown]> = [
        ['GET', `/api/v1/signals/${signalId}`, strangerOfficer, undefined],
        ['GET', `/api/v1/signals/${signalId}/history`, strangerOfficer, undefined],
        ['PATCH', `/api/v1/signals/${signalId}`, strangerOfficer, { title: 'Overgenomen door Amsterdam' }],
        ['GET', `/api/v1/escalations/${escalationId}`, strangerAdmin, undefined],
        ['POST', `/api/v1/escalations/${escalationId}/acknowledge`, strangerAdmin, {}],
      ];
      const requestIds: Array<string | null> = [];
      const lines = await loggedDuring(async () => {
        for (const [method, path, user, body] of hiding) {
          const response = await server.request(method, path, {
            token: user,
            ...(body === undefined ? {} : { body }),
          });
          expect(response.status).toBe(404);
          requestIds.push(response.headers.get('x-request-id'));
        }
        const hidden = await server.graphql<{ data: { signal: unknown } }>(
          `{ signal(id: "${signalId}") { id } }`,
          { token: strangerOfficer },
        );
        expect(hidden.body.data.signal).toBeNull();
        requestIds.push(hidden.headers.get('x-request-id'));
        // Nothing to hide: an unknown id is no refusal.
        expect(
          (await server.request('GET', `/api/v1/signals/${unknownId()}`, { token: strangerOfficer })).status,
        ).toBe(404);
        await server.graphql(`{ signal(id: "${unknownId()}") { id } }`, { token: strangerOfficer });
      });
      const routes = [
        ['GET', '/api/v1/signals/:id', 'SIGNAL_NOT_FOUND'],
        ['GET', '/api/v1/signals/:id/history', 'SIGNAL_NOT_FOUND'],
        ['PATCH', '/api/v1/signals/:id', 'SIGNAL_NOT_FOUND'],
        ['GET', '/api/v1/escalations/:id', 'ESCALATION_NOT_FOUND'],
        ['POST', '/api/v1/escalations/:id/acknowledge', 'ESCALATION_NOT_FOUND'],
      ];
      expect(lines).toEqual([
        ...routes.map(([method, route, code], index) => ({
          time: expect.any(String),
          level: 'warn',
          event: 'authorization_refused',
          status: 404,
          code,
          reason: 'not visible to the caller',
          method,
          route,
          requestId: requestIds[index],
        })),
        {
          time: expect.any(String),
          level: 'warn',
          event: 'authorization_refused',
          status: 404,
          code: 'SIGNAL_NOT_FOUND',
          reason: 'not visible to the caller',
          method: 'POST',
          route: '/graphql',
          graphqlPath: 'signal',
          requestId: requestIds[routes.length],
        },
      ]);
      expectNoPersonalData(lines, [
        signalId,
        escalationId,
        strangerOfficer.sub ?? '',
        strangerAdmin.sub ?? '',
      ]);
    });

    it('writes each line as one JSON object with time, level and event', () => {
      expect(log.lines.length).toBeGreaterThan(0);
      for (const line of log.lines) {
        expect(line).not.toContain('\n');
        expect(JSON.parse(line)).toEqual(
          expect.objectContaining({
            time: expect.any(String),
            level: expect.any(String),
            event: expect.any(String),
          }),
        );
      }
    });
  });
});
