/*
 * Imported first by main.ts, before Nest, Fastify or http are loaded, so the OpenTelemetry SDK can
 * instrument them. With OTEL_EXPORTER_OTLP_ENDPOINT unset nothing of the SDK is loaded at all. The
 * variables are read here directly (the settings module loads Nest): libs/config parses the same
 * ones, refuses a malformed endpoint at start-up and documents them.
 */
type SdkModule = typeof import('./tracing/sdk');

interface StartedTracing {
  shutdown(): Promise<void>;
}

function startTracing(env: NodeJS.ProcessEnv): StartedTracing | undefined {
  const endpoint = env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim();
  if (endpoint === undefined || endpoint === '') return undefined;
  const { startSdk } = module.require('./tracing/sdk') as SdkModule;
  return startSdk(env.OTEL_SERVICE_NAME?.trim() || 'praktijklus');
}

const started = startTracing(process.env);

/** Sends the spans still buffered; the application calls it as it shuts down. */
export async function shutdownTracing(): Promise<void> {
  await started?.shutdown();
}
