import { startTestServer, type TestServer } from './support/test-server';
import type { TokenClaims } from '../libs/testing/src/test-token';
import {
  AdministrationClient,
  agencyAdmin,
  analyst,
  dutchDate,
  type HistoryEntry,
  ministryAdmin,
  provinceAdmin,
  signalBody,
  utrechtAdmin,
  utrechtOfficer,
  type Written,
} from './escalations.fixtures';

/** One step of the path: who did it, over which route, and what the server answered. */
interface Step {
  actor: TokenClaims;
  path: string;
  written: Written;
  /** The server clock around the request, to check the time history records. */
  sentAt: number;
  answeredAt: number;
}

/**
 * The whole loop from practice to policy over HTTP: an officer's signals become an escalation, the
 * competent authority (after a transfer) grants an experiment and makes a binding agreement, and the
 * histories show who did what when.
 */
describe('the loop from signal to policy, over HTTP on a booted server', () => {
  let server: TestServer;
  let api: AdministrationClient;
  const steps: Step[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    api = new AdministrationClient(server);
  });

  afterAll(async () => {
    await server.close();
  });

  /** POST with a bearer token from the harness; the step must succeed with the status given. */
  async function step(
    actor: TokenClaims,
    path: `/api/v1/${string}`,
    body: unknown,
    status = 200,
  ): Promise<Written> {
    const sentAt = Date.now();
    const response = await api.post(path, actor, body);
    const answeredAt = Date.now();
    if (response.status !== status) throw new Error(`${path} answered ${response.status}: ${response.text}`);
    steps.push({ actor, path, written: response.body, sentAt, answeredAt });
    return response.body;
  }

  async function expectHistory(
    path: `/api/v1/${string}`,
    reader: TokenClaims,
    expected: Array<[type: string, actor: TokenClaims]>,
  ): Promise<HistoryEntry[]> {
    const response = await api.get<HistoryEntry[]>(`${path}/history` as `/api/v1/${string}`, reader);
    expect(response.status).toBe(200);
    expect(response.body.map((entry) => [entry.type, entry.actor.sub, entry.actor.authority])).toEqual(
      expected.map(([type, actor]) => [type, actor.sub, actor.authority]),
    );
    expect(response.body.map((entry) => entry.revision)).toEqual(expected.map((_, index) => index));
    // Each event's time lies within the request that wrote it.
    const ownSteps = steps.filter(
      (s) => s.written.id === response.body[0].data[idFieldOf(response.body[0].type)],
    );
    response.body.forEach((entry, index) => {
      const written = ownSteps.find((s) => s.written.revision === index);
      expect(written).toBeDefined();
      const recordedAt = Date.parse(entry.recordedAt);
      expect(recordedAt).toBeGreaterThanOrEqual((written as Step).sentAt - 1000);
      expect(recordedAt).toBeLessThanOrEqual((written as Step).answeredAt + 1000);
    });
    return response.body;
  }

  it('runs from signals to a closed experiment, a fulfilled agreement and a resolved escalation', async () => {
    // An officer of Utrecht records two signals and raises an escalation to the province.
    const first = await step(utrechtOfficer, '/api/v1/signals', signalBody(), 201);
    const second = await step(
      utrechtOfficer,
      '/api/v1/signals',
      signalBody({ title: 'Zonnepanelen op gemeentelijk monument afgewezen', observedAt: dutchDate(-10) }),
      201,
    );
    const raised = await step(
      utrechtOfficer,
      '/api/v1/escalations',
      {
        signalIds: [first.id, second.id],
        title: 'Zonnepanelen op monumenten: Bbl en omgevingsplan spreken elkaar tegen',
        reason: 'Aanvragen lopen vast op dezelfde tegenstrijdigheid; de gemeente kan die niet zelf oplossen.',
        addressedTo: 'pv26',
      },
      201,
    );
    const escalation = `/api/v1/escalations/${raised.id}` as const;

    // The province acknowledges, involves the environmental service and transfers to the ministry.
    await step(provinceAdmin, `${escalation}/acknowledge`, { note: 'Ontvangen door Gedeputeerde Staten.' });
    await step(provinceAdmin, `${escalation}/involve`, {
      authority: 'so0697',
      reason: 'De omgevingsdienst toetst de aanvragen.',
    });
    await step(provinceAdmin, `${escalation}/transfer`, {
      to: 'mnre1171',
      reason: 'Verkeerd geadresseerd: de energie-eis staat in het Bbl, daarover beslist het Rijk.',
    });
    expect((await api.get(escalation, provinceAdmin)).status).toBe(404);

    // The ministry acknowledges and grants an experiment.
    await step(ministryAdmin, `${escalation}/acknowledge`, {});
    const decided = await step(ministryAdmin, `${escalation}/decide`, {
      outcome: 'EXPERIMENT_GRANTED',
      rationale: 'Met de experimenteerbepaling mogen drie monumenten twee jaar zonnepanelen plaatsen.',
    });
    expect(decided.revision).toBe(5);

    // The experiment runs, is extended, evaluated and closed.
    const started = await step(
      ministryAdmin,
      '/api/v1/experiments',
      {
        escalationId: raised.id,
        title: 'Pilot zonnepanelen op drie monumenten in Utrecht',
        hypothesis: 'Panelen die vanaf de straat onzichtbaar zijn, tasten de monumentale waarde niet aan.',
        legalRoute: 'EXPERIMENT_CLAUSE',
        startsOn: dutchDate(7),
        endsOn: dutchDate(372),
      },
      201,
    );
    const experiment = `/api/v1/experiments/${started.id}` as const;
    await step(ministryAdmin, `${experiment}/extend`, {
      endsOn: dutchDate(550),
      reason: 'Een winterseizoen extra om de opbrengst te meten.',
    });
    await step(ministryAdmin, `${experiment}/evaluate`, {
      conclusion: 'De panelen bleven onzichtbaar vanaf de openbare weg en haalden de energie-eis.',
      policyConsequence: 'ADOPT_IN_POLICY',
      rationale: 'De voorwaarden uit de pilot worden in het Bbl opgenomen.',
    });
    await step(ministryAdmin, `${experiment}/close`, undefined);

    // A binding agreement answers the escalation: two follow-ups, progress, fulfilled.
    const made = await step(
      ministryAdmin,
      '/api/v1/agreements',
      {
        title: 'Bbl aanpassen voor zonnepanelen op monumenten',
        commitment:
          'Het ministerie neemt de voorwaarden uit de pilot op in de volgende wijziging van het Bbl.',
        owner: 'mnre1171',
        parties: ['gm0344', 'so0697'],
        dueBy: dutchDate(180),
        firstFollowUpOn: dutchDate(),
        escalationId: raised.id,
      },
      201,
    );
    const agreement = `/api/v1/agreements/${made.id}` as const;
    await step(utrechtAdmin, `${agreement}/follow-ups`, {
      heldOn: dutchDate(),
      assessment: 'ON_TRACK',
      notes: 'Eerste terugkomgesprek: wijzigingsvoorstel in voorbereiding.',
      nextFollowUpOn: dutchDate(60),
    });
    await step(ministryAdmin, `${agreement}/progress`, {
      percent: 50,
      note: 'Ontwerpbesluit in consultatie.',
    });
    await step(agencyAdmin, `${agreement}/follow-ups`, {
      heldOn: dutchDate(),
      assessment: 'AT_RISK',
      notes: 'Tweede terugkomgesprek: consultatie loopt uit.',
      nextFollowUpOn: dutchDate(90),
    });
    await step(ministryAdmin, `${agreement}/progress`, { percent: 100, note: 'Wijziging gepubliceerd.' });
    await step(ministryAdmin, `${agreement}/fulfil`, {
      result: 'Het gewijzigde Bbl is in werking getreden.',
    });

    // The ministry resolves the escalation.
    const resolved = await step(ministryAdmin, `${escalation}/resolve`, {
      summary: 'Experiment geëvalueerd, Bbl aangepast; afspraak nagekomen.',
    });

    // The current states.
    const finalEscalation = await api.get<Record<string, unknown>>(escalation, utrechtOfficer);
    expect(finalEscalation.body).toMatchObject({
      status: 'RESOLVED',
      signalIds: [first.id, second.id],
      raisedBy: 'gm0344',
      addressedTo: 'mnre1171',
      previousAddressees: ['pv26'],
      involvedAuthorities: ['so0697'],
      outcome: 'EXPERIMENT_GRANTED',
      decidedBy: 'mnre1171',
      revision: resolved.revision,
    });
    expect(finalEscalation.headers.get('etag')).toBe(`"${resolved.revision}"`);
    expect((await api.get<Record<string, unknown>>(experiment, analyst)).body).toMatchObject({
      status: 'CLOSED',
      owner: 'mnre1171',
      escalationId: raised.id,
      endsOn: dutchDate(550),
      evaluation: { policyConsequence: 'ADOPT_IN_POLICY' },
    });
    const finalAgreement = await api.get<Record<string, unknown>>(agreement, analyst);
    expect(finalAgreement.body).toMatchObject({
      status: 'FULFILLED',
      owner: 'mnre1171',
      parties: ['mnre1171', 'gm0344', 'so0697'],
      escalationId: raised.id,
      percent: 100,
      nextFollowUpOn: dutchDate(90),
      overdue: false,
    });
    expect(finalAgreement.body.followUps).toHaveLength(2);

    // The histories show who did each step and when.
    await expectHistory(escalation, utrechtOfficer, [
      ['EscalationRaised', utrechtOfficer],
      ['EscalationAcknowledged', provinceAdmin],
      ['AuthorityInvolved', provinceAdmin],
      ['EscalationTransferred', provinceAdmin],
      ['EscalationAcknowledged', ministryAdmin],
      ['EscalationDecided', ministryAdmin],
      ['EscalationResolved', ministryAdmin],
    ]);
    await expectHistory(experiment, analyst, [
      ['ExperimentStarted', ministryAdmin],
      ['ExperimentExtended', ministryAdmin],
      ['ExperimentEvaluated', ministryAdmin],
      ['ExperimentClosed', ministryAdmin],
    ]);
    await expectHistory(agreement, utrechtOfficer, [
      ['AgreementMade', ministryAdmin],
      ['FollowUpRecorded', utrechtAdmin],
      ['ProgressReported', ministryAdmin],
      ['FollowUpRecorded', agencyAdmin],
      ['ProgressReported', ministryAdmin],
      ['AgreementFulfilled', ministryAdmin],
    ]);

    // The read side has caught up with the same history (read-your-writes on the last position).
    const view = await server.graphql<{
      data: {
        escalation: { status: string; outcome: string; addressedTo: string; previousAddressees: string[] };
      };
    }>(`query ($id: ID!) { escalation(id: $id) { status outcome addressedTo previousAddressees } }`, {
      token: analyst,
      variables: { id: raised.id },
      headers: { 'x-consistent-with': resolved.position },
    });
    expect(view.body.data.escalation).toEqual({
      status: 'RESOLVED',
      outcome: 'EXPERIMENT_GRANTED',
      addressedTo: 'mnre1171',
      previousAddressees: ['pv26'],
    });
  });
});

function idFieldOf(eventType: string): string {
  if (eventType.startsWith('Escalation')) return 'escalationId';
  if (eventType.startsWith('Experiment')) return 'experimentId';
  return 'agreementId';
}
