import { Inject } from '@nestjs/common';
import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import type { Database } from 'better-sqlite3';
import { Roles } from '@praktijklus/auth';
import { InvalidInput, type GovernmentLayer } from '@praktijklus/domain';
import { accountability, type AuthorityAccountabilityRow } from '@praktijklus/projections';
import { ReferenceData } from '@praktijklus/reference';
import { READ_MODELS } from '../../projections/projections.tokens';
import { GovernmentLayerEnum } from '../../reference/government-layer.enum';
import { EVERY_ROLE } from '../viewer';
import { AuthorityAccountability } from './authority-accountability.model';

const zeroRow = (authority: string): AuthorityAccountabilityRow => ({
  authority,
  escalationsReceived: 0,
  escalationsDecided: 0,
  escalationsDecidedOnTime: 0,
  decidedOnTimeRate: null,
  medianHoursToAcknowledge: null,
  medianDaysToDecision: null,
  openOverdue: 0,
  transfersIn: 0,
  transfersOut: 0,
  wronglyAddressedRate: null,
  signalsReported: 0,
  unclearAuthoritySignals: 0,
  unclearAuthorityRate: null,
  unclearAuthorityByDomain: [],
  agreementsOpen: 0,
  agreementsFulfilled: 0,
  agreementsUnmet: 0,
  agreementsOverdue: 0,
  followUpsOverdue: 0,
  experimentsOverdue: 0,
  nonResponses: 0,
});

/**
 * View 5: accountability per authority. Public accountability between governments, so open to
 * every role. Every authority of the registry gets a row (zeros when nothing happened to it), so
 * an authority that never answers is as visible as one that does.
 */
@Resolver()
export class AccountabilityResolver {
  constructor(
    @Inject(READ_MODELS) private readonly db: Database,
    private readonly reference: ReferenceData,
  ) {}

  @Query(() => [AuthorityAccountability], {
    description: 'Per authority, ordered by id; overdue judged now.',
  })
  @Roles(...EVERY_ROLE)
  accountability(
    @Args('authority', { type: () => ID, nullable: true }) authority: string | null,
    @Args('layer', { type: () => GovernmentLayerEnum, nullable: true }) layer: GovernmentLayer | null,
  ): AuthorityAccountabilityRow[] {
    const now = new Date();
    if (authority) {
      const known = this.reference.authority(authority);
      if (known === undefined) {
        throw new InvalidInput(
          'UNKNOWN_AUTHORITY',
          `No authority ${authority} in the registry.`,
          'authority',
        );
      }
      if (layer && known.layer !== layer) return [];
      return withZeroRows(accountability(this.db, { authority, now }), [authority]);
    }
    if (layer) {
      const ids = this.reference.authorities(layer).map((a) => a.id);
      return withZeroRows(accountability(this.db, { authorities: ids, now }), ids);
    }
    const ids = this.reference.authorities().map((a) => a.id);
    return withZeroRows(accountability(this.db, { now }), ids);
  }
}

/** The rows with activity plus a zero row for every other listed authority, ordered by id. */
function withZeroRows(
  rows: AuthorityAccountabilityRow[],
  authorities: readonly string[],
): AuthorityAccountabilityRow[] {
  const byId = new Map(rows.map((row) => [row.authority, row]));
  for (const id of authorities) if (!byId.has(id)) byId.set(id, zeroRow(id));
  return [...byId.values()].sort((a, b) =>
    a.authority < b.authority ? -1 : a.authority > b.authority ? 1 : 0,
  );
}
