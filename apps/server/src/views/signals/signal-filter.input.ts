import { Field, ID, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import {
  GOVERNMENT_LAYERS,
  INITIATIVE_KINDS,
  SIGNAL_LEVELS,
  SIGNAL_STATUSES,
  SIGNAL_TYPES,
  type GovernmentLayer,
  type InitiativeKind,
  type SignalLevel,
  type SignalStatus,
  type SignalType,
} from '@praktijklus/domain';
import type { SignalFilter } from '@praktijklus/projections';
import { GovernmentLayerEnum } from '../../reference/government-layer.enum';
import { InitiativeKindEnum, SignalLevelEnum, SignalStatusEnum, SignalTypeEnum } from '../views.enums';

import { MAX_FILTER_VALUES } from '../view-args';

@InputType('SignalFilter', {
  description:
    'Lists (at most 50 values each) are OR-ed within and AND-ed across; an absent or empty list does not filter.',
})
export class SignalFilterInput {
  @Field(() => [SignalTypeEnum], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_FILTER_VALUES)
  @IsIn(SIGNAL_TYPES, { each: true })
  types?: SignalType[] | null;

  @Field(() => [String], { nullable: true, description: 'Current policy domain (after classification).' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_FILTER_VALUES)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  policyDomains?: string[] | null;

  @Field(() => [SignalLevelEnum], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_FILTER_VALUES)
  @IsIn(SIGNAL_LEVELS, { each: true })
  levels?: SignalLevel[] | null;

  @Field(() => [ID], { nullable: true, description: 'The reporting authority.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_FILTER_VALUES)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  authorities?: string[] | null;

  @Field(() => [GovernmentLayerEnum], { nullable: true, description: "The reporting authority's layer." })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_FILTER_VALUES)
  @IsIn(GOVERNMENT_LAYERS, { each: true })
  governmentLayers?: GovernmentLayer[] | null;

  @Field(() => [InitiativeKindEnum], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_FILTER_VALUES)
  @IsIn(INITIATIVE_KINDS, { each: true })
  initiativeKinds?: InitiativeKind[] | null;

  @Field(() => [SignalStatusEnum], { nullable: true, description: 'Default: ACTIVE and DUPLICATE.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_FILTER_VALUES)
  @IsIn(SIGNAL_STATUSES, { each: true })
  statuses?: SignalStatus[] | null;

  @Field(() => String, { nullable: true, description: 'Inclusive day observed, YYYY-MM-DD.' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  observedFrom?: string | null;

  @Field(() => String, { nullable: true, description: 'Inclusive day observed, YYYY-MM-DD.' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  observedTo?: string | null;
}

/** The read models' filter from the GraphQL input: nulls read as absent. */
export function signalFilterOf(input: SignalFilterInput | null | undefined): SignalFilter {
  if (!input) return {};
  const filter: SignalFilter = {};
  if (input.types) filter.types = input.types;
  if (input.policyDomains) filter.policyDomains = input.policyDomains;
  if (input.levels) filter.levels = input.levels;
  if (input.authorities) filter.authorities = input.authorities;
  if (input.governmentLayers) filter.governmentLayers = input.governmentLayers;
  if (input.initiativeKinds) filter.initiativeKinds = input.initiativeKinds;
  if (input.statuses) filter.statuses = input.statuses;
  if (typeof input.observedFrom === 'string') filter.observedFrom = input.observedFrom;
  if (typeof input.observedTo === 'string') filter.observedTo = input.observedTo;
  return filter;
}
