import type {
  AllStreamResolvedEvent,
  AppendResult,
  AppendToStreamOptions,
  EventData,
  Position as EsdbPosition,
  ReadAllOptions,
  ReadStreamOptions,
  ResolvedEvent,
  SubscribeToAllOptions,
} from '@eventstore/db-client';
import type { EventMetadata } from '../../event-store.port';
import type { EsdbAllSubscription, EsdbClient } from '../esdb-client';

export const metadata: EventMetadata = {
  actor: { sub: 'officer-1', authority: 'gm0344', roles: ['officer'] },
  correlationId: 'correlation-1',
  causationId: 'causation-1',
  schemaVersion: 1,
};

let nextId = 0;

/** A JSON event as the client reads it back, at `commit` (prepare one lower, as a cluster reports). */
export function storedEvent(
  streamId: string,
  revision: number,
  commit: number,
  overrides: { type?: string; data?: unknown; metadata?: unknown; isJson?: boolean } = {},
): AllStreamResolvedEvent {
  nextId += 1;
  return {
    event: {
      streamId,
      id: `00000000-0000-4000-8000-${String(nextId).padStart(12, '0')}`,
      revision: BigInt(revision),
      type: overrides.type ?? 'SignalRecorded',
      created: new Date('2026-03-01T10:00:00.000Z'),
      isJson: overrides.isJson ?? true,
      data: overrides.data ?? { n: revision },
      metadata: overrides.metadata ?? metadata,
      position: { commit: BigInt(commit), prepare: BigInt(commit) },
    },
    commitPosition: BigInt(commit),
    // The client's event union is wider than a test needs; the fields above are the ones read.
  } as AllStreamResolvedEvent;
}

const commitOf = (resolved: AllStreamResolvedEvent): bigint => resolved.event?.position.commit ?? -1n;

async function* yieldAll<T>(items: T[], failure?: Error): AsyncGenerator<T> {
  for (const item of items) yield await Promise.resolve(item);
  if (failure !== undefined) throw failure;
}

/**
 * The client's answers without a cluster: a log in memory read as EventStoreDB reads it (forwards
 * from a position inclusively, backwards from one), plus scripted failures and append results.
 */
export class FakeEsdbClient implements EsdbClient {
  /** The whole `$all`, in commit order, system and foreign events included. */
  log: AllStreamResolvedEvent[] = [];
  /** Answers for the next appends, taken in order; an Error is thrown. Empty: a plain success. */
  appendAnswers: Array<AppendResult | Error> = [];
  /** Thrown by the next reads of a stream, one each. */
  readStreamFailures: Error[] = [];
  /** Thrown by the next reads of `$all`, one each. */
  readAllFailures: Error[] = [];
  readonly appendCalls: Array<{ streamName: string; events: EventData[]; options: AppendToStreamOptions }> =
    [];
  readonly readAllCalls: ReadAllOptions[] = [];
  readonly subscribeCalls: SubscribeToAllOptions[] = [];
  disposed = false;

  appendToStream(
    streamName: string,
    events: EventData[],
    options: AppendToStreamOptions,
  ): Promise<AppendResult> {
    this.appendCalls.push({ streamName, events, options });
    const answer = this.appendAnswers.shift();
    if (answer instanceof Error) return Promise.reject(answer);
    if (answer !== undefined) return Promise.resolve(answer);
    const current = this.log.filter((resolved) => resolved.event?.streamId === streamName).length - 1;
    let commit = this.log.reduce((highest, resolved) => Math.max(highest, Number(commitOf(resolved))), 0);
    events.forEach((_, index) => {
      commit += 100;
      this.log.push(storedEvent(streamName, current + 1 + index, commit));
    });
    const position: EsdbPosition = { commit: BigInt(commit), prepare: BigInt(commit) };
    return Promise.resolve({
      success: true,
      nextExpectedRevision: BigInt(current + events.length),
      position,
    });
  }

  readStream(streamName: string, options: ReadStreamOptions): AsyncIterable<ResolvedEvent> {
    const failure = this.readStreamFailures.shift();
    if (failure !== undefined) return yieldAll([], failure);
    const from = typeof options.fromRevision === 'bigint' ? options.fromRevision : 0n;
    const events = this.log
      .filter((resolved) => resolved.event?.streamId === streamName && resolved.event.revision >= from)
      .slice(0, Number(options.maxCount ?? Number.MAX_SAFE_INTEGER));
    return yieldAll(events);
  }

  readAll(options: ReadAllOptions): AsyncIterable<AllStreamResolvedEvent> {
    this.readAllCalls.push(options);
    const failure = this.readAllFailures.shift();
    if (failure !== undefined) return yieldAll([], failure);
    const from = options.fromPosition;
    const maxCount = Number(options.maxCount ?? Number.MAX_SAFE_INTEGER);
    if (options.direction === 'backwards') {
      const before = this.log.filter(
        (resolved) =>
          from === undefined || from === 'end' || from === 'start' || commitOf(resolved) < from.commit,
      );
      return yieldAll(from === 'start' ? [] : before.reverse().slice(0, maxCount));
    }
    const after = this.log.filter(
      (resolved) =>
        from === undefined || from === 'start' || (from !== 'end' && commitOf(resolved) >= from.commit),
    );
    return yieldAll(after.slice(0, maxCount));
  }

  subscribeToAll(options: SubscribeToAllOptions): EsdbAllSubscription {
    this.subscribeCalls.push(options);
    const from = options.fromPosition;
    const events = this.log.filter(
      (resolved) =>
        from === undefined || from === 'start' || (from !== 'end' && commitOf(resolved) >= from.commit),
    );
    return Object.assign(yieldAll(events), {
      unsubscribe: () => Promise.resolve(),
      destroy: () => undefined,
    });
  }

  dispose(): Promise<void> {
    this.disposed = true;
    return Promise.resolve();
  }
}
