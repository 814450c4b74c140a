import { registerEnumType } from '@nestjs/graphql';
import {
  AGREEMENT_STATUSES,
  DECISION_OUTCOMES,
  ESCALATION_STATUSES,
  EXPERIMENT_STATUSES,
  FOLLOW_UP_ASSESSMENTS,
  INITIATIVE_KINDS,
  LEGAL_ROUTES,
  POLICY_CONSEQUENCES,
  SIGNAL_LEVELS,
  SIGNAL_STATUSES,
  SIGNAL_TYPES,
} from '@praktijklus/domain';
import { ESCALATION_ORDERS, SIGNAL_DIMENSIONS, SIGNAL_ORDERS, TIME_BUCKETS } from '@praktijklus/projections';

/** A GraphQL enum object from a domain vocabulary: values are their own names. */
const enumOf = <T extends string>(values: readonly T[]): { [K in T]: K } =>
  Object.fromEntries(values.map((value) => [value, value])) as { [K in T]: K };

export const SignalTypeEnum = enumOf(SIGNAL_TYPES);
export const SignalLevelEnum = enumOf(SIGNAL_LEVELS);
export const InitiativeKindEnum = enumOf(INITIATIVE_KINDS);
export const SignalStatusEnum = enumOf(SIGNAL_STATUSES);
export const SignalDimensionEnum = enumOf(SIGNAL_DIMENSIONS);
export const TimeBucketEnum = enumOf(TIME_BUCKETS);
export const EscalationStatusEnum = enumOf(ESCALATION_STATUSES);
export const DecisionOutcomeEnum = enumOf(DECISION_OUTCOMES);
export const AgreementStatusEnum = enumOf(AGREEMENT_STATUSES);
export const FollowUpAssessmentEnum = enumOf(FOLLOW_UP_ASSESSMENTS);
export const ExperimentStatusEnum = enumOf(EXPERIMENT_STATUSES);
export const LegalRouteEnum = enumOf(LEGAL_ROUTES);
export const PolicyConsequenceEnum = enumOf(POLICY_CONSEQUENCES);
export const EscalationOrderEnum = enumOf(ESCALATION_ORDERS);
export const SignalOrderEnum = enumOf(SIGNAL_ORDERS);

registerEnumType(SignalOrderEnum, {
  name: 'SignalOrder',
  description:
    'What a list of signals is sorted by without a search (RECORDED: newest first); ties go by recording order.',
});

registerEnumType(EscalationOrderEnum, {
  name: 'EscalationOrder',
  description: 'What a list of escalations is sorted by; ties are broken by id.',
});

registerEnumType(SignalTypeEnum, {
  name: 'SignalType',
  description:
    'Belemmering, tegenstrijdige normen, onduidelijk bevoegd gezag, kennis niet toegankelijk, consequenties voor collega-overheden.',
});
registerEnumType(SignalLevelEnum, {
  name: 'SignalLevel',
  description: 'From abstract to concrete: systeemverantwoordelijkheid, beleid, uitvoering, papierwinkel.',
});
registerEnumType(InitiativeKindEnum, { name: 'InitiativeKind', description: 'Who took the initiative.' });
registerEnumType(SignalStatusEnum, {
  name: 'SignalStatus',
  description: 'Filters select ACTIVE and DUPLICATE unless they name statuses.',
});
registerEnumType(SignalDimensionEnum, {
  name: 'SignalDimension',
  description: 'What signal statistics group on.',
});
registerEnumType(TimeBucketEnum, {
  name: 'TimeBucket',
  description: 'Period size: DAY (2026-03-04), ISO WEEK (2026-W10) or MONTH (2026-03) of the day observed.',
});
registerEnumType(EscalationStatusEnum, {
  name: 'EscalationStatus',
  description: 'RAISED → ACKNOWLEDGED → DECIDED → RESOLVED; a transfer goes back to RAISED.',
});
registerEnumType(DecisionOutcomeEnum, { name: 'DecisionOutcome' });
registerEnumType(AgreementStatusEnum, { name: 'AgreementStatus' });
registerEnumType(FollowUpAssessmentEnum, {
  name: 'FollowUpAssessment',
  description: 'Terugkomgesprek assessment.',
});
registerEnumType(ExperimentStatusEnum, { name: 'ExperimentStatus' });
registerEnumType(LegalRouteEnum, { name: 'LegalRoute' });
registerEnumType(PolicyConsequenceEnum, { name: 'PolicyConsequence' });
