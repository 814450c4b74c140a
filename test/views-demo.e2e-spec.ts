import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import type { EventStore } from '@praktijklus/event-store';
import { runCli } from '../apps/cli/src/main';
import type { CliOutput } from '../apps/cli/src/cli-error';
import { planDemoHistory, summariseDemoHistory, type DemoStep } from '../apps/cli/src/demo-history';
import { EVENT_STORE } from '../apps/server/src/event-store/event-store.tokens';
import { READ_MODELS_FILE } from '@praktijklus/config';
import { TEST_JWT_SECRET } from '../libs/testing/src/test-secret';
import { startTestServer, type TestServer } from './support/test-server';

// Each suite boots a server and writes its data set over HTTP; a loaded machine needs more than 5 s.
jest.setTimeout(30_000);

const analyst = { sub: 'analyst-demo', roles: ['analyst' as const], authority: 'mnre1034' };
const SIGNALS = 300;
const SEED = 11;

interface GraphqlBody<T> {
  data: T;
  errors?: Array<{ message: string; extensions: { code: string } }>;
}

function capture(): CliOutput & { text: () => string } {
  const lines: string[] = [];
  return {
    out: (text) => lines.push(text),
    err: (text) => lines.push(text),
    interactive: false,
    text: () => lines.join(''),
  };
}

/**
 * Every table of the read models, rows in a stable order. The full-text index is compared by its
 * answers instead: its internal segments depend on how the rows arrived, not on what they say.
 */
function dumpReadModels(db: Database): Record<string, unknown[]> {
  const tables = db
    .prepare(
      `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'signals_fts%'
       ORDER BY name`,
    )
    .pluck()
    .all() as string[];
  const dump: Record<string, unknown[]> = {};
  for (const table of tables) {
    const columns = (db.prepare(`PRAGMA table_info("${table}")`).all() as Array<{ name: string }>)
      .map((column) => column.name)
      .filter((name) => !(table === 'projector_checkpoints' && name === 'updated_at'));
    const list = columns.map((name) => `"${name}"`).join(', ');
    dump[table] = db.prepare(`SELECT ${list} FROM "${table}" ORDER BY ${list}`).all();
  }
  for (const word of ['botst', 'Amsterdam', 'warmtenet', 'Bbl']) {
    dump[`signals_fts MATCH ${word}`] = db
      .prepare(`SELECT rowid FROM signals_fts WHERE signals_fts MATCH ? ORDER BY rowid`)
      .pluck()
      .all(`"${word}"*`);
  }
  return dump;
}

describe('the demo data set fills every view', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'praktijklus-demo-'));
  const env = {
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    AUTH_JWT_SECRET: TEST_JWT_SECRET,
    SQLITE_SYNCHRONOUS: 'NORMAL',
  };
  // The history is planned up to the last 06:00 UTC, and planned again below. A fixed time of day:
  // which steps of the day fall before the cut changes the statuses the data set reaches (at 10:15
  // it held no open or fulfilled agreement, and the status test below failed at that hour only).
  const DAY_MS = 86_400_000;
  const SIX_HOURS_MS = 6 * 3_600_000;
  const demoNow = new Date(Math.floor((Date.now() - 60_000 - SIX_HOURS_MS) / DAY_MS) * DAY_MS + SIX_HOURS_MS);
  let steps: DemoStep[];
  let server: TestServer;
  let demoSeconds: number;

  const query = async <T>(text: string, variables?: Record<string, unknown>): Promise<T> => {
    const response = await server.graphql<GraphqlBody<T>>(text, {
      token: analyst,
      ...(variables ? { variables } : {}),
    });
    expect(response.body.errors).toBeUndefined();
    return response.body.data;
  };

  beforeAll(async () => {
    const output = capture();
    const started = Date.now();
    const code = await runCli(
      ['demo', '--signals', String(SIGNALS), '--seed', String(SEED), '--now', demoNow.toISOString()],
      env,
      output,
    );
    demoSeconds = (Date.now() - started) / 1000;
    expect({ code, output: output.text() }).toEqual({
      code: 0,
      output: expect.stringContaining('Recorded the demo'),
    });
    steps = planDemoHistory({ signals: SIGNALS, seed: SEED, now: demoNow, responseWorkingDays: 20 });

    server = await startTestServer({ env: { DATA_DIR: dataDir }, keepDataDir: true });
    // Read-your-writes against the store's head: every view has caught up with the whole demo.
    const head = await server.app.get<symbol, EventStore>(EVENT_STORE).headPosition();
    const caughtUp = await server.graphql<GraphqlBody<unknown>>('{ policyDomains { code } }', {
      token: analyst,
      headers: { 'x-consistent-with': String(head) },
    });
    expect(caughtUp.body.errors).toBeUndefined();
  });

  afterAll(async () => {
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('records quickly and refuses to run again on a store that holds events', async () => {
    expect(demoSeconds).toBeLessThan(30);
    await server.close();
    const output = capture();
    const code = await runCli(['demo', '--signals', '10'], env, output);
    expect(code).toBe(1);
    expect(output.text()).toMatch(/already holds events/);
    server = await startTestServer({ env: { DATA_DIR: dataDir }, keepDataDir: true });
  });

  it('answers signal counts by status as the history recorded them', async () => {
    const summary = summariseDemoHistory(steps, new Date());
    const data = await query<{
      standing: { totalCount: number };
      duplicates: { totalCount: number };
      withdrawn: { totalCount: number };
      byType: Array<{ count: number }>;
    }>(`{
      standing: signals(first: 1) { totalCount }
      duplicates: signals(first: 1, filter: { statuses: [DUPLICATE] }) { totalCount }
      withdrawn: signals(first: 1, filter: { statuses: [WITHDRAWN] }) { totalCount }
      byType: signalStats(groupBy: [TYPE]) { count }
    }`);
    expect(data.standing.totalCount).toBe(summary.signals - summary.withdrawn);
    expect(data.duplicates.totalCount).toBe(summary.duplicates);
    expect(data.withdrawn.totalCount).toBe(summary.withdrawn);
    expect(data.byType).toHaveLength(5);
    expect(data.byType.reduce((sum, row) => sum + row.count, 0)).toBe(summary.signals - summary.withdrawn);
  });

  it('shows recurring norm conflicts, escalated ones among them', async () => {
    const data = await query<{
      normConflicts: Array<{
        normA: { ref: string };
        normB: { ref: string };
        count: number;
        escalated: boolean;
      }>;
    }>('{ normConflicts(first: 10) { normA { ref } normB { ref } count escalated } }');
    expect(data.normConflicts.length).toBeGreaterThanOrEqual(5);
    expect(data.normConflicts[0].count).toBeGreaterThanOrEqual(5);
    expect(data.normConflicts.some((pair) => pair.escalated)).toBe(true);
  });

  it('shows escalations in every status, overdue ones counted at query time', async () => {
    const data = await query<{
      board: {
        open: number;
        overdue: number;
        awaitingAcknowledgement: number;
        decidedNotResolved: number;
        oldestOpenDays: number;
      };
      raised: { totalCount: number };
      acknowledged: { totalCount: number };
      decided: { totalCount: number };
      resolved: { totalCount: number };
      overdue: { totalCount: number; edges: Array<{ node: { overdue: boolean; status: string } }> };
    }>(`{
      board: escalationBoard { open overdue awaitingAcknowledgement decidedNotResolved oldestOpenDays }
      raised: escalations(filter: { statuses: [RAISED] }) { totalCount }
      acknowledged: escalations(filter: { statuses: [ACKNOWLEDGED] }) { totalCount }
      decided: escalations(filter: { statuses: [DECIDED] }) { totalCount }
      resolved: escalations(filter: { statuses: [RESOLVED] }) { totalCount }
      overdue: escalations(filter: { overdue: true }, first: 100) { totalCount edges { node { overdue status } } }
    }`);
    const summary = summariseDemoHistory(steps, new Date());
    expect({
      RAISED: data.raised.totalCount,
      ACKNOWLEDGED: data.acknowledged.totalCount,
      DECIDED: data.decided.totalCount,
      RESOLVED: data.resolved.totalCount,
    }).toEqual(summary.escalations);
    for (const count of Object.values(summary.escalations)) expect(count).toBeGreaterThan(0);
    expect(data.board).toEqual({
      open: summary.escalations.RAISED + summary.escalations.ACKNOWLEDGED + summary.escalations.DECIDED,
      overdue: summary.overdueEscalations,
      awaitingAcknowledgement: summary.escalations.RAISED,
      decidedNotResolved: summary.escalations.DECIDED,
      oldestOpenDays: expect.any(Number),
    });
    expect(data.overdue.totalCount).toBe(summary.overdueEscalations);
    expect(summary.overdueEscalations).toBeGreaterThan(0);
    expect(data.overdue.edges.every((edge) => edge.node.overdue)).toBe(true);
    expect(data.board.oldestOpenDays).toBeGreaterThan(30);
  });

  it('holds every authority to account, the figures adding up to the history', async () => {
    const data = await query<{
      accountability: Array<{
        authority: string;
        escalationsReceived: number;
        transfersIn: number;
        transfersOut: number;
        openOverdue: number;
        agreementsOpen: number;
        agreementsFulfilled: number;
        agreementsUnmet: number;
        agreementsOverdue: number;
        followUpsOverdue: number;
        experimentsOverdue: number;
        decidedOnTimeRate: number | null;
      }>;
      authorities: Array<{ id: string }>;
    }>(`{
      accountability { authority escalationsReceived transfersIn transfersOut openOverdue agreementsOpen
        agreementsFulfilled agreementsUnmet agreementsOverdue followUpsOverdue experimentsOverdue decidedOnTimeRate }
      authorities { id }
    }`);
    const summary = summariseDemoHistory(steps, new Date());
    const sum = (field: keyof (typeof data.accountability)[number]): number =>
      data.accountability.reduce((total, row) => total + Number(row[field] ?? 0), 0);
    const raised = steps.filter((step) => step.kind === 'raise-escalation').length;
    expect(data.accountability.map((row) => row.authority).sort()).toEqual(
      data.authorities.map((a) => a.id).sort(),
    );
    expect(sum('escalationsReceived')).toBe(raised + summary.transfers);
    expect(sum('transfersIn')).toBe(summary.transfers);
    expect(sum('transfersOut')).toBe(summary.transfers);
    expect(sum('openOverdue')).toBe(summary.overdueEscalations);
    expect(sum('agreementsOpen')).toBe(summary.agreements.OPEN);
    expect(sum('agreementsFulfilled')).toBe(summary.agreements.FULFILLED);
    expect(sum('agreementsUnmet')).toBe(summary.agreements.UNMET);
    expect(sum('agreementsOverdue')).toBe(summary.overdueAgreements);
    expect(sum('followUpsOverdue')).toBe(summary.followUpsOverdue);
    expect(sum('experimentsOverdue')).toBe(summary.overdueExperiments);
    expect(data.accountability.some((row) => row.decidedOnTimeRate !== null)).toBe(true);
  });

  it('closes the loop per policy domain', async () => {
    const escalatedIds = new Set(
      steps.flatMap((step) =>
        step.kind === 'raise-escalation' || step.kind === 'attach-signals' ? step.signalIds : [],
      ),
    );
    const data = await query<{
      feedbackLoop: Array<{ policyDomain: string; signals: number; escalated: number; decided: number }>;
    }>('{ feedbackLoop { policyDomain signals escalated decided } }');
    const summary = summariseDemoHistory(steps, new Date());
    expect(data.feedbackLoop.length).toBeGreaterThan(5);
    expect(data.feedbackLoop.reduce((total, row) => total + row.signals, 0)).toBe(
      summary.signals - summary.withdrawn,
    );
    expect(data.feedbackLoop.reduce((total, row) => total + row.escalated, 0)).toBe(escalatedIds.size);
    expect(data.feedbackLoop.some((row) => row.decided > 0)).toBe(true);
  });

  it('lists agreements and experiments in every status with their overdue flags', async () => {
    const data = await query<Record<string, { totalCount: number }>>(`{
      open: agreements(filter: { statuses: [OPEN] }) { totalCount }
      fulfilled: agreements(filter: { statuses: [FULFILLED] }) { totalCount }
      unmet: agreements(filter: { statuses: [UNMET] }) { totalCount }
      cancelled: agreements(filter: { statuses: [CANCELLED] }) { totalCount }
      agreementsOverdue: agreements(filter: { overdue: true }) { totalCount }
      followUpsOverdue: agreements(filter: { followUpOverdue: true }) { totalCount }
      running: experiments(filter: { statuses: [RUNNING] }) { totalCount }
      evaluated: experiments(filter: { statuses: [EVALUATED] }) { totalCount }
      closed: experiments(filter: { statuses: [CLOSED] }) { totalCount }
      experimentsOverdue: experiments(filter: { overdue: true }) { totalCount }
    }`);
    const summary = summariseDemoHistory(steps, new Date());
    const counts = Object.fromEntries(Object.entries(data).map(([name, value]) => [name, value.totalCount]));
    expect(counts).toEqual({
      open: summary.agreements.OPEN,
      fulfilled: summary.agreements.FULFILLED,
      unmet: summary.agreements.UNMET,
      cancelled: summary.agreements.CANCELLED,
      agreementsOverdue: summary.overdueAgreements,
      followUpsOverdue: summary.followUpsOverdue,
      running: summary.experiments.RUNNING,
      evaluated: summary.experiments.EVALUATED,
      closed: summary.experiments.CLOSED,
      experimentsOverdue: summary.overdueExperiments,
    });
    expect(summary.agreements.OPEN + summary.agreements.FULFILLED).toBeGreaterThan(0);
    expect(summary.experiments.RUNNING + summary.experiments.EVALUATED).toBeGreaterThan(0);
  });

  it("shows the reporting authority's administrator the initiatives it stored in the vault", async () => {
    const withInitiative = steps.find(
      (step) =>
        step.kind === 'signal' && step.command.type === 'RecordSignal' && step.initiative !== undefined,
    );
    if (withInitiative?.kind !== 'signal' || !withInitiative.initiative)
      throw new Error('no initiative in the demo');
    const response = await server.graphql<GraphqlBody<{ signal: { initiative: { name: string } } }>>(
      'query ($id: ID!) { signal(id: $id) { initiative { name } } }',
      {
        token: { roles: ['admin'], authority: withInitiative.command.actor.authority },
        variables: { id: withInitiative.signalId },
      },
    );
    expect(response.body.data.signal.initiative.name).toBe(withInitiative.initiative.name);
  });

  it('rebuilds read models equal to the live ones', async () => {
    const head = await server.app.get<symbol, EventStore>(EVENT_STORE).headPosition();
    await server.graphql('{ policyDomains { code } }', {
      token: analyst,
      headers: { 'x-consistent-with': String(head) },
    });
    await server.close();
    const file = join(dataDir, READ_MODELS_FILE);
    const live = new BetterSqlite3(file, { readonly: true });
    const before = dumpReadModels(live);
    live.close();
    expect(before.signals.length).toBe(SIGNALS);

    const output = capture();
    expect(await runCli(['projections', 'rebuild'], env, output)).toBe(0);
    expect(output.text()).toMatch(/Rebuilt all \d+ projections/);
    const rebuilt = new BetterSqlite3(file, { readonly: true });
    const after = dumpReadModels(rebuilt);
    rebuilt.close();
    expect(Object.keys(after)).toEqual(Object.keys(before));
    for (const table of Object.keys(before))
      expect({ table, rows: after[table] }).toEqual({ table, rows: before[table] });
    server = await startTestServer({ env: { DATA_DIR: dataDir }, keepDataDir: true });
  });
});
