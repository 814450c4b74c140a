/*
 * How a feature controller serves a command (the DTO is validated by the global ValidationPipe;
 * the guard has put the actor on the request; errors become problem+json by themselves):
 *
 *   @Post(':id/withdraw')
 *   @HttpCode(200)                               // creating commands keep POST's 201 and set `location`
 *   @Roles('officer')
 *   withdraw(@Param('id', ParseUUIDPipe) id: string, @Body() body: WithdrawSignalDto,
 *            @CommandRequest() request: CommandRequest): Promise<WriteResponse> {
 *     return this.commands.run(request, {
 *       id,                                       // creating: const id = request.newId()
 *       streamId: streamIdOf('signal', id),
 *       decider: signalDecider,
 *       command: { type: 'WithdrawSignal', ...request.context, data: { reason: body.reason } },
 *     });
 *   }
 *
 * GET endpoints use `loadAggregate(store, streamId, decider, notFound)` and `readHistory(store, streamId)`
 * from ./handle-command; inject the store with `@Inject(EVENT_STORE)`.
 */
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DomainError, type CommandContext, type Decider, type DomainEvent } from '@praktijklus/domain';
import {
  isSqliteStorageFailure,
  sqliteCode,
  StoreUnavailable,
  WrongExpectedRevision,
  type EventStore,
  type Position,
} from '@praktijklus/event-store';
import { EVENT_STORE } from '../event-store/event-store.tokens';
import { StructuredLog } from '../logging/structured-log';
import { Metrics } from '../metrics/metrics';
import { HttpProblem } from '../errors/problem';
import { traceCommand } from '../tracing/spans';
import type { CommandRequest } from './command-request';
import {
  deterministicUuid,
  handleCommand,
  type IdempotencyRecords,
  type Reservation,
} from '@praktijklus/commands';

const logger = new Logger('CommandRunner');

/** Injection token of the `IdempotencyRecords` (SQLite file or PostgreSQL; see CommandsModule). */
export const IDEMPOTENCY_RECORDS = Symbol('IdempotencyRecords');

/** A file or database that cannot take the record now: the log still answers a retry. */
function isUnavailable(error: unknown): boolean {
  return isSqliteStorageFailure(error) || error instanceof StoreUnavailable;
}

function unavailableCode(error: unknown): string {
  return error instanceof StoreUnavailable ? error.message : (sqliteCode(error) ?? 'unknown');
}

/** What every successful command answers. */
export interface WriteResponse {
  id: string;
  revision: number;
  position: Position;
}

export interface CommandSpec<C extends CommandContext, E extends DomainEvent, S> {
  /** The aggregate's id, answered as `id`. */
  id: string;
  streamId: string;
  decider: Decider<C, E, S>;
  command: C;
  /** Set for creating commands: answered as the `Location` header. */
  location?: string;
}

/**
 * Runs a domain command for an HTTP request: idempotency ((user, key) reserved before executing;
 * replay of the first answer, 409 on a key reused for another request), `If-Match`, event metadata, deterministic event ids, and the `ETag`/`Location`
 * headers. The HTTP status is the route's (201 for POST, `@HttpCode(200)` for non-creating ones).
 */
@Injectable()
export class CommandRunner {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(IDEMPOTENCY_RECORDS) private readonly records: IdempotencyRecords,
    private readonly log: StructuredLog,
    private readonly metrics: Metrics,
  ) {}

  async run<C extends CommandContext, E extends DomainEvent, S>(
    request: CommandRequest,
    spec: CommandSpec<C, E, S>,
  ): Promise<WriteResponse> {
    const { reply, idempotencyKey, actor } = request;

    if (idempotencyKey !== undefined) {
      const reservation = await this.reserve(actor.sub, idempotencyKey, request.fingerprint);
      if (reservation.kind === 'reused') {
        throw new HttpProblem(
          409,
          'IDEMPOTENCY_KEY_REUSED',
          'This Idempotency-Key was already used for a different request.',
        );
      }
      if (reservation.kind === 'answered') {
        void reply.status(reservation.record.status).headers(reservation.record.headers);
        return reservation.record.body as WriteResponse;
      }
    }

    let result: { revision: number; position: Position };
    try {
      result = await traceCommand(
        { type: commandType(spec.command), streamId: spec.streamId },
        () =>
          handleCommand(this.store, spec.streamId, spec.decider, spec.command, {
            correlationId: request.correlationId,
            causationId: request.causationId,
            monotonicNow: {
              onClockBehind: ({ behindMs }) => this.log.write('warn', 'clock_behind_stream', { behindMs }),
            },
            ...(request.ifMatch !== undefined ? { expectedRevision: request.ifMatch } : {}),
            ...(idempotencyKey !== undefined
              ? {
                  idempotencySeed: deterministicUuid(
                    'request',
                    actor.sub,
                    idempotencyKey,
                    request.fingerprint,
                  ),
                }
              : {}),
          }),
        commandOutcome,
      );
    } catch (error) {
      this.metrics.commands.inc({ type: commandType(spec.command), outcome: commandOutcome(error) });
      // Refused before anything was appended: the key is free again for a corrected request. Any
      // other failure may have written, so the key stays with this request (a retry asks the log).
      if (idempotencyKey !== undefined && (error instanceof DomainError || error instanceof HttpProblem)) {
        await this.release(actor.sub, idempotencyKey, request.fingerprint);
      }
      throw error;
    }

    this.metrics.commands.inc({ type: commandType(spec.command), outcome: 'ok' });
    const body: WriteResponse = { id: spec.id, revision: result.revision, position: result.position };
    const headers: Record<string, string> = { etag: `"${result.revision}"` };
    if (spec.location !== undefined) headers.location = spec.location;
    void reply.headers(headers);

    if (idempotencyKey !== undefined) {
      try {
        await this.records.save(actor.sub, idempotencyKey, {
          fingerprint: request.fingerprint,
          status: reply.statusCode,
          body,
          headers,
        });
      } catch (error) {
        // The events are durable: a retry with this key is answered the same from the log through
        // the deterministic event ids, so a file that cannot take the record must not turn this into an error.
        if (!isUnavailable(error)) throw error;
        logger.warn(
          `idempotency record not saved (${unavailableCode(error)}); retries are answered from the log`,
        );
      }
    }
    return body;
  }

  /** A file that cannot take the reservation must not stop commands: the log still answers a retry. */
  private async reserve(subject: string, key: string, fingerprint: string): Promise<Reservation> {
    try {
      return await this.records.reserve(subject, key, fingerprint);
    } catch (error) {
      if (!isUnavailable(error)) throw error;
      logger.warn(
        `idempotency key not reserved (${unavailableCode(error)}); retries are answered from the log`,
      );
      return this.answeredEarlier(subject, key, fingerprint);
    }
  }

  private async answeredEarlier(subject: string, key: string, fingerprint: string): Promise<Reservation> {
    try {
      const earlier = await this.records.find(subject, key);
      if (earlier === undefined) return { kind: 'pending' };
      return earlier.fingerprint === fingerprint ? { kind: 'answered', record: earlier } : { kind: 'reused' };
    } catch (error) {
      if (!isUnavailable(error)) throw error;
      return { kind: 'pending' };
    }
  }

  private async release(subject: string, key: string, fingerprint: string): Promise<void> {
    try {
      await this.records.release(subject, key, fingerprint);
    } catch (error) {
      if (!isUnavailable(error)) throw error;
      logger.warn(`idempotency key not released (${unavailableCode(error)})`);
    }
  }
}

/** `conflict`: the resource changed under the request (a stale If-Match, a reused key); `refused`: a domain rule said no. */
function commandOutcome(error: unknown): 'refused' | 'conflict' | 'error' {
  if (error instanceof WrongExpectedRevision) return 'conflict';
  if (error instanceof DomainError) return error.kind === 'precondition' ? 'conflict' : 'refused';
  if (error instanceof HttpProblem)
    return error.status === 409 || error.status === 412 ? 'conflict' : 'refused';
  return 'error';
}

/** Every command of the domain is a discriminated union on `type`; the context type does not say so. */
function commandType(command: CommandContext): string {
  const type = (command as CommandContext & { type?: unknown }).type;
  return typeof type === 'string' ? type : 'unknown';
}
