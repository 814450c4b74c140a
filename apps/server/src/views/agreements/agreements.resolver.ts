import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { Roles } from '@praktijklus/auth';
import { getAgreement, type AgreementRow } from '@praktijklus/projections';
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
import { AgreementFilterInput, agreementFilterOf } from './agreement-filter.input';
import { Agreement, AgreementConnection } from './agreement.model';
import { AsOfArg } from '../time-travel/as-of.arg';
import { TimeTravel } from '../time-travel/time-travel';

/**
 * View 7a: agreements. Binding agreements are public accountability between governments (the
 * agreement decider answers refusals with 403 for the same reason), so every role reads them all.
 */
@Resolver()
export class AgreementsResolver {
  constructor(private readonly timeTravel: TimeTravel) {}

  @Query(() => AgreementConnection, { description: 'Agreements, earliest due date first.' })
  @Roles(...EVERY_ROLE)
  async agreements(
    @FilterArg(AgreementFilterInput) filter: AgreementFilterInput | null,
    @TitleSearchArg() search: string | undefined,
    @ConnectionFirstArg() first: number | undefined,
    @AfterArg() after: string | undefined,
    @LastArg() last: number | undefined,
    @BeforeArg() before: string | undefined,
    @AsOfArg() asOf: Date | undefined,
  ): Promise<Connection<AgreementRow>> {
    const window = pageWindowOf({ first, after, last, before });
    const page = await this.timeTravel.ask(asOf, 'agreements', {
      filter: { ...agreementFilterOf(filter), ...(search !== undefined ? { search } : {}) },
      ...window,
    });
    return connectionOf(page, (row) => row);
  }

  @Query(() => Agreement, { nullable: true })
  @Roles(...EVERY_ROLE)
  agreement(
    @Args('id', { type: () => ID }) id: string,
    @AsOfArg() asOf: Date | undefined,
  ): Promise<AgreementRow | null> {
    return this.timeTravel.read(asOf, (db, now) => getAgreement(db, id, now));
  }
}
