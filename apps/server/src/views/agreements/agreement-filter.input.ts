import { Field, ID, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { AGREEMENT_STATUSES, type AgreementStatus } from '@praktijklus/domain';
import type { AgreementFilter } from '@praktijklus/projections';
import { AgreementStatusEnum } from '../views.enums';
import { MAX_FILTER_VALUES } from '../view-args';

@InputType('AgreementFilter', { description: 'AND-ed; statuses OR-ed within.' })
export class AgreementFilterInput {
  @Field(() => [AgreementStatusEnum], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_FILTER_VALUES)
  @IsIn(AGREEMENT_STATUSES, { each: true })
  statuses?: AgreementStatus[] | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  owner?: string | null;

  @Field(() => ID, { nullable: true, description: 'An authority bound by the agreement.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  party?: string | null;

  @Field(() => Boolean, { nullable: true })
  @IsOptional()
  @IsBoolean()
  overdue?: boolean | null;

  @Field(() => Boolean, { nullable: true })
  @IsOptional()
  @IsBoolean()
  followUpOverdue?: boolean | null;

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

export function agreementFilterOf(input: AgreementFilterInput | null | undefined): AgreementFilter {
  if (!input) return {};
  const filter: AgreementFilter = {};
  if (input.statuses) filter.statuses = input.statuses;
  if (typeof input.owner === 'string') filter.owner = input.owner;
  if (typeof input.party === 'string') filter.party = input.party;
  if (typeof input.overdue === 'boolean') filter.overdue = input.overdue;
  if (typeof input.followUpOverdue === 'boolean') filter.followUpOverdue = input.followUpOverdue;
  if (typeof input.escalationId === 'string') filter.escalationId = input.escalationId;
  if (input.policyDomains) filter.policyDomains = input.policyDomains;
  return filter;
}
