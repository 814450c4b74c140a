import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import type {
  GovernmentLayer,
  InitiativeKind,
  SignalLevel,
  SignalStatus,
  SignalType,
} from '@praktijklus/domain';
import { GovernmentLayerEnum } from '../../reference/government-layer.enum';
import { ConnectionOf } from '../connection.model';
import { InitiativeKindEnum, SignalLevelEnum, SignalStatusEnum, SignalTypeEnum } from '../views.enums';

@ObjectType({ description: 'A rule cited by a signal, e.g. "Bbl art. 4.101".' })
export class NormReference {
  @Field()
  ref!: string;

  @Field(() => String, { nullable: true })
  title?: string | null;
}

@ObjectType({ description: 'A piece of a search snippet: plain text, never markup.' })
export class SearchSnippetPart {
  @Field()
  text!: string;

  @Field({ description: 'A word the search matched (in any of its Dutch forms).' })
  match!: boolean;
}

@ObjectType()
export class SignalLocation {
  @Field(() => String, { nullable: true })
  municipality?: string | null;

  @Field(() => Float, { nullable: true })
  lat?: number | null;

  @Field(() => Float, { nullable: true })
  lon?: number | null;
}

@ObjectType({
  description:
    "Personal data of the initiative, from the vault: only the reporting authority's officers and administrators.",
})
export class Initiative {
  @Field(() => String, { nullable: true, description: 'Null once erased.' })
  name!: string | null;

  @Field(() => String, { nullable: true })
  contact!: string | null;

  @Field(() => String, { nullable: true, description: 'When the personal data was erased from the vault.' })
  erasedAt!: string | null;
}

@ObjectType({ description: 'A signal (signaal) from implementation practice.' })
export class Signal {
  @Field(() => ID)
  id!: string;

  @Field(() => SignalTypeEnum)
  type!: SignalType;

  @Field()
  title!: string;

  @Field()
  description!: string;

  @Field({ description: 'Current domain: an analyst’s correction overrides the reported one.' })
  policyDomain!: string;

  @Field({ description: 'As the reporting authority recorded or amended it.' })
  recordedPolicyDomain!: string;

  @Field(() => String, { nullable: true })
  classifiedPolicyDomain!: string | null;

  @Field(() => SignalLevelEnum)
  level!: SignalLevel;

  @Field(() => InitiativeKindEnum)
  initiativeKind!: InitiativeKind;

  @Field({ description: 'ISO date or date-time as the officer gave it.' })
  observedAt!: string;

  @Field({ description: 'The day observed (YYYY-MM-DD).' })
  observedOn!: string;

  @Field(() => [ID], { description: 'The authorities the signal names.' })
  authorities!: string[];

  @Field(() => [NormReference])
  norms!: NormReference[];

  @Field(() => SignalLocation, { nullable: true })
  location!: SignalLocation | null;

  @Field({ description: 'Whether an initiative (personal data) is attached.' })
  hasInitiative!: boolean;

  @Field(() => ID)
  reportingAuthority!: string;

  @Field(() => GovernmentLayerEnum, { nullable: true, description: "The reporting authority's layer." })
  governmentLayer!: GovernmentLayer | null;

  @Field(() => ID, { description: 'The user id of the reporting officer.' })
  reportedBy!: string;

  @Field(() => SignalStatusEnum)
  status!: SignalStatus;

  @Field(() => ID, { nullable: true })
  duplicateOf!: string | null;

  @Field(() => String, { nullable: true })
  withdrawnReason!: string | null;

  @Field(() => [String])
  themes!: string[];

  @Field(() => String, { nullable: true })
  classifiedAt!: string | null;

  @Field({ description: 'In at least one escalation.' })
  escalated!: boolean;

  @Field(() => [ID], {
    description: 'The escalations of this signal the reader may open; `escalated` also counts the others.',
  })
  escalationIds!: string[];

  @Field(() => Int, { description: 'The stream revision (ETag of the REST resource).' })
  revision!: number;

  @Field()
  recordedAt!: string;

  @Field()
  updatedAt!: string;

  @Field(() => [SearchSnippetPart], {
    nullable: true,
    description:
      'Listed by a search: the passage that matched, as plain text parts (a matched word has match true); null otherwise.',
  })
  searchSnippet?: SearchSnippetPart[] | null;
}

@ObjectType()
export class SignalConnection extends ConnectionOf(Signal) {}
