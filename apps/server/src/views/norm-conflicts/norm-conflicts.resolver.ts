import { Inject } from '@nestjs/common';
import { Query, Resolver } from '@nestjs/graphql';
import type { Database } from 'better-sqlite3';
import { Roles } from '@praktijklus/auth';
import { listNormConflicts } from '@praktijklus/projections';
import { READ_MODELS } from '../../projections/projections.tokens';
import { SignalFilterInput, signalFilterOf } from '../signals/signal-filter.input';
import { FilterArg, FirstArg } from '../view-args';
import { EVERY_ROLE } from '../viewer';
import { NormConflict } from './norm-conflict.model';

/** View 3: norm conflicts. Aggregated over signals (rule pairs, counts), so open to every role. */
@Resolver()
export class NormConflictsResolver {
  constructor(@Inject(READ_MODELS) private readonly db: Database) {}

  @Query(() => [NormConflict], { description: 'Norm pairs in conflict, most frequent first.' })
  @Roles(...EVERY_ROLE)
  normConflicts(
    @FilterArg(SignalFilterInput, 'Statuses default to ACTIVE only here.')
    filter: SignalFilterInput | null,
    @FirstArg() first: number,
  ): NormConflict[] {
    return listNormConflicts(this.db, { filter: signalFilterOf(filter), first }).map((row) => ({
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
