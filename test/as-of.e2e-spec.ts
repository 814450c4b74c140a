import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parsePrometheusText, total } from './support/prometheus-text';
import { startTestServer, type TestServer } from './support/test-server';
import type { TokenClaims } from '../libs/testing/src/test-token';
import { adminOf, analyst, officers, write, writeSignals, type WrittenSignal } from './views.fixtures';

jest.setTimeout(60_000);

const METRICS_TOKEN = 'as-of-metrics-token-0123456789abcdef';

interface GraphqlBody<T> {
  data: T | null;
  errors?: Array<{ message: string; extensions: { code: string } }>;
}

/** Every view that takes `asOf`, in two documents (one would pass the cost limit); `$asOf` null is now. */
const SIGNAL_VIEWS = `query SignalViews($asOf: String, $signalId: ID!) {
  signals(first: 100, asOf: $asOf) { totalCount edges { node { id status policyDomain escalationIds } } }
  signal(id: $signalId, asOf: $asOf) { id status escalationIds }
  signalStats(groupBy: [POLICY_DOMAIN, TYPE], asOf: $asOf) { key { policyDomain type } count escalatedCount }
  normConflicts(asOf: $asOf) { normA { ref } normB { ref } count escalatedCount }
  feedbackLoop(asOf: $asOf) { policyDomain escalated decided }
}`;
const ESCALATION_VIEWS = `query EscalationViews($asOf: String, $escalationId: ID!) {
  escalations(first: 100, asOf: $asOf) { totalCount edges { node { id status overdue ageDays signalIds } } }
  escalation(id: $escalationId, asOf: $asOf) { id status overdue }
  escalationBoard(asOf: $asOf) { open overdue awaitingAcknowledgement oldestOpenDays }
  accountability(asOf: $asOf) { authority escalationsReceived openOverdue signalsReported }
  agreements(first: 100, asOf: $asOf) { totalCount }
  experiments(first: 100, asOf: $asOf) { totalCount }
  policyChanges(first: 100, asOf: $asOf) { totalCount }
}`;

/**
 * `asOf` over HTTP: every view answers what it answered at that moment, though the log moved on;
 * a future or malformed moment is refused; an officer sees only what they saw then. The figures
 * themselves are compared with a rebuild of the log cut at the moment in
 * libs/projections/src/time-travel/as-of-read-models.int-spec.ts.
 */
describe('asOf: every GraphQL view as it stood at a moment', () => {
  let server: TestServer;
  let signals: WrittenSignal[];
  let position: string;
  let then: string;
  let escalationId: string;
  let answeredThen: unknown;
  let officerThen: unknown;
  let searchedThen: unknown;

  const activeKnelpunten = async (asOf: string | null): Promise<unknown> => {
    const response = await server.graphql<GraphqlBody<Record<string, unknown>>>(
      `query ($asOf: String) {
        signals(first: 20, search: "knelpunt", filter: { statuses: [ACTIVE] }, asOf: $asOf) {
          totalCount edges { node { id title } }
        }
      }`,
      { token: analyst, variables: { asOf }, headers: { 'x-consistent-with': position } },
    );
    expect(response.body.errors).toBeUndefined();
    return response.body.data;
  };

  const views = async (
    token: TokenClaims,
    variables: Record<string, unknown>,
  ): Promise<{ data: Record<string, unknown>; errors: unknown[] }> => {
    const ask = async (document: string): Promise<GraphqlBody<Record<string, unknown>>> =>
      (
        await server.graphql<GraphqlBody<Record<string, unknown>>>(document, {
          token,
          variables: {
            ...variables,
            ...(document === SIGNAL_VIEWS ? { signalId: signals[0].id } : { escalationId }),
          },
          headers: { 'x-consistent-with': position },
        })
      ).body;
    const [signalViews, escalationViews] = [await ask(SIGNAL_VIEWS), await ask(ESCALATION_VIEWS)];
    return {
      data: { ...signalViews.data, ...escalationViews.data },
      errors: [...(signalViews.errors ?? []), ...(escalationViews.errors ?? [])],
    };
  };

  beforeAll(async () => {
    server = await startTestServer({
      env: { SNAPSHOT_INTERVAL_EVENTS: '10', SNAPSHOT_KEEP: '3', TIME_TRAVEL_HISTORY: 'on', METRICS_TOKEN },
    });
    ({ signals, position } = await writeSignals(server));
    const raised = await write(server, '/api/v1/escalations', officers.gm0344, {
      signalIds: [signals[0].id, signals[1].id],
      title: 'Escalatie voor de tijdreis',
      reason: 'Het knelpunt vraagt een bestuurlijk besluit.',
      addressedTo: 'pv26',
    });
    escalationId = raised.id;
    position = raised.position;
    answeredThen = await views(analyst, {});
    officerThen = await views(officers.gm0363, {});
    searchedThen = await activeKnelpunten(null);
    await new Promise((resolve) => setTimeout(resolve, 20));
    then = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 20));
    // The log moves on: more signals, a withdrawal, the escalation acknowledged and decided.
    for (const index of [7, 8]) {
      position = (
        await write(
          server,
          `/api/v1/signals/${signals[index].id}/withdraw`,
          officers[signals[index].authority],
          {
            reason: 'Later ingetrokken.',
          },
        )
      ).position;
    }
    position = (await write(server, `/api/v1/escalations/${escalationId}/acknowledge`, adminOf('pv26'), {}))
      .position;
  });

  afterAll(async () => {
    await server.close();
  });

  it('answers every view at the moment asked for as it answered then, though the log moved on', async () => {
    const now = await views(analyst, {});
    expect(now.errors).toEqual([]);
    expect(now).not.toEqual(answeredThen);
    const asOf = await views(analyst, { asOf: then });
    expect(asOf.errors).toEqual([]);
    expect(asOf).toEqual(answeredThen);
  });

  it("answers from time travel's history, once it has the moment, what it answered then", async () => {
    const historyAnswers = async (reader?: string): Promise<number> => {
      const response = await server.request<string>('GET', '/metrics', { token: METRICS_TOKEN });
      return total(
        parsePrometheusText(String(response.text)),
        'praktijklus_as_of_history_answers_total',
        reader === undefined ? {} : { reader },
      );
    };
    // The history's thread follows the log a little behind the projector: until it has passed the
    // moment, the moment is replayed from a snapshot.
    const deadline = Date.now() + 20_000;
    for (;;) {
      const before = await historyAnswers();
      const inThread = await historyAnswers('thread');
      const asOf = await views(analyst, { asOf: then });
      const answered = (await historyAnswers()) - before;
      // The history may pass the moment between the two documents: then the next round has all.
      if (answered === 12 || Date.now() > deadline) {
        // Each of the twelve views in the two documents, every one from the history.
        expect(answered).toBe(12);
        // Ten of them (the lists and figures) in the as-of thread, off the request loop; the two
        // single records by id on the request loop.
        expect((await historyAnswers('thread')) - inThread).toBe(10);
        expect(asOf.errors).toEqual([]);
        expect(asOf).toEqual(answeredThen);
        expect(await views(officers.gm0363, { asOf: then })).toEqual(officerThen);
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    // A search as of the moment, from the history's full-text index of the signals' versions:
    // "Knelpunt" signals 7 and 8 were active then and are withdrawn now.
    const before = await historyAnswers();
    const searched = await activeKnelpunten(then);
    expect(await historyAnswers()).toBe(before + 1);
    expect(searched).toEqual(searchedThen);
    expect(await activeKnelpunten(null)).not.toEqual(searchedThen);
    // A question that fails in the as-of thread fails as on the request loop, with its own code.
    const foreignCursor = Buffer.from('escalations:1').toString('base64url');
    const failed = await server.graphql<GraphqlBody<unknown>>(
      'query ($asOf: String, $after: String) { signals(first: 5, after: $after, asOf: $asOf) { totalCount } }',
      { token: analyst, variables: { asOf: then, after: foreignCursor } },
    );
    expect(failed.body.errors?.map((error) => error.extensions.code)).toEqual(['BAD_USER_INPUT']);
  });

  it('takes snapshots of the read models as the projector goes, and thins them', () => {
    const files = readdirSync(join(server.dataDir, 'snapshots')).filter((name) =>
      /^snapshot-.*\.sqlite$/.test(name),
    );
    // Every 10 of the 40 events at most (the projector may take several in one batch), kept to 3.
    expect(files.length).toBeGreaterThanOrEqual(1);
    expect(files.length).toBeLessThanOrEqual(3);
  });

  it('scopes an officer at a past moment as now: their own authority only', async () => {
    const asOf = await views(officers.gm0363, { asOf: then });
    expect(asOf).toEqual(officerThen);
    const data = asOf.data as { signals: { edges: Array<{ node: { id: string } }> }; signal: unknown };
    const own = signals.filter((signal) => signal.authority === 'gm0363').map((signal) => signal.id);
    expect(data.signals.edges.map((edge) => edge.node.id).sort()).toEqual([...own].sort());
    // signals[0] is gm0344's: hidden at a past moment as it is now.
    expect(data.signal).toBeNull();
  });

  it('answers before the first event with empty views', async () => {
    const body = await views(analyst, { asOf: '2020-01-01T00:00:00Z' });
    expect(body.errors).toEqual([]);
    const data = body.data as { signals: { totalCount: number }; escalationBoard: { open: number } };
    expect(data.signals.totalCount).toBe(0);
    expect(data.escalationBoard.open).toBe(0);
  });

  it.each([
    ['a moment in the future', new Date(Date.now() + 3_600_000).toISOString()],
    ['a date without a time', '2026-03-01'],
    ['a date-time without a zone', '2026-03-01T12:00:00'],
    ['a month that does not exist', '2026-13-01T12:00:00Z'],
    ['words', 'gisteren'],
  ])('refuses %s as BAD_USER_INPUT', async (_name, asOf) => {
    const response = await server.graphql<GraphqlBody<unknown>>(
      `query ($asOf: String) { signals(asOf: $asOf) { totalCount } }`,
      { token: analyst, variables: { asOf } },
    );
    expect(response.body.errors?.map((error) => error.extensions.code)).toEqual(['BAD_USER_INPUT']);
  });
});
