import { Field, ID, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { POLICY_CHANGE_STATUSES, type PolicyChangeStatus } from '@praktijklus/domain';
import type { PolicyChangeFilter } from '@praktijklus/projections';
import { MAX_FILTER_VALUES } from '../view-args';
import { PolicyChangeStatusEnum } from './policy-change.model';

@InputType('PolicyChangeFilter', { description: 'AND-ed; lists OR-ed within.' })
export class PolicyChangeFilterInput {
  @Field(() => [PolicyChangeStatusEnum], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_FILTER_VALUES)
  @IsIn(POLICY_CHANGE_STATUSES, { each: true })
  statuses?: PolicyChangeStatus[] | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  owner?: string | null;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_FILTER_VALUES)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  policyDomains?: string[] | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  escalationId?: string | null;
}

export function policyChangeFilterOf(input: PolicyChangeFilterInput | null | undefined): PolicyChangeFilter {
  if (!input) return {};
  const filter: PolicyChangeFilter = {};
  if (input.statuses) filter.statuses = input.statuses;
  if (typeof input.owner === 'string') filter.owner = input.owner;
  if (input.policyDomains) filter.policyDomains = input.policyDomains;
  if (typeof input.escalationId === 'string') filter.escalationId = input.escalationId;
  return filter;
}
