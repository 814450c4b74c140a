import { Inject } from '@nestjs/common';
import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import type { Database } from 'better-sqlite3';
import { Roles } from '@praktijklus/auth';
import { getAgreement, listAgreements, type AgreementRow } from '@praktijklus/projections';
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
import { AgreementFilterInput, agreementFilterOf } from './agreement-filter.input';
import { Agreement, AgreementConnection } from './agreement.model';

/**
 * View 7a: agreements. Binding agreements are public accountability between governments (the
 * agreement decider answers refusals with 403 for the same reason), so every role reads them all.
 */
@Resolver()
export class AgreementsResolver {
  constructor(@Inject(READ_MODELS) private readonly db: Database) {}

  @Query(() => AgreementConnection, { description: 'Agreements, earliest due date first.' })
  @Roles(...EVERY_ROLE)
  agreements(
    @FilterArg(AgreementFilterInput) filter: AgreementFilterInput | null,
    @TitleSearchArg() search: string | undefined,
    @ConnectionFirstArg() first: number | undefined,
    @AfterArg() after: string | undefined,
    @LastArg() last: number | undefined,
    @BeforeArg() before: string | undefined,
  ): Connection<AgreementRow> {
    const page = listAgreements(this.db, {
      filter: { ...agreementFilterOf(filter), ...(search !== undefined ? { search } : {}) },
      ...pageWindowOf({ first, after, last, before }),
      now: new Date(),
    });
    return connectionOf(page, (row) => row);
  }

  @Query(() => Agreement, { nullable: true })
  @Roles(...EVERY_ROLE)
  agreement(@Args('id', { type: () => ID }) id: string): AgreementRow | null {
    return getAgreement(this.db, id, new Date());
  }
}
