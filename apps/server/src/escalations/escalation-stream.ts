import {
  type Actor,
  distinct,
  type EscalationFact,
  type EscalationState,
  escalationDecider,
  escalationFactOf,
  type ExistingEscalationState,
  isEscalationVisibleTo,
  NotFound,
  NotVisible,
  type SignalFact,
  signalDecider,
  signalFactOf,
  streamIdOf,
} from '@praktijklus/domain';
import type { EventStore } from '@praktijklus/event-store';
import { type LoadedAggregate, readAggregate } from './aggregate-stream';

export const escalationStreamId = (escalationId: string): string => streamIdOf('escalation', escalationId);

export const escalationLocation = (escalationId: string): string => `/api/v1/escalations/${escalationId}`;

export const readEscalation = (
  store: EventStore,
  escalationId: string,
): Promise<LoadedAggregate<EscalationState>> =>
  readAggregate(store, escalationStreamId(escalationId), escalationDecider);

/** The escalation as the actor may see it; not involved (and not an analyst) is the same 404 as absent. */
export async function visibleEscalation(
  store: EventStore,
  escalationId: string,
  actor: Actor,
): Promise<LoadedAggregate<ExistingEscalationState>> {
  const loaded = await readEscalation(store, escalationId);
  if (loaded.state.status === 'EMPTY') throw new NotFound('ESCALATION_NOT_FOUND', 'No such escalation.');
  if (!isEscalationVisibleTo(loaded.state, actor)) {
    throw new NotVisible('ESCALATION_NOT_FOUND', 'No such escalation.');
  }
  return { ...loaded, state: loaded.state };
}

/** What the agreement and experiment deciders need; one the actor may not read counts as absent. */
export async function escalationFactFor(
  store: EventStore,
  escalationId: string,
  actor: Actor,
): Promise<EscalationFact> {
  const { state } = await readEscalation(store, escalationId);
  return escalationFactOf(escalationId, state, actor);
}

/** The signals named in a body as the escalation decider needs them; unreadable ones count as absent. */
export async function signalFactsFor(
  store: EventStore,
  signalIds: readonly string[],
  actor: Actor,
): Promise<SignalFact[]> {
  return Promise.all(
    distinct(signalIds.map((id) => id.toLowerCase())).map(async (id) => {
      const { state } = await readAggregate(store, streamIdOf('signal', id), signalDecider);
      return signalFactOf(id, state, actor);
    }),
  );
}
