import { Controller, Get, Post } from '@nestjs/common';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Query, Resolver, ResolveField } from '@nestjs/graphql';
import { Test } from '@nestjs/testing';
import {
  getNamedType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLOutputType,
  type GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
} from 'graphql';
import { Public, Roles, type RouteAccess } from '@praktijklus/auth';
import type { Role } from '@praktijklus/domain';
import { startTestServer, type TestServer } from '../support/test-server';
import type { TestResponse } from '../../libs/testing/src/http-response';
import type { TokenClaims } from '../../libs/testing/src/test-token';
import { WebModule } from '../../apps/server/src/web/web.module';
import {
  AdministrationClient,
  agreementBody,
  dutchDate,
  experimentBody,
  provinceAdmin,
  raiseBody,
  signalBody,
  utrechtOfficer,
} from '../escalations.fixtures';
import {
  discoverGraphqlResolvers,
  discoverRestRoutes,
  schemaOf,
  servedRoutes,
  type GraphqlResolverField,
  type RestRoute,
} from './app-surface.discovery';
import {
  PROBLEM_JSON,
  ROLES,
  STRANGER_AUTHORITY,
  unknownId,
  userOf,
  type ProblemBody,
} from './security.fixtures';

jest.setTimeout(120_000);

/**
 * 'any': every user holding the role, whatever their authority. 'own': only users of the
 * authority that owns the resource for this route; another authority's user gets 403, or 404 when
 * a 403 would tell them that something they cannot read exists.
 */
type Scope = 'any' | 'own';
type Allow = Partial<Record<Role, Scope>>;
type ResourceKind = 'signal' | 'escalation' | 'agreement' | 'experiment';

interface Fixture {
  /** The `:id` of the route. */
  id?: string;
  /** Another signal of the owning authority (to attach, or to mark a duplicate of). */
  signalId?: string;
  /** An escalation decided EXPERIMENT_GRANTED by the owning authority. */
  escalationId?: string;
}

interface RouteRule {
  allow: Allow;
  /** The authority owning the route's resource; users of STRANGER_AUTHORITY are the others. */
  owner: string;
  /** What `:id` names, created fresh for the route so that one route's writes do not steer another's. */
  resource?: ResourceKind;
  prepare: (api: AdministrationClient) => Promise<Fixture>;
  /** A valid body, so that the authority rules behind validation are reached. */
  body?: (fixture: Fixture, caller: TokenClaims) => unknown;
  /** What another authority's user holding an 'own' role gets when not 403/404 (see the rule). */
  otherGets?: number[];
}

const EVERYONE: Allow = { officer: 'any', analyst: 'any', admin: 'any' };
const UTRECHT = 'gm0344';
const PROVINCE = 'pv26';
const INITIATIVE = { name: 'Energiecoöperatie Zonnedak Utrecht', contact: 'info@zonnedak.example' };
/** Named only on the GraphQL test's signal, so a leak anywhere in an answer shows up as text. */
const TRACER = { name: `Buurtinitiatief ${unknownId()}`, contact: `bewoners-${unknownId()}@example.org` };

const signalFixture = async (api: AdministrationClient): Promise<Fixture> => ({
  id: await api.recordSignal(utrechtOfficer, { initiative: INITIATIVE }),
  signalId: await api.recordSignal(),
});
const escalationFixture = async (api: AdministrationClient): Promise<Fixture> => ({
  id: await api.raised(),
  signalId: await api.recordSignal(),
});
const agreementFixture = async (api: AdministrationClient): Promise<Fixture> => ({
  id: await api.agreement(),
});
const experimentFixture = async (api: AdministrationClient): Promise<Fixture> => ({
  id: await api.experiment(),
});
const nothing = async (): Promise<Fixture> => ({});

const onSignal = (allow: Allow, body?: RouteRule['body']): RouteRule => ({
  allow,
  owner: UTRECHT,
  resource: 'signal',
  prepare: signalFixture,
  ...(body ? { body } : {}),
});
/** Escalations are raised by Utrecht and addressed to the province. */
const onEscalation = (owner: string, allow: Allow, body?: RouteRule['body']): RouteRule => ({
  allow,
  owner,
  resource: 'escalation',
  prepare: escalationFixture,
  ...(body ? { body } : {}),
});
/** Agreements and experiments are owned by the province. */
const onAgreement = (allow: Allow, body?: RouteRule['body']): RouteRule => ({
  allow,
  owner: PROVINCE,
  resource: 'agreement',
  prepare: agreementFixture,
  ...(body ? { body } : {}),
});
const onExperiment = (allow: Allow, body?: RouteRule['body']): RouteRule => ({
  allow,
  owner: PROVINCE,
  resource: 'experiment',
  prepare: experimentFixture,
  ...(body ? { body } : {}),
});

/** API.md's "who" column, route by route. A route here whose @Roles differ fails the test. */
const REST_RULES: Record<string, RouteRule> = {
  'POST /api/v1/signals': {
    allow: { officer: 'any' },
    owner: UTRECHT,
    prepare: nothing,
    body: () => signalBody({ initiative: INITIATIVE }),
  },
  'GET /api/v1/signals/:id': onSignal({ officer: 'own', analyst: 'any', admin: 'any' }),
  'GET /api/v1/signals/:id/history': onSignal({ officer: 'own', analyst: 'any', admin: 'any' }),
  'PATCH /api/v1/signals/:id': onSignal({ officer: 'own' }, () => ({
    title: 'Zonnepanelen op monumenten: aangevuld na overleg',
  })),
  'POST /api/v1/signals/:id/withdraw': onSignal({ officer: 'own' }, () => ({ reason: 'Dubbel gemeld.' })),
  'POST /api/v1/signals/:id/classify': onSignal({ analyst: 'any' }, () => ({ themes: ['zonne-energie'] })),
  'POST /api/v1/signals/:id/duplicate-of': onSignal({ analyst: 'any' }, (fixture) => ({
    signalId: fixture.signalId,
  })),
  // Issue 6: erasure is an administrators' route, open to every authority's administrator (issue 21 narrowed reading only).
  'POST /api/v1/signals/:id/erase-personal-data': onSignal({ admin: 'any' }),

  'POST /api/v1/escalations': {
    allow: { officer: 'any', admin: 'any' },
    owner: UTRECHT,
    prepare: async (api) => ({ signalId: await api.recordSignal() }),
    body: (fixture) => raiseBody([fixture.signalId ?? '']),
  },
  'GET /api/v1/escalations/:id': onEscalation(UTRECHT, { officer: 'own', analyst: 'any', admin: 'own' }),
  'GET /api/v1/escalations/:id/history': onEscalation(UTRECHT, {
    officer: 'own',
    analyst: 'any',
    admin: 'own',
  }),
  'POST /api/v1/escalations/:id/acknowledge': onEscalation(PROVINCE, { admin: 'own' }, () => ({
    note: 'Wij pakken dit op.',
  })),
  'POST /api/v1/escalations/:id/involve': onEscalation(PROVINCE, { admin: 'own' }, () => ({
    authority: 'mnre1171',
    reason: 'Het Rijk gaat over het Bbl.',
  })),
  'POST /api/v1/escalations/:id/signals': onEscalation(
    UTRECHT,
    { officer: 'own', admin: 'own' },
    (fixture) => ({ signalIds: [fixture.signalId] }),
  ),
  'POST /api/v1/escalations/:id/transfer': onEscalation(PROVINCE, { admin: 'own' }, () => ({
    to: 'mnre1171',
    reason: 'Het Rijk is bevoegd.',
  })),
  'POST /api/v1/escalations/:id/decide': onEscalation(PROVINCE, { admin: 'own' }, () => ({
    outcome: 'NO_CHANGE',
    rationale: 'De regels laten al ruimte.',
  })),
  'POST /api/v1/escalations/:id/resolve': onEscalation(PROVINCE, { admin: 'own' }, () => ({
    summary: 'Afgehandeld.',
  })),
  'POST /api/v1/escalations/:id/reopen': onEscalation(UTRECHT, { officer: 'own', admin: 'own' }, () => ({
    reason: 'Het besluit lost het knelpunt niet op.',
  })),

  'POST /api/v1/agreements': {
    allow: { admin: 'any' },
    owner: PROVINCE,
    prepare: nothing,
    // An authority binds itself: every administrator makes one with their own authority as owner.
    body: (_fixture, caller) => agreementBody({ owner: caller.authority, parties: [caller.authority] }),
  },
  // Agreements and experiments are public accountability: every role of every authority reads them.
  'GET /api/v1/agreements/:id': onAgreement(EVERYONE),
  'GET /api/v1/agreements/:id/history': onAgreement(EVERYONE),
  'POST /api/v1/agreements/:id/progress': onAgreement({ admin: 'own' }, () => ({
    percent: 40,
    note: 'Voorstel in concept.',
  })),
  'POST /api/v1/agreements/:id/follow-ups': onAgreement({ admin: 'own' }, () => ({
    heldOn: dutchDate(),
    assessment: 'ON_TRACK',
    notes: 'Terugkomgesprek gehouden.',
  })),
  'POST /api/v1/agreements/:id/fulfil': onAgreement({ admin: 'own' }, () => ({
    result: 'Verordening aangepast.',
  })),
  'POST /api/v1/agreements/:id/unmet': onAgreement({ admin: 'own' }, () => ({ reason: 'Geen meerderheid.' })),
  'POST /api/v1/agreements/:id/cancel': onAgreement({ admin: 'own' }, () => ({
    reason: 'Ingehaald door wet.',
  })),

  'POST /api/v1/experiments': {
    allow: { admin: 'own' },
    owner: PROVINCE,
    prepare: async (api) => ({ escalationId: await api.decided() }),
    body: (fixture) => experimentBody(fixture.escalationId ?? ''),
    // The escalation named in the body is not theirs to see: the same 400 as an unknown one.
    otherGets: [400, 403, 404],
  },
  'GET /api/v1/experiments/:id': onExperiment(EVERYONE),
  'GET /api/v1/experiments/:id/history': onExperiment(EVERYONE),
  'POST /api/v1/experiments/:id/extend': onExperiment({ admin: 'own' }, () => ({
    endsOn: dutchDate(500),
    reason: 'Een winter extra meten.',
  })),
  'POST /api/v1/experiments/:id/evaluate': onExperiment({ admin: 'own' }, () => ({
    conclusion: 'De panelen bleven onzichtbaar.',
    policyConsequence: 'ADOPT_IN_POLICY',
    rationale: 'De voorwaarden gaan in de verordening.',
  })),
  'POST /api/v1/experiments/:id/close': onExperiment({ admin: 'own' }),
};

/** The only routes anyone may call without a token. A new @Public route must be added here on purpose. */
const PUBLIC_ROUTES = new Set([
  'GET /health',
  'GET /ready',
  'GET /api/v1/auth/config',
  'GET /api/v1/dev/authorities',
  'POST /api/v1/dev/token',
  // Issue 17: an initiative follows its own case by the unguessable token in its link.
  'GET /api/v1/follow/:token',
]);

/** Served by Fastify plugins rather than Nest controllers: OpenAPI documents and the GraphQL endpoint. */
const NON_CONTROLLER_ROUTES = [/^GET \/api\/docs(\S*)$/, /^(GET|POST|OPTIONS) \/graphql$/];

type Caller = { user: TokenClaims; role: Role; authority: string } | undefined;
type Expected = 'unauthenticated' | 'role-denied' | 'other-authority' | 'allowed';

const callersFor = (owner: string): Caller[] => [
  undefined,
  ...[owner, STRANGER_AUTHORITY].flatMap((authority) =>
    ROLES.map((role) => ({ user: userOf(role, authority), role, authority })),
  ),
];

function expectedFor(allow: Allow, owner: string, caller: Caller): Expected {
  if (caller === undefined) return 'unauthenticated';
  const scope = allow[caller.role];
  if (scope === undefined) return 'role-denied';
  return scope === 'any' || caller.authority === owner ? 'allowed' : 'other-authority';
}

// Denials first: an allowed write may change the resource (e.g. transfer it) for those after it.
const ORDER: Record<Expected, number> = {
  unauthenticated: 0,
  'role-denied': 1,
  'other-authority': 2,
  allowed: 3,
};

const describeCaller = (caller: Caller): string =>
  caller === undefined ? 'anonymous' : `${caller.role} of ${caller.authority}`;

const rolesOf = (access: RouteAccess): string[] => (access.kind === 'roles' ? [...access.roles].sort() : []);

@Controller('api/v1/probes')
class ProbeController {
  @Get(':id')
  @Roles('analyst')
  read(): string {
    return 'read';
  }

  @Post(':id/forgotten')
  forgotten(): string {
    return 'reached';
  }

  @Get()
  @Public()
  open(): string {
    return 'open';
  }
}

@Resolver('Probe')
class ProbeResolver {
  @Query(() => String, { name: 'probes' })
  @Roles('admin')
  list(): string {
    return 'probes';
  }

  @Query(() => String)
  forgottenQuery(): string {
    return 'reached';
  }

  @ResolveField(() => String)
  secret(): string {
    return 'secret';
  }
}

describe('route and resolver discovery (what the matrix relies on)', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      controllers: [ProbeController],
      providers: [ProbeResolver],
    }).compile();
    app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), { logger: false });
    await app.init();
  });

  afterAll(async () => {
    await app.close();
  });

  it('reports each route with its access, an unannotated one as such', () => {
    expect(discoverRestRoutes(app).map((route) => [route.key, route.access])).toEqual([
      ['GET /api/v1/probes', { kind: 'public' }],
      ['GET /api/v1/probes/:id', { kind: 'roles', roles: ['analyst'] }],
      ['POST /api/v1/probes/:id/forgotten', { kind: 'unannotated' }],
    ]);
    expect(servedRoutes(app)).toEqual([
      'GET /api/v1/probes',
      'GET /api/v1/probes/:id',
      'POST /api/v1/probes/:id/forgotten',
    ]);
  });

  it('reports each query and field resolver with its access, an unannotated one as such', () => {
    expect(discoverGraphqlResolvers(app).map((field) => [field.key, field.access])).toEqual([
      ['Probe.secret', { kind: 'unannotated' }],
      ['Query.forgottenQuery', { kind: 'unannotated' }],
      ['Query.probes', { kind: 'roles', roles: ['admin'] }],
    ]);
  });
});

describe('authorisation matrix (every route and query, every role, own and other authority)', () => {
  let server: TestServer;
  let api: AdministrationClient;
  let routes: Map<string, RestRoute>;
  let resolvers: Map<string, GraphqlResolverField>;
  let schema: GraphQLSchema;

  beforeAll(async () => {
    // As main.ts mounts it, without the static web app.
    server = await startTestServer({ modules: [WebModule.forRoot({ serveStatic: false })] });
    api = new AdministrationClient(server);
    routes = new Map(discoverRestRoutes(server.app).map((route) => [route.key, route]));
    resolvers = new Map(discoverGraphqlResolvers(server.app).map((field) => [field.key, field]));
    schema = schemaOf(server.app);
  });

  afterAll(async () => {
    await server.close();
  });

  describe('REST', () => {
    it('finds the routes the server serves, and every one of them is a controller route or a known plugin route', () => {
      const discovered = new Set(routes.keys());
      expect(discovered.size).toBeGreaterThanOrEqual(Object.keys(REST_RULES).length);
      const unexplained = servedRoutes(server.app).filter(
        (route) => !discovered.has(route) && !NON_CONTROLLER_ROUTES.some((pattern) => pattern.test(route)),
      );
      expect(unexplained).toEqual([]);
    });

    it('has a role annotation on every route (unannotated routes are denied to everyone, and fail here)', () => {
      const unannotated = [...routes.values()]
        .filter((route) => route.access.kind === 'unannotated')
        .map((route) => `${route.key} (${route.handler})`);
      expect(unannotated).toEqual([]);
    });

    it('opens only the known public routes without a token', () => {
      const open = [...routes.values()].filter((route) => route.access.kind === 'public').map((r) => r.key);
      expect(open.filter((key) => !PUBLIC_ROUTES.has(key))).toEqual([]);
    });

    it('annotates every route of API.md with exactly the roles API.md names', () => {
      const mismatches = Object.entries(REST_RULES).flatMap(([key, rule]) => {
        const route = routes.get(key);
        const expected = Object.keys(rule.allow).sort();
        if (route === undefined) return [`${key}: not served`];
        const actual = rolesOf(route.access);
        return JSON.stringify(actual) === JSON.stringify(expected)
          ? []
          : [`${key}: @Roles(${actual.join(', ')}) but API.md allows ${expected.join(', ')}`];
      });
      expect(mismatches).toEqual([]);
    });

    it('answers public routes without a token', async () => {
      const violations: string[] = [];
      for (const key of PUBLIC_ROUTES) {
        const route = routes.get(key);
        if (route === undefined) continue;
        const response = await server.request(route.method, route.path, {
          ...(route.method === 'POST'
            ? { body: { sub: 'dev-1', roles: ['officer'], authority: UTRECHT } }
            : {}),
        });
        if ([401, 403].includes(response.status) || response.status >= 500) {
          violations.push(`${key}: ${response.status}`);
        }
      }
      expect(violations).toEqual([]);
    });

    it.each(Object.keys(REST_RULES))('%s answers every caller as API.md prescribes', async (key) => {
      const rule = REST_RULES[key];
      const route = routes.get(key);
      expect(route).toBeDefined();
      if (route === undefined) return;
      expect(await checkRoute(route, rule)).toEqual([]);
    });

    it('applies @Roles to every role-annotated route outside the table (new routes are covered too)', async () => {
      const violations: string[] = [];
      for (const route of routes.values()) {
        if (REST_RULES[route.key] !== undefined || route.access.kind !== 'roles') continue;
        const allow: Allow = Object.fromEntries(route.access.roles.map((role) => [role, 'any' as Scope]));
        const fixture = await fixtureForPath(route.path);
        for (const caller of callersFor(UTRECHT)) {
          const expected = expectedFor(allow, UTRECHT, caller);
          const response = await call(route, fixture, caller, {});
          // Without knowing the owner, an allowed role only must not be refused for its role.
          const problem = response.body as ProblemBody | undefined;
          const refusedForRole = response.status === 403 && problem?.code === 'ROLE_NOT_ALLOWED';
          const ok =
            expected === 'unauthenticated'
              ? response.status === 401
              : expected === 'role-denied'
                ? refusedForRole
                : response.status !== 401 && !refusedForRole && response.status < 500;
          if (!ok) violations.push(`${route.key} as ${describeCaller(caller)}: ${response.status}`);
        }
      }
      expect(violations).toEqual([]);
    });
  });

  /** Calls the route as every caller and lists what does not match the rule. */
  async function checkRoute(route: RestRoute, rule: RouteRule): Promise<string[]> {
    const fixture = await rule.prepare(api);
    const violations: string[] = [];
    const callers = callersFor(rule.owner)
      .map((caller) => ({ caller, expected: expectedFor(rule.allow, rule.owner, caller) }))
      .sort((a, b) => ORDER[a.expected] - ORDER[b.expected]);

    for (const { caller, expected } of callers) {
      const body = rule.body?.(fixture, caller?.user ?? userOf('officer', rule.owner));
      const response = await call(route, fixture, caller, body);
      const who = `${route.key} as ${describeCaller(caller)} (${expected})`;
      const got = `${response.status} ${response.text.slice(0, 160)}`;
      const problem = response.body as ProblemBody | undefined;
      const isProblem = (response.headers.get('content-type') ?? '').includes(PROBLEM_JSON);

      if (response.status >= 500) {
        violations.push(`${who}: ${got}`);
        continue;
      }
      if (response.status >= 400 && !isProblem) violations.push(`${who}: not problem+json: ${got}`);

      switch (expected) {
        case 'unauthenticated':
          if (response.status !== 401 || problem?.code !== 'UNAUTHENTICATED')
            violations.push(`${who}: ${got}`);
          if (!(response.headers.get('www-authenticate') ?? '').startsWith('Bearer')) {
            violations.push(`${who}: no WWW-Authenticate challenge`);
          }
          break;
        case 'role-denied':
          if (response.status !== 403 || problem?.code !== 'ROLE_NOT_ALLOWED')
            violations.push(`${who}: ${got}`);
          break;
        case 'other-authority': {
          if (!(rule.otherGets ?? [403, 404]).includes(response.status)) violations.push(`${who}: ${got}`);
          // Someone who cannot read the resource must not learn it exists: same answer as for no resource.
          if (rule.resource !== undefined && fixture.id !== undefined && caller !== undefined) {
            const readable = await mayRead(rule.resource, fixture.id, caller.user);
            if (!readable) {
              const absent = await call(route, { ...fixture, id: unknownId() }, caller, body);
              const absentCode = (absent.body as ProblemBody | undefined)?.code;
              if (absent.status !== response.status || absentCode !== problem?.code) {
                violations.push(
                  `${who}: reveals existence: ${response.status} ${problem?.code} for the resource, ` +
                    `${absent.status} ${absentCode} for none`,
                );
              }
            }
          }
          break;
        }
        case 'allowed':
          if ([401, 403, 404].includes(response.status)) violations.push(`${who}: ${got}`);
          break;
        default: {
          const unreachable: never = expected;
          throw new Error(`unknown expectation ${String(unreachable)}`);
        }
      }
    }
    return violations;
  }

  function call(
    route: RestRoute,
    fixture: Fixture,
    caller: Caller,
    body: unknown,
  ): Promise<TestResponse<unknown>> {
    const path = route.path.replace(':id', fixture.id ?? unknownId());
    return server.request(route.method, path, {
      ...(caller === undefined ? {} : { token: caller.user }),
      ...(body === undefined || route.method === 'GET' ? {} : { body }),
    });
  }

  async function mayRead(kind: ResourceKind, id: string, user: TokenClaims): Promise<boolean> {
    return (await server.request('GET', `/api/v1/${kind}s/${id}`, { token: user })).status === 200;
  }

  /** A resource for a route outside the table, guessed from its path. */
  async function fixtureForPath(path: string): Promise<Fixture> {
    if (!path.includes(':id')) return {};
    if (path.startsWith('/api/v1/signals/')) return signalFixture(api);
    if (path.startsWith('/api/v1/escalations/')) return escalationFixture(api);
    if (path.startsWith('/api/v1/agreements/')) return agreementFixture(api);
    if (path.startsWith('/api/v1/experiments/')) return experimentFixture(api);
    return { id: unknownId() };
  }

  describe('GraphQL', () => {
    /** API.md's queries; `own` for officers: only what their authority reported or is party to. */
    const GRAPHQL_RULES: Record<string, { allow: Allow; owner?: string }> = {
      'Query.signals': { allow: EVERYONE },
      'Query.signal': { allow: { officer: 'own', analyst: 'any', admin: 'any' }, owner: UTRECHT },
      'Query.signalStats': { allow: EVERYONE },
      'Query.normConflicts': { allow: EVERYONE },
      'Query.escalations': { allow: EVERYONE },
      // API.md: an escalation is read by the authorities involved and by analysts, as over REST.
      'Query.escalation': { allow: { officer: 'own', analyst: 'any', admin: 'own' }, owner: UTRECHT },
      'Query.escalationBoard': { allow: EVERYONE },
      'Query.accountability': { allow: EVERYONE },
      'Query.feedbackLoop': { allow: EVERYONE },
      'Query.agreements': { allow: EVERYONE },
      'Query.agreement': { allow: EVERYONE },
      'Query.experiments': { allow: EVERYONE },
      'Query.experiment': { allow: EVERYONE },
      'Query.policyChanges': { allow: EVERYONE },
      'Query.policyChange': { allow: EVERYONE },
      'Query.authorities': { allow: EVERYONE },
      'Query.policyDomains': { allow: EVERYONE },
    };
    /** Fields carrying personal data, and who sees them: the reporting authority's officers and administrators. */
    const PERSONAL_DATA: Record<string, { allow: Allow; owner: string }> = {
      'Signal.initiative': { allow: { officer: 'own', admin: 'own' }, owner: UTRECHT },
    };

    const ids: Partial<Record<string, string>> = {};

    beforeAll(async () => {
      ids.signal = await api.recordSignal(utrechtOfficer, { initiative: TRACER });
      ids.escalation = await api.raise([ids.signal]);
      ids.agreement = await api.agreement();
      ids.experiment = await api.experiment();
      ids.policyChange = (
        await api.ok(
          '/api/v1/policy-changes',
          provinceAdmin,
          {
            title: 'Monumentenregels aangepast',
            description: 'Zonnepanelen onder voorwaarden toegestaan.',
            policyDomain: 'heritage',
            norms: [{ ref: 'Bbl art. 4.101' }],
            effectiveOn: '2026-01-01',
            escalationIds: [await api.decided('POLICY_ADJUSTED')],
          },
          201,
        )
      ).id;
      // Wait until every read model holds what was written above.
      const last = await api.post<{ position: string }>('/api/v1/signals', utrechtOfficer, signalBody());
      const settled = await server.graphql('{ policyDomains { code } }', {
        token: utrechtOfficer,
        headers: { 'x-consistent-with': last.body.position },
      });
      expect(settled.status).toBe(200);
    });

    it('has no mutations or subscriptions: writes go through REST, which the matrix above covers', () => {
      expect(schema.getMutationType() ?? null).toBeNull();
      expect(schema.getSubscriptionType() ?? null).toBeNull();
    });

    it('has a resolver with a role annotation behind every query field', () => {
      const queryFields = Object.keys(schema.getQueryType()?.getFields() ?? {}).map(
        (name) => `Query.${name}`,
      );
      expect(queryFields.filter((key) => !resolvers.has(key))).toEqual([]);
      const unannotated = [...resolvers.values()]
        .filter((field) => field.access.kind !== 'roles')
        .map((field) => `${field.key} (${field.handler}): ${field.access.kind}`);
      expect(unannotated).toEqual([]);
    });

    it('annotates every query of API.md with exactly the roles API.md names', () => {
      const rules = { ...GRAPHQL_RULES, ...PERSONAL_DATA };
      const mismatches = Object.entries(rules).flatMap(([key, rule]) => {
        const field = resolvers.get(key);
        if (field === undefined) return [`${key}: not in the schema`];
        const expected = Object.keys(rule.allow).sort();
        const actual = rolesOf(field.access);
        return JSON.stringify(actual) === JSON.stringify(expected)
          ? []
          : [`${key}: @Roles(${actual.join(', ')}) but the rule allows ${expected.join(', ')}`];
      });
      expect(mismatches).toEqual([]);
    });

    it('knows every field that carries personal data (any field of the Initiative type)', () => {
      const found: string[] = [];
      for (const type of Object.values(schema.getTypeMap())) {
        if (!isObjectType(type) || type.name.startsWith('__')) continue;
        for (const field of Object.values(type.getFields())) {
          if (getNamedType(field.type).name === 'Initiative') found.push(`${type.name}.${field.name}`);
        }
      }
      expect(found.sort()).toEqual(Object.keys(PERSONAL_DATA).sort());
    });

    it('answers every query to every caller as its rule (or, for a new query, its @Roles) prescribes', async () => {
      const violations: string[] = [];
      const queryType = schema.getQueryType();
      for (const field of Object.values(queryType?.getFields() ?? {})) {
        const key = `Query.${field.name}`;
        const rule = GRAPHQL_RULES[key] ?? ruleFromMetadata(resolvers.get(key));
        const owner = rule.owner ?? UTRECHT;
        const document = `{ result: ${field.name}${argumentsOf(field)} ${selectionOf(field.type, 3)} }`;
        for (const caller of callersFor(owner)) {
          const expected = expectedFor(rule.allow, owner, caller);
          const response = await server.graphql<GraphqlAnswer>(document, {
            ...(caller === undefined ? {} : { token: caller.user }),
          });
          const who = `${key} as ${describeCaller(caller)} (${expected})`;
          const codes = (response.body?.errors ?? []).map((error) => error.extensions?.code);
          const result = response.body?.data?.result;
          const got = `${response.status} ${response.text.slice(0, 200)}`;
          const ok =
            response.status < 500 &&
            (expected === 'unauthenticated'
              ? codes.includes('UNAUTHENTICATED') && (result ?? null) === null
              : expected === 'role-denied'
                ? codes.includes('FORBIDDEN') && (result ?? null) === null
                : expected === 'other-authority'
                  ? codes.length === 0 && result === null
                  : codes.length === 0 && result !== null && result !== undefined);
          if (!ok) violations.push(`${who}: ${got}`);
        }
      }
      expect(violations).toEqual([]);
    });

    it("narrows officers' signal and escalation lists to their own authority", async () => {
      const list = `{
        signals(first: 100) { edges { node { id reportingAuthority } } }
        escalations(first: 100) { edges { node { id raisedBy addressedTo involvedAuthorities } } }
      }`;
      const stranger = await server.graphql<GraphqlAnswer<SignalAndEscalationLists>>(list, {
        token: userOf('officer', STRANGER_AUTHORITY),
      });
      expect(stranger.body.errors).toBeUndefined();
      // The matrix above had this officer record signals of their own; none of Utrecht's may show.
      const strangerSignals = stranger.body.data?.signals.edges ?? [];
      expect(strangerSignals.filter((edge) => edge.node.reportingAuthority !== STRANGER_AUTHORITY)).toEqual(
        [],
      );
      expect(strangerSignals.map((edge) => edge.node.id)).not.toContain(ids.signal);
      const strangerEscalations = stranger.body.data?.escalations.edges ?? [];
      const parties = (node: EscalationNode) => [
        node.raisedBy,
        node.addressedTo,
        ...node.involvedAuthorities,
      ];
      expect(strangerEscalations.filter((edge) => !parties(edge.node).includes(STRANGER_AUTHORITY))).toEqual(
        [],
      );
      expect(strangerEscalations.map((edge) => edge.node.id)).not.toContain(ids.escalation);

      const own = await server.graphql<GraphqlAnswer<SignalAndEscalationLists>>(list, {
        token: userOf('officer', UTRECHT),
      });
      const signalIds = own.body.data?.signals.edges.map((edge) => edge.node.id) ?? [];
      expect(signalIds).toContain(ids.signal);
      expect(own.body.data?.signals.edges.every((edge) => edge.node.reportingAuthority === UTRECHT)).toBe(
        true,
      );
      expect(own.body.data?.escalations.edges.map((edge) => edge.node.id)).toContain(ids.escalation);
    });

    it('shows an escalation in GraphQL, alone and in lists, to exactly the callers REST lets read it', async () => {
      const escalationId = ids.escalation ?? '';
      const disagreements: string[] = [];
      for (const role of ['officer', 'analyst', 'admin'] as const) {
        for (const authority of [UTRECHT, PROVINCE, STRANGER_AUTHORITY]) {
          const user = userOf(role, authority);
          const rest = await mayRead('escalation', escalationId, user);
          const answer = await server.graphql<
            GraphqlAnswer<{
              escalation: { id: string } | null;
              escalations: { edges: Array<{ node: { id: string } }> };
            }>
          >(
            `{ escalation(id: "${escalationId}") { id } escalations(first: 100) { edges { node { id } } } }`,
            { token: user },
          );
          const one = answer.body.data?.escalation?.id === escalationId;
          const listed = (answer.body.data?.escalations.edges ?? []).some(
            (edge) => edge.node.id === escalationId,
          );
          // Raised by Utrecht, addressed to the province: a party, or an analyst.
          const party = authority !== STRANGER_AUTHORITY || role === 'analyst';
          if (rest !== party || one !== party || listed !== party) {
            disagreements.push(`${role} of ${authority}: REST ${rest}, escalation ${one}, listed ${listed}`);
          }
        }
      }
      expect(disagreements).toEqual([]);
    });

    it.each(Object.keys(PERSONAL_DATA))(
      "%s: shown to the reporting authority's officers and administrators, FORBIDDEN to others, in one signal and in lists",
      async (key) => {
        const rule = PERSONAL_DATA[key];
        const violations: string[] = [];
        const one = `{ signal(id: "${ids.signal}") { id initiative { name contact } } }`;
        const many = `{ signals(first: 100) { edges { node { id reportingAuthority initiative { name } } } } }`;
        for (const caller of callersFor(rule.owner)) {
          const expected = expectedFor(rule.allow, rule.owner, caller);
          const who = `${key} as ${describeCaller(caller)} (${expected})`;
          const single = await server.graphql<GraphqlAnswer<{ signal: InitiativeHolder | null }>>(one, {
            ...(caller === undefined ? {} : { token: caller.user }),
          });
          const codes = (single.body.errors ?? []).map((error) => error.extensions?.code);
          const signal = single.body.data?.signal ?? null;
          const sees = signal?.initiative?.name === TRACER.name;
          const canReadSignal =
            caller !== undefined && (caller.role !== 'officer' || caller.authority === UTRECHT);
          const ok =
            expected === 'unauthenticated'
              ? codes.includes('UNAUTHENTICATED') && !sees
              : expected === 'allowed'
                ? sees && codes.length === 0
                : !sees &&
                  (canReadSignal
                    ? signal?.id === ids.signal &&
                      codes.includes('FORBIDDEN') &&
                      single.body.errors?.some((error) => error.path?.join('.') === 'signal.initiative') ===
                        true
                    : signal === null);
          if (!ok) violations.push(`${who}: ${single.text.slice(0, 300)}`);
          if (single.text.includes(TRACER.contact) && !sees) violations.push(`${who}: contact leaked`);

          if (caller === undefined) continue;
          const list = await server.graphql<GraphqlAnswer<{ signals: SignalList }>>(many, {
            token: caller.user,
          });
          for (const edge of list.body.data?.signals.edges ?? []) {
            const shown = edge.node.initiative !== null && edge.node.initiative !== undefined;
            const mayShow = caller.role === 'admin' || edge.node.reportingAuthority === caller.authority;
            if (shown && !mayShow) violations.push(`${who}: list shows ${edge.node.id}'s initiative`);
          }
          if (expected !== 'allowed' && list.text.includes(TRACER.name)) {
            violations.push(`${who}: the list carries the initiative's name`);
          }
        }
        expect(violations).toEqual([]);
      },
    );

    /** Required arguments, filled with the test's own resources where a query asks for one by id. */
    function argumentsOf(field: GraphQLField<unknown, unknown>): string {
      const required = field.args.filter((arg) => isNonNullType(arg.type) && arg.defaultValue === undefined);
      if (required.length === 0) return '';
      return `(${required.map((arg) => `${arg.name}: ${literalOf(arg.type, ids[field.name])}`).join(', ')})`;
    }
  });
});

interface GraphqlAnswer<T = { result?: unknown }> {
  data?: T | null;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: { code?: string } }>;
}

interface InitiativeHolder {
  id: string;
  reportingAuthority?: string;
  initiative?: { name: string | null; contact?: string | null } | null;
}

interface SignalList {
  edges: Array<{ node: InitiativeHolder }>;
}

interface EscalationNode {
  id: string;
  raisedBy: string;
  addressedTo: string;
  involvedAuthorities: string[];
}

interface SignalAndEscalationLists {
  signals: { edges: Array<{ node: { id: string; reportingAuthority: string } }> };
  escalations: { edges: Array<{ node: EscalationNode }> };
}

function ruleFromMetadata(field: GraphqlResolverField | undefined): { allow: Allow; owner?: string } {
  const roles = field?.access.kind === 'roles' ? field.access.roles : [];
  return { allow: Object.fromEntries(roles.map((role) => [role, 'any' as Scope])) };
}

/** A small selection of a type: its scalar fields, and those of its object fields down to `depth`. */
function selectionOf(type: GraphQLOutputType, depth: number): string {
  const named = getNamedType(type);
  if (isLeafType(named)) return '';
  if (!isObjectType(named)) return '{ __typename }';
  const parts: string[] = [];
  for (const field of Object.values(named.getFields())) {
    if (field.args.some((arg) => isNonNullType(arg.type) && arg.defaultValue === undefined)) continue;
    const inner = getNamedType(field.type);
    // Personal data has its own test; here it would only add expected FORBIDDEN errors.
    if (inner.name === 'Initiative') continue;
    if (isLeafType(inner)) parts.push(field.name);
    else if (depth > 0) parts.push(`${field.name} ${selectionOf(field.type, depth - 1)}`);
  }
  return `{ ${parts.length > 0 ? parts.join(' ') : '__typename'} }`;
}

/** A literal of an input type: the given id for IDs, the first value of enums, one of each list. */
function literalOf(type: GraphQLInputType, id: string | undefined): string {
  if (isNonNullType(type)) return literalOf(type.ofType, id);
  if (isListType(type)) return `[${literalOf(type.ofType, id)}]`;
  if (isEnumType(type)) return type.getValues()[0]?.name ?? 'null';
  if (isInputObjectType(type)) {
    const required = Object.values(type.getFields()).filter(
      (field) => isNonNullType(field.type) && field.defaultValue === undefined,
    );
    return `{ ${required.map((field) => `${field.name}: ${literalOf(field.type, id)}`).join(', ')} }`;
  }
  if (isScalarType(type)) {
    switch (type.name) {
      case 'ID':
        return JSON.stringify(id ?? unknownId());
      case 'Int':
      case 'Float':
        return '1';
      case 'Boolean':
        return 'true';
      default:
        return '"x"';
    }
  }
  return 'null';
}
