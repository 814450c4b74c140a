import { buildSchema, Kind, parse, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { requestWeight } from './request-weight.plugin';

const schema = buildSchema(`
  input Filter { values: [String!] }
  type Query { signalStats(groupBy: [String!]!, filter: Filter): Int normConflicts(filter: Filter): Int policyDomains: [String] }
`);

const weigh = (source: string, variables: Record<string, unknown> = {}, scan = 0): number => {
  const document = parse(source);
  const fragments = new Map<string, FragmentDefinitionNode>();
  let operation: OperationDefinitionNode | undefined;
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    if (definition.kind === Kind.OPERATION_DEFINITION) operation = definition;
  }
  if (!operation) throw new Error('no operation');
  return requestWeight(operation, fragments, variables, schema, {
    signalStats: (args) => ((args.groupBy as string[]).includes('SCAN') ? scan : 0),
  });
};

describe('request weight', () => {
  it('weighs aggregates per alias and per fragment spread, and nothing for plain fields', () => {
    expect(weigh('{ policyDomains }')).toBe(0);
    expect(weigh('{ a: signalStats(groupBy: []) b: signalStats(groupBy: []) }')).toBe(1900);
    expect(weigh('{ ...F ...F } fragment F on Query { normConflicts }')).toBe(900);
  });

  it('counts every value of a variable at each use, and literal values once each', () => {
    const variables = { f: { values: Array(100).fill('x') } };
    expect(weigh('query ($f: Filter) { a: policyDomains b: normConflicts(filter: $f) }', variables)).toBe(
      550,
    );
    expect(
      weigh('query ($f: Filter) { a: normConflicts(filter: $f) b: normConflicts(filter: $f) }', variables),
    ).toBe(1100);
    expect(weigh('{ signalStats(groupBy: ["A", "B"], filter: { values: ["x"] }) }')).toBe(953);
  });

  it('adds what the arguments ask for, and nothing when they do not coerce', () => {
    expect(weigh('{ signalStats(groupBy: ["SCAN"]) }', {}, 1500)).toBe(2451);
    expect(weigh('query ($g: [String!]!) { signalStats(groupBy: $g) }', { g: 5 }, 1500)).toBe(951);
  });
});
