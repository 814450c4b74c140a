import { type Actor, type EscalationCommand, escalationDecider, streamIdOf } from '@praktijklus/domain';
import type { Projector } from '@praktijklus/projections';
import type { TokenClaims } from '../libs/testing/src/test-token';
import { PROJECTOR } from '../apps/server/src/projections/projections.tokens';
import {
  AdministrationClient,
  agreementBody,
  analyst,
  amsterdamOfficer,
  decidedAsOf,
  expectProblem,
  headOf,
  ministryAdmin,
  provinceAdmin,
  provinceOfficer,
  signalBody,
  strangerAdmin,
  utrechtAdmin,
  utrechtOfficer,
} from './escalations.fixtures';
import { pdfText } from './support/pdf-text';
import { startTestServer, type TestServer } from './support/test-server';

interface TimelineEntry {
  at: string;
  authority: string;
  entity: string;
  entityId: string;
  type: string;
  summary: string;
}
interface CaseFile {
  id: string;
  title: string;
  authorities: string[];
  timeline: TimelineEntry[];
  waiting: Array<{ authority: string; days: number }>;
}

const DAY = 86_400_000;
const INITIATIVE = { name: 'Buurtcoöperatie De Zonnige Zwaluw', contact: 'jannie.zwaluw@example.org' };
const TITLE = 'Zonnepanelen op monumenten: de Zwaluw-aanvragen';
const UNKNOWN = '0f1e2d3c-4b5a-4697-8877-665544332211';

const actorOf = (claims: TokenClaims): Actor => ({
  sub: claims.sub ?? '',
  authority: claims.authority ?? '',
  roles: claims.roles as Actor['roles'],
});

describe('case files (/api/v1/cases)', () => {
  let server: TestServer;
  let client: AdministrationClient;
  let signalA: string;
  let signalB: string;
  let caseId: string;
  const firstEscalation = '7a1b2c3d-0000-4000-8000-00000000e001';
  const secondEscalation = '7a1b2c3d-0000-4000-8000-00000000e002';
  let agreementId: string;
  // The clock of the escalations written in the past, fixed once so the expected days are exact.
  const base = Date.now();
  const at = (daysAgo: number): string => new Date(base - daysAgo * DAY).toISOString();

  const escalate = async (
    claims: TokenClaims,
    daysAgo: number,
    command: Omit<EscalationCommand, 'actor' | 'now'>,
  ) =>
    decidedAsOf(server, streamIdOf('escalation', command.data.escalationId), escalationDecider, {
      ...command,
      actor: actorOf(claims),
      now: at(daysAgo),
    } as EscalationCommand);

  const projected = async (): Promise<void> => {
    const head = await headOf(server);
    if (head !== undefined) {
      expect(await server.app.get<symbol, Projector>(PROJECTOR).waitFor(head, 10_000)).toBe(true);
    }
  };
  const fileAs = (claims: TokenClaims, id = caseId) =>
    server.request<CaseFile>('GET', `/api/v1/cases/${id}/file`, { token: claims });

  beforeAll(async () => {
    // No reactor: the escalations below are written with past clocks, and a reactor would record
    // their deadlines as passed in between, racing the events whose order and days are tested.
    server = await startTestServer({ env: { ROLES: 'commands,queries,projector' } });
    client = new AdministrationClient(server);
    signalA = await client.recordSignal(utrechtOfficer, { initiative: INITIATIVE });
    signalB = await client.recordSignal(amsterdamOfficer, { authorities: ['gm0363', 'pv26'] });
    const fact = (id: string) => ({ id, exists: true as const, withdrawn: false, duplicateOf: null });
    // Utrecht raises 20 days ago to the province, which acknowledges and hands it to the ministry
    // after 6 days; the ministry decides 8 days later. Amsterdam raises 3 days ago; still open.
    await escalate(utrechtOfficer, 20, {
      type: 'RaiseEscalation',
      data: {
        escalationId: firstEscalation,
        title: 'Zonnepanelen op monumenten',
        reason: 'Bbl en omgevingsplan spreken elkaar tegen.',
        addressedTo: 'pv26',
        respondBy: at(10),
        signals: [fact(signalA)],
      },
    });
    await escalate(provinceAdmin, 18, {
      type: 'AcknowledgeEscalation',
      data: { escalationId: firstEscalation },
    });
    await escalate(provinceAdmin, 14, {
      type: 'TransferEscalation',
      data: { escalationId: firstEscalation, to: 'mnre1171', reason: 'Rijksregel.', respondBy: at(4) },
    });
    await escalate(ministryAdmin, 13, {
      type: 'AcknowledgeEscalation',
      data: { escalationId: firstEscalation },
    });
    await escalate(ministryAdmin, 6, {
      type: 'DecideEscalation',
      data: {
        escalationId: firstEscalation,
        outcome: 'POLICY_ADJUSTED',
        rationale: 'Het Bbl wordt aangepast.',
      },
    });
    await escalate(amsterdamOfficer, 3, {
      type: 'RaiseEscalation',
      data: {
        escalationId: secondEscalation,
        title: 'Zonnepanelen op monumenten in Amsterdam',
        reason: 'Dezelfde tegenstrijdigheid.',
        addressedTo: 'pv26',
        respondBy: new Date(base + 7 * DAY).toISOString(),
        signals: [fact(signalB)],
      },
    });
    agreementId = (
      await client.ok(
        '/api/v1/agreements',
        ministryAdmin,
        agreementBody({ owner: 'mnre1171', parties: ['mnre1171', 'gm0344'], escalationId: firstEscalation }),
        201,
      )
    ).id;
    await projected();
  });

  afterAll(async () => server?.close());

  describe('creating', () => {
    it('lets an administrator of the reporting authority create a case, with Location', async () => {
      const response = await client.post('/api/v1/cases', utrechtAdmin, {
        title: TITLE,
        signalIds: [signalA],
      });
      expect(response.status).toBe(201);
      caseId = response.body.id;
      expect(response.headers.get('location')).toBe(`/api/v1/cases/${caseId}`);
    });

    it('refuses an administrator whose authority reported none of the signals (403), writing nothing', async () => {
      const head = await headOf(server);
      expectProblem(
        await client.post('/api/v1/cases', strangerAdmin, { title: TITLE, signalIds: [signalA] }),
        403,
        'NOT_INVOLVED',
      );
      expectProblem(
        await client.post('/api/v1/cases', utrechtOfficer, { title: TITLE, signalIds: [signalA] }),
        403,
        'ROLE_NOT_ALLOWED',
      );
      expect(await headOf(server)).toBe(head);
    });

    it('refuses unknown signals and bad input with 400, writing nothing', async () => {
      const head = await headOf(server);
      expectProblem(
        await client.post('/api/v1/cases', analyst, { title: TITLE, signalIds: [UNKNOWN] }),
        400,
        'UNKNOWN_SIGNAL',
        'signalIds',
      );
      expect((await client.post('/api/v1/cases', analyst, { title: 'x', signalIds: [signalA] })).status).toBe(
        400,
      );
      expect((await client.post('/api/v1/cases', analyst, { title: TITLE, signalIds: [] })).status).toBe(400);
      expect(
        (await client.post('/api/v1/cases', analyst, { title: TITLE, signalIds: ['nope'] })).status,
      ).toBe(400);
      expect(await headOf(server)).toBe(head);
    });
  });

  describe('visibility', () => {
    it('answers strangers (and the addressed province, no party) 404, as for an unknown id', async () => {
      const unknown = await fileAs(analyst, UNKNOWN);
      expectProblem(unknown, 404, 'CASE_NOT_FOUND');
      for (const claims of [strangerAdmin, provinceAdmin, provinceOfficer, amsterdamOfficer]) {
        const response = await fileAs(claims);
        expectProblem(response, 404, 'CASE_NOT_FOUND');
        expect({ ...(response.body as object), instance: null }).toEqual({
          ...(unknown.body as object),
          instance: null,
        });
        expect(
          (await server.request('GET', `/api/v1/cases/${caseId}/file.pdf`, { token: claims })).status,
        ).toBe(404);
      }
    });

    it('lists the case for its parties and analysts only', async () => {
      const listed = async (claims: TokenClaims) =>
        (await server.request<Array<{ id: string }>>('GET', '/api/v1/cases', { token: claims })).body.map(
          (c) => c.id,
        );
      await projected();
      expect(await listed(utrechtOfficer)).toContain(caseId);
      expect(await listed(analyst)).toContain(caseId);
      expect(await listed(strangerAdmin)).not.toContain(caseId);
    });
  });

  describe('adding signals', () => {
    it('adds a signal, making its reporting authority a party that may now read the file', async () => {
      expectProblem(
        await client.post(`/api/v1/cases/${caseId}/signals`, strangerAdmin, { signalIds: [signalB] }),
        404,
        'CASE_NOT_FOUND',
      );
      const added = await client.post(`/api/v1/cases/${caseId}/signals`, analyst, {
        signalIds: [signalA, signalB],
      });
      expect(added.status).toBe(200);
      expect(added.body.revision).toBe(1);
      expect((await fileAs(amsterdamOfficer)).status).toBe(200);
      expectProblem(
        await client.post(`/api/v1/cases/${caseId}/signals`, analyst, { signalIds: [signalB] }),
        409,
        'SIGNALS_ALREADY_IN_CASE',
      );
    });
  });

  describe('the file', () => {
    let file: CaseFile;
    beforeAll(async () => {
      await projected();
      const response = await fileAs(utrechtOfficer);
      expect(response.status).toBe(200);
      file = response.body;
    });

    it('holds every event of the signals and what they reached, in time order', () => {
      expect(file).toMatchObject({ id: caseId, title: TITLE });
      expect(
        file.timeline.map((entry) => [entry.entity, entry.entityId, entry.type, entry.authority]),
      ).toEqual([
        ['escalation', firstEscalation, 'EscalationRaised', 'gm0344'],
        ['escalation', firstEscalation, 'EscalationAcknowledged', 'pv26'],
        ['escalation', firstEscalation, 'EscalationTransferred', 'pv26'],
        ['escalation', firstEscalation, 'EscalationAcknowledged', 'mnre1171'],
        ['escalation', firstEscalation, 'EscalationDecided', 'mnre1171'],
        ['escalation', secondEscalation, 'EscalationRaised', 'gm0363'],
        ['signal', signalA, 'SignalRecorded', 'gm0344'],
        ['signal', signalB, 'SignalRecorded', 'gm0363'],
        ['agreement', agreementId, 'AgreementMade', 'mnre1171'],
      ]);
      expect(file.timeline[0].at).toBe(at(20));
      expect(file.timeline[4].at).toBe(at(6));
      const times = file.timeline.map((entry) => Date.parse(entry.at));
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(file.timeline[0].summary).toBe(
        `Escalatie door Gemeente Utrecht gericht aan Provincie Utrecht, reactie uiterlijk ${at(10).slice(0, 10)}.`,
      );
    });

    it('names the authorities in the order they first acted or held the matter', () => {
      expect(file.authorities).toEqual(['gm0344', 'pv26', 'mnre1171', 'gm0363']);
    });

    it('counts the days each authority held the matter', () => {
      const now = Date.now();
      // Province: raised until the transfer (20 → 14 days ago), and the open escalation since 3 days ago.
      const province =
        (at(14) === '' ? 0 : Date.parse(at(14)) - Date.parse(at(20))) + (now - Date.parse(at(3)));
      const ministry = Date.parse(at(6)) - Date.parse(at(14));
      const days = (ms: number) => Math.round((ms / DAY) * 10) / 10;
      expect(file.waiting).toEqual([
        { authority: 'pv26', days: days(province) },
        { authority: 'mnre1171', days: days(ministry) },
      ]);
      expect(file.waiting).toEqual([
        { authority: 'pv26', days: 9 },
        { authority: 'mnre1171', days: 8 },
      ]);
    });

    it('shows erased personal data as erased, and never the initiative’s name or contact', async () => {
      expect(JSON.stringify(file)).not.toContain(INITIATIVE.name);
      expect(JSON.stringify(file)).not.toContain(INITIATIVE.contact);
      await client.ok(`/api/v1/signals/${signalA}/erase-personal-data`, utrechtAdmin, {});
      const after = (await fileAs(utrechtAdmin)).body;
      const recorded = after.timeline.find(
        (entry) => entry.entityId === signalA && entry.type === 'SignalRecorded',
      );
      expect(recorded?.summary).toContain('gegevens gewist');
      expect(after.timeline.map((entry) => entry.type)).toContain('SignalPersonalDataErased');
      expect(after.timeline.find((entry) => entry.type === 'SignalPersonalDataErased')?.authority).toBe(
        'gm0344',
      );
    });
  });

  describe('the PDF', () => {
    it('renders the file as a PDF with the title and the authorities’ names', async () => {
      const response = await fetch(`${server.url}/api/v1/cases/${caseId}/file.pdf`, {
        headers: { authorization: `Bearer ${await server.token(analyst)}` },
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/pdf');
      const pdf = Buffer.from(await response.arrayBuffer());
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(pdf.toString('latin1')).toContain('/Producer');
      const text = pdfText(pdf);
      expect(text).toContain(TITLE);
      for (const name of [
        'Gemeente Utrecht',
        'Provincie Utrecht',
        'Ministerie van Volkshuisvesting en Ruimtelijke Ordening',
        'Gemeente Amsterdam',
      ]) {
        expect(text).toContain(name);
      }
      expect(text).toMatch(/Pagina 1 van \d+/);
      expect(text).not.toContain(INITIATIVE.name);
    });
  });

  it('records no signal body as a case (the body is validated whole)', async () => {
    const head = await headOf(server);
    expect(
      (await client.post('/api/v1/cases', analyst, { ...signalBody(), signalIds: [signalA] })).status,
    ).toBe(400);
    expect(await headOf(server)).toBe(head);
  });
});
