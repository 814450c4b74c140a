import { Query, Resolver } from '@nestjs/graphql';
import { CurrentActor, Roles } from '@praktijklus/auth';
import type { Actor } from '@praktijklus/domain';
import { SignalFilterInput, signalFilterOf } from '../signals/signal-filter.input';
import { FilterArg, FirstArg } from '../view-args';
import { EVERY_ROLE, visibleToAuthorityOf } from '../viewer';
import { NormConflict } from './norm-conflict.model';
import { AsOfArg } from '../time-travel/as-of.arg';
import { TimeTravel } from '../time-travel/time-travel';

/**
 * View 3: norm conflicts, open to every role. Refs and titles are free text from signals, so an
 * officer gets them only from their own authority's signals or from at least MIN_GROUP_SIZE.
 */
@Resolver()
export class NormConflictsResolver {
  constructor(private readonly timeTravel: TimeTravel) {}

  @Query(() => [NormConflict], { description: 'Norm pairs in conflict, most frequent first.' })
  @Roles(...EVERY_ROLE)
  async normConflicts(
    @CurrentActor() actor: Actor,
    @FilterArg(SignalFilterInput, 'Statuses default to ACTIVE only here.')
    filter: SignalFilterInput | null,
    @FirstArg() first: number,
    @AsOfArg() asOf: Date | undefined,
  ): Promise<NormConflict[]> {
    const rows = await this.timeTravel.ask(asOf, 'normConflicts', {
      filter: signalFilterOf(filter),
      first,
      ...visibleToAuthorityOf(actor),
    });
    return rows.map((row) => ({
      normA: { ref: row.normA, title: row.titleA },
      normB: { ref: row.normB, title: row.titleB },
      count: row.count,
      escalatedCount: row.escalatedCount,
      escalated: row.escalated,
      authorities: row.authorities,
      lastSeen: row.lastSeen,
    }));
  }
}
