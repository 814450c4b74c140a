import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { NormReference } from '../signals/signal.model';

@ObjectType({ description: 'Two norms named together in conflicting-norms signals (an unordered pair).' })
export class NormConflict {
  @Field(() => NormReference, {
    description:
      'The ref that sorts first (matched without case or extra spaces, shown as first spelled), with the most common title of its active signals.',
  })
  normA!: NormReference;

  @Field(() => NormReference)
  normB!: NormReference;

  @Field(() => Int, { description: 'Signals naming both.' })
  count!: number;

  @Field(() => Int, { description: 'Of those, signals in at least one escalation.' })
  escalatedCount!: number;

  @Field({ description: 'Whether an escalation covers the pair.' })
  escalated!: boolean;

  @Field(() => [ID], { description: 'The reporting authorities of those signals.' })
  authorities!: string[];

  @Field({ description: 'The latest day one of them was observed (YYYY-MM-DD).' })
  lastSeen!: string;
}
