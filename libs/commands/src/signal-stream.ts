import { SignalEvent, SignalState, signalDecider, streamIdOf } from '@praktijklus/domain';
import { EventStore, RecordedEvent, StreamNotFound } from '@praktijklus/event-store';

export const signalStreamId = (signalId: string): string => streamIdOf('signal', signalId);

export interface LoadedSignal {
  state: SignalState;
  /** −1 when the stream has no events. */
  revision: number;
  events: RecordedEvent[];
}

/** A signal's events folded into its state; a signal never recorded is the empty state. */
export async function readSignal(store: EventStore, signalId: string): Promise<LoadedSignal> {
  let events: RecordedEvent[];
  try {
    events = await store.readStream(signalStreamId(signalId));
  } catch (error) {
    if (!(error instanceof StreamNotFound)) throw error;
    events = [];
  }
  const state = events.reduce(
    (folded, event) => signalDecider.evolve(folded, { type: event.type, data: event.data } as SignalEvent),
    signalDecider.initialState(),
  );
  return { state, revision: events.length === 0 ? -1 : events[events.length - 1].revision, events };
}
