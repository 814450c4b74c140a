import {
  getArgumentValues,
  GraphQLError,
  Kind,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import type { ApolloPlugin } from './graphql-types';

/**
 * What a field costs besides its selections: graphql-armor counts one per selected field, which
 * made an aggregate over every signal as cheap as a list of policy domains. Five statistics (with
 * their arguments) fit the limit of 5000, six do not.
 */
export const FIELD_WEIGHTS: Readonly<Record<string, number>> = {
  signalStats: 950,
  normConflicts: 450,
};

/** Weight a query field adds for what its arguments ask (e.g. a question that scans every signal). */
export type ArgumentWeights = Readonly<Record<string, (args: Record<string, unknown>) => number>>;

/**
 * The weight of a request: each weighted field once per occurrence (aliases and fragment spreads
 * included), plus every value its arguments carry, literal or from a variable, counted again at
 * each place the variable is used. Neither the token limit nor armor's cost saw variables, so one
 * variable of 25,000 values used by 15 aliases cost nothing.
 */
export function requestWeight(
  operation: OperationDefinitionNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  variables: Readonly<Record<string, unknown>>,
  schema?: GraphQLSchema,
  argumentWeights: ArgumentWeights = {},
): number {
  const argumentWeight = (field: FieldNode): number => {
    const weigh = argumentWeights[field.name.value];
    const definition = schema?.getQueryType()?.getFields()[field.name.value];
    if (!weigh || !definition) return 0;
    try {
      return weigh(getArgumentValues(definition, field, variables));
    } catch {
      // Arguments that do not coerce are refused by execution itself, with their own message.
      return 0;
    }
  };
  const valueWeight = (node: ValueNode): number => {
    switch (node.kind) {
      case Kind.VARIABLE:
        return weightOf(variables[node.name.value]);
      case Kind.LIST:
        return node.values.reduce((sum, value) => sum + valueWeight(value), 0);
      case Kind.OBJECT:
        return node.fields.reduce((sum, field) => sum + valueWeight(field.value), 0);
      default:
        return 1;
    }
  };
  // Fragment cycles were refused by validation; `seen` still keeps a spread chain finite.
  const selectionWeight = (set: SelectionSetNode, seen: ReadonlySet<string>): number => {
    let weight = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        weight += (FIELD_WEIGHTS[selection.name.value] ?? 0) + argumentWeight(selection);
        for (const argument of selection.arguments ?? []) weight += valueWeight(argument.value);
        if (selection.selectionSet) weight += selectionWeight(selection.selectionSet, seen);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        weight += selectionWeight(selection.selectionSet, seen);
      } else {
        const fragment = fragments.get(selection.name.value);
        if (fragment && !seen.has(fragment.name.value)) {
          weight += selectionWeight(fragment.selectionSet, new Set([...seen, fragment.name.value]));
        }
      }
    }
    return weight;
  };
  return selectionWeight(operation.selectionSet, new Set());
}

/** One per scalar, one per list element or object field, nested values counted all the way down. */
function weightOf(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((sum: number, item: unknown) => sum + weightOf(item), 0);
  if (value !== null && typeof value === 'object') {
    return Object.values(value).reduce((sum: number, item: unknown) => sum + weightOf(item), 0);
  }
  return 1;
}

/** Refuses, before anything runs, a request whose weight is over `maxWeight` (400 BAD_USER_INPUT). */
export function requestWeightPlugin(maxWeight: number, argumentWeights: ArgumentWeights = {}): ApolloPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, request, schema }) {
          if (!operation) return;
          const fragments = new Map<string, FragmentDefinitionNode>();
          for (const definition of document.definitions) {
            if (definition.kind === Kind.FRAGMENT_DEFINITION)
              fragments.set(definition.name.value, definition);
          }
          const weight = requestWeight(
            operation,
            fragments,
            request.variables ?? {},
            schema as unknown as GraphQLSchema,
            argumentWeights,
          );
          if (weight > maxWeight) {
            throw new GraphQLError(
              `Query Cost limit of ${maxWeight} exceeded, found ${weight} (aggregates and the values of arguments and variables count).`,
              { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } },
            );
          }
        },
      };
    },
  };
}
