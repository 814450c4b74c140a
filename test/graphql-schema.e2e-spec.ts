import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { lexicographicSortSchema, parse, printSchema, validate, type GraphQLSchema } from 'graphql';
import * as webQueries from '../apps/web/src/api/graphql.queries';
import * as navigationQueries from '../apps/web/src/api/navigation.queries';
import { startTestServer, type TestServer } from './support/test-server';

// Each suite boots a server and writes its data set over HTTP; a loaded machine needs more than 5 s.
jest.setTimeout(30_000);

const SCHEMA_FILE = join(__dirname, '../apps/server/schema.gql');
const UPDATE = process.env.UPDATE_GRAPHQL_SCHEMA === '1';

/**
 * The committed schema file is the read side's contract for clients. It must be what the server
 * serves: after changing a resolver or an object type, `npm run schema:update` writes it anew.
 */
describe('the GraphQL schema', () => {
  let server: TestServer;
  let schema: GraphQLSchema;

  beforeAll(async () => {
    server = await startTestServer();
    schema = server.app.get(GraphQLSchemaHost).schema;
  });

  afterAll(async () => {
    await server.close();
  });

  it('is the committed apps/server/schema.gql (npm run schema:update writes it)', () => {
    const served = `${printSchema(lexicographicSortSchema(schema))}\n`;
    if (UPDATE) writeFileSync(SCHEMA_FILE, served);
    const committed = readFileSync(SCHEMA_FILE, 'utf8');
    expect(committed === served ? 'current' : 'stale: run npm run schema:update').toBe('current');
  });

  it('has every query of API.md with its arguments', () => {
    const query = schema.getQueryType();
    const argumentsOf = (name: string): string[] =>
      (query?.getFields()[name]?.args ?? [])
        .map(
          (arg) =>
            `${arg.name}: ${String(arg.type)}${arg.defaultValue === undefined ? '' : ` = ${String(arg.defaultValue)}`}`,
        )
        .sort();
    expect({
      signals: argumentsOf('signals'),
      signal: argumentsOf('signal'),
      signalStats: argumentsOf('signalStats'),
      normConflicts: argumentsOf('normConflicts'),
      escalations: argumentsOf('escalations'),
      escalation: argumentsOf('escalation'),
      escalationBoard: argumentsOf('escalationBoard'),
      accountability: argumentsOf('accountability'),
      feedbackLoop: argumentsOf('feedbackLoop'),
      agreements: argumentsOf('agreements'),
      experiments: argumentsOf('experiments'),
      policyChanges: argumentsOf('policyChanges'),
      policyChange: argumentsOf('policyChange'),
      authorities: argumentsOf('authorities'),
      policyDomains: argumentsOf('policyDomains'),
    }).toEqual({
      signals: [
        'after: String',
        'asOf: String',
        'before: String',
        'descending: Boolean = false',
        'escalated: Boolean',
        'filter: SignalFilter',
        'first: Int',
        'last: Int',
        'norms: [String!]',
        'orderBy: SignalOrder = RECORDED',
        'search: String',
      ],
      signal: ['asOf: String', 'id: ID!'],
      signalStats: [
        'asOf: String',
        'bucket: TimeBucket',
        'filter: SignalFilter',
        'groupBy: [SignalDimension!]!',
      ],
      normConflicts: ['asOf: String', 'filter: SignalFilter', 'first: Int = 20'],
      escalations: [
        'after: String',
        'asOf: String',
        'before: String',
        'descending: Boolean = false',
        'filter: EscalationFilter',
        'first: Int',
        'last: Int',
        'orderBy: EscalationOrder = RESPOND_BY',
        'search: String',
      ],
      escalation: ['asOf: String', 'id: ID!'],
      escalationBoard: ['asOf: String', 'authority: ID', 'raisedBy: ID'],
      accountability: ['asOf: String', 'authority: ID', 'layer: GovernmentLayer'],
      feedbackLoop: ['asOf: String', 'filter: SignalFilter'],
      agreements: [
        'after: String',
        'asOf: String',
        'before: String',
        'filter: AgreementFilter',
        'first: Int',
        'last: Int',
        'search: String',
      ],
      experiments: [
        'after: String',
        'asOf: String',
        'before: String',
        'filter: ExperimentFilter',
        'first: Int',
        'last: Int',
        'search: String',
      ],
      policyChanges: [
        'after: String',
        'asOf: String',
        'before: String',
        'filter: PolicyChangeFilter',
        'first: Int',
        'last: Int',
      ],
      policyChange: ['asOf: String', 'id: ID!'],
      authorities: ['layer: GovernmentLayer'],
      policyDomains: [],
    });
  });

  it("answers every query the web app sends (the web app's documents validate)", () => {
    const documents = Object.entries({
      ...(webQueries as Record<string, unknown>),
      ...(navigationQueries as Record<string, unknown>),
    }).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string' && /^\s*query\b/.test(entry[1]),
    );
    expect(documents.length).toBeGreaterThan(3);
    for (const [name, document] of documents) {
      expect({ name, errors: validate(schema, parse(document)).map((error) => error.message) }).toEqual({
        name,
        errors: [],
      });
    }
  });
});
