import { startTestServer, type TestServer } from './support/test-server';
import type { TokenClaims } from '../libs/testing/src/test-token';
import {
  AdministrationClient,
  analyst,
  dutchDate,
  expectProblem,
  experimentBody,
  provinceAdmin,
  strangerAdmin,
  utrechtAdmin,
  utrechtOfficer,
} from './escalations.fixtures';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const NORM = 'Bkl art. 22.57';

interface Effect {
  windowDays: number;
  beforeFrom: string;
  afterUntil: string;
  before: number;
  after: number;
  rateRatio: number | null;
  lower: number | null;
  upper: number | null;
  verdict: string;
}

const policyChangeBody = (escalationIds: string[], overrides: Record<string, unknown> = {}) => ({
  title: 'Geluidsnorm warmtepompen gemeten op de erfgrens',
  description: 'De provincie past de omgevingsverordening aan: gemeten wordt op de erfgrens.',
  policyDomain: 'heritage',
  norms: [{ ref: NORM, title: 'Geluid installaties' }],
  effectiveOn: dutchDate(-60),
  escalationIds,
  authorities: ['gm0344'],
  ...overrides,
});

describe('policy changes over REST and GraphQL (booted server, SQLite store)', () => {
  let server: TestServer;
  let api: AdministrationClient;

  beforeAll(async () => {
    server = await startTestServer();
    api = new AdministrationClient(server);
  });

  afterAll(async () => {
    await server.close();
  });

  const record = (body: Record<string, unknown>, token: TokenClaims = provinceAdmin) =>
    api.post('/api/v1/policy-changes', token, body);

  const gql = async <T>(query: string, position: string, token: TokenClaims = analyst) => {
    const response = await server.graphql<{ data: T; errors?: Array<{ extensions: { code: string } }> }>(
      query,
      {
        token,
        headers: { 'x-consistent-with': position },
      },
    );
    expect(response.status).toBe(200);
    return response.body;
  };

  describe('recording', () => {
    it('answers 201 with Location and ETag for an escalation the caller decided POLICY_ADJUSTED', async () => {
      const escalationId = await api.decided('POLICY_ADJUSTED');
      const response = await record(policyChangeBody([escalationId]));
      expect(response.status).toBe(201);
      expect(response.body.id).toMatch(UUID);
      expect(response.headers.get('location')).toBe(`/api/v1/policy-changes/${response.body.id}`);
      expect(response.headers.get('etag')).toBe('"0"');
      const read = await api.get<Record<string, unknown>>(
        `/api/v1/policy-changes/${response.body.id}`,
        utrechtOfficer,
      );
      expect(read.status).toBe(200);
      expect(read.body).toMatchObject({ status: 'RECORDED', owner: 'pv26', escalationIds: [escalationId] });
      // An administrator of an authority not involved in the escalation does not learn its id.
      const stranger = await api.get<{ escalationIds: string[] }>(
        `/api/v1/policy-changes/${response.body.id}`,
        strangerAdmin,
      );
      expect(stranger.body.escalationIds).toEqual([]);
    });

    it('refuses with 409 escalations decided otherwise, undecided, or decided by another authority', async () => {
      expectProblem(
        await record(policyChangeBody([await api.decided('NO_CHANGE')])),
        409,
        'POLICY_NOT_ADJUSTED',
      );
      expectProblem(
        await record(policyChangeBody([await api.acknowledged()])),
        409,
        'ESCALATION_NOT_DECIDED',
      );
      const adjusted = await api.decided('POLICY_ADJUSTED');
      expectProblem(await record(policyChangeBody([adjusted]), utrechtAdmin), 409, 'NOT_DECIDING_AUTHORITY');
      // An escalation the caller's authority is not involved in is as unknown as one that does not exist.
      expectProblem(await record(policyChangeBody([adjusted]), strangerAdmin), 400, 'UNKNOWN_ESCALATION');
      expectProblem(await record(policyChangeBody([adjusted]), utrechtOfficer), 403, 'ROLE_NOT_ALLOWED');
    });

    it('accepts an escalation granted an experiment only once that experiment is adopted in policy', async () => {
      const escalationId = await api.decided('EXPERIMENT_GRANTED');
      const experimentId = (
        await api.ok('/api/v1/experiments', provinceAdmin, experimentBody(escalationId), 201)
      ).id;
      expectProblem(await record(policyChangeBody([escalationId])), 409, 'POLICY_NOT_ADJUSTED');
      await api.ok(`/api/v1/experiments/${experimentId}/evaluate`, provinceAdmin, {
        conclusion: 'Binnen de norm gebleven.',
        policyConsequence: 'ADOPT_IN_POLICY',
        rationale: 'Opnemen in de verordening.',
      });
      expect((await record(policyChangeBody([escalationId]))).status).toBe(201);
    });

    it('refuses bad input with a 400 naming the rule', async () => {
      const escalationId = await api.decided('POLICY_ADJUSTED');
      expectProblem(
        await record(policyChangeBody([escalationId], { effectiveOn: '2026-02-30' })),
        400,
        'VALIDATION_FAILED',
      );
      expectProblem(await record(policyChangeBody([])), 400, 'VALIDATION_FAILED', 'escalationIds');
      expectProblem(
        await record(policyChangeBody([escalationId], { policyDomain: 'nope' })),
        400,
        'UNKNOWN_POLICY_DOMAIN',
      );
      expectProblem(
        await record(policyChangeBody([escalationId], { title: '\u202Eabc' })),
        400,
        'BIDI_CONTROL',
      );
    });

    it('amends and withdraws for the owning authority, with If-Match', async () => {
      const id = (
        await api.ok(
          '/api/v1/policy-changes',
          provinceAdmin,
          policyChangeBody([await api.decided('POLICY_ADJUSTED')]),
          201,
        )
      ).id;
      const amended = await server.request('PATCH', `/api/v1/policy-changes/${id}`, {
        token: provinceAdmin,
        headers: { 'if-match': '"0"' },
        body: { title: 'Geluidsnorm op de erfgrens (herzien)' },
      });
      expect(amended.status).toBe(200);
      const stale = await server.request('PATCH', `/api/v1/policy-changes/${id}`, {
        token: provinceAdmin,
        headers: { 'if-match': '"0"' },
        body: { title: 'Nog een titel' },
      });
      expectProblem(stale, 412, 'REVISION_MISMATCH');
      expectProblem(
        await api.post(`/api/v1/policy-changes/${id}/withdraw`, strangerAdmin, { reason: 'Niet van ons.' }),
        403,
        'NOT_POLICY_CHANGE_OWNER',
      );
      await api.ok(`/api/v1/policy-changes/${id}/withdraw`, provinceAdmin, { reason: 'Dubbel vastgelegd.' });
      const history = await api.get<Array<{ type: string }>>(`/api/v1/policy-changes/${id}/history`, analyst);
      expect(history.body.map((entry) => entry.type)).toEqual([
        'PolicyChangeRecorded',
        'PolicyChangeAmended',
        'PolicyChangeWithdrawn',
      ]);
    });
  });

  describe('the effect on later signals', () => {
    it('counts the signals of its norm either side of effectiveOn and gives the exact interval', async () => {
      // 12 signals in the 30 days before effectiveOn (today − 60), 3 in the 30 days from it, plus
      // signals that must not count: outside both windows, another norm, withdrawn.
      const signal = (observedAt: string, ref = NORM.toLowerCase()) =>
        api.recordSignal(utrechtOfficer, {
          observedAt,
          norms: [{ ref: `  ${ref} ` }, { ref: 'Bbl art. 4.101' }],
        });
      const firstSignal = await signal(dutchDate(-90));
      for (let day = -89; day < -78; day += 1) await signal(dutchDate(day));
      for (const day of [-60, -45, -31]) await signal(dutchDate(day));
      await signal(dutchDate(-91));
      await signal(dutchDate(-30));
      await signal(dutchDate(-70), 'Bkl art. 22.58');
      const withdrawn = await signal(dutchDate(-50));
      await api.ok(`/api/v1/signals/${withdrawn}/withdraw`, utrechtOfficer, { reason: 'Verkeerd gemeld.' });

      const escalationId = await api.raise([firstSignal]);
      await api.ok(`/api/v1/escalations/${escalationId}/acknowledge`, provinceAdmin, {});
      await api.ok(`/api/v1/escalations/${escalationId}/decide`, provinceAdmin, {
        outcome: 'POLICY_ADJUSTED',
        rationale: 'De verordening gaat aangepast worden.',
      });
      const written = await api.ok(
        '/api/v1/policy-changes',
        provinceAdmin,
        policyChangeBody([escalationId]),
        201,
      );

      const body = await gql<{
        policyChange: { escalationIds: string[]; signalIds: string[]; effect: Effect; wide: Effect };
        signal: { policyChanges: Array<{ id: string }> };
      }>(
        `{ policyChange(id: "${written.id}") { escalationIds signalIds
             effect(windowDays: 30) { windowDays beforeFrom afterUntil before after rateRatio lower upper verdict }
             wide: effect { before after verdict } }
           signal(id: "${firstSignal}") { policyChanges { id } } }`,
        written.position,
      );
      expect(body.errors).toBeUndefined();
      const { policyChange } = body.data;
      expect(policyChange.escalationIds).toEqual([escalationId]);
      expect(policyChange.signalIds).toEqual([firstSignal]);
      expect(body.data.signal.policyChanges).toEqual([{ id: written.id }]);
      const effect = policyChange.effect;
      expect(effect).toMatchObject({
        windowDays: 30,
        beforeFrom: dutchDate(-90),
        afterUntil: dutchDate(-30),
        before: 12,
        after: 3,
        rateRatio: 0.25,
        verdict: 'DROPPED',
      });
      // SciPy 1.17.1: beta.ppf(0.025, 3, 13) and beta.ppf(0.975, 4, 12) as odds (R: poisson.test(c(3, 12))).
      expect(effect.lower).toBeCloseTo(0.04527286360547267, 9);
      expect(effect.upper).toBeCloseTo(0.9263781937177047, 9);
      // 90 days from today − 60 have not passed: too early. Before: days −91 and −90..−79; after: −60, −45, −31, −30.
      expect(policyChange.wide).toMatchObject({ before: 13, after: 4, verdict: 'TOO_EARLY' });

      const feedback = await gql<{
        feedbackLoop: Array<{
          policyDomain: string;
          policyChanged: number;
          medianDaysToPolicyChange: number;
        }>;
      }>(
        '{ feedbackLoop(filter: { policyDomains: ["heritage"] }) { policyDomain policyChanged medianDaysToPolicyChange } }',
        written.position,
      );
      const heritage = feedback.data.feedbackLoop.find((row) => row.policyDomain === 'heritage');
      expect(heritage?.policyChanged).toBeGreaterThanOrEqual(1);
      expect(heritage?.medianDaysToPolicyChange).not.toBeNull();

      const refused = await gql(
        `{ policyChange(id: "${written.id}") { effect(windowDays: 0) { before } } }`,
        written.position,
      );
      expect(refused.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    });

    it('shows an officer only the signals of their own authority behind a change', async () => {
      const amsterdam = await api.recordSignal({
        sub: 'officer-ams',
        roles: ['officer'],
        authority: 'gm0363',
      });
      const escalationId = await api.raise(
        [amsterdam],
        {},
        { sub: 'officer-ams', roles: ['officer'], authority: 'gm0363' },
      );
      await api.ok(`/api/v1/escalations/${escalationId}/acknowledge`, provinceAdmin, {});
      await api.ok(`/api/v1/escalations/${escalationId}/decide`, provinceAdmin, {
        outcome: 'POLICY_ADJUSTED',
        rationale: 'Aangepast.',
      });
      const written = await api.ok(
        '/api/v1/policy-changes',
        provinceAdmin,
        policyChangeBody([escalationId]),
        201,
      );
      const query = `{ policyChange(id: "${written.id}") { escalationIds signalIds } }`;
      const forUtrecht = await gql<{ policyChange: { escalationIds: string[]; signalIds: string[] } }>(
        query,
        written.position,
        utrechtOfficer,
      );
      expect(forUtrecht.data.policyChange).toEqual({ escalationIds: [], signalIds: [] });
      const forAnalyst = await gql<{ policyChange: { escalationIds: string[]; signalIds: string[] } }>(
        query,
        written.position,
      );
      expect(forAnalyst.data.policyChange).toEqual({ escalationIds: [escalationId], signalIds: [amsterdam] });
    });
  });
});
