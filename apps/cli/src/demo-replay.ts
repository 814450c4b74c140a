import {
  agreementDecider,
  escalationDecider,
  escalationFactOf,
  experimentDecider,
  signalDecider,
  signalFactOf,
  streamIdOf,
  type Actor,
  type Decider,
  type DomainEvent,
  type EscalationFact,
  type SignalFact,
} from '@praktijklus/domain';
import { StreamNotFound, type EventStore } from '@praktijklus/event-store';
import { deterministicUuid, handleCommand, type InitiativePersonalData } from '@praktijklus/commands';
import type { DemoStep } from './demo-history';

export interface ReplayTarget {
  store: EventStore;
  initiatives: InitiativePersonalData;
}

export interface ReplayOptions {
  /** Seeds the correlation and event ids, so the same history gives the same ids. */
  seed: number;
  /** Commands in flight at once; the store commits appends arriving together in one go. */
  concurrency?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface ReplayResult {
  commands: number;
  events: number;
}

/** A command of the demo the deciders refused: a flaw in the planned history, named precisely. */
export class DemoStepRefused extends Error {
  constructor(step: DemoStep, cause: unknown) {
    super(
      `demo step ${step.kind} at ${new Date(step.at).toISOString()} was refused: ${cause instanceof Error ? `${cause.name} ${'code' in cause ? String(cause.code) : ''} ${cause.message}` : String(cause)}`,
      { cause },
    );
    this.name = 'DemoStepRefused';
  }
}

const DEFAULT_CONCURRENCY = 64;

/** The stream a step writes and the streams whose current state it needs. */
function streamsOf(step: DemoStep): { writes: string; reads: string[] } {
  switch (step.kind) {
    case 'signal':
      return { writes: streamIdOf('signal', step.signalId), reads: [] };
    case 'mark-duplicate':
      return { writes: streamIdOf('signal', step.signalId), reads: [streamIdOf('signal', step.duplicateOf)] };
    case 'raise-escalation':
    case 'attach-signals':
      return {
        writes: streamIdOf('escalation', step.escalationId),
        reads: step.signalIds.map((id) => streamIdOf('signal', id)),
      };
    case 'escalation':
      return { writes: streamIdOf('escalation', step.escalationId), reads: [] };
    case 'make-agreement':
      return {
        writes: streamIdOf('agreement', step.agreementId),
        reads: step.escalationId === null ? [] : [streamIdOf('escalation', step.escalationId)],
      };
    case 'agreement':
      return { writes: streamIdOf('agreement', step.agreementId), reads: [] };
    case 'start-experiment':
      return {
        writes: streamIdOf('experiment', step.experimentId),
        reads: [streamIdOf('escalation', step.escalationId)],
      };
    case 'experiment':
      return { writes: streamIdOf('experiment', step.experimentId), reads: [] };
    default: {
      const unknown: never = step;
      throw new Error(`unknown demo step ${JSON.stringify(unknown)}`);
    }
  }
}

/**
 * Gives the history's commands to the deciders against the store, through `handleCommand` as the
 * REST handlers do: facts from other streams are loaded for the acting user, and personal data
 * goes to the vault only once its signal is in the log. Steps run in time order, many at once,
 * except that a step waits for every earlier step on a stream it writes or reads.
 */
export async function replayDemoHistory(
  steps: readonly DemoStep[],
  target: ReplayTarget,
  options: ReplayOptions,
): Promise<ReplayResult> {
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  let events = 0;
  let done = 0;
  let batch: Array<{ step: DemoStep; index: number }> = [];
  let touched = new Set<string>();

  const flush = async (): Promise<void> => {
    const results = await Promise.all(
      batch.map(({ step, index }) => runStep(step, index, target, options.seed)),
    );
    events += results.reduce((sum, n) => sum + n, 0);
    done += batch.length;
    options.onProgress?.(done, steps.length);
    batch = [];
    touched = new Set();
  };

  for (const [index, step] of steps.entries()) {
    const { writes, reads } = streamsOf(step);
    if (batch.length >= concurrency || touched.has(writes) || reads.some((stream) => touched.has(stream))) {
      await flush();
    }
    batch.push({ step, index });
    touched.add(writes);
  }
  await flush();
  return { commands: steps.length, events };
}

async function runStep(step: DemoStep, index: number, target: ReplayTarget, seed: number): Promise<number> {
  const { store, initiatives } = target;
  const options = {
    correlationId: deterministicUuid('demo-correlation', String(seed), String(index)),
    idempotencySeed: deterministicUuid('demo-command', String(seed), String(index)),
  };
  try {
    switch (step.kind) {
      case 'signal': {
        const result = await handleCommand(
          store,
          streamIdOf('signal', step.signalId),
          signalDecider,
          step.command,
          options,
        );
        if (step.command.type === 'RecordSignal' && step.initiative && step.command.data.initiative) {
          await initiatives.keep(step.command.data.initiative.personalDataRef, step.initiative);
        }
        return result.events.length;
      }
      case 'mark-duplicate': {
        const original = await stateOf(store, streamIdOf('signal', step.duplicateOf), signalDecider);
        const result = await handleCommand(
          store,
          streamIdOf('signal', step.signalId),
          signalDecider,
          {
            type: 'MarkDuplicate',
            actor: step.actor,
            now: step.now,
            data: {
              signalId: step.signalId,
              duplicateOf: signalFactOf(step.duplicateOf, original, step.actor),
            },
          },
          options,
        );
        return result.events.length;
      }
      case 'raise-escalation': {
        const signals = await signalFacts(store, step.signalIds, step.actor);
        const result = await handleCommand(
          store,
          streamIdOf('escalation', step.escalationId),
          escalationDecider,
          {
            type: 'RaiseEscalation',
            actor: step.actor,
            now: step.now,
            data: {
              escalationId: step.escalationId,
              title: step.title,
              reason: step.reason,
              addressedTo: step.addressedTo,
              respondBy: step.respondBy,
              signals,
            },
          },
          options,
        );
        return result.events.length;
      }
      case 'attach-signals': {
        const signals = await signalFacts(store, step.signalIds, step.actor);
        const result = await handleCommand(
          store,
          streamIdOf('escalation', step.escalationId),
          escalationDecider,
          {
            type: 'AttachSignals',
            actor: step.actor,
            now: step.now,
            data: { escalationId: step.escalationId, signals },
          },
          options,
        );
        return result.events.length;
      }
      case 'escalation': {
        const result = await handleCommand(
          store,
          streamIdOf('escalation', step.escalationId),
          escalationDecider,
          step.command,
          options,
        );
        return result.events.length;
      }
      case 'make-agreement': {
        const escalation =
          step.escalationId === null ? null : await escalationFact(store, step.escalationId, step.actor);
        const result = await handleCommand(
          store,
          streamIdOf('agreement', step.agreementId),
          agreementDecider,
          {
            type: 'MakeAgreement',
            actor: step.actor,
            now: step.now,
            data: {
              agreementId: step.agreementId,
              title: step.title,
              commitment: step.commitment,
              owner: step.owner,
              parties: step.parties,
              dueBy: step.dueBy,
              firstFollowUpOn: step.firstFollowUpOn,
              escalation,
            },
          },
          options,
        );
        return result.events.length;
      }
      case 'agreement': {
        const result = await handleCommand(
          store,
          streamIdOf('agreement', step.agreementId),
          agreementDecider,
          step.command,
          options,
        );
        return result.events.length;
      }
      case 'start-experiment': {
        const escalation = await escalationFact(store, step.escalationId, step.actor);
        const result = await handleCommand(
          store,
          streamIdOf('experiment', step.experimentId),
          experimentDecider,
          {
            type: 'StartExperiment',
            actor: step.actor,
            now: step.now,
            data: {
              experimentId: step.experimentId,
              escalation,
              title: step.title,
              hypothesis: step.hypothesis,
              legalRoute: step.legalRoute,
              startsOn: step.startsOn,
              endsOn: step.endsOn,
            },
          },
          options,
        );
        return result.events.length;
      }
      case 'experiment': {
        const result = await handleCommand(
          store,
          streamIdOf('experiment', step.experimentId),
          experimentDecider,
          step.command,
          options,
        );
        return result.events.length;
      }
      default: {
        const unknown: never = step;
        throw new Error(`unknown demo step ${JSON.stringify(unknown)}`);
      }
    }
  } catch (error) {
    throw new DemoStepRefused(step, error);
  }
}

async function stateOf<C, E extends DomainEvent, S>(
  store: EventStore,
  streamId: string,
  decider: Decider<C, E, S>,
): Promise<S> {
  let state = decider.initialState();
  try {
    for (const event of await store.readStream(streamId)) {
      state = decider.evolve(state, { type: event.type, data: event.data } as E);
    }
  } catch (error) {
    if (!(error instanceof StreamNotFound)) throw error;
  }
  return state;
}

async function signalFacts(store: EventStore, ids: readonly string[], viewer: Actor): Promise<SignalFact[]> {
  return Promise.all(
    ids.map(async (id) =>
      signalFactOf(id, await stateOf(store, streamIdOf('signal', id), signalDecider), viewer),
    ),
  );
}

async function escalationFact(store: EventStore, id: string, viewer: Actor): Promise<EscalationFact> {
  return escalationFactOf(id, await stateOf(store, streamIdOf('escalation', id), escalationDecider), viewer);
}
