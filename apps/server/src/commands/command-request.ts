import { createHash, randomUUID } from 'node:crypto';
import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '@praktijklus/domain';
import type { CommandContext } from '@praktijklus/domain';
import { actorOf } from '../auth/request-actor';
import { HttpProblem } from '../errors/problem';
import { deterministicUuid, type RequiredRevision } from '@praktijklus/commands';

/** Everything about an HTTP request a command needs, read once from headers, token and clock. */
export interface CommandRequest {
  actor: Actor;
  /** ISO 8601; the server clock at the request. */
  now: string;
  /** `{ actor, now }`, to spread into a domain command. */
  context: CommandContext;
  correlationId: string;
  causationId: string;
  idempotencyKey: string | undefined;
  /**
   * Method, path and body, hashed: what makes two requests "the same request". Hashed on first
   * use, since only requests with an Idempotency-Key are ever compared.
   */
  readonly fingerprint: string;
  ifMatch: RequiredRevision | undefined;
  /** A new aggregate id: random, or derived from the Idempotency-Key so a retry targets the same stream. */
  newId(): string;
  reply: FastifyReply;
}

const MAX_IDEMPOTENCY_KEY_LENGTH = 200;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function commandRequestOf(request: FastifyRequest, reply: FastifyReply): CommandRequest {
  const actor = actorOf(request);
  const now = new Date().toISOString();
  const idempotencyKey = request.method === 'POST' ? idempotencyKeyOf(request) : undefined;
  let fingerprint: string | undefined;
  const fingerprintOnce = () => (fingerprint ??= fingerprintOf(request));
  const correlationHeader = singleHeader(request, 'x-correlation-id');
  const correlationId =
    correlationHeader !== undefined && UUID.test(correlationHeader) ? correlationHeader : request.id;
  return {
    actor,
    now,
    context: { actor, now },
    correlationId,
    causationId: request.id,
    idempotencyKey,
    get fingerprint() {
      return fingerprintOnce();
    },
    ifMatch: ifMatchOf(request),
    newId: () =>
      idempotencyKey === undefined
        ? randomUUID()
        : deterministicUuid('aggregate', actor.sub, idempotencyKey, fingerprintOnce()),
    reply,
  };
}

/** `@CommandRequest() request: CommandRequest` in a controller method. */
export const CommandRequest = createParamDecorator(
  (_: unknown, context: ExecutionContext): CommandRequest => {
    const http = context.switchToHttp();
    return commandRequestOf(http.getRequest<FastifyRequest>(), http.getResponse<FastifyReply>());
  },
);

function idempotencyKeyOf(request: FastifyRequest): string | undefined {
  const key = singleHeader(request, 'idempotency-key');
  if (key === undefined) return undefined;
  if (key.length === 0 || key.length > MAX_IDEMPOTENCY_KEY_LENGTH || !/^[\x21-\x7e]+$/.test(key)) {
    throw new HttpProblem(
      400,
      'INVALID_IDEMPOTENCY_KEY',
      'Idempotency-Key must be 1-200 visible ASCII characters.',
      {},
      [{ field: 'Idempotency-Key', message: 'must be 1-200 visible ASCII characters' }],
    );
  }
  return key;
}

function ifMatchOf(request: FastifyRequest): RequiredRevision | undefined {
  const raw = singleHeader(request, 'if-match');
  if (raw === undefined) return undefined;
  if (raw === '*') return 'EXISTS';
  const match = /^(?:W\/)?"?(\d{1,15})"?$/.exec(raw);
  if (!match) {
    throw new HttpProblem(
      400,
      'INVALID_IF_MATCH',
      'If-Match must be one revision, as sent in ETag (e.g. "3").',
      {},
      [{ field: 'If-Match', message: 'must be one revision, as sent in ETag' }],
    );
  }
  return Number(match[1]);
}

function singleHeader(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  if (value === undefined) return undefined;
  if (Array.isArray(value)) {
    throw new HttpProblem(400, 'INVALID_HEADER', `${name} may be sent only once.`, {}, [
      { field: name, message: 'may be sent only once', rule: { key: 'INVALID_HEADER' } },
    ]);
  }
  return value.trim();
}

function fingerprintOf(request: FastifyRequest): string {
  return createHash('sha256')
    .update(`${request.method} ${request.url}\n`)
    .update(canonicalJson(request.body))
    .digest('base64url');
}

/** JSON with object keys sorted, so the same body with keys in another order is the same request. */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return '';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value))
    return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}
