import type { IncomingMessage } from 'node:http';
import { EventStoreDBInstrumentation } from '@eventstore/opentelemetry';
import { FastifyOtelInstrumentation } from '@fastify/otel';
import type { Attributes } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { NodeSDK } from '@opentelemetry/sdk-node';

/** Probes and scrapes, asked every few seconds, would drown the traces worth reading. */
const UNTRACED_PATHS = /^\/(metrics|health|ready)\/?(\?|$)/;

/**
 * The OpenTelemetry SDK for traces only (metrics are prom-client's, logs pino's): HTTP, Fastify and
 * the EventStoreDB client instrumented, spans sent as OTLP/HTTP JSON to `<endpoint>/v1/traces`.
 * Loaded by ../tracing.ts only when OTEL_EXPORTER_OTLP_ENDPOINT is set.
 */
export function startSdk(serviceName: string): NodeSDK {
  const sdk = new NodeSDK({
    serviceName,
    traceExporter: new OTLPTraceExporter(),
    metricReaders: [],
    logRecordProcessors: [],
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (request) => UNTRACED_PATHS.test(request.url ?? ''),
        startIncomingSpanHook: withoutPersonalData,
        // The OTLP exporter's own requests would otherwise be traced, and traced again.
        requireParentforOutgoingSpans: true,
      }),
      // The request and its route handler; a span for every security and logging hook is noise.
      new FastifyOtelInstrumentation({
        registerOnInitialization: true,
        instrumentHooks: false,
        ignorePaths: ({ url }) => UNTRACED_PATHS.test(url),
        // Its `url.path` is the raw URL, query string and all; an exception's message may quote input.
        requestHook: (span, request) => span.setAttribute('url.path', request.url.split('?')[0]),
        recordExceptions: false,
      }),
      new EventStoreDBInstrumentation(),
    ],
  });
  sdk.start();
  return sdk;
}

/**
 * A query string may hold search text and an address or user agent points at a person: the span
 * keeps the parameter names only, and no client address or user agent.
 */
function withoutPersonalData(request: IncomingMessage): Attributes {
  const query = (request.url ?? '').split('?')[1];
  const names = query === undefined ? [] : [...new Set(new URLSearchParams(query).keys())];
  return {
    'url.query': names.length === 0 ? undefined : names.map((name) => `${name}=REDACTED`).join('&'),
    'client.address': undefined,
    'network.peer.address': undefined,
    'network.peer.port': undefined,
    'user_agent.original': undefined,
  };
}
