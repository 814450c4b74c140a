import {
  agreementDecider,
  escalationDecider,
  experimentDecider,
  isEscalationAwaitingDecision,
  signalDecider,
  streamIdOf,
  SYSTEM_ACTOR,
} from '@praktijklus/domain';
import type { EventStore } from '@praktijklus/event-store';
import type { Due, TimeCommandIssuer } from '@praktijklus/reactor';
import { endOfWorkingDays, type ReferenceData } from '@praktijklus/reference';
import { type CommandResult, handleCommand } from '@praktijklus/commands';
import { deterministicUuid } from '@praktijklus/commands';
import type { Settings } from '@praktijklus/config';
import { readAggregate } from '../escalations/aggregate-stream';

/**
 * Turns what fell due into the entity's own command, issued as the system actor. The seed makes the
 * event ids a function of (what, which entity, which date), so a retry, a restart or a second
 * instance finds the events already written instead of writing them again.
 */
export function createTimeCommandIssuer(
  store: EventStore,
  reference: ReferenceData,
  settings: Pick<Settings, 'escalationResponseWorkingDays'>,
): TimeCommandIssuer {
  return async (due: Due, now: Date): Promise<boolean> => {
    const seed = `reactor:${due.kind}:${due.streamId}:${due.key}`;
    const options = { idempotencySeed: seed, correlationId: deterministicUuid('reactor', seed) };
    const context = { actor: SYSTEM_ACTOR, now: now.toISOString() };
    let result: CommandResult<{ type: string; data: object }, unknown>;
    switch (due.kind) {
      case 'escalation-deadline':
        result = await handleCommand(
          store,
          due.streamId,
          escalationDecider,
          {
            ...context,
            type: 'RecordEscalationDeadlinePassed',
            data: { escalationId: due.entityId, respondBy: due.key },
          },
          options,
        );
        break;
      case 'escalation-non-response': {
        const { state } = await readAggregate(store, due.streamId, escalationDecider);
        if (!isEscalationAwaitingDecision(state)) return false;
        const to = reference.nextInChain(state.awaited, await policyDomainOf(store, state.signalIds[0]));
        const newRespondBy =
          to === null ? null : endOfWorkingDays(now, settings.escalationResponseWorkingDays).toISOString();
        result = await handleCommand(
          store,
          due.streamId,
          escalationDecider,
          {
            ...context,
            type: 'EscalateForNonResponse',
            data: { escalationId: due.entityId, respondBy: due.key, to, newRespondBy },
          },
          options,
        );
        break;
      }
      case 'agreement-due-date':
        result = await handleCommand(
          store,
          due.streamId,
          agreementDecider,
          {
            ...context,
            type: 'RecordAgreementDueDatePassed',
            data: { agreementId: due.entityId, dueBy: due.key },
          },
          options,
        );
        break;
      case 'agreement-follow-up':
        result = await handleCommand(
          store,
          due.streamId,
          agreementDecider,
          {
            ...context,
            type: 'RecordFollowUpMissed',
            data: { agreementId: due.entityId, followUpOn: due.key },
          },
          options,
        );
        break;
      case 'experiment-evaluation':
        result = await handleCommand(
          store,
          due.streamId,
          experimentDecider,
          {
            ...context,
            type: 'RecordEvaluationOverdue',
            data: { experimentId: due.entityId, endsOn: due.key },
          },
          options,
        );
        break;
      default: {
        const unknown: never = due.kind;
        throw new Error(`unknown due kind ${String(unknown)}`);
      }
    }
    return result.events.length > 0;
  };
}

/** The policy domain of the escalation's first signal: which ministry a province's non-response climbs to. */
async function policyDomainOf(store: EventStore, signalId: string | undefined): Promise<string | undefined> {
  if (signalId === undefined) return undefined;
  const { state } = await readAggregate(store, streamIdOf('signal', signalId), signalDecider);
  return state.status === 'EMPTY' ? undefined : state.policyDomain;
}
