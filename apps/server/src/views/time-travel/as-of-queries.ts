import type { Database } from 'better-sqlite3';
import {
  escalationBoardSummary,
  feedbackLoop,
  listAgreements,
  listEscalations,
  listExperiments,
  listNormConflicts,
  listPolicyChanges,
  listSignals,
  policyChangeFunnel,
  signalStats,
} from '@praktijklus/projections';
import type { ReferenceData } from '@praktijklus/reference';
import { accountabilityRows } from '../accountability/accountability-rows';

type Input<Query extends (db: Database, input: never) => unknown> = Parameters<Query>[1];
/** A query's input without the clock: `now` is the moment asked for. */
type Timeless<T> = Omit<T, 'now'>;

/**
 * The views' heavier questions by name, with inputs and answers that survive a structured clone:
 * as of a moment they are asked in the as-of thread (as-of.worker.ts), off the request loop, since
 * read from time travel's history they take up to about a second at a million signals.
 */
export const AS_OF_QUERIES = {
  signals: (db: Database, _now: Date, input: Input<typeof listSignals>) => listSignals(db, input),
  signalStats: (db: Database, _now: Date, input: Input<typeof signalStats>) => signalStats(db, input),
  normConflicts: (db: Database, _now: Date, input: Input<typeof listNormConflicts>) =>
    listNormConflicts(db, input),
  feedbackLoop: (db: Database, _now: Date, filter: Input<typeof feedbackLoop>) => {
    const policyChanges = policyChangeFunnel(db, filter);
    return feedbackLoop(db, filter).map((row) => ({
      ...row,
      policyChanged: policyChanges.get(row.policyDomain)?.policyChanged ?? 0,
      medianDaysToPolicyChange: policyChanges.get(row.policyDomain)?.medianDaysToPolicyChange ?? null,
    }));
  },
  escalations: (db: Database, now: Date, input: Timeless<Input<typeof listEscalations>>) =>
    listEscalations(db, { ...input, now }),
  escalationBoard: (db: Database, now: Date, input: Timeless<Input<typeof escalationBoardSummary>>) =>
    escalationBoardSummary(db, { ...input, now }),
  accountability: (
    db: Database,
    now: Date,
    input: Parameters<typeof accountabilityRows>[2],
    reference: ReferenceData,
  ) => accountabilityRows(db, reference, input, now),
  agreements: (db: Database, now: Date, input: Timeless<Input<typeof listAgreements>>) =>
    listAgreements(db, { ...input, now }),
  experiments: (db: Database, now: Date, input: Timeless<Input<typeof listExperiments>>) =>
    listExperiments(db, { ...input, now }),
  policyChanges: (db: Database, _now: Date, input: Input<typeof listPolicyChanges>) =>
    listPolicyChanges(db, input),
} satisfies Record<string, (db: Database, now: Date, input: never, reference: ReferenceData) => unknown>;

export type AsOfQueryName = keyof typeof AS_OF_QUERIES;
export type AsOfQueryInput<Name extends AsOfQueryName> = Parameters<(typeof AS_OF_QUERIES)[Name]>[2];
export type AsOfQueryAnswer<Name extends AsOfQueryName> = ReturnType<(typeof AS_OF_QUERIES)[Name]>;

/** Runs the named query on `db` at `now`. */
export function runAsOfQuery<Name extends AsOfQueryName>(
  name: Name,
  input: AsOfQueryInput<Name>,
  reference: ReferenceData,
): (db: Database, now: Date) => AsOfQueryAnswer<Name> {
  const query = AS_OF_QUERIES[name] as (
    db: Database,
    now: Date,
    input: AsOfQueryInput<Name>,
    reference: ReferenceData,
  ) => AsOfQueryAnswer<Name>;
  return (db, now) => query(db, now, input, reference);
}
