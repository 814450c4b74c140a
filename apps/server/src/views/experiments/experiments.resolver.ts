import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { Roles } from '@praktijklus/auth';
import { getExperiment, type ExperimentRow } from '@praktijklus/projections';
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
import { AsOfArg } from '../time-travel/as-of.arg';
import { TimeTravel } from '../time-travel/time-travel';

/** View 7b: experiments with their evaluation-overdue flag; public accountability, every role. */
@Resolver()
export class ExperimentsResolver {
  constructor(private readonly timeTravel: TimeTravel) {}

  @Query(() => ExperimentConnection, { description: 'Experiments, earliest end first.' })
  @Roles(...EVERY_ROLE)
  async experiments(
    @FilterArg(ExperimentFilterInput)
    filter: ExperimentFilterInput | null,
    @TitleSearchArg() search: string | undefined,
    @ConnectionFirstArg() first: number | undefined,
    @AfterArg() after: string | undefined,
    @LastArg() last: number | undefined,
    @BeforeArg() before: string | undefined,
    @AsOfArg() asOf: Date | undefined,
  ): Promise<Connection<ExperimentRow>> {
    const window = pageWindowOf({ first, after, last, before });
    const page = await this.timeTravel.ask(asOf, 'experiments', {
      filter: { ...experimentFilterOf(filter), ...(search !== undefined ? { search } : {}) },
      ...window,
    });
    return connectionOf(page, (row) => row);
  }

  @Query(() => Experiment, { nullable: true })
  @Roles(...EVERY_ROLE)
  experiment(
    @Args('id', { type: () => ID }) id: string,
    @AsOfArg() asOf: Date | undefined,
  ): Promise<ExperimentRow | null> {
    return this.timeTravel.read(asOf, (db, now) => getExperiment(db, id, now));
  }
}
