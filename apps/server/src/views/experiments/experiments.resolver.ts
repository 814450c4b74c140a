import { Inject } from '@nestjs/common';
import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import type { Database } from 'better-sqlite3';
import { Roles } from '@praktijklus/auth';
import { getExperiment, listExperiments, type ExperimentRow } from '@praktijklus/projections';
import { READ_MODELS } from '../../projections/projections.tokens';
import { connectionOf, type Connection } from '../connection.model';
import {
  AfterArg,
  BeforeArg,
  ConnectionFirstArg,
  FilterArg,
  LastArg,
  pageWindowOf,
  TitleSearchArg,
} from '../view-args';
import { EVERY_ROLE } from '../viewer';
import { ExperimentFilterInput, experimentFilterOf } from './experiment-filter.input';
import { Experiment, ExperimentConnection } from './experiment.model';

/** View 7b: experiments with their evaluation-overdue flag; public accountability, every role. */
@Resolver()
export class ExperimentsResolver {
  constructor(@Inject(READ_MODELS) private readonly db: Database) {}

  @Query(() => ExperimentConnection, { description: 'Experiments, earliest end first.' })
  @Roles(...EVERY_ROLE)
  experiments(
    @FilterArg(ExperimentFilterInput)
    filter: ExperimentFilterInput | null,
    @TitleSearchArg() search: string | undefined,
    @ConnectionFirstArg() first: number | undefined,
    @AfterArg() after: string | undefined,
    @LastArg() last: number | undefined,
    @BeforeArg() before: string | undefined,
  ): Connection<ExperimentRow> {
    const page = listExperiments(this.db, {
      filter: { ...experimentFilterOf(filter), ...(search !== undefined ? { search } : {}) },
      ...pageWindowOf({ first, after, last, before }),
      now: new Date(),
    });
    return connectionOf(page, (row) => row);
  }

  @Query(() => Experiment, { nullable: true })
  @Roles(...EVERY_ROLE)
  experiment(@Args('id', { type: () => ID }) id: string): ExperimentRow | null {
    return getExperiment(this.db, id, new Date());
  }
}
