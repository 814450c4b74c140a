import type {
  AgreementRow,
  AuthorityAccountabilityRow,
  EscalationRow,
  ExperimentRow,
  PolicyChangeRow,
  SignalRow,
  SignalStatRow,
} from '@praktijklus/projections';
import { joined, type CsvColumn } from './csv-stream';

/** What an export row of a signal carries besides the read model's row: its initiative, if seen. */
export interface SignalExportRow {
  signal: SignalRow;
  initiativeName: string | null;
  initiativeContact: string | null;
}

const of = <R>(columns: Array<[string, CsvColumn<R>['cell']]>): Array<CsvColumn<R>> =>
  columns.map(([header, cell]) => ({ header, cell }));

export const SIGNAL_COLUMNS = of<SignalExportRow>([
  ['id', (r) => r.signal.id],
  ['type', (r) => r.signal.type],
  ['title', (r) => r.signal.title],
  ['description', (r) => r.signal.description],
  ['policyDomain', (r) => r.signal.policyDomain],
  ['recordedPolicyDomain', (r) => r.signal.recordedPolicyDomain],
  ['classifiedPolicyDomain', (r) => r.signal.classifiedPolicyDomain],
  ['level', (r) => r.signal.level],
  ['initiativeKind', (r) => r.signal.initiativeKind],
  ['observedAt', (r) => r.signal.observedAt],
  ['observedOn', (r) => r.signal.observedOn],
  ['authorities', (r) => joined(r.signal.authorities)],
  ['norms', (r) => joined(r.signal.norms.map((norm) => norm.ref))],
  ['reportingAuthority', (r) => r.signal.reportingAuthority],
  ['governmentLayer', (r) => r.signal.governmentLayer],
  ['reportedBy', (r) => r.signal.reportedBy],
  ['status', (r) => r.signal.status],
  ['duplicateOf', (r) => r.signal.duplicateOf],
  ['withdrawnReason', (r) => r.signal.withdrawnReason],
  ['themes', (r) => joined(r.signal.themes)],
  ['classifiedAt', (r) => r.signal.classifiedAt],
  ['escalated', (r) => r.signal.escalated],
  ['hasInitiative', (r) => r.signal.hasInitiative],
  ['initiativeName', (r) => r.initiativeName],
  ['initiativeContact', (r) => r.initiativeContact],
  ['recordedAt', (r) => r.signal.recordedAt],
  ['updatedAt', (r) => r.signal.updatedAt],
]);

export const SIGNAL_STAT_COLUMNS = of<SignalStatRow>([
  ['type', (r) => r.key.type],
  ['policyDomain', (r) => r.key.policyDomain],
  ['level', (r) => r.key.level],
  ['authority', (r) => r.key.authority],
  ['governmentLayer', (r) => r.key.governmentLayer],
  ['initiativeKind', (r) => r.key.initiativeKind],
  ['period', (r) => r.key.period],
  ['count', (r) => r.count],
  ['escalatedCount', (r) => r.escalatedCount],
]);

export const ESCALATION_COLUMNS = of<EscalationRow>([
  ['id', (r) => r.id],
  ['title', (r) => r.title],
  ['status', (r) => r.status],
  ['addressedTo', (r) => r.addressedTo],
  ['raisedBy', (r) => r.raisedBy],
  ['raisedAt', (r) => r.raisedAt],
  ['respondBy', (r) => r.respondBy],
  ['acknowledgedAt', (r) => r.acknowledgedAt],
  ['decidedAt', (r) => r.decidedAt],
  ['resolvedAt', (r) => r.resolvedAt],
  ['outcome', (r) => r.outcome],
  ['signalCount', (r) => r.signalCount],
  ['signalIds', (r) => joined(r.signalIds)],
  ['involvedAuthorities', (r) => joined(r.involvedAuthorities)],
  ['transferCount', (r) => r.transferCount],
  ['previousAddressees', (r) => joined(r.previousAddressees)],
  ['deadlinePassedAt', (r) => r.deadlinePassedAt],
  ['climbedTo', (r) => joined(r.climbedTo)],
  ['chainEnded', (r) => r.chainEnded],
  ['overdue', (r) => r.overdue],
  ['ageDays', (r) => r.ageDays],
]);

export const AGREEMENT_COLUMNS = of<AgreementRow>([
  ['id', (r) => r.id],
  ['title', (r) => r.title],
  ['commitment', (r) => r.commitment],
  ['owner', (r) => r.owner],
  ['parties', (r) => joined(r.parties)],
  ['dueBy', (r) => r.dueBy],
  ['firstFollowUpOn', (r) => r.firstFollowUpOn],
  ['nextFollowUpOn', (r) => r.nextFollowUpOn],
  ['lastFollowUpHeldOn', (r) => r.lastFollowUp?.heldOn ?? null],
  ['lastFollowUpAssessment', (r) => r.lastFollowUp?.assessment ?? null],
  ['followUpCount', (r) => r.followUpCount],
  ['progressPercent', (r) => r.progressPercent],
  ['progressNote', (r) => r.progressNote],
  ['progressReportedAt', (r) => r.progressReportedAt],
  ['status', (r) => r.status],
  ['escalationId', (r) => r.escalationId],
  ['madeAt', (r) => r.madeAt],
  ['closedAt', (r) => r.closedAt],
  ['closingNote', (r) => r.closingNote],
  ['overdue', (r) => r.overdue],
  ['followUpOverdue', (r) => r.followUpOverdue],
]);

export const EXPERIMENT_COLUMNS = of<ExperimentRow>([
  ['id', (r) => r.id],
  ['escalationId', (r) => r.escalationId],
  ['owner', (r) => r.owner],
  ['title', (r) => r.title],
  ['hypothesis', (r) => r.hypothesis],
  ['legalRoute', (r) => r.legalRoute],
  ['startsOn', (r) => r.startsOn],
  ['endsOn', (r) => r.endsOn],
  ['originalEndsOn', (r) => r.originalEndsOn],
  ['extensionCount', (r) => r.extensionCount],
  ['status', (r) => r.status],
  ['conclusion', (r) => r.conclusion],
  ['policyConsequence', (r) => r.policyConsequence],
  ['rationale', (r) => r.rationale],
  ['startedAt', (r) => r.startedAt],
  ['evaluatedAt', (r) => r.evaluatedAt],
  ['closedAt', (r) => r.closedAt],
  ['overdue', (r) => r.overdue],
]);

export const ACCOUNTABILITY_COLUMNS = of<AuthorityAccountabilityRow>([
  ['authority', (r) => r.authority],
  ['escalationsReceived', (r) => r.escalationsReceived],
  ['escalationsDecided', (r) => r.escalationsDecided],
  ['escalationsDecidedOnTime', (r) => r.escalationsDecidedOnTime],
  ['decidedOnTimeRate', (r) => r.decidedOnTimeRate],
  ['medianHoursToAcknowledge', (r) => r.medianHoursToAcknowledge],
  ['medianDaysToDecision', (r) => r.medianDaysToDecision],
  ['openOverdue', (r) => r.openOverdue],
  ['transfersIn', (r) => r.transfersIn],
  ['transfersOut', (r) => r.transfersOut],
  ['wronglyAddressedRate', (r) => r.wronglyAddressedRate],
  ['signalsReported', (r) => r.signalsReported],
  ['unclearAuthoritySignals', (r) => r.unclearAuthoritySignals],
  ['unclearAuthorityRate', (r) => r.unclearAuthorityRate],
  ['agreementsOpen', (r) => r.agreementsOpen],
  ['agreementsFulfilled', (r) => r.agreementsFulfilled],
  ['agreementsUnmet', (r) => r.agreementsUnmet],
  ['agreementsOverdue', (r) => r.agreementsOverdue],
  ['followUpsOverdue', (r) => r.followUpsOverdue],
  ['experimentsOverdue', (r) => r.experimentsOverdue],
  ['nonResponses', (r) => r.nonResponses],
]);

/** The header line of each export, for the OpenAPI description. */
export const headersOf = <R>(columns: ReadonlyArray<CsvColumn<R>>): string =>
  columns.map((column) => column.header).join(',');

export const POLICY_CHANGE_COLUMNS = of<PolicyChangeRow>([
  ['id', (r) => r.id],
  ['owner', (r) => r.owner],
  ['title', (r) => r.title],
  ['description', (r) => r.description],
  ['policyDomain', (r) => r.policyDomain],
  ['normRefs', (r) => joined(r.norms.map((norm) => norm.ref))],
  ['authorities', (r) => joined(r.authorities)],
  ['effectiveOn', (r) => r.effectiveOn],
  ['escalationIds', (r) => joined(r.escalationIds)],
  ['status', (r) => r.status],
  ['recordedAt', (r) => r.recordedAt],
  ['amendedAt', (r) => r.amendedAt],
  ['withdrawnAt', (r) => r.withdrawnAt],
]);
