import {
  type Actor,
  caseDecider,
  type CaseSignalFact,
  distinct,
  type ExistingCaseState,
  isCaseVisibleTo,
  isSignalVisibleTo,
  NotFound,
  NotVisible,
  signalDecider,
  streamIdOf,
} from '@praktijklus/domain';
import type { EventStore } from '@praktijklus/event-store';
import { type LoadedAggregate, readAggregate } from '../escalations/aggregate-stream';

export const caseStreamId = (caseId: string): string => streamIdOf('case', caseId);

export const caseLocation = (caseId: string): string => `/api/v1/cases/${caseId}`;

/** The case as the actor may see it; not a party (and no analyst) is the same 404 as absent. */
export async function visibleCase(
  store: EventStore,
  caseId: string,
  actor: Actor,
): Promise<LoadedAggregate<ExistingCaseState>> {
  const loaded = await readAggregate(store, caseStreamId(caseId), caseDecider);
  if (loaded.state.status === 'EMPTY') throw new NotFound('CASE_NOT_FOUND', 'No such case.');
  if (!isCaseVisibleTo(loaded.state, actor)) throw new NotVisible('CASE_NOT_FOUND', 'No such case.');
  return { ...loaded, state: loaded.state };
}

/** The signals named in a body as the case decider needs them; unreadable ones count as absent. */
export async function caseSignalFactsFor(
  store: EventStore,
  signalIds: readonly string[],
  actor: Actor,
): Promise<CaseSignalFact[]> {
  return Promise.all(
    distinct(signalIds.map((id) => id.toLowerCase())).map(async (id): Promise<CaseSignalFact> => {
      const { state } = await readAggregate(store, streamIdOf('signal', id), signalDecider);
      return isSignalVisibleTo(state, actor)
        ? { id, exists: true, reportingAuthority: state.reportingAuthority }
        : { id, exists: false };
    }),
  );
}
