import { ArgumentMetadata, Inject, Injectable, PipeTransform } from '@nestjs/common';
import { Args, ID, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { Database } from 'better-sqlite3';
import { CurrentActor, Roles } from '@praktijklus/auth';
import type { Actor } from '@praktijklus/domain';
import {
  precedentsOf,
  similarSignals,
  similarSignalsTo,
  type PrecedentRow,
  type SignalRow,
  type SimilarSignalRow,
} from '@praktijklus/projections';
import { ReferenceData } from '@praktijklus/reference';
import { createValidationPipe, RequestValidationFailed } from '../../errors/request-validation';
import { READ_MODELS } from '../../projections/projections.tokens';
import { EVERY_ROLE, visibleToAuthorityOf } from '../viewer';
import { Signal } from '../signals/signal.model';
import { Precedent, SimilarSignal, SimilarToInput } from './knowledge.model';
import { momentOf, TimeTravel } from '../time-travel/time-travel';

const DEFAULT_FIRST = 5;
const MAX_FIRST = 20;

/** `first: Int = 5`, 1 to 20: these lists are suggestions, never pages. */
@Injectable()
class FewPipe implements PipeTransform<unknown, number> {
  transform(value: unknown, metadata: ArgumentMetadata): number {
    const size = value === undefined || value === null ? DEFAULT_FIRST : value;
    if (typeof size !== 'number' || !Number.isInteger(size) || size < 1 || size > MAX_FIRST) {
      const field = metadata.data ?? 'first';
      throw new RequestValidationFailed(
        [
          {
            field,
            message: `${field} must be an integer from 1 to ${MAX_FIRST}`,
            rule: { key: 'integerRange', params: { min: 1, max: MAX_FIRST } },
          },
        ],
        `${field} must be an integer from 1 to ${MAX_FIRST}.`,
      );
    }
    return size;
  }
}

const FewArg = (): ParameterDecorator =>
  Args('first', { type: () => Int, nullable: true, defaultValue: DEFAULT_FIRST }, new FewPipe());

/**
 * Knowledge within reach (issue 17): similar signals, scoped like the signals list, and precedents —
 * decided escalations and what followed, public accountability readable by every role.
 */
@Resolver(() => Signal)
export class KnowledgeResolver {
  constructor(
    @Inject(READ_MODELS) private readonly db: Database,
    private readonly reference: ReferenceData,
    private readonly timeTravel: TimeTravel,
  ) {}

  @ResolveField(() => [SimilarSignal], {
    description: 'The signals most like this one that the reader may see; never itself or its duplicates.',
  })
  @Roles(...EVERY_ROLE)
  similar(
    @CurrentActor() actor: Actor,
    @Parent() signal: SignalRow,
    @FewArg() first: number,
  ): Promise<SimilarSignalRow[]> {
    return this.timeTravel.read(
      momentOf(signal),
      (db) => similarSignals(db, signal.id, { first, ...visibleToAuthorityOf(actor) }) ?? [],
    );
  }

  @Query(() => [SimilarSignal], {
    description: 'Signals like what is being typed, so a duplicate is found before it is recorded.',
  })
  @Roles(...EVERY_ROLE)
  similarTo(
    @CurrentActor() actor: Actor,
    @Args('input', { type: () => SimilarToInput }, createValidationPipe(SimilarToInput))
    input: SimilarToInput,
    @FewArg() first: number,
  ): SimilarSignalRow[] {
    const normRefs = input.normRefs ?? [];
    return similarSignalsTo(
      this.db,
      {
        texts: [input.text, ...normRefs],
        normRefs,
        type: input.type ?? null,
        policyDomain: input.policyDomain ?? null,
      },
      { first, ...visibleToAuthorityOf(actor) },
    );
  }

  @Query(() => [Precedent], {
    description:
      'How this was solved elsewhere: decided escalations whose signals share norms with this signal (else its type and domain).',
  })
  @Roles(...EVERY_ROLE)
  precedents(
    @CurrentActor() actor: Actor,
    @Args('signalId', { type: () => ID }) signalId: string,
    @FewArg() first: number,
  ): Precedent[] {
    const own = this.db
      .prepare<[string], { reportingAuthority: string }>(
        'SELECT reporting_authority AS reportingAuthority FROM signals WHERE signal_id = ?',
      )
      .get(signalId);
    const { visibleToAuthority } = visibleToAuthorityOf(actor);
    // A signal the reader may not see has no precedents for them: its norms stay its own.
    if (!own || (visibleToAuthority !== undefined && own.reportingAuthority !== visibleToAuthority))
      return [];
    return (precedentsOf(this.db, signalId, first, new Date()) ?? []).map((row) => this.toPrecedent(row));
  }

  private toPrecedent(row: PrecedentRow): Precedent {
    return {
      basis: row.basis,
      sharedNormCount: row.sharedNormCount,
      escalation: {
        ...row.escalation,
        addressedToName: this.reference.authority(row.escalation.addressedTo)?.name ?? null,
      },
      agreements: row.agreements,
      experiments: row.experiments,
    };
  }
}
