import type { Database } from 'better-sqlite3';
import { InvalidInput, type GovernmentLayer } from '@praktijklus/domain';
import { accountability, type AuthorityAccountabilityRow } from '@praktijklus/projections';
import type { ReferenceData } from '@praktijklus/reference';

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
 * The accountability view's rows for the `accountability` query and its CSV export alike: every
 * authority of the registry (or of one layer, or the one asked) gets a row, ordered by id.
 */
export function accountabilityRows(
  db: Database,
  reference: ReferenceData,
  { authority, layer }: { authority: string | null; layer: GovernmentLayer | null },
  now: Date,
): AuthorityAccountabilityRow[] {
  if (authority) {
    const known = reference.authority(authority);
    if (known === undefined) {
      throw new InvalidInput('UNKNOWN_AUTHORITY', `No authority ${authority} in the registry.`, 'authority', {
        id: authority,
      });
    }
    if (layer && known.layer !== layer) return [];
    return withZeroRows(accountability(db, { authority, now }), [authority]);
  }
  if (layer) {
    const ids = reference.authorities(layer).map((a) => a.id);
    return withZeroRows(accountability(db, { authorities: ids, now }), ids);
  }
  const ids = reference.authorities().map((a) => a.id);
  return withZeroRows(accountability(db, { now }), ids);
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
