import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import type { RecordedEvent, SqliteEventStore } from '@praktijklus/event-store';
import type { AgreementMade, DomainEvent, PolicyChangeRecorded } from '@praktijklus/domain';
import { accountability } from '../../accountability/accountability.queries';
import { listAgreements } from '../../agreements/agreements.queries';
import { escalationBoardSummary, listEscalations } from '../../escalation-board/escalation-board.queries';
import { feedbackLoop } from '../../feedback-loop/feedback-loop.queries';
import { allProjections } from '../../index';
import { listNormConflicts } from '../../norm-conflicts/norm-conflicts.queries';
import { listPolicyChanges, policyChangeEffect } from '../../policy-changes/policy-changes.queries';
import { signalStats } from '../../signal-stats/signal-stats.queries';
import { listSignals } from '../../signals/signals.queries';
import { EventLog, testContext } from '../../signals/test-support/signal-events';

export const quiet = { log: () => undefined, error: () => undefined };
export const HOUR = 3_600_000;
export const START = Date.UTC(2026, 2, 5, 8);

/** An event of another aggregate, as the store will record it (it sets position and time). */
const other = <E extends DomainEvent>(streamId: string, type: E['type'], data: E['data']): RecordedEvent => ({
  id: `${streamId}-${type}`,
  type,
  data: data as unknown as Record<string, unknown>,
  metadata: {
    actor: { sub: 'admin-1', authority: 'pv26', roles: ['admin'] },
    correlationId: streamId,
    causationId: streamId,
    schemaVersion: 1,
  },
  streamId,
  revision: 0,
  position: '0',
  recordedAt: '2026-03-05T08:00:00.000Z',
});

/**
 * Signals, norm conflicts and escalations whose deadline (2026-04-01 17:00) falls inside the log;
 * an agreement due 2026-03-25 and a policy change whose 14-day after window ends 2026-03-24, both
 * inside the log too, so overdue and TOO_EARLY change along it.
 */
export const history = (): EventLog => {
  const log = new EventLog();
  log.events.push(
    other<AgreementMade>('agreement-ag-1', 'AgreementMade', {
      agreementId: 'ag-1',
      title: 'Regels aanpassen',
      commitment: 'De geluidsnorm herzien',
      owner: 'pv26',
      parties: ['pv26', 'gm0344'],
      dueBy: '2026-03-25',
      firstFollowUpOn: '2026-03-15',
      escalationId: null,
      madeBy: 'admin-1',
      madeAt: '2026-03-05T09:00:00.000Z',
    }),
    other<PolicyChangeRecorded>('policy-change-pc-1', 'PolicyChangeRecorded', {
      policyChangeId: 'pc-1',
      title: 'Geluidsnorm herzien',
      description: 'Norm aangepast',
      policyDomain: 'building',
      norms: [{ ref: 'Bbl art. 4.101' }],
      effectiveOn: '2026-03-10',
      authorities: [],
      escalationIds: [],
      owner: 'pv26',
      recordedAt: '2026-03-05T10:00:00.000Z',
    }),
  );
  const refs = ['Bbl art. 4.101', 'Omgevingsplan art. 22.3', 'Wet natuurbescherming art. 2.7'];
  for (let index = 0; index < 60; index += 1) {
    log.recorded({
      signalId: `s${index}`,
      type: index % 3 === 0 ? 'CONFLICTING_NORMS' : 'BARRIER',
      norms: index % 3 === 0 ? [{ ref: refs[index % 2] }, { ref: refs[2] }] : [],
      reportingAuthority: ['gm0344', 'gm0363', 'pv26'][index % 3],
      policyDomain: ['building', 'water', 'energy'][index % 3],
      observedAt: `2026-0${1 + (index % 3)}-${String(1 + (index % 28)).padStart(2, '0')}`,
      title: `Signaal ${index} over ${index % 2 === 0 ? 'warmtepompen' : 'dijken'}`,
    });
    if (index % 7 === 6) log.escalated(`e${index}`, [`s${index - 1}`, `s${index - 3}`]);
    if (index % 9 === 8) log.withdrawn(`s${index - 2}`);
    if (index % 10 === 9) log.amended(`s${index - 9}`, { policyDomain: 'soil' });
    // Text that changes, so a search as of a moment finds the words of then.
    if (index % 10 === 4) log.amended(`s${index - 4}`, { title: `Signaal ${index - 4} over zonnepanelen` });
    if (index % 10 === 7) log.classified(`s${index - 5}`, ['netcongestie'], 'energy');
  }
  return log;
};

/** What the views answer at `now`: the figures time travel must reproduce. */
export const views = (db: Database, now: Date): Record<string, unknown> => ({
  signals: listSignals(db, { first: 100 }),
  officerSignals: listSignals(db, { first: 100, visibleToAuthority: 'gm0363' }),
  stats: signalStats(db, { groupBy: ['POLICY_DOMAIN', 'TYPE'] }),
  conflicts: listNormConflicts(db, { first: 20 }),
  escalations: listEscalations(db, { first: 100, now }),
  board: escalationBoardSummary(db, { now }),
  accountability: accountability(db, { now }),
  feedbackLoop: feedbackLoop(db),
  agreements: listAgreements(db, { first: 100, now }),
  policyChanges: listPolicyChanges(db, { first: 100 }).rows.map((change) => ({
    change,
    effect: policyChangeEffect(db, change, 14, now),
  })),
});

/** `query` on a fresh rebuild of `events` cut at `at`: every event recorded up to it, applied in a new file. */
export const rebuiltOn = <T>(
  events: readonly RecordedEvent[],
  at: Date,
  query: (db: Database, now: Date) => T,
): T => {
  const db = new BetterSqlite3(':memory:');
  try {
    const cut = events.filter((event) => Date.parse(event.recordedAt) <= at.getTime());
    for (const projection of allProjections(testContext)) {
      projection.migrate(db);
      db.transaction(() => {
        for (const event of cut) projection.apply(db, event);
        projection.flush?.(db);
      })();
      projection.index?.(db);
    }
    return query(db, at);
  } finally {
    db.close();
  }
};

/** What the views answer on a fresh rebuild of `events` cut at `at`. */
export const rebuiltAt = (events: readonly RecordedEvent[], at: Date): Record<string, unknown> =>
  rebuiltOn(events, at, views);

/**
 * Appends `history()` to `store`, calling `tick` before each event (the test moves the store's
 * clock there), and answers the log as the store recorded it.
 */
export async function appendHistory(store: SqliteEventStore, tick: () => void): Promise<RecordedEvent[]> {
  for (const event of history().events) {
    tick();
    const { id, type, data, metadata } = event;
    await store.append(event.streamId, [{ id, type, data, metadata }], { expectedRevision: 'ANY' });
  }
  return store.readAll();
}
