// The GraphQL documents of the agreement and experiment pages and of an escalation's answers.
import { AGREEMENT_FIELDS, EXPERIMENT_FIELDS } from './graphql.queries';

export const AGREEMENT_QUERY = /* GraphQL */ `
  query Agreement($id: ID!) {
    agreement(id: $id) { ${AGREEMENT_FIELDS} closingNote }
  }
`;

export const EXPERIMENT_QUERY = /* GraphQL */ `
  query Experiment($id: ID!) {
    experiment(id: $id) { ${EXPERIMENT_FIELDS} }
  }
`;

/** The agreements and experiments that answer one escalation (one page each is plenty). */
export const ESCALATION_ANSWERS_QUERY = /* GraphQL */ `
  query EscalationAnswers($escalationId: ID!) {
    agreements(filter: { escalationId: $escalationId }, first: 50) {
      edges {
        node {
          id
          title
          status
          dueBy
          overdue
        }
      }
    }
    experiments(filter: { escalationId: $escalationId }, first: 50) {
      edges {
        node {
          id
          title
          status
          endsOn
          overdue
        }
      }
    }
  }
`;
