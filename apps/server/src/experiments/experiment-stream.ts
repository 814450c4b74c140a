import { type ExistingExperimentState, experimentDecider, NotFound, streamIdOf } from '@praktijklus/domain';
import type { EventStore } from '@praktijklus/event-store';
import { type LoadedAggregate, readAggregate } from '../escalations/aggregate-stream';

export const experimentStreamId = (experimentId: string): string => streamIdOf('experiment', experimentId);

export const experimentLocation = (experimentId: string): string => `/api/v1/experiments/${experimentId}`;

/** An experiment that exists; like agreements, experiments are public accountability. */
export async function existingExperiment(
  store: EventStore,
  experimentId: string,
): Promise<LoadedAggregate<ExistingExperimentState>> {
  const loaded = await readAggregate(store, experimentStreamId(experimentId), experimentDecider);
  if (loaded.state.status === 'EMPTY') throw new NotFound('EXPERIMENT_NOT_FOUND', 'No such experiment.');
  return { ...loaded, state: loaded.state };
}
