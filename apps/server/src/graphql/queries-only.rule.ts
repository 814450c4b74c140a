import { GraphQLError, type ValidationRule } from 'graphql';

/**
 * The read side answers queries only. graphql-js 16 lets `mutation { … }` through validation and
 * fails it during execution, which looks like a server fault; this refuses it as the client's
 * error instead (400, GRAPHQL_VALIDATION_FAILED), as graphql-js 17's KnownOperationTypesRule does.
 */
export const queriesOnlyRule: ValidationRule = (context) => ({
  OperationDefinition(node) {
    if (!context.getSchema().getRootType(node.operation)) {
      context.reportError(
        new GraphQLError(`This API answers only queries; ${node.operation} operations are not supported.`, {
          nodes: node,
        }),
      );
    }
  },
});
