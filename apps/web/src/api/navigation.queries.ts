// The GraphQL documents of the pickers and of the list pages whose filters, search, sort and
// paging live in the address (API.md, "GraphQL (read side)").

/** How many options a picker lists; typing more narrows the rest in. */
export const PICKER_SIZE = 20;

export const ESCALATION_PICKER_QUERY = /* GraphQL */ `
  query EscalationPicker($search: String, $filter: EscalationFilter, $first: Int) {
    escalations(search: $search, filter: $filter, first: $first, orderBy: RAISED_AT, descending: true) {
      totalCount
      edges {
        node {
          id
          title
          status
          raisedBy
          addressedTo
          raisedAt
        }
      }
    }
  }
`;

export const ESCALATION_TITLE_QUERY = /* GraphQL */ `
  query EscalationTitle($id: ID!) {
    escalation(id: $id) {
      id
      title
      status
      raisedBy
      addressedTo
      raisedAt
    }
  }
`;

export const SIGNAL_PICKER_QUERY = /* GraphQL */ `
  query SignalPicker($search: String, $first: Int) {
    signals(search: $search, first: $first) {
      totalCount
      edges {
        node {
          id
          title
          reportingAuthority
          observedAt
          status
        }
      }
    }
  }
`;

export const SIGNAL_TITLE_QUERY = /* GraphQL */ `
  query SignalTitle($id: ID!) {
    signal(id: $id) {
      id
      title
      reportingAuthority
      observedAt
      status
    }
  }
`;

/** A page of escalations in the order and with the filters the board's address names. */
export const ESCALATION_LIST_QUERY = /* GraphQL */ `
  query EscalationList(
    $filter: EscalationFilter
    $search: String
    $orderBy: EscalationOrder
    $descending: Boolean
    $first: Int
    $after: String
  ) {
    escalations(
      filter: $filter
      search: $search
      orderBy: $orderBy
      descending: $descending
      first: $first
      after: $after
    ) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          title
          status
          addressedTo
          raisedBy
          raisedAt
          respondBy
          overdue
          acknowledgedAt
          decidedAt
          outcome
          signalCount
          involvedAuthorities
        }
      }
    }
  }
`;

const SUMMARY_FIELDS = 'open overdue awaitingAcknowledgement decidedNotResolved oldestOpenDays';

/** The counts of each part of the escalations page: addressed to, raised by (null: all), resolved. */
export const BOARD_PARTS_QUERY = /* GraphQL */ `
  query BoardParts($authority: ID) {
    addressed: escalationBoard(authority: $authority) { ${SUMMARY_FIELDS} }
    raised: escalationBoard(raisedBy: $authority) { ${SUMMARY_FIELDS} }
    resolved: escalations(filter: { statuses: [RESOLVED] }, first: 1) { totalCount }
  }
`;

/** A page of the signals list with the filters its address names (norm pair, escalated included). */
export const SIGNAL_LIST_QUERY = /* GraphQL */ `
  query SignalList(
    $filter: SignalFilter
    $search: String
    $norms: [String!]
    $escalated: Boolean
    $orderBy: SignalOrder
    $descending: Boolean
    $first: Int
    $after: String
  ) {
    signals(
      filter: $filter
      search: $search
      norms: $norms
      escalated: $escalated
      orderBy: $orderBy
      descending: $descending
      first: $first
      after: $after
    ) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          type
          title
          policyDomain
          level
          initiativeKind
          observedAt
          authorities
          reportingAuthority
          status
          escalated
          recordedAt
          searchSnippet {
            text
            match
          }
        }
      }
    }
  }
`;
