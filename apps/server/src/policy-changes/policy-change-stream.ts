import {
  type Actor,
  distinct,
  type ExistingPolicyChangeState,
  experimentDecider,
  isEscalationVisibleTo,
  NotFound,
  policyChangeDecider,
  type PolicyEscalationFact,
  streamIdOf,
} from '@praktijklus/domain';
import type { EventStore } from '@praktijklus/event-store';
import type { Database } from 'better-sqlite3';
import { listExperiments } from '@praktijklus/projections';
import type { ConsistencyWaiter } from '../graphql/consistency.plugin';
import { type LoadedAggregate, readAggregate } from '../escalations/aggregate-stream';
import { escalationFactFor, readEscalation } from '../escalations/escalation-stream';
import { experimentStreamId } from '../experiments/experiment-stream';

export const policyChangeStreamId = (policyChangeId: string): string =>
  streamIdOf('policyChange', policyChangeId);

export const policyChangeLocation = (policyChangeId: string): string =>
  `/api/v1/policy-changes/${policyChangeId}`;

/** A policy change that exists; like agreements and experiments, policy changes are public accountability. */
export async function existingPolicyChange(
  store: EventStore,
  policyChangeId: string,
): Promise<LoadedAggregate<ExistingPolicyChangeState>> {
  const loaded = await readAggregate(store, policyChangeStreamId(policyChangeId), policyChangeDecider);
  if (loaded.state.status === 'EMPTY') {
    throw new NotFound('POLICY_CHANGE_NOT_FOUND', 'No such policy change.');
  }
  return { ...loaded, state: loaded.state };
}

/** Where the experiments answering an escalation are looked up, and the projector to wait for, if here. */
export interface ExperimentIndex {
  db: Database;
  waiter: ConsistencyWaiter | undefined;
}

const EXPERIMENT_INDEX_WAIT_MS = 2000;

/**
 * Whether an experiment answering the escalation was evaluated ADOPT_IN_POLICY by the actor's
 * authority. The read model only says which experiments answer it; their state is read from the
 * log, so an evaluation the projector has not caught up with still counts.
 */
async function adoptedFromExperiment(
  store: EventStore,
  readModels: ExperimentIndex,
  escalationId: string,
  actor: Actor,
): Promise<boolean> {
  // An experiment started just before may not be projected yet: let the projector catch up first.
  const head = await store.headPosition();
  if (head !== undefined && readModels.waiter !== undefined) {
    await readModels.waiter.waitFor(head, EXPERIMENT_INDEX_WAIT_MS);
  }
  const { rows } = listExperiments(readModels.db, { filter: { escalationId }, first: 100, now: new Date() });
  for (const row of rows) {
    const { state } = await readAggregate(store, experimentStreamId(row.id), experimentDecider);
    if (
      state.status !== 'EMPTY' &&
      state.owner === actor.authority &&
      state.evaluation?.policyConsequence === 'ADOPT_IN_POLICY'
    ) {
      return true;
    }
  }
  return false;
}

/** The escalations named in a body as the policy-change decider needs them. */
export async function policyEscalationFactsFor(
  store: EventStore,
  readModels: ExperimentIndex,
  escalationIds: readonly string[],
  actor: Actor,
): Promise<PolicyEscalationFact[]> {
  return Promise.all(
    distinct(escalationIds.map((id) => id.toLowerCase())).map(async (id) => {
      const fact = await escalationFactFor(store, id, actor);
      const adopted =
        fact.exists && fact.outcome === 'EXPERIMENT_GRANTED'
          ? await adoptedFromExperiment(store, readModels, id, actor)
          : false;
      return { ...fact, adoptedFromExperiment: adopted };
    }),
  );
}

/** The escalations of a change the actor may read (the involved authorities and analysts), in order. */
export async function visibleEscalationIds(
  store: EventStore,
  escalationIds: readonly string[],
  actor: Actor,
): Promise<string[]> {
  const visible = await Promise.all(
    escalationIds.map(async (id) => isEscalationVisibleTo((await readEscalation(store, id)).state, actor)),
  );
  return escalationIds.filter((_id, index) => visible[index]);
}
