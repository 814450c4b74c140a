import type { Decider, DomainEvent } from '@praktijklus/domain';
import { type EventStore, type RecordedEvent, StreamNotFound } from '@praktijklus/event-store';

export interface LoadedAggregate<S> {
  state: S;
  /** −1 when the stream has no events. */
  revision: number;
  events: RecordedEvent[];
}

/** One aggregate's events folded into its state; a stream never written is the initial state. */
export async function readAggregate<C, E extends DomainEvent, S>(
  store: EventStore,
  streamId: string,
  decider: Decider<C, E, S>,
): Promise<LoadedAggregate<S>> {
  let events: RecordedEvent[];
  try {
    events = await store.readStream(streamId);
  } catch (error) {
    if (!(error instanceof StreamNotFound)) throw error;
    events = [];
  }
  const state = events.reduce(
    (folded, event) => decider.evolve(folded, { type: event.type, data: event.data } as E),
    decider.initialState(),
  );
  return { state, revision: events.length === 0 ? -1 : events[events.length - 1].revision, events };
}
