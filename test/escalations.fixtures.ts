import type { CommandContext, Decider, DomainEvent } from '@praktijklus/domain';
import { dutchDateOf } from '@praktijklus/domain';
import { handleCommand } from '@praktijklus/commands';
import type { TestResponse } from '../libs/testing/src/http-response';
import type { TestServer } from './support/test-server';
import type { TokenClaims } from '../libs/testing/src/test-token';
import { eventStoreOf, headOf, type ProblemBody, signalBody, type Written } from './signals.fixtures';

export { headOf, type ProblemBody, signalBody, type Written };

// The users of the administrators' tests, one per role and authority the rules tell apart.
export const utrechtOfficer: TokenClaims = {
  sub: 'officer-utrecht',
  roles: ['officer'],
  authority: 'gm0344',
};
export const utrechtAdmin: TokenClaims = { sub: 'admin-utrecht', roles: ['admin'], authority: 'gm0344' };
export const amsterdamOfficer: TokenClaims = {
  sub: 'officer-amsterdam',
  roles: ['officer'],
  authority: 'gm0363',
};
/** Provincie Utrecht: the authority escalations are addressed to. */
export const provinceAdmin: TokenClaims = { sub: 'admin-pv26', roles: ['admin'], authority: 'pv26' };
export const provinceOfficer: TokenClaims = { sub: 'officer-pv26', roles: ['officer'], authority: 'pv26' };
/** Ministerie van VRO: transferred to or involved. */
export const ministryAdmin: TokenClaims = { sub: 'admin-vro', roles: ['admin'], authority: 'mnre1171' };
/** Omgevingsdienst regio Utrecht: involved. */
export const agencyAdmin: TokenClaims = { sub: 'admin-so0697', roles: ['admin'], authority: 'so0697' };
/** Noord-Holland: an authority with nothing to do with the escalations in these tests. */
export const strangerAdmin: TokenClaims = { sub: 'admin-pv27', roles: ['admin'], authority: 'pv27' };
export const analyst: TokenClaims = { sub: 'analyst-bzk', roles: ['analyst'], authority: 'mnre1034' };

export type Path = `/api/v1/${string}`;

export interface HistoryEntry {
  type: string;
  data: Record<string, unknown>;
  revision: number;
  position: string;
  recordedAt: string;
  actor: { sub: string; authority: string; roles: string[] };
  correlationId: string;
}

/**
 * Today in the Netherlands, plus or minus calendar days, as an ISO date. Counted on the calendar,
 * not in 24-hour steps: across a change of summer time those land on another day for an hour.
 */
export const dutchDate = (days = 0): string => {
  const day = new Date(`${dutchDateOf(new Date().toISOString())}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + days);
  return day.toISOString().slice(0, 10);
};

export const inDays = (days: number): string => new Date(Date.now() + days * 86_400_000).toISOString();

/** Requests against one test server, with the tokens above. */
export class AdministrationClient {
  constructor(readonly server: TestServer) {}

  post<T = Written>(
    path: Path,
    token: TokenClaims,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<TestResponse<T>> {
    return this.server.request<T>('POST', path, { token, headers, ...(body === undefined ? {} : { body }) });
  }

  get<T>(path: Path, token: TokenClaims): Promise<TestResponse<T>> {
    return this.server.request<T>('GET', path, { token });
  }

  /** POST that must succeed with the given status; answers the write response. */
  async ok(path: Path, token: TokenClaims, body?: unknown, status = 200): Promise<Written> {
    const response = await this.post(path, token, body);
    if (response.status !== status) {
      throw new Error(`POST ${path} answered ${response.status}: ${response.text}`);
    }
    return response.body;
  }

  /** The stream revision a reader sees now (GET as that reader). */
  async revisionOf(path: Path, token: TokenClaims): Promise<number> {
    const response = await this.get<{ revision: number }>(path, token);
    if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}: ${response.text}`);
    return response.body.revision;
  }

  async recordSignal(
    token: TokenClaims = utrechtOfficer,
    overrides: Record<string, unknown> = {},
  ): Promise<string> {
    return (await this.ok('/api/v1/signals', token, signalBody(overrides), 201)).id;
  }

  async raise(
    signalIds: string[],
    overrides: Record<string, unknown> = {},
    token: TokenClaims = utrechtOfficer,
  ): Promise<string> {
    return (await this.ok('/api/v1/escalations', token, raiseBody(signalIds, overrides), 201)).id;
  }

  /** Raised by Utrecht's officer from a fresh signal, addressed to the province. */
  async raised(overrides: Record<string, unknown> = {}): Promise<string> {
    return this.raise([await this.recordSignal()], overrides);
  }

  async acknowledged(overrides: Record<string, unknown> = {}): Promise<string> {
    const id = await this.raised(overrides);
    await this.ok(`/api/v1/escalations/${id}/acknowledge`, provinceAdmin, {});
    return id;
  }

  async decided(outcome = 'EXPERIMENT_GRANTED'): Promise<string> {
    const id = await this.acknowledged();
    await this.ok(`/api/v1/escalations/${id}/decide`, provinceAdmin, {
      outcome,
      rationale: 'Experimenteerruimte voor drie monumenten; daarna besluiten wij over het beleid.',
    });
    return id;
  }

  async resolved(): Promise<string> {
    const id = await this.decided('POLICY_ADJUSTED');
    await this.ok(`/api/v1/escalations/${id}/resolve`, provinceAdmin, { summary: 'Beleid aangepast.' });
    return id;
  }

  /** An open agreement owned by the province with Utrecht as party. */
  async agreement(overrides: Record<string, unknown> = {}): Promise<string> {
    return (await this.ok('/api/v1/agreements', provinceAdmin, agreementBody(overrides), 201)).id;
  }

  /** A running experiment of the province, answering an escalation it decided EXPERIMENT_GRANTED. */
  async experiment(overrides: Record<string, unknown> = {}): Promise<string> {
    const escalationId = await this.decided();
    return (await this.ok('/api/v1/experiments', provinceAdmin, experimentBody(escalationId, overrides), 201))
      .id;
  }
}

export const raiseBody = (
  signalIds: string[],
  overrides: Record<string, unknown> = {},
): Record<string, unknown> => ({
  signalIds,
  title: 'Zonnepanelen op monumenten: Bbl en omgevingsplan spreken elkaar tegen',
  reason:
    'Twaalf aanvragen lopen vast op dezelfde tegenstrijdigheid; de gemeente kan die niet zelf oplossen.',
  addressedTo: 'pv26',
  ...overrides,
});

export const agreementBody = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  title: 'Monumentenregels aanpassen voor zonnepanelen',
  commitment: 'De provincie legt een voorstel voor aanpassing van de omgevingsverordening voor.',
  owner: 'pv26',
  parties: ['pv26', 'gm0344'],
  dueBy: dutchDate(90),
  firstFollowUpOn: dutchDate(30),
  ...overrides,
});

export const experimentBody = (
  escalationId: string,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> => ({
  escalationId,
  title: 'Pilot zonnepanelen op drie rijksmonumenten in Utrecht',
  hypothesis: 'Panelen die vanaf de straat onzichtbaar zijn, tasten de monumentale waarde niet aan.',
  legalRoute: 'EXPERIMENT_CLAUSE',
  startsOn: dutchDate(7),
  endsOn: dutchDate(372),
  ...overrides,
});

/** A refusal: problem+json with the status and code, naming the field when given. */
export function expectProblem(
  response: TestResponse<unknown>,
  status: number,
  code: string,
  field?: string,
): void {
  const problem = response.body as ProblemBody;
  expect({ status: response.status, code: problem?.code }).toEqual({ status, code });
  expect(response.headers.get('content-type')).toContain('application/problem+json');
  expect(problem.status).toBe(status);
  if (field !== undefined) {
    expect(problem.errors?.map((error) => error.field)).toContain(field);
  }
  expect(response.text).not.toMatch(/at .*\.(ts|js):\d+|node_modules|SQLITE/);
}

/**
 * Runs a command through its decider with a clock in the past, as the server would have then: how
 * a test gets an agreement or experiment that is overdue today without waiting for it.
 */
export async function decidedAsOf<C extends CommandContext, E extends DomainEvent, S>(
  server: TestServer,
  streamId: string,
  decider: Decider<C, E, S>,
  command: C,
): Promise<void> {
  await handleCommand(eventStoreOf(server), streamId, decider, command);
}
