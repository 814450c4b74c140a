import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import {
  SIGNAL_TYPES,
  type AgreementStatus,
  type DecisionOutcome,
  type EscalationStatus,
  type ExperimentStatus,
  type LegalRoute,
  type PolicyConsequence,
  type SignalType,
} from '@praktijklus/domain';
import type { PrecedentBasis, SimilarReason } from '@praktijklus/projections';
import { Signal } from '../signals/signal.model';
import {
  AgreementStatusEnum,
  DecisionOutcomeEnum,
  EscalationStatusEnum,
  ExperimentStatusEnum,
  LegalRouteEnum,
  PolicyConsequenceEnum,
  SignalTypeEnum,
} from '../views.enums';

const SIMILAR_REASONS: readonly SimilarReason[] = ['SHARED_NORM', 'SAME_DOMAIN', 'TEXT'];
const PRECEDENT_BASES: readonly PrecedentBasis[] = ['SHARED_NORM', 'SAME_TYPE_AND_DOMAIN'];
export const SimilarReasonEnum = Object.fromEntries(SIMILAR_REASONS.map((value) => [value, value]));
export const PrecedentBasisEnum = Object.fromEntries(PRECEDENT_BASES.map((value) => [value, value]));
registerEnumType(SimilarReasonEnum, {
  name: 'SimilarReason',
  description: 'Why a signal is similar: norms in common, the same policy domain, or rare words in common.',
});
registerEnumType(PrecedentBasisEnum, {
  name: 'PrecedentBasis',
  description:
    "What links a precedent to the signal: shared norms, else the signal's type and policy domain.",
});

@ObjectType({ description: 'A signal like another one; a duplicate group that matched shows once.' })
export class SimilarSignal {
  @Field(() => Signal)
  signal!: Signal;

  @Field(() => Float, { description: '0 to 1; higher is more alike.' })
  score!: number;

  @Field(() => [SimilarReasonEnum])
  reasons!: SimilarReason[];

  @Field(() => [ID], { description: 'Other signals of the same duplicate group that matched too.' })
  duplicateIds!: string[];
}

@InputType('SimilarToInput', { description: 'What an officer is typing in the record-signal form.' })
export class SimilarToInput {
  @Field({ description: 'Title and description as typed, at most 4000 characters.' })
  @IsString()
  @MaxLength(4000)
  text!: string;

  @Field(() => SignalTypeEnum, { nullable: true })
  @IsOptional()
  @IsIn(SIGNAL_TYPES)
  type?: SignalType | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  policyDomain?: string | null;

  @Field(() => [String], { nullable: true, description: 'Norm refs, at most 20.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  normRefs?: string[] | null;
}

@ObjectType({ description: 'A decided escalation as public accountability shows it: no persons.' })
export class PrecedentEscalation {
  @Field(() => ID)
  id!: string;

  @Field()
  title!: string;

  @Field(() => EscalationStatusEnum)
  status!: EscalationStatus;

  @Field(() => ID)
  addressedTo!: string;

  @Field(() => String, { nullable: true, description: 'The addressed authority by name.' })
  addressedToName!: string | null;

  @Field(() => ID)
  raisedBy!: string;

  @Field(() => DecisionOutcomeEnum, { nullable: true })
  outcome!: DecisionOutcome | null;

  @Field(() => String, { nullable: true })
  rationale!: string | null;

  @Field(() => String, { nullable: true })
  decidedAt!: string | null;
}

@ObjectType()
export class PrecedentAgreement {
  @Field(() => ID)
  id!: string;

  @Field()
  title!: string;

  @Field()
  commitment!: string;

  @Field(() => ID)
  owner!: string;

  @Field(() => AgreementStatusEnum)
  status!: AgreementStatus;
}

@ObjectType()
export class PrecedentExperiment {
  @Field(() => ID)
  id!: string;

  @Field()
  title!: string;

  @Field(() => LegalRouteEnum)
  legalRoute!: LegalRoute;

  @Field(() => ExperimentStatusEnum)
  status!: ExperimentStatus;

  @Field(() => String, { nullable: true, description: 'The evaluation.' })
  conclusion!: string | null;

  @Field(() => PolicyConsequenceEnum, { nullable: true })
  policyConsequence!: PolicyConsequence | null;
}

@ObjectType({ description: 'How a similar case was solved elsewhere: the decision and what followed.' })
export class Precedent {
  @Field(() => PrecedentEscalation)
  escalation!: PrecedentEscalation;

  @Field(() => PrecedentBasisEnum)
  basis!: PrecedentBasis;

  @Field(() => Int)
  sharedNormCount!: number;

  @Field(() => [PrecedentAgreement])
  agreements!: PrecedentAgreement[];

  @Field(() => [PrecedentExperiment])
  experiments!: PrecedentExperiment[];
}
