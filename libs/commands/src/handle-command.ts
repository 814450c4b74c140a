import { randomUUID } from 'node:crypto';
import {
  Actor,
  CommandContext,
  Decider,
  DomainError,
  DomainEvent,
  FieldChange,
  NotFound,
  PreconditionFailed,
} from '@praktijklus/domain';
import {
  EventStore,
  NewEvent,
  NO_STREAM,
  Position,
  RecordedEvent,
  WrongExpectedRevision,
} from '@praktijklus/event-store';
import { eventIdFor } from './event-ids';

/** `If-Match`: a stream revision, or `*` for "whatever revision, but it must exist". */
export type RequiredRevision = number | 'EXISTS';

export interface HandleCommandOptions {
  /** From `If-Match`: refuse with 412 unless the stream is exactly here; never retried. */
  expectedRevision?: RequiredRevision;
  /** Defaults to a fresh UUID. */
  correlationId?: string;
  /** Defaults to the correlation id. */
  causationId?: string;
  /** Makes event ids deterministic, so a retried request finds its own events instead of writing again. */
  idempotencySeed?: string;
  /** Attempts on a concurrent write to the same stream; default 5. */
  maxAttempts?: number;
  /**
   * The command's `now` is the server clock: a `now` before the stream's last event (a clock that
   * stepped back) is raised to that event's time, so no transition precedes the one before it,
   * and `onClockBehind` hears of a step over a second. Off for a replay of a dated history.
   */
  monotonicNow?: { onClockBehind?: (behind: ClockBehind) => void };
}

export interface ClockBehind {
  /** How far `now` lay before the stream's last event. */
  behindMs: number;
}

// Concurrent requests take `now` before reading the stream: milliseconds behind are normal then.
const CLOCK_STEP_REPORTED_MS = 1000;

export interface CommandResult<E extends DomainEvent, S> {
  /** The stream's revision after the command (−1: the stream still does not exist). */
  revision: number;
  /** Global position of the last event written (or found, or of the stream's last event when nothing was written). */
  position: Position;
  /** The events this command wrote, or found already written under the same idempotency seed. */
  events: E[];
  state: S;
  /** True when the events were already in the stream from an earlier attempt of the same request. */
  replayed: boolean;
}

const DEFAULT_MAX_ATTEMPTS = 5;
export const SCHEMA_VERSION = 1;

/**
 * Read → fold → decide → append with the revision read; on a concurrent write, read again and
 * decide again (bounded). Domain errors from `decide` pass through unchanged.
 */
export async function handleCommand<C extends CommandContext, E extends DomainEvent, S>(
  store: EventStore,
  streamId: string,
  decider: Decider<C, E, S>,
  command: C,
  options: HandleCommandOptions = {},
): Promise<CommandResult<E, S>> {
  const correlationId = options.correlationId ?? randomUUID();
  const causationId = options.causationId ?? correlationId;
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;

  for (let attempt = 1; ; attempt++) {
    const recorded = await readStreamOrEmpty(store, streamId);
    const current = recorded.length === 0 ? -1 : recorded[recorded.length - 1].revision;
    const state = fold(decider, recorded);
    const decidable =
      options.monotonicNow === undefined ? command : notBeforeStream(command, recorded, options.monotonicNow);

    if (options.idempotencySeed !== undefined) {
      const earlier = findEarlierAttempt(recorded, options.idempotencySeed, streamId);
      if (earlier.length > 0) {
        const last = earlier[earlier.length - 1];
        return {
          revision: last.revision,
          position: last.position,
          events: earlier.map((e) => ({ type: e.type, data: e.data }) as E),
          state,
          replayed: true,
        };
      }
    }

    if (options.expectedRevision !== undefined && !revisionMatches(options.expectedRevision, current)) {
      // Who may touch the resource is decided before its revision is judged (RFC 9110 §13.2.1):
      // an actor the decider answers 404 or 403 gets that, not a 412 that shows the resource exists.
      refuseWithoutAccess(decider, decidable, state);
      throw revisionMismatch(current);
    }

    const decided = decider.decide(decidable, state);
    if (decided.length === 0) {
      const last = recorded[recorded.length - 1];
      return {
        revision: current,
        position: last?.position ?? (await store.headPosition()) ?? '',
        events: [],
        state,
        replayed: false,
      };
    }

    const newEvents: NewEvent[] = decided.map((event, index) => ({
      id:
        options.idempotencySeed === undefined
          ? randomUUID()
          : eventIdFor(options.idempotencySeed, streamId, index),
      type: event.type,
      data: event.data as Record<string, unknown>,
      metadata: {
        actor: auditedActor(command.actor),
        correlationId,
        causationId,
        schemaVersion: SCHEMA_VERSION,
      },
    }));

    try {
      const appended = await store.append(streamId, newEvents, {
        expectedRevision: current === -1 ? NO_STREAM : current,
      });
      return {
        revision: appended.nextRevision,
        position: appended.position,
        events: decided,
        state: decided.reduce((s, e) => decider.evolve(s, e), state),
        replayed: false,
      };
    } catch (error) {
      if (!(error instanceof WrongExpectedRevision)) throw error;
      if (options.expectedRevision !== undefined) {
        throw new PreconditionFailed(
          'REVISION_MISMATCH',
          'The resource changed since the revision in If-Match.',
        );
      }
      if (attempt >= maxAttempts) throw error;
    }
  }
}

export interface AggregateSnapshot<S> {
  state: S;
  /** The stream revision; what `ETag` carries. */
  revision: number;
}

/** Current state of one aggregate for GET endpoints; a stream without events is NotFound. */
export async function loadAggregate<C, E extends DomainEvent, S>(
  store: EventStore,
  streamId: string,
  decider: Decider<C, E, S>,
  notFound: { code: string; message: string } = { code: 'NOT_FOUND', message: 'No such resource.' },
): Promise<AggregateSnapshot<S>> {
  const recorded = await readStreamOrEmpty(store, streamId);
  if (recorded.length === 0) throw new NotFound(notFound.code, notFound.message);
  return { state: fold(decider, recorded), revision: recorded[recorded.length - 1].revision };
}

export interface HistoryEntry {
  type: string;
  data: Record<string, unknown>;
  revision: number;
  position: Position;
  recordedAt: string;
  actor: { sub: string; authority: string; roles: string[] };
  correlationId: string;
  /** What the event changed, old -> new, where the stream's history derives it. */
  changes?: FieldChange[];
}

/** A stream's history with what each event changed, as `deriveChanges` folds it from the stream. */
export function historyWithChanges(
  events: readonly RecordedEvent[],
  deriveChanges: (events: readonly RecordedEvent[]) => FieldChange[][],
): HistoryEntry[] {
  const changes = deriveChanges(events);
  return events.map((event, index) => ({ ...historyEntryOf(event), changes: changes[index] ?? [] }));
}

/** The events of one stream in order, as the history endpoints answer them; empty when none. */
export async function readHistory(store: EventStore, streamId: string): Promise<HistoryEntry[]> {
  const recorded = await readStreamOrEmpty(store, streamId);
  return recorded.map(historyEntryOf);
}

export function historyEntryOf(event: RecordedEvent): HistoryEntry {
  const actor = event.metadata.actor;
  return {
    type: event.type,
    data: event.data,
    revision: event.revision,
    position: event.position,
    recordedAt: event.recordedAt,
    actor: { sub: actor.sub, authority: actor.authority, roles: [...actor.roles] },
    correlationId: event.metadata.correlationId,
  };
}

/** The command with `now` no earlier than the stream's last event. */
function notBeforeStream<C extends CommandContext>(
  command: C,
  recorded: RecordedEvent[],
  monotonic: NonNullable<HandleCommandOptions['monotonicNow']>,
): C {
  const last = recorded[recorded.length - 1];
  if (last === undefined) return command;
  const lastMillis = Date.parse(last.recordedAt);
  const behindMs = lastMillis - Date.parse(command.now);
  if (!(behindMs > 0)) return command;
  if (behindMs > CLOCK_STEP_REPORTED_MS) monotonic.onClockBehind?.({ behindMs });
  return { ...command, now: new Date(lastMillis).toISOString() };
}

// A new aggregate is the normal case here, not an error to throw and catch.
function readStreamOrEmpty(store: EventStore, streamId: string): Promise<RecordedEvent[]> {
  return store.readStream(streamId, { whenMissing: 'empty' });
}

function fold<C, E extends DomainEvent, S>(decider: Decider<C, E, S>, recorded: RecordedEvent[]): S {
  let state = decider.initialState();
  for (const event of recorded) state = decider.evolve(state, { type: event.type, data: event.data } as E);
  return state;
}

function findEarlierAttempt(recorded: RecordedEvent[], seed: string, streamId: string): RecordedEvent[] {
  const first = eventIdFor(seed, streamId, 0);
  const start = recorded.findIndex((e) => e.id === first);
  if (start === -1) return [];
  const found: RecordedEvent[] = [];
  for (let i = start; i < recorded.length && recorded[i].id === eventIdFor(seed, streamId, i - start); i++) {
    found.push(recorded[i]);
  }
  return found;
}

function revisionMatches(required: RequiredRevision, current: number): boolean {
  return required === 'EXISTS' ? current >= 0 : required === current;
}

function revisionMismatch(current: number): PreconditionFailed {
  return new PreconditionFailed(
    'REVISION_MISMATCH',
    current === -1
      ? 'The resource does not exist, so it cannot be at the revision in If-Match.'
      : `The resource is at revision ${current}, not at the revision in If-Match.`,
  );
}

/** Rethrows the decider's not-found or forbidden refusal of this command; anything else is left to If-Match. */
function refuseWithoutAccess<C, E extends DomainEvent, S>(
  decider: Decider<C, E, S>,
  command: C,
  state: S,
): void {
  try {
    decider.decide(command, state);
  } catch (error) {
    if (error instanceof DomainError && (error.kind === 'not-found' || error.kind === 'forbidden'))
      throw error;
  }
}

// The audit trail keeps who acted, for which authority, in which roles; a person's display name is
// personal data the immutable log does not need.
function auditedActor(actor: Actor): Actor {
  return { sub: actor.sub, authority: actor.authority, roles: [...actor.roles] };
}
