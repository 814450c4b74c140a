import {
  isSpanContextValid,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Span,
  type SpanContext,
  type Tracer,
} from '@opentelemetry/api';
import type { EventStore, RecordedEvent } from '@praktijklus/event-store';

/*
 * The spans this application makes itself, through @opentelemetry/api only: without a started SDK
 * every call below is the API's no-op. Attributes name types, streams, positions, counts and error
 * classes; never a body, a name, a token or a free-text message, which may hold personal data.
 */

export const TRACER_NAME = 'praktijklus';

/** Projection spans made for one batch at most: a replay of a traced log must not flood the exporter. */
export const MAX_TRACED_EVENTS_PER_BATCH = 32;

/** The store adapters as OpenTelemetry's `db.system` names them. */
const DB_SYSTEMS: Record<string, string> = {
  sqlite: 'sqlite',
  esdb: 'eventstoredb',
  postgres: 'postgresql',
};

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

function tracer(): Tracer {
  return trace.getTracer(TRACER_NAME);
}

/** W3C `traceparent` (version 00) of a span, or undefined for the invalid context of a no-op span. */
export function traceparentOf(spanContext: SpanContext): string | undefined {
  if (!isSpanContextValid(spanContext)) return undefined;
  const flags = (spanContext.traceFlags & 0xff).toString(16).padStart(2, '0');
  return `00-${spanContext.traceId}-${spanContext.spanId}-${flags}`;
}

/** The remote span context a `traceparent` names; undefined for anything else (old events have none). */
export function spanContextOf(traceparent: unknown): SpanContext | undefined {
  if (typeof traceparent !== 'string') return undefined;
  const match = TRACEPARENT.exec(traceparent);
  if (match === null) return undefined;
  const spanContext: SpanContext = {
    traceId: match[1],
    spanId: match[2],
    traceFlags: Number.parseInt(match[3], 16),
    isRemote: true,
  };
  return isSpanContextValid(spanContext) ? spanContext : undefined;
}

export function dbSystemOf(eventStore: string): string {
  return DB_SYSTEMS[eventStore] ?? eventStore;
}

/**
 * One span around a domain command (read, decide, append): its type and stream, and its outcome.
 * A refusal or conflict is an answer, not a fault: only `error` marks the span failed.
 */
export function traceCommand<T>(
  command: { type: string; streamId: string },
  run: () => Promise<T>,
  outcomeOf: (error: unknown) => string,
): Promise<T> {
  const attributes: Attributes = {
    'praktijklus.command.type': command.type,
    'praktijklus.stream.id': command.streamId,
  };
  return tracer().startActiveSpan(
    `command ${command.type}`,
    { kind: SpanKind.INTERNAL, attributes },
    async (span) => {
      try {
        const result = await run();
        span.setAttribute('praktijklus.command.outcome', 'ok');
        return result;
      } catch (error) {
        const outcome = outcomeOf(error);
        span.setAttribute('praktijklus.command.outcome', outcome);
        markFailure(span, error, outcome === 'error');
        throw error;
      } finally {
        span.end();
      }
    },
  );
}

/**
 * Wraps every append of `store` (an own property over the class's method) in a client span, and
 * writes that span's `traceparent` into the metadata of the events it appends, so the projector
 * can continue the trace after the asynchronous hop through the log.
 */
export function traceAppends(store: EventStore, eventStore: string): void {
  const append = store.append.bind(store);
  const dbSystem = dbSystemOf(eventStore);
  store.append = (streamId, events, options) =>
    tracer().startActiveSpan(
      `append ${streamCategory(streamId)}`,
      {
        kind: SpanKind.CLIENT,
        attributes: {
          'db.system': dbSystem,
          'db.system.name': dbSystem,
          'db.operation.name': 'append',
          'praktijklus.stream.id': streamId,
          'praktijklus.event.count': events.length,
          'praktijklus.event.types': [...new Set(events.map((event) => event.type))],
        },
      },
      async (span) => {
        const traceparent = traceparentOf(span.spanContext());
        const traced =
          traceparent === undefined
            ? events
            : events.map((event) => ({ ...event, metadata: { ...event.metadata, traceparent } }));
        try {
          const result = await append(streamId, traced, options);
          span.setAttribute('praktijklus.position', result.position);
          return result;
        } catch (error) {
          markFailure(span, error, true);
          throw error;
        } finally {
          span.end();
        }
      },
    );
}

/**
 * The projector's hook around applying one batch: a consumer span per traced event (up to
 * MAX_TRACED_EVENTS_PER_BATCH), each a child of the append that wrote the event, lasting as long as
 * the batch's read-model transaction in which the event was applied.
 */
export function traceProjectorBatch<T>(batch: readonly RecordedEvent[], apply: () => T): T {
  const spans: Span[] = [];
  for (const event of batch) {
    if (spans.length >= MAX_TRACED_EVENTS_PER_BATCH) break;
    const parent = spanContextOf(event.metadata.traceparent);
    if (parent === undefined) continue;
    spans.push(
      tracer().startSpan(
        `project ${event.type}`,
        {
          kind: SpanKind.CONSUMER,
          attributes: {
            'praktijklus.event.type': event.type,
            'praktijklus.stream.id': event.streamId,
            'praktijklus.position': event.position,
            'praktijklus.batch.size': batch.length,
          },
        },
        trace.setSpanContext(ROOT_CONTEXT, parent),
      ),
    );
  }
  if (spans.length === 0) return apply();
  try {
    return apply();
  } catch (error) {
    for (const span of spans) markFailure(span, error, true);
    throw error;
  } finally {
    for (const span of spans) span.end();
  }
}

/** `signal-<uuid>` → `signal`: span names stay few, the stream itself is an attribute. */
function streamCategory(streamId: string): string {
  const dash = streamId.indexOf('-');
  return dash > 0 ? streamId.slice(0, dash) : streamId;
}

/** The error's class and stable code, never its message. */
function markFailure(span: Span, error: unknown, failed: boolean): void {
  const name = error instanceof Error ? error.name : typeof error;
  const code =
    typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string'
      ? error.code
      : undefined;
  span.setAttribute('error.type', code ?? name);
  if (failed) span.setStatus({ code: SpanStatusCode.ERROR, message: name });
}
