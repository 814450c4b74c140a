// The GraphQL documents of the views (API.md, "GraphQL (read side)").

export const REFERENCE_QUERY = /* GraphQL */ `
  query Reference {
    authorities {
      id
      name
      layer
    }
    policyDomains {
      code
      labelNl
      labelEn
    }
  }
`;

const SIGNAL_FIELDS = `
  id type title policyDomain level initiativeKind observedAt authorities
  reportingAuthority status escalated recordedAt
`;

export const SIGNALS_QUERY = /* GraphQL */ `
  query Signals($filter: SignalFilter, $search: String, $first: Int, $after: String) {
    signals(filter: $filter, search: $search, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { cursor node { ${SIGNAL_FIELDS} searchSnippet { text match } } }
    }
  }
`;

export const SIGNAL_ESCALATIONS_QUERY = /* GraphQL */ `
  query SignalEscalations($id: ID!) {
    signal(id: $id) {
      id
      escalationIds
    }
  }
`;

export const ESCALATION_FIELDS = `
  id title status addressedTo raisedBy raisedAt respondBy overdue acknowledgedAt decidedAt
  outcome signalCount involvedAuthorities
`;

/** Lists are read 50 at a time: the server bounds each query's cost (GRAPHQL_LIMITS.maxCost). */
export const LIST_PAGE_SIZE = 50;

/** The first page of a view's connection, filtered and searched by title: `<field>(filter: $filter, search: $search, first: $first)`. */
const firstPageQuery = (operation: string, field: string, filterType: string, fields: string): string => `
  query ${operation}($filter: ${filterType}, $search: String, $first: Int) {
    ${field}(filter: $filter, search: $search, first: $first) {
      totalCount
      edges { node { ${fields} } }
    }
  }
`;

export const BOARD_SUMMARY_QUERY = /* GraphQL */ `
  query BoardSummary($authority: ID) {
    escalationBoard(authority: $authority) {
      open
      overdue
      awaitingAcknowledgement
      decidedNotResolved
      oldestOpenDays
    }
  }
`;

export const ESCALATIONS_QUERY = firstPageQuery(
  'Escalations',
  'escalations',
  'EscalationFilter',
  ESCALATION_FIELDS,
);

export const AGREEMENT_FIELDS = `
  id title commitment owner parties dueBy nextFollowUpOn progressPercent progressNote
  status escalationId overdue followUpOverdue followUpCount
  lastFollowUp { heldOn assessment notes }
`;

export const AGREEMENTS_QUERY = firstPageQuery(
  'Agreements',
  'agreements',
  'AgreementFilter',
  AGREEMENT_FIELDS,
);

export const EXPERIMENT_FIELDS = `
  id escalationId owner title hypothesis legalRoute startsOn endsOn status conclusion
  policyConsequence rationale overdue
`;

export const EXPERIMENTS_QUERY = firstPageQuery(
  'Experiments',
  'experiments',
  'ExperimentFilter',
  EXPERIMENT_FIELDS,
);

// The dashboard reads each section on its own, so one slow or failing view does not blank the rest.
export const DASHBOARD_FIGURES_QUERY = /* GraphQL */ `
  query DashboardFigures($asOf: String) {
    total: signals(first: 1, asOf: $asOf) {
      totalCount
    }
    escalationBoard(asOf: $asOf) {
      open
      overdue
    }
    byDomainLevel: signalStats(groupBy: [POLICY_DOMAIN, LEVEL], asOf: $asOf) {
      key {
        policyDomain
        level
      }
      count
      escalatedCount
    }
  }
`;

export const SIGNALS_PER_MONTH_QUERY = /* GraphQL */ `
  query SignalsPerMonth($asOf: String) {
    perMonth: signalStats(groupBy: [PERIOD], bucket: MONTH, asOf: $asOf) {
      key {
        period
      }
      count
      escalatedCount
    }
  }
`;

export const NORM_CONFLICTS_QUERY = /* GraphQL */ `
  query NormConflicts($asOf: String) {
    normConflicts(first: 10, asOf: $asOf) {
      normA {
        ref
        title
      }
      normB {
        ref
        title
      }
      count
      authorities
      lastSeen
      escalated
    }
  }
`;

export const FEEDBACK_LOOP_QUERY = /* GraphQL */ `
  query FeedbackLoop($asOf: String) {
    feedbackLoop(asOf: $asOf) {
      policyDomain
      signals
      escalated
      decided
      policyAdjusted
      experimentGranted
      medianDaysToDecision
      policyChanged
      medianDaysToPolicyChange
    }
  }
`;

export const ACCOUNTABILITY_QUERY = /* GraphQL */ `
  query Accountability($asOf: String) {
    accountability(asOf: $asOf) {
      authority
      escalationsReceived
      decidedOnTimeRate
      medianHoursToAcknowledge
      medianDaysToDecision
      openOverdue
      transfersIn
      transfersOut
      agreementsOpen
      agreementsFulfilled
      agreementsUnmet
      agreementsOverdue
      followUpsOverdue
      experimentsOverdue
    }
  }
`;
