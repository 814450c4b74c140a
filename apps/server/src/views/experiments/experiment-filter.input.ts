import { Field, ID, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { EXPERIMENT_STATUSES, type ExperimentStatus } from '@praktijklus/domain';
import type { ExperimentFilter } from '@praktijklus/projections';
import { ExperimentStatusEnum } from '../views.enums';
import { MAX_FILTER_VALUES } from '../view-args';

@InputType('ExperimentFilter', { description: 'AND-ed; statuses OR-ed within.' })
export class ExperimentFilterInput {
  @Field(() => [ExperimentStatusEnum], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_FILTER_VALUES)
  @IsIn(EXPERIMENT_STATUSES, { each: true })
  statuses?: ExperimentStatus[] | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  owner?: string | null;

  @Field(() => Boolean, { nullable: true })
  @IsOptional()
  @IsBoolean()
  overdue?: boolean | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  escalationId?: string | null;

  @Field(() => [String], {
    nullable: true,
    description: 'OR-ed: with a signal (of the escalation) in one of these policy domains.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_FILTER_VALUES)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  policyDomains?: string[] | null;
}

export function experimentFilterOf(input: ExperimentFilterInput | null | undefined): ExperimentFilter {
  if (!input) return {};
  const filter: ExperimentFilter = {};
  if (input.statuses) filter.statuses = input.statuses;
  if (typeof input.owner === 'string') filter.owner = input.owner;
  if (typeof input.overdue === 'boolean') filter.overdue = input.overdue;
  if (typeof input.escalationId === 'string') filter.escalationId = input.escalationId;
  if (input.policyDomains) filter.policyDomains = input.policyDomains;
  return filter;
}
