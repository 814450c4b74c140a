import { Field, ID, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { ESCALATION_STATUSES, type EscalationStatus } from '@praktijklus/domain';
import type { EscalationFilter } from '@praktijklus/projections';
import { MAX_FILTER_VALUES } from '../view-args';
import { EscalationStatusEnum } from '../views.enums';

@InputType('EscalationFilter', { description: 'AND-ed; statuses OR-ed within.' })
export class EscalationFilterInput {
  @Field(() => [EscalationStatusEnum], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_FILTER_VALUES)
  @IsIn(ESCALATION_STATUSES, { each: true })
  statuses?: EscalationStatus[] | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  addressedTo?: string | null;

  @Field(() => ID, { nullable: true, description: 'The raising authority.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  raisedBy?: string | null;

  @Field(() => Boolean, { nullable: true })
  @IsOptional()
  @IsBoolean()
  overdue?: boolean | null;

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

export function escalationFilterOf(input: EscalationFilterInput | null | undefined): EscalationFilter {
  if (!input) return {};
  const filter: EscalationFilter = {};
  if (input.statuses) filter.statuses = input.statuses;
  if (typeof input.addressedTo === 'string') filter.addressedTo = input.addressedTo;
  if (typeof input.raisedBy === 'string') filter.raisedBy = input.raisedBy;
  if (typeof input.overdue === 'boolean') filter.overdue = input.overdue;
  if (input.policyDomains) filter.policyDomains = input.policyDomains;
  return filter;
}
